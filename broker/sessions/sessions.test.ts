// Broker sessions' parts, in Chromium: the AES-GCM sealing, the in-memory store and its lock, the CSRF
// checks, the API allow-list, the cookie's shape and the configuration. The whole flow (cookies, Redis,
// a real page) is in test/e2e/broker-sessions.test.ts and test/e2e/broker-redis.test.ts.
// Run: npx wtr --files broker/sessions/sessions.test.ts
import { expect } from '@open-wc/testing';
import type { Context } from 'hono';
import { BrokerConfigError, configFromEnv, configSecrets, parseBrokerConfig } from '../config.ts';
import { findAllowedCall } from '../api-proxy.ts';
import { BrokerError } from '../http.ts';
import { decodeSessionKey } from './config.ts';
import { cookieShape, readSessionCookie, sessionCookie } from './cookie.ts';
import { createSessionCipher, randomSessionId, SessionDecryptError, storageId } from './crypto.ts';
import { checkCsrf } from './csrf.ts';
import { memorySessionStore, type SessionRecord } from './store.ts';
import { testBrokerConfig } from '../../test/helpers/broker.ts';

const KEY = 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=';

/** Just enough of a Hono context for the cookie and CSRF checks. */
function fakeContext(url: string, method: string, headers: Record<string, string>): Context {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { req: { url, method, header: (name: string) => lower[name.toLowerCase()] } } as unknown as Context;
}

function refusal(run: () => void): BrokerError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof BrokerError) return error;
    throw error;
  }
}

describe('broker sessions: sealing', () => {
  it('opens what it sealed, and nothing sealed under another key name or tampered with', async () => {
    const cipher = await createSessionCipher(decodeSessionKey(KEY)!);
    const sealed = await cipher.seal('{"accessToken":"secret-access"}', 'sso-launcher:session:a');
    expect(sealed).to.match(/^v1\.[\w-]{16}\.[\w-]+$/);
    expect(sealed).not.to.include('secret-access');
    expect(await cipher.open(sealed, 'sso-launcher:session:a')).to.equal('{"accessToken":"secret-access"}');
    let error: unknown;
    try {
      await cipher.open(sealed, 'sso-launcher:session:b');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(SessionDecryptError);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    error = undefined;
    try {
      await cipher.open(flipped, 'sso-launcher:session:a');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(SessionDecryptError);
    const other = await createSessionCipher(crypto.getRandomValues(new Uint8Array(32)));
    error = undefined;
    try {
      await other.open(sealed, 'sso-launcher:session:a');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(SessionDecryptError);
  });

  it('gives each seal a fresh IV, and session ids of 32 random bytes whose store key is their hash', async () => {
    const cipher = await createSessionCipher(decodeSessionKey(KEY)!);
    expect(await cipher.seal('x', 'k')).not.to.equal(await cipher.seal('x', 'k'));
    const id = randomSessionId();
    expect(id).to.match(/^[\w-]{43}$/);
    expect(randomSessionId()).not.to.equal(id);
    expect(await storageId(id)).to.match(/^[\w-]{43}$/);
    expect(await storageId(id)).not.to.equal(id);
  });

  it('takes a 32-byte key in base64 or base64url, and nothing else', () => {
    expect(decodeSessionKey(KEY)).to.have.length(32);
    expect(decodeSessionKey(KEY.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))).to.have.length(32);
    expect(decodeSessionKey('c2hvcnQ=')).to.equal(undefined);
    expect(decodeSessionKey('not base64!')).to.equal(undefined);
  });
});

describe('broker sessions: the in-memory store', () => {
  const record = (refreshToken: string): SessionRecord => ({
    accessToken: 'a',
    refreshToken,
    expiresAt: 0,
    lifetimeMs: 1,
    mfaPending: false,
    createdAt: 0,
    absoluteExpiresAt: 0,
    lastSeenAt: 0,
  });

  it('forgets a record at its time to live, and hands out copies', async () => {
    let now = 1_000;
    const store = memorySessionStore(() => now);
    await store.set('k', record('r1'), 500);
    const got = (await store.get('k'))!;
    got.refreshToken = 'changed';
    expect((await store.get('k'))!.refreshToken).to.equal('r1');
    now += 499;
    expect(await store.get('k')).not.to.equal(undefined);
    now += 1;
    expect(await store.get('k')).to.equal(undefined);
  });

  it('runs one lock holder at a time per session, in order, and goes on after a failure', async () => {
    const store = memorySessionStore();
    const events: string[] = [];
    const task = (name: string, fail = false) => async () => {
      events.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name} out`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([store.withLock('k', task('a', true)), store.withLock('k', task('b')), store.withLock('other', task('c'))]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'fulfilled', 'fulfilled']);
    expect(events.indexOf('b in')).to.be.greaterThan(events.indexOf('a out'));
    expect(events.indexOf('c in')).to.be.lessThan(events.indexOf('a out'));
  });
});

describe('broker sessions: CSRF checks', () => {
  const allowed = new Set(['https://intranet.example']);
  const broker = 'https://broker.example/broker/api/users/self/mfa/setup';
  const ok = { 'x-sso-launcher': '1', origin: 'https://intranet.example', 'content-type': 'application/json', 'content-length': '2' };

  it('lets the element through: its header, an allowed or its own origin, JSON', () => {
    expect(refusal(() => checkCsrf(fakeContext(broker, 'POST', ok), allowed))).to.equal(undefined);
    expect(refusal(() => checkCsrf(fakeContext(broker, 'POST', { ...ok, origin: 'https://broker.example' }), allowed))).to.equal(undefined);
    expect(refusal(() => checkCsrf(fakeContext(broker, 'GET', { 'x-sso-launcher': '1' }), allowed))).to.equal(undefined);
    expect(refusal(() => checkCsrf(fakeContext(broker, 'DELETE', { 'x-sso-launcher': '1', origin: 'https://intranet.example' }), allowed))).to.equal(undefined);
  });

  it('refuses a missing header, another origin, no origin on a POST, a cross-site fetch, and a body that is not JSON', () => {
    const cases: Array<[string, Record<string, string>, number]> = [
      ['GET', {}, 403],
      ['POST', { ...ok, 'x-sso-launcher': '' }, 403],
      ['POST', { ...ok, origin: 'https://evil.example' }, 403],
      ['GET', { 'x-sso-launcher': '1', origin: 'https://intranet.example.evil.example' }, 403],
      ['POST', { 'x-sso-launcher': '1', 'content-type': 'application/json' }, 403],
      ['POST', { ...ok, 'sec-fetch-site': 'cross-site' }, 403],
      ['POST', { ...ok, 'content-type': 'text/plain' }, 415],
      ['PUT', { ...ok, 'content-type': 'multipart/form-data; boundary=x' }, 415],
      ['POST', { ...ok, 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ];
    for (const [method, headers, status] of cases) {
      expect(refusal(() => checkCsrf(fakeContext(broker, method, headers), allowed))?.status, `${method} ${JSON.stringify(headers)}`).to.equal(status);
    }
    // The icon upload alone may be multipart.
    expect(refusal(() => checkCsrf(fakeContext(broker, 'PUT', { ...ok, 'content-type': 'multipart/form-data; boundary=x' }), allowed, { multipart: true }))).to.equal(undefined);
  });
});

describe('broker sessions: the API allow-list', () => {
  it('has exactly the launcher’s and the admin tools’ calls', () => {
    const allowed: Array<[string, string]> = [
      ['GET', '/users/self'],
      ['GET', '/users/self/brands'],
      ['GET', '/brands/b1'],
      ['GET', '/brands/b1/sso_applications'],
      ['POST', '/brands/b1/sso_applications'],
      ['PUT', '/brands/b1/sso_applications/a1'],
      ['DELETE', '/brands/b1/sso_applications/a1'],
      ['PUT', '/brands/b1/sso_applications/a1/brands'],
      ['PUT', '/brands/b1/sso_applications/a1/icon'],
      ['POST', '/users/self/mfa/setup'],
      ['POST', '/users/self/mfa/verify'],
      ['POST', '/users/self/mfa/validate'],
      ['DELETE', '/users/self/mfa'],
    ];
    for (const [method, path] of allowed) expect(findAllowedCall(method, path), `${method} ${path}`).not.to.equal(undefined);
    const refused: Array<[string, string]> = [
      ['DELETE', '/users/self'],
      ['PUT', '/users/self'],
      ['GET', '/users/self/sessions'],
      ['GET', '/brands/b1/members'],
      ['POST', '/oauth2/token'],
      ['GET', '/brands/b1/sso_applications/a1/../../../users'],
      ['GET', '/brands'],
      ['POST', '/brands/b1'],
      ['GET', '/users/self/mfa/setup'],
      ['GET', '/brands/b1/sso_applications?x=1'],
    ];
    for (const [method, path] of refused) expect(findAllowedCall(method, path), `${method} ${path}`).to.equal(undefined);
  });
});

describe('broker sessions: the cookie', () => {
  const settings = { secureCookie: 'auto' as const, trustProxy: false };

  it('is __Host- on a broker of its own https origin, __Secure- under a path, plain over http', () => {
    expect(cookieShape(fakeContext('https://broker.example/session', 'GET', {}), { ...settings, basePath: '' })).to.deep.equal({ name: '__Host-sso_session', path: '/', secure: true });
    expect(cookieShape(fakeContext('https://intranet.example/broker/session', 'GET', {}), { ...settings, basePath: '/broker' })).to.deep.equal({ name: '__Secure-sso_session', path: '/broker', secure: true });
    expect(cookieShape(fakeContext('http://intranet.example/broker/session', 'GET', {}), { ...settings, basePath: '/broker' })).to.deep.equal({ name: 'sso_session', path: '/broker', secure: false });
    // Behind a TLS-terminating proxy, only when told to trust it.
    const proxied = fakeContext('http://10.0.0.5/session', 'GET', { 'x-forwarded-proto': 'https' });
    expect(cookieShape(proxied, { ...settings, basePath: '' }).secure).to.equal(false);
    expect(cookieShape(proxied, { ...settings, basePath: '', trustProxy: true }).secure).to.equal(true);
  });

  it('is HttpOnly and SameSite=Strict, and only a well-formed value of its own name is read', () => {
    const shape = { name: '__Host-sso_session', path: '/', secure: true };
    const id = randomSessionId();
    expect(sessionCookie(shape, id, 3600)).to.equal(`__Host-sso_session=${id}; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict; Secure`);
    expect(readSessionCookie(fakeContext('https://b.example/', 'GET', { cookie: `a=1; __Host-sso_session=${id}` }), shape)).to.equal(id);
    expect(readSessionCookie(fakeContext('https://b.example/', 'GET', { cookie: `sso_session=${id}` }), shape)).to.equal(undefined);
    expect(readSessionCookie(fakeContext('https://b.example/', 'GET', { cookie: '__Host-sso_session=short' }), shape)).to.equal(undefined);
  });
});

describe('broker sessions: configuration', () => {
  it('needs an encryption key with Redis, names the variables, and redacts both secrets', () => {
    let error: unknown;
    try {
      parseBrokerConfig({ ...testBrokerConfig(), redisUrl: 'redis://:pw@redis.internal:6379' });
    } catch (caught) {
      error = caught;
    }
    expect((error as BrokerConfigError).problems).to.deep.equal(['sessions.encryptionKey: required with redisUrl: sessions are encrypted at rest']);
    const config = parseBrokerConfig({ ...testBrokerConfig(), redisUrl: 'redis://:pw@redis.internal:6379', sessions: { encryptionKey: KEY, idleMinutes: 30 } });
    expect(configSecrets(config)).to.include.members([KEY, 'redis://:pw@redis.internal:6379']);
    error = undefined;
    try {
      configFromEnv({ RECHAT_API_BASE: 'https://api.example', RECHAT_CLIENT_ID: 'c', RECHAT_CLIENT_SECRET: 's3cret', REDIS_URL: 'http://nope', BROKER_SESSION_KEY: 'short', BROKER_SESSION_IDLE_MINUTES: 'soon' });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as BrokerConfigError).problems.join('\n');
    expect(problems).to.include('REDIS_URL: must be a redis:// or rediss:// URL');
    expect(problems).to.include('BROKER_SESSION_KEY: must be 32 bytes in base64');
    expect(problems).to.include('BROKER_SESSION_IDLE_MINUTES:');
    expect(problems).not.to.include('short');
  });
});
