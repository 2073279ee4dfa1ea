import { expect } from '@open-wc/testing';
import { ErrorCode, NetworkError, isSsoError } from './errors.ts';
import { createHttpClient } from './http.ts';
import { injectedFetchDiagnosis, platformDiagnosis, setHostPermissionCheck } from './network-diagnosis.ts';
import { describeError } from '../components/describe-error.ts';
import { en } from '../components/messages.ts';
import '../components/locales/en-more.ts'; // the whole English table
import { fakeClock } from '../test/helpers/clock.ts';
import { rejection } from '../test/helpers/assert.ts';
import { fetchStub, jsonResponse } from '../test/helpers/fetch-stub.ts';

const BASE = 'https://api.example.test/v1';

describe('network diagnosis', () => {
  afterEach(() => setHostPermissionCheck(undefined));

  it('a host that answers a no-cors probe refused the request (CORS); one that does not is unreachable', async () => {
    const up = fetchStub(new Response(null, { status: 404 }));
    expect(await platformDiagnosis(up.fetch)(`${BASE}/oauth2/token?x=1`)).to.equal('refused');
    // The least a server can be asked: HEAD, no credentials, without the query.
    expect(up.calls.map((c) => [c.method, c.url, c.credentials])).to.deep.equal([['HEAD', `${BASE}/oauth2/token`, 'omit']]);
    const down = fetchStub(new TypeError('Failed to fetch'));
    expect(await platformDiagnosis(down.fetch)(`${BASE}/x`)).to.equal('unreachable');
  });

  it('an injected fetch is never probed (a probe could eat a test’s faults): the reason stays unknown', async () => {
    expect(await injectedFetchDiagnosis(`${BASE}/x`)).to.equal(undefined);
    const stub = fetchStub(new TypeError('Failed to fetch'));
    const http = createHttpClient({ baseUrl: BASE, fetch: stub.fetch, clock: fakeClock(), retry: { limit: 0 } });
    const error = (await rejection(http.request({ path: '/x' }))) as NetworkError;
    expect([error.reason, error.host, stub.calls.length]).to.deep.equal([undefined, 'api.example.test', 1]);
  });

  it('without the host permission, an extension makes no request at all and says so', async () => {
    setHostPermissionCheck(async (url) => !url.startsWith(BASE));
    const stub = fetchStub(jsonResponse({ ok: true }));
    const http = createHttpClient({ baseUrl: BASE, fetch: stub.fetch, clock: fakeClock() });
    const error = (await rejection(http.request({ method: 'POST', path: '/oauth2/token', body: { password: 'p' } }))) as NetworkError;
    expect(isSsoError(error, ErrorCode.Network)).to.equal(true);
    expect(error.reason).to.equal('no-permission');
    expect(error.message).to.equal(`Network error (no-permission): POST ${BASE}/oauth2/token`);
    expect(stub.calls, 'nothing was sent to a host the agent has not allowed').to.have.length(0);
    // With the permission, the same request goes out.
    setHostPermissionCheck(async () => true);
    expect(await http.request({ method: 'POST', path: '/oauth2/token', body: { password: 'p' } })).to.deep.equal({ ok: true });
    // A check that itself fails does not block (the request may well work).
    setHostPermissionCheck(async () => Promise.reject(new Error('no permissions API here')));
    stub.answer(jsonResponse({ ok: 2 }));
    expect(await http.request({ path: '/x' })).to.deep.equal({ ok: 2 });
  });

  it('a refusal is not retried (it cannot change); an unreachable host is', async () => {
    for (const [reason, calls] of [['refused', 1], ['unreachable', 3]] as const) {
      const stub = fetchStub(new TypeError('Failed to fetch'), new TypeError('Failed to fetch'), new TypeError('Failed to fetch'));
      const http = createHttpClient({ baseUrl: BASE, fetch: stub.fetch, clock: fakeClock(), retry: { limit: 2 }, diagnose: async () => reason });
      const error = (await rejection(http.request({ path: '/x' }))) as NetworkError;
      expect([error.reason, stub.calls.length], reason).to.deep.equal([reason, calls]);
    }
  });

  it('each reason reads as a sentence that names the host', () => {
    const say = (reason?: 'offline' | 'unreachable' | 'refused' | 'no-permission') => describeError(new NetworkError('POST', 'http://127.0.0.1:5173/broker/oauth2/token', undefined, reason), 'sign-in', en);
    expect(say('no-permission')).to.equal('Cannot reach 127.0.0.1:5173: permission not granted. Allow access to it in the settings.');
    expect(say('refused')).to.equal('127.0.0.1:5173 refused this page: it does not accept requests from here. Please tell your IT team.');
    expect(say('unreachable')).to.equal('Cannot reach 127.0.0.1:5173: it did not answer. Check the address, or try again in a moment.');
    expect(say('offline')).to.equal(en.offline);
    expect(say(undefined)).to.equal(en.offline);
  });

  it('offline, a lazy chunk that failed to load reads as "offline", not "something went wrong"', () => {
    const chunk = new TypeError('Failed to fetch dynamically imported module: http://intranet.example/chunks/net.js');
    expect(describeError(chunk, 'sign-in', en)).to.equal(en.unknownError);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      expect(describeError(chunk, 'sign-in', en)).to.equal(en.offline);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine; // back to the prototype's getter
    }
    expect(navigator.onLine).to.equal(true);
  });
});
