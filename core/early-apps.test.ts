import { expect } from '@open-wc/testing';
import { requestAppsEarly, type EarlyRequest } from './early-apps.ts';
import { ValidationError } from './errors.ts';
import { sessionKey } from './keys.ts';
import { LauncherClient } from './launcher.ts';
import type { StoredTokens } from './stored-session.ts';
import { rejection } from '../test/helpers/assert.ts';
import { API_BASE, CHILD_BRAND_ID, CLIENT_ID, recordingFetch, signedInHarness, type CoreHarness, type SentCall } from '../test/helpers/core.ts';

const APPS = `/brands/${CHILD_BRAND_ID}/sso_applications`;
const TOKEN = '/oauth2/token';
const config = { apiBase: API_BASE, clientId: CLIENT_ID, brand: CHILD_BRAND_ID };

/** The agent's stored record, as the first-paint snapshot reads it. */
async function storedOf(h: CoreHarness): Promise<StoredTokens> {
  return (await h.store.get<StoredTokens>(sessionKey(CLIENT_ID, API_BASE)))!;
}

/** The agent's next visit: the request sent from the stored session, then the client built once its code has loaded. */
async function nextVisit(h: CoreHarness, calls: SentCall[] = []): Promise<{ early: EarlyRequest; client: LauncherClient }> {
  const early = requestAppsEarly(config, await storedOf(h), h.clock.now(), recordingFetch(h.sim.fetch, calls))!;
  expect(early, 'sent').to.not.equal(undefined);
  const client = new LauncherClient(config, { fetch: h.sim.fetch, clock: h.clock, store: h.store, earlyApps: early });
  return { early, client };
}

describe('the early app list request (core/early-apps.ts)', () => {
  it('is sent once, with the stored token and no cookie, and the client takes its answer instead of asking again', async () => {
    const h = await signedInHarness('agent');
    const calls: SentCall[] = [];
    const { client } = await nextVisit(h, calls);
    expect(calls.map((c) => `${c.method} ${c.url}`)).to.deep.equal([`GET ${API_BASE}${APPS}`]);
    expect(calls[0]!.headers.authorization).to.equal(`Bearer ${(await storedOf(h)).accessToken}`);

    const apps = await client.refreshApps();
    expect(apps.map((a) => a.name)).to.include('Rechat CRM');
    expect(h.count('GET', APPS)).to.equal(1); // the early request's, not a second one
    expect(await client.cachedApps()).to.deep.equal(apps);
    // Once: the next refresh asks the network.
    await client.refreshApps();
    expect(h.count('GET', APPS)).to.equal(2);
  });

  it('its answer is parsed by the core schema before it is shown or cached', async () => {
    const h = await signedInHarness('agent');
    h.sim.faults.inject({ kind: 'body', body: { code: 'OK', data: [{ id: 'x', name: 42 }], info: { count: 1, total: 1 } }, match: APPS, count: 1 });
    const { client } = await nextVisit(h);
    const error = (await rejection(client.refreshApps())) as ValidationError;
    expect(error).to.be.instanceOf(ValidationError);
    expect(error.issues[0]!.path).to.equal('data[0].name');
    expect(await client.cachedApps()).to.equal(undefined);
    expect(h.count('GET', APPS)).to.equal(1);
  });

  it('a 401 on it goes through the session refresh, then the list is asked for with the new token', async () => {
    const h = await signedInHarness('agent');
    h.sim.expireAllAccessTokens(); // the stored pair still looks good to the page
    const { client } = await nextVisit(h);
    const apps = await client.refreshApps();
    expect(apps.length).to.be.greaterThan(0);
    expect(h.log().slice(1)).to.deep.equal([`GET ${APPS}`, `POST ${TOKEN}`, `GET ${APPS}`]);
    expect(client.session.state.status).to.equal('signed-in');
    expect((await storedOf(h)).accessToken, 'rotated').to.not.equal(undefined);
  });

  it('is not taken for another token: the session asks again with its own', async () => {
    const h = await signedInHarness('agent');
    const { early } = await nextVisit(h);
    const client = new LauncherClient(config, { fetch: h.sim.fetch, clock: h.clock, store: h.store, earlyApps: { ...early, token: 'another-agents-token' } });
    await client.refreshApps();
    expect(h.count('GET', APPS)).to.equal(2);
  });

  it('is not taken for another URL', async () => {
    const h = await signedInHarness('agent');
    const { early } = await nextVisit(h);
    const client = new LauncherClient(config, { fetch: h.sim.fetch, clock: h.clock, store: h.store, earlyApps: { ...early, url: `${API_BASE}/brands/other/sso_applications` } });
    await client.refreshApps();
    expect(h.count('GET', APPS)).to.equal(2);
  });

  it('is not sent for a pair due for refresh, a pair waiting for MFA, no session, or a broker session', async () => {
    const h = await signedInHarness('agent');
    const stored = await storedOf(h);
    const calls: SentCall[] = [];
    const fetch = recordingFetch(h.sim.fetch, calls);
    const now = h.clock.now();
    expect(requestAppsEarly(config, { ...stored, expiresAt: now + 30_000 }, now, fetch), 'due').to.equal(undefined);
    expect(requestAppsEarly(config, { ...stored, mfaPending: true }, now, fetch), 'mfa').to.equal(undefined);
    expect(requestAppsEarly(config, undefined, now, fetch), 'none').to.equal(undefined);
    expect(requestAppsEarly(config, { user: stored.user, mfaPending: false }, now, fetch), 'profile only').to.equal(undefined);
    expect(requestAppsEarly({ ...config, session: 'broker' }, stored, now, fetch), 'broker').to.equal(undefined);
    expect(calls).to.deep.equal([]);
  });

  it('a failed early request is as if none was sent: the client fetches itself', async () => {
    const h = await signedInHarness('agent');
    const early: EarlyRequest = { url: `${API_BASE}${APPS}`, token: (await storedOf(h)).accessToken, response: Promise.reject(new TypeError('Failed to fetch')) };
    const client = new LauncherClient(config, { fetch: h.sim.fetch, clock: h.clock, store: h.store, earlyApps: early });
    expect((await client.refreshApps()).length).to.be.greaterThan(0);
    expect(h.count('GET', APPS)).to.equal(1);
  });

  it('an abort is not held up by an early answer that does not come', async () => {
    const h = await signedInHarness('agent');
    const early: EarlyRequest = { url: `${API_BASE}${APPS}`, token: (await storedOf(h)).accessToken, response: new Promise<Response>(() => undefined) };
    const client = new LauncherClient(config, { fetch: h.sim.fetch, clock: h.clock, store: h.store, earlyApps: early });
    const abort = new AbortController();
    const refresh = client.refreshApps({ signal: abort.signal });
    await client.session.ready;
    abort.abort(new DOMException('gone', 'AbortError'));
    expect(((await rejection(refresh)) as DOMException).name).to.equal('AbortError');
  });
});
