import { expect } from '@open-wc/testing';
import {
  ErrorCode,
  HttpError,
  MfaRequiredError,
  NetworkError,
  OAuthError,
  SessionExpiredError,
  SsoError,
  TimeoutError,
  UpstreamError,
  ValidationError,
  deserializeError,
  isSsoError,
  serializeError,
  type SerializedError,
} from './errors.ts';

/** Loads core/errors.ts a second time, inside an iframe: its classes belong to another realm. */
async function errorsFromAnotherRealm(): Promise<{ module: typeof import('./errors.ts'); frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const win = frame.contentWindow as Window & { coreErrors?: typeof import('./errors.ts') };
  const loaded = new Promise<void>((resolve, reject) => {
    win.addEventListener('core-loaded', () => resolve(), { once: true });
    win.addEventListener('error', (event) => reject(event.error ?? new Error('iframe script failed')), { once: true });
  });
  const script = win.document.createElement('script');
  script.type = 'module';
  script.textContent =
    `import * as m from ${JSON.stringify(new URL('./errors.ts', import.meta.url).href)};` +
    `window.coreErrors = m; window.dispatchEvent(new Event('core-loaded'));`;
  win.document.head.append(script);
  await loaded;
  return { module: win.coreErrors!, frame };
}

describe('errors', () => {
  describe('classes', () => {
    it('carry a stable code, a literal name, and say what failed', () => {
      const http = new HttpError(503, 'GET', 'https://api.example/brands/b/sso_applications', 'ServiceUnavailable', 'try later', 2000);
      expect(http).to.be.instanceOf(SsoError).and.instanceOf(Error);
      expect(http.name).to.equal('HttpError');
      expect(http.code).to.equal(ErrorCode.Http);
      expect(http.status).to.equal(503);
      expect(http.serverCode).to.equal('ServiceUnavailable');
      expect(http.retryAfterMs).to.equal(2000);
      expect(http.message).to.equal('Request failed with status 503: GET https://api.example/brands/b/sso_applications (try later)');
      expect(new HttpError(500, 'PUT', 'https://a/b').message).to.equal('Request failed with status 500: PUT https://a/b');

      const mfa = new MfaRequiredError('GET', 'https://a/users/self');
      expect(mfa).to.be.instanceOf(HttpError);
      expect([mfa.name, mfa.code, mfa.status, mfa.serverCode]).to.deep.equal(['MfaRequiredError', 'MFA_REQUIRED', 401, 'MFARequired']);

      const oauth = new OAuthError(400, 'POST', 'https://a/oauth2/token', 'invalid_grant', 'Invalid username or password');
      expect(oauth).to.be.instanceOf(HttpError);
      expect([oauth.name, oauth.code, oauth.error, oauth.errorDescription]).to.deep.equal([
        'OAuthError',
        'OAUTH',
        'invalid_grant',
        'Invalid username or password',
      ]);

      const timeout = new TimeoutError('GET', 'https://a/x', 1500);
      expect([timeout.name, timeout.code, timeout.timeoutMs]).to.deep.equal(['TimeoutError', 'TIMEOUT', 1500]);
      expect(timeout.message).to.equal('Request timed out after 1500 ms: GET https://a/x');

      const cause = new TypeError('Failed to fetch');
      const network = new NetworkError('GET', 'https://a/x', cause);
      expect([network.name, network.code, network.message]).to.deep.equal(['NetworkError', 'NETWORK', 'Network error: GET https://a/x']);
      expect(network.cause).to.equal(cause);

      const expired = new SessionExpiredError();
      expect([expired.name, expired.code]).to.deep.equal(['SessionExpiredError', 'SESSION_EXPIRED']);
      expect(expired.message).to.equal('Your session has expired. Please sign in again.');

      const upstream = new UpstreamError('The bot was not found', 404, 'xenioo', 'bot');
      expect([upstream.name, upstream.code, upstream.status, upstream.service]).to.deep.equal(['UpstreamError', 'UPSTREAM', 404, 'xenioo']);
    });

    it('a ValidationError names the first bad field and counts the others, and is not an HttpError', () => {
      const one = new ValidationError('response of GET https://a/x', [{ path: 'data[3].name', message: 'expected string' }]);
      expect(one.message).to.equal('Invalid response of GET https://a/x: data[3].name: expected string');
      expect(one).not.to.be.instanceOf(HttpError);
      expect(one.code).to.equal('VALIDATION');
      const many = new ValidationError('x', [
        { path: '', message: 'bad' },
        { path: 'a', message: 'b' },
        { path: 'c', message: 'd' },
      ]);
      expect(many.message).to.equal('Invalid x: (value): bad (and 2 more)');
      expect(new ValidationError('x', []).message).to.equal('Invalid x: invalid');
    });
  });

  describe('isSsoError', () => {
    it('recognises every core error, and checks the code when asked', () => {
      const all: SsoError[] = [
        new HttpError(500, 'GET', 'u'),
        new MfaRequiredError('GET', 'u'),
        new OAuthError(400, 'POST', 'u', 'invalid_grant'),
        new TimeoutError('GET', 'u', 1),
        new NetworkError('GET', 'u'),
        new ValidationError('x', []),
        new SessionExpiredError(),
        new UpstreamError('m', 500, 'mosaic'),
      ];
      for (const error of all) {
        expect(isSsoError(error), error.name).to.equal(true);
        expect(isSsoError(error, error.code), error.name).to.equal(true);
      }
      expect(isSsoError(new HttpError(500, 'GET', 'u'), ErrorCode.Network)).to.equal(false);
      // An MFA 401 is an HttpError by class, but its code is its own.
      expect(isSsoError(new MfaRequiredError('GET', 'u'), ErrorCode.Http)).to.equal(false);
    });

    it('rejects what is not a core error', () => {
      const notOurs: unknown[] = [
        undefined,
        null,
        0,
        'NETWORK',
        new Error('x'),
        new TypeError('Failed to fetch'),
        Object.assign(new Error('socket'), { code: 'ECONNRESET' }),
        { code: 'NETWORK' },
        { code: 'NETWORK', message: 'm' },
        { code: 'NETWORK', name: 'NetworkError' },
        { code: 'NETWORK', name: 'NetworkError', message: 5 },
        { code: 'UNKNOWN', name: 'Error', message: 'm' },
        { code: 42, name: 'Error', message: 'm' },
        [ErrorCode.Http],
      ];
      for (const value of notOurs) expect(isSsoError(value), JSON.stringify(value) ?? String(value)).to.equal(false);
    });

    it('works across realms: an error-like plain object (as sent over a message channel)', () => {
      const plain: unknown = JSON.parse(JSON.stringify({ name: 'NetworkError', code: 'NETWORK', message: 'Network error: GET https://a/x' }));
      expect(isSsoError(plain)).to.equal(true);
      expect(isSsoError(plain, ErrorCode.Network)).to.equal(true);
      expect(isSsoError(plain, ErrorCode.Timeout)).to.equal(false);
      expect(plain instanceof SsoError).to.equal(false);
    });

    it("works across realms: a core error made by another copy of the core, in an iframe's realm", async () => {
      const { module: other, frame } = await errorsFromAnotherRealm();
      try {
        const foreign: unknown = new other.NetworkError('GET', 'https://a/x');
        // Proof that the realm differs: instanceof fails, both for our classes and for Error.
        expect(foreign instanceof NetworkError).to.equal(false);
        expect(foreign instanceof Error).to.equal(false);
        expect(isSsoError(foreign)).to.equal(true);
        expect(isSsoError(foreign, ErrorCode.Network)).to.equal(true);
        const foreignHttp: unknown = new other.HttpError(429, 'GET', 'https://a/x', undefined, undefined, 3000);
        expect(isSsoError(foreignHttp, ErrorCode.Http)).to.equal(true);
        expect(serializeError(foreignHttp)).to.deep.equal({
          name: 'HttpError',
          code: 'HTTP_ERROR',
          message: 'Request failed with status 429: GET https://a/x',
          status: 429,
        });
        // And the other way round: the iframe's guard accepts our errors.
        expect(other.isSsoError(new TimeoutError('GET', 'u', 5), 'TIMEOUT')).to.equal(true);
        expect(other.isSsoError(new (frame.contentWindow as unknown as typeof globalThis).Error('plain'))).to.equal(false);
      } finally {
        frame.remove();
      }
    });
  });

  describe('serializeError / deserializeError', () => {
    const cases: SsoError[] = [
      new HttpError(403, 'POST', 'https://a/brands/b/sso_applications', 'Forbidden', 'Only brand admins may change apps'),
      new MfaRequiredError('GET', 'https://a/users/self'),
      new OAuthError(401, 'POST', 'https://a/oauth2/token', 'invalid_client', 'Unknown client'),
      new TimeoutError('GET', 'https://a/x', 15000),
      new NetworkError('GET', 'https://a/x', new TypeError('Failed to fetch')),
      new NetworkError('POST', 'http://127.0.0.1:5173/broker/oauth2/token', undefined, 'no-permission'),
      new ValidationError('verification code', [{ path: 'token', message: 'the code must be 6 digits' }]),
      new SessionExpiredError(),
      new UpstreamError('Bot not found', 404, 'xenioo'),
    ];

    it('round-trips every core error through a structured clone and through JSON, keeping name, code, message and status', () => {
      for (const original of cases) {
        const serialized = serializeError(original);
        const expected: SerializedError = { name: original.name, code: original.code, message: original.message };
        const status = (original as { status?: number }).status;
        if (status !== undefined) expected.status = status;
        // A network error's reason and host travel too: the popup names the host the background could not reach.
        const { reason, host } = original as { reason?: string; host?: string };
        if (reason !== undefined) expected.reason = reason;
        if (host !== undefined) expected.host = host;
        expect(serialized, original.name).to.deep.equal(expected);
        for (const carried of [structuredClone(serialized), JSON.parse(JSON.stringify(serialized)) as SerializedError]) {
          const rebuilt = deserializeError(carried);
          expect(rebuilt).to.be.instanceOf(Error);
          expect(rebuilt.name).to.equal(original.name);
          expect(rebuilt.message).to.equal(original.message);
          expect(isSsoError(rebuilt, original.code), original.name).to.equal(true);
          expect((rebuilt as { status?: number }).status).to.equal(status);
          expect((rebuilt as { reason?: string }).reason).to.equal(reason);
          expect(serializeError(rebuilt)).to.deep.equal(serialized);
        }
      }
    });

    it('serialises foreign errors and thrown non-errors with the UNKNOWN code, which is not a core error', () => {
      expect(serializeError(new TypeError('boom'))).to.deep.equal({ name: 'TypeError', code: 'UNKNOWN', message: 'boom' });
      expect(serializeError('just a string')).to.deep.equal({ name: 'Error', code: 'UNKNOWN', message: 'just a string' });
      expect(serializeError(undefined)).to.deep.equal({ name: 'Error', code: 'UNKNOWN', message: 'undefined' });
      expect(isSsoError(deserializeError(serializeError(new TypeError('boom'))))).to.equal(false);
    });

    it('does not carry the cause (which could hold a request) across the boundary', () => {
      const serialized = serializeError(new NetworkError('GET', 'https://a/x', { headers: { authorization: 'Bearer secret-token' } }));
      expect(JSON.stringify(serialized)).not.to.contain('secret-token');
    });
  });
});
