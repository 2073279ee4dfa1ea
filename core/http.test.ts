import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import {
  ErrorCode,
  HttpError,
  MfaRequiredError,
  NetworkError,
  OAuthError,
  TimeoutError,
  ValidationError,
  isSsoError,
} from './errors.ts';
import { createHttpClient, processResponse, type HttpClientOptions } from './http.ts';
import { fakeClock } from '../test/helpers/clock.ts';
import { rejection } from '../test/helpers/assert.ts';
import { fetchStub, hang, jsonResponse, type FetchStub } from '../test/helpers/fetch-stub.ts';

const BASE = 'https://api.example.test/v1';
const Thing = z.object({ id: z.string(), n: z.number() });

function client(stub: FetchStub, options: Partial<HttpClientOptions> = {}) {
  const clock = fakeClock();
  return { http: createHttpClient({ baseUrl: BASE, fetch: stub.fetch, clock, ...options }), clock };
}

describe('http', () => {
  describe('createHttpClient', () => {
    it('refuses a base URL that is not http(s), naming the option', () => {
      for (const baseUrl of ['', 'ftp://x.example', 'api.example.com', 'javascript:alert(1)', undefined]) {
        expect(() => createHttpClient({ baseUrl: baseUrl as string })).to.throw(TypeError, '"baseUrl" must be an http(s) URL');
      }
    });

    it('joins paths to the base URL with exactly one slash, and leaves absolute URLs alone', async () => {
      const stub = fetchStub(jsonResponse({}), jsonResponse({}), jsonResponse({}));
      const http = createHttpClient({ baseUrl: BASE + '/', fetch: stub.fetch });
      await http.request({ path: '/users/self' });
      await http.request({ path: 'users/self' });
      await http.request({ path: 'https://proxy.example.test/oauth2/token' });
      expect(stub.calls.map((c) => c.url)).to.deep.equal([
        'https://api.example.test/v1/users/self',
        'https://api.example.test/v1/users/self',
        'https://proxy.example.test/oauth2/token',
      ]);
      expect(http.url('/a/b')).to.equal('https://api.example.test/v1/a/b');
    });

    it('sends JSON with its content type, asks for JSON, never sends cookies, and passes headers through', async () => {
      const stub = fetchStub(jsonResponse({ id: 'x', n: 1 }));
      const { http } = client(stub);
      const result = await http.request({ method: 'post', path: '/things', body: { a: 1 }, headers: { authorization: 'Bearer t' }, schema: Thing });
      expect(result).to.deep.equal({ id: 'x', n: 1 });
      const [call] = stub.calls;
      expect(call!.method).to.equal('POST');
      expect(call!.body).to.equal('{"a":1}');
      expect(call!.headers).to.deep.equal({ accept: 'application/json', 'content-type': 'application/json', authorization: 'Bearer t' });
      expect(call!.credentials).to.equal('omit');
    });

    it('sends FormData and Blobs as they are, letting the browser set the content type', async () => {
      const stub = fetchStub(jsonResponse({}), jsonResponse({}));
      const { http } = client(stub);
      const form = new FormData();
      form.append('icon', new Blob(['x'], { type: 'image/png' }), 'icon.png');
      await http.request({ method: 'PUT', path: '/icon', body: form });
      const blob = new Blob(['y'], { type: 'image/png' });
      await http.request({ method: 'PUT', path: '/icon', body: blob });
      expect(stub.calls[0]!.body).to.equal(form);
      expect(stub.calls[1]!.body).to.equal(blob);
      for (const call of stub.calls) expect(call.headers).not.to.have.property('content-type');
    });

    it('returns undefined for 204 and an empty body, and the raw JSON without a schema', async () => {
      const stub = fetchStub(new Response(null, { status: 204 }), new Response('', { status: 200 }), jsonResponse([1, 'two', { three: 3 }]));
      const { http } = client(stub);
      expect(await http.request({ method: 'DELETE', path: '/x' })).to.equal(undefined);
      expect(await http.request({ path: '/x' })).to.equal(undefined);
      expect(await http.request({ path: '/x' })).to.deep.equal([1, 'two', { three: 3 }]);
    });
  });

  describe('errors', () => {
    it('maps a Rechat error body to an HttpError with the server code and message', async () => {
      const stub = fetchStub(jsonResponse({ http: 403, code: 'Forbidden', message: 'Only brand admins may change apps' }, 403));
      const { http } = client(stub);
      const error = await rejection(http.request({ method: 'POST', path: '/brands/b/sso_applications', body: {} }));
      expect(error).to.be.instanceOf(HttpError);
      const e = error as HttpError;
      expect([e.status, e.serverCode, e.serverMessage, e.code]).to.deep.equal([403, 'Forbidden', 'Only brand admins may change apps', 'HTTP_ERROR']);
      expect(e.message).to.equal(`Request failed with status 403: POST ${BASE}/brands/b/sso_applications (Only brand admins may change apps)`);
    });

    it('maps an OAuth2 error body to an OAuthError, and never retries it', async () => {
      const stub = fetchStub(jsonResponse({ error: 'invalid_grant', error_description: 'Invalid username or password' }, 400));
      const { http } = client(stub);
      const error = (await rejection(http.request({ method: 'PUT', path: '/oauth2/token', body: {} }))) as OAuthError;
      expect(error).to.be.instanceOf(OAuthError);
      expect([error.status, error.error, error.errorDescription, error.code]).to.deep.equal([400, 'invalid_grant', 'Invalid username or password', 'OAUTH']);
      expect(stub.calls).to.have.length(1);
    });

    it('maps a 401 "MFA required" (by code or by message) to an MfaRequiredError', async () => {
      const stub = fetchStub(
        jsonResponse({ http: 401, code: 'MFARequired', message: 'MFA required' }, 401),
        jsonResponse({ http: 401, message: 'MFA required' }, 401),
        jsonResponse({ http: 401, code: 'Unauthorized', message: 'Access token expired' }, 401),
      );
      const { http } = client(stub);
      expect(await rejection(http.request({ path: '/users/self' }))).to.be.instanceOf(MfaRequiredError);
      expect(await rejection(http.request({ path: '/users/self' }))).to.be.instanceOf(MfaRequiredError);
      const plain = await rejection(http.request({ path: '/users/self' }));
      expect(plain).to.be.instanceOf(HttpError).and.not.instanceOf(MfaRequiredError);
      expect(isSsoError(plain, ErrorCode.Http)).to.equal(true);
    });

    it('reads the status alone from an HTML error page', async () => {
      const stub = fetchStub(new Response('<html><body>Bad gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } }));
      const { http } = client(stub);
      const error = (await rejection(http.request({ method: 'POST', path: '/x' }))) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect([error.status, error.serverCode, error.serverMessage]).to.deep.equal([502, undefined, undefined]);
    });

    it('keeps long server messages short', async () => {
      const stub = fetchStub(jsonResponse({ code: 'X'.repeat(5000), message: 'M'.repeat(5000) }, 400), jsonResponse({ error: 'e'.repeat(5000) }, 400));
      const { http } = client(stub);
      const e1 = (await rejection(http.request({ path: '/x' }))) as HttpError;
      expect(e1.serverCode).to.have.length(200);
      expect(e1.serverMessage).to.have.length(200);
      const e2 = (await rejection(http.request({ path: '/x' }))) as OAuthError;
      expect(e2.error).to.have.length(100);
    });

    it('a body that is not JSON is a ValidationError, not an HttpError', async () => {
      const stub = fetchStub(new Response('{"data": [', { status: 200 }));
      const { http } = client(stub);
      const error = (await rejection(http.request({ path: '/x', schema: Thing }))) as ValidationError;
      expect(error).to.be.instanceOf(ValidationError).and.not.instanceOf(HttpError);
      expect(error.issues).to.deep.equal([{ path: '', message: 'the body is not valid JSON' }]);
      expect(error.message).to.equal(`Invalid response of GET ${BASE}/x: (value): the body is not valid JSON`);
    });

    it('a body of the wrong shape is a ValidationError that names the field', async () => {
      const stub = fetchStub(jsonResponse({ id: 'a', n: 'one' }), new Response('', { status: 200 }));
      const { http } = client(stub);
      const error = (await rejection(http.request({ path: '/x', schema: Thing }))) as ValidationError;
      expect(error).to.be.instanceOf(ValidationError);
      expect(error.issues[0]!.path).to.equal('n');
      expect(error.message).to.equal(`Invalid response of GET ${BASE}/x: n: expected number`);
      // An empty body where data was expected is invalid too.
      expect(await rejection(http.request({ path: '/x', schema: Thing }))).to.be.instanceOf(ValidationError);
    });

    it('fetch rejecting (offline, CORS, DNS) is a NetworkError with the cause kept', async () => {
      const cause = new TypeError('Failed to fetch');
      const stub = fetchStub(cause);
      const { http } = client(stub);
      const error = (await rejection(http.request({ method: 'POST', path: '/x' }))) as NetworkError;
      expect(error).to.be.instanceOf(NetworkError);
      expect(error.cause).to.equal(cause);
      expect(error.message).to.equal(`Network error: POST ${BASE}/x`);
    });

    it('a connection lost while the body is read is a NetworkError, not an untyped TypeError', async () => {
      const broken = () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"id":'));
              controller.error(new TypeError('network error'));
            },
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      const stub = fetchStub(broken());
      const { http } = client(stub);
      const error = await rejection(http.request({ method: 'POST', path: '/x', schema: Thing }));
      expect(isSsoError(error, ErrorCode.Network), String(error)).to.equal(true);
      // As any network error, it is retried for idempotent methods.
      const retried = fetchStub(broken(), jsonResponse({ id: 'a', n: 1 }));
      const { http: http2 } = client(retried);
      expect(await http2.request({ path: '/x', schema: Thing })).to.deep.equal({ id: 'a', n: 1 });
      expect(retried.calls).to.have.length(2);
    });
  });

  describe('timeout and abort', () => {
    it('a request slower than its timeout is a TimeoutError, and the fetch is aborted', async () => {
      const stub = fetchStub(hang);
      const { http } = client(stub, { timeoutMs: 30 });
      const started = performance.now();
      const error = (await rejection(http.request({ method: 'POST', path: '/slow' }))) as TimeoutError;
      expect(error).to.be.instanceOf(TimeoutError);
      expect(error.timeoutMs).to.equal(30);
      expect(error.message).to.equal(`Request timed out after 30 ms: POST ${BASE}/slow`);
      expect(stub.calls[0]!.signal!.aborted).to.equal(true);
      expect(performance.now() - started).to.be.below(2000);
    });

    it('the per-request timeout overrides the client one', async () => {
      const stub = fetchStub(hang);
      const { http } = client(stub, { timeoutMs: 60_000 });
      const error = (await rejection(http.request({ method: 'POST', path: '/slow', timeoutMs: 20 }))) as TimeoutError;
      expect(error).to.be.instanceOf(TimeoutError);
      expect(error.timeoutMs).to.equal(20);
    });

    it('a body that stalls past the timeout is a TimeoutError too', async () => {
      const stub = fetchStub(
        (call) =>
          new Response(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('{"id":'));
                call.signal!.addEventListener('abort', () => controller.error(call.signal!.reason));
              },
            }),
            { status: 200 },
          ),
      );
      const { http } = client(stub, { timeoutMs: 30 });
      expect(await rejection(http.request({ method: 'POST', path: '/x', schema: Thing }))).to.be.instanceOf(TimeoutError);
    });

    it("the caller's abort rejects with the caller's reason and is not retried", async () => {
      const stub = fetchStub(hang, hang, hang);
      const { http } = client(stub);
      const controller = new AbortController();
      const reason = new DOMException('user left', 'AbortError');
      const pending = http.request({ path: '/x', signal: controller.signal });
      setTimeout(() => controller.abort(reason), 10);
      expect(await rejection(pending)).to.equal(reason);
      expect(stub.calls).to.have.length(1);
    });

    it('an abort during a retry wait stops the retries', async () => {
      const stub = fetchStub(jsonResponse({}, 503), jsonResponse({}, 503), jsonResponse({}, 503));
      const controller = new AbortController();
      const reason = new DOMException('stop', 'AbortError');
      const clock = {
        now: () => 0,
        sleep: (_ms: number, signal?: AbortSignal) =>
          new Promise<void>((_, reject) => {
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
            controller.abort(reason);
          }),
      };
      const http = createHttpClient({ baseUrl: BASE, fetch: stub.fetch, clock });
      expect(await rejection(http.request({ path: '/x', signal: controller.signal }))).to.equal(reason);
      expect(stub.calls).to.have.length(1);
    });
  });

  describe('retry', () => {
    it('retries a GET on 5xx with exponential backoff, then gives the HttpError to the caller', async () => {
      const stub = fetchStub(jsonResponse({}, 503), jsonResponse({}, 500), jsonResponse({ code: 'Down', message: 'still down' }, 502));
      const { http, clock } = client(stub);
      const error = (await rejection(http.request({ path: '/x' }))) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect(error.status).to.equal(502);
      expect(stub.calls).to.have.length(3);
      expect(clock.sleeps).to.deep.equal([300, 600]);
    });

    it('succeeds when a retry does', async () => {
      const stub = fetchStub(jsonResponse({}, 504), jsonResponse({ id: 'a', n: 2 }));
      const { http, clock } = client(stub);
      expect(await http.request({ method: 'PUT', path: '/x', body: {}, schema: Thing })).to.deep.equal({ id: 'a', n: 2 });
      expect(stub.calls).to.have.length(2);
      expect(stub.calls[1]!.body).to.equal('{}');
      expect(clock.sleeps).to.deep.equal([300]);
    });

    it('never retries a POST, a call with retry: false, or a status that is not transient', async () => {
      for (const [request, status] of [
        [{ method: 'POST', path: '/x' }, 503],
        [{ path: '/x', retry: false }, 503],
        [{ path: '/x' }, 400],
        [{ path: '/x' }, 403],
        [{ path: '/x' }, 404],
        [{ path: '/x' }, 401],
      ] as const) {
        const stub = fetchStub(jsonResponse({}, status), jsonResponse({}));
        const { http, clock } = client(stub);
        const error = (await rejection(http.request(request))) as HttpError;
        expect(error.status, JSON.stringify(request)).to.equal(status);
        expect(stub.calls, JSON.stringify(request)).to.have.length(1);
        expect(clock.sleeps).to.deep.equal([]);
      }
    });

    it("waits for the server's Retry-After (seconds or date) instead of the backoff", async () => {
      const clock = fakeClock();
      const stub = fetchStub(
        jsonResponse({}, 429, { 'retry-after': '2' }),
        jsonResponse({}, 503, { 'retry-after': new Date(clock.now() + 2000 + 5000).toUTCString() }),
        jsonResponse({ id: 'a', n: 3 }),
      );
      const http = createHttpClient({ baseUrl: BASE, fetch: stub.fetch, clock });
      expect(await http.request({ path: '/x', schema: Thing })).to.deep.equal({ id: 'a', n: 3 });
      // The fake clock's sleep moves time: the date is 5 s after the first wait ended.
      expect(clock.sleeps).to.deep.equal([2000, 5000]);
    });

    it('falls back to the backoff when Retry-After cannot be read', async () => {
      const stub = fetchStub(jsonResponse({}, 503, { 'retry-after': '1.5' }), jsonResponse({}, 503, { 'retry-after': 'soon' }), jsonResponse({}));
      const { http, clock } = client(stub);
      await http.request({ path: '/x' });
      expect(clock.sleeps).to.deep.equal([300, 600]);
    });

    it('gives a Retry-After longer than maxRetryAfterMs to the caller at once, with retryAfterMs', async () => {
      const stub = fetchStub(jsonResponse({ code: 'TooMany', message: 'slow down' }, 429, { 'retry-after': '60' }), jsonResponse({}));
      const { http, clock } = client(stub);
      const error = (await rejection(http.request({ path: '/x' }))) as HttpError;
      expect(error.status).to.equal(429);
      expect(error.retryAfterMs).to.equal(60_000);
      expect(stub.calls).to.have.length(1);
      expect(clock.sleeps).to.deep.equal([]);
    });

    it('retries network errors and timeouts of idempotent methods', async () => {
      const stub = fetchStub(new TypeError('Failed to fetch'), hang, jsonResponse({ id: 'b', n: 4 }));
      const { http, clock } = client(stub, { timeoutMs: 20 });
      expect(await http.request({ method: 'DELETE', path: '/x', schema: Thing })).to.deep.equal({ id: 'b', n: 4 });
      expect(stub.calls).to.have.length(3);
      expect(clock.sleeps).to.deep.equal([300, 600]);
    });

    it('does not retry a ValidationError: the request worked, the data did not', async () => {
      const stub = fetchStub(jsonResponse({ id: 1 }), jsonResponse({ id: 'a', n: 1 }));
      const { http } = client(stub);
      expect(await rejection(http.request({ path: '/x', schema: Thing }))).to.be.instanceOf(ValidationError);
      expect(stub.calls).to.have.length(1);
    });

    it('follows a custom policy', async () => {
      const stub = fetchStub(jsonResponse({}, 418), jsonResponse({}, 418), jsonResponse({}, 418), jsonResponse({}, 418));
      const { http, clock } = client(stub, { retry: { limit: 3, statusCodes: [418], backoffMs: () => 7 } });
      expect(((await rejection(http.request({ path: '/x' }))) as HttpError).status).to.equal(418);
      expect(stub.calls).to.have.length(4);
      expect(clock.sleeps).to.deep.equal([7, 7, 7]);
    });
  });

  describe('processResponse', () => {
    it('can be used alone, on any Response', async () => {
      const ok = await processResponse(jsonResponse({ id: 'a', n: 1, extra: true }), Thing, 'GET', 'https://x/y', 0);
      expect(ok).to.deep.equal({ id: 'a', n: 1 });
      const error = (await rejection(processResponse(jsonResponse({}, 503, { 'retry-after': '3' }), undefined, 'GET', 'https://x/y', 0))) as HttpError;
      expect([error.status, error.retryAfterMs]).to.deep.equal([503, 3000]);
    });
  });
});
