/**
 * What an attacker tried against the broker (issue 9, items 1–7), each answered: in-process, the broker's
 * own handler with the local API simulator as its upstream.
 * Run: node --import tsx --test broker/hardening.node.test.ts
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, MOSAIC_CLIENT_ID, MOSAIC_CLIENT_SECRET, PARENT_BRAND_ID, USERS } from '../demo/simulator/index.ts';
import { BROKER_URL, brokerHarness, testBrokerConfig, withHeaders, type BrokerHarness } from '../test/helpers/broker.ts';
import { Hono } from 'hono';
import { createHttpClient } from '../core/http.ts';
import { systemClock } from '../core/deps.ts';
import { CALLER_CACHE, callerChecks, type BrokerEnv } from './context.ts';
import { json, MAX_BODY_BYTES } from './http.ts';
import { createBroker, type BrokerOptions } from './index.ts';
import { maskEmail } from './log.ts';

const TOKEN_PATH = `/brands/${CHILD_BRAND_ID}/chatbots/listing-assistant/token`;
const CHATBOTS = `/brands/${CHILD_BRAND_ID}/chatbots`;

let h: BrokerHarness;
/** A harness whose callers' addresses come from an `x-test-address` header (no socket in-process). */
const harness = (broker: Omit<BrokerOptions, 'fetch' | 'clock' | 'logger' | 'basePath'> = {}) =>
  brokerHarness({ broker: { clientAddress: (request) => request.headers.get('x-test-address') ?? undefined, ...broker } });

beforeEach(() => {
  h = harness();
});

async function accessToken(email: string = USERS.agent.email): Promise<string> {
  const reply = await h.call('POST', '/oauth2/token', { body: { grant_type: 'password', client_id: CLIENT_ID, username: email, password: DEMO_PASSWORD } });
  assert.equal(reply.status, 200, reply.text);
  return reply.body.access_token;
}

const simCalls = (path: string) => h.log().filter((line) => line.endsWith(path)).length;

/** A body of `total` bytes made on demand, counting what the broker pulled from it. */
function countingStream(total: number, chunk = 64 * 1024): { stream: ReadableStream<Uint8Array>; pulled(): number } {
  let pulled = 0;
  const block = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += block.byteLength;
      controller.enqueue(block);
    },
  });
  return { stream, pulled: () => pulled };
}

describe('item 1: bodies are bounded in bytes while they are read', () => {
  it('answers 413 to 16,000 "€" (48,000 bytes, 16,000 characters)', async () => {
    const body = JSON.stringify({ grant_type: 'password', username: 'a@example.com', password: '€'.repeat(16_000) });
    assert.ok(body.length < MAX_BODY_BYTES && new TextEncoder().encode(body).byteLength > MAX_BODY_BYTES);
    const reply = await h.call('POST', '/oauth2/token', { body });
    assert.equal(reply.status, 413);
    assert.equal(reply.body.code, 'PayloadTooLarge');
    assert.equal(h.upstream.length, 0);
  });

  it('stops reading a chunked (length-less) upload at the limit and answers 413 at once', async () => {
    for (const path of ['/oauth2/token', TOKEN_PATH]) {
      const body = countingStream(64 * 1024 * 1024);
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${path === '/oauth2/token' ? 'x' : await accessToken()}` };
      const request = new Request(BROKER_URL + path, { method: 'POST', headers, body: body.stream, duplex: 'half' } as RequestInit);
      const response = await h.broker.handle(withHeaders(request, headers));
      assert.equal(response.status, 413, path);
      // At most the limit and one chunk (plus what the stream queued ahead) were read: not 64 MB.
      assert.ok(body.pulled() <= MAX_BODY_BYTES + 3 * 64 * 1024, `${path}: pulled ${body.pulled()} bytes`);
    }
  });

  it('answers 413 to a Content-Length over the limit before asking anyone', async () => {
    const reply = await h.call('POST', TOKEN_PATH, { token: 'forged', body: '{}', headers: { 'content-length': String(MAX_BODY_BYTES + 1) } });
    assert.equal(reply.status, 413);
    assert.equal(h.log().length, 0);
  });

  it('answers 400 to a body that is not UTF-8', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}
    const headers = { 'content-type': 'application/json' };
    const response = await h.broker.handle(withHeaders(new Request(`${BROKER_URL}/oauth2/token`, { method: 'POST', headers, body: bytes }), headers));
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_request');
  });
});

describe('item 2: password guessing is throttled', () => {
  const guess = (username: string, address = '198.51.100.7', password = 'wrong') =>
    h.call('POST', '/oauth2/token', { body: { grant_type: 'password', username, password }, headers: { 'x-test-address': address } });

  it('refuses the 11th failed sign-in for one account with 429 and Retry-After, without asking Rechat', async () => {
    for (let i = 0; i < 10; i++) assert.equal((await guess(USERS.agent.email)).status, 400);
    const refused = await guess(USERS.agent.email.toUpperCase(), '203.0.113.9'); // same account, another address
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '900');
    assert.deepEqual(refused.body, { http: 429, code: 'TooManyAttempts', message: 'Too many attempts. Try again in 15 minutes.' });
    assert.equal(simCalls('/oauth2/token'), 10);
    // Even the right password waits: the guesser must not learn it was right.
    assert.equal((await guess(USERS.agent.email, '203.0.113.9', DEMO_PASSWORD)).status, 429);
    // Another account is not locked by it.
    assert.equal((await guess(USERS.admin.email, '203.0.113.9', DEMO_PASSWORD)).status, 200);
  });

  it('counts a burst of parallel guesses before any is answered: 500 guesses reach Rechat 10 times', async () => {
    const replies = await Promise.all(Array.from({ length: 500 }, () => guess(USERS.agent.email)));
    const statuses = replies.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 400).length, 10);
    assert.equal(statuses.filter((s) => s === 429).length, 490);
    assert.equal(simCalls('/oauth2/token'), 10);
  });

  it('a success resets the account count', async () => {
    for (let i = 0; i < 9; i++) await guess(USERS.agent.email);
    assert.equal((await guess(USERS.agent.email, undefined, DEMO_PASSWORD)).status, 200);
    for (let i = 0; i < 10; i++) assert.equal((await guess(USERS.agent.email)).status, 400);
    assert.equal((await guess(USERS.agent.email)).status, 429);
  });

  it('limits failed sign-ins per client address, across accounts', async () => {
    for (let i = 0; i < 100; i++) assert.equal((await guess(`user${i}@example.com`)).status, 400);
    const refused = await guess('someone-else@example.com');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '3600');
    assert.equal(refused.body.message, 'Too many attempts. Try again in 60 minutes.');
    // Another address is not affected.
    assert.equal((await guess(USERS.agent.email, '192.0.2.44', DEMO_PASSWORD)).status, 200);
  });

  it('limits chatbot tokens per agent', async () => {
    const token = await accessToken();
    for (let i = 0; i < 30; i++) assert.equal((await h.call('POST', TOKEN_PATH, { token, body: {} })).status, 200, `launch ${i + 1}`);
    const refused = await h.call('POST', TOKEN_PATH, { token, body: {} });
    assert.equal(refused.status, 429);
    assert.match(refused.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.equal(refused.body.code, 'TooManyRequests');
    assert.equal(simCalls('/xenioo/sso/authorize'), 30);
    // Another agent is not affected.
    assert.equal((await h.call('POST', TOKEN_PATH, { token: await accessToken(USERS.admin.email), body: {} })).status, 200);
  });
});

describe('item 3: only JSON reaches a route', () => {
  it('answers 415 to a cross-site form (text/plain, urlencoded, multipart) or a body without a type', async () => {
    const token = await accessToken();
    const before = h.log().length;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'text/json', undefined]) {
      for (const [path, auth] of [['/oauth2/token', undefined], [TOKEN_PATH, token]] as const) {
        const body = '{"grant_type":"password","username":"a","password":"b"}';
        // No type at all: a body announced by its length alone (the harness would add a JSON type).
        const headers: Record<string, string> = type ? { 'content-type': type } : { 'content-length': String(body.length), ...(auth ? { authorization: `Bearer ${auth}` } : {}) };
        const response = type
          ? await h.call('POST', path, { token: auth, body, headers })
          : await h.broker.handle(withHeaders(new Request(BROKER_URL + path, { method: 'POST', body }), headers)).then(async (r) => ({ status: r.status, body: await r.json() }));
        assert.equal(response.status, 415, `${path} ${type}`);
        assert.deepEqual(response.body, { http: 415, code: 'UnsupportedMediaType', message: 'Only application/json request bodies are accepted.' });
      }
    }
    assert.equal(h.log().length, before); // nothing reached Rechat or Xenioo
    // JSON with parameters is JSON.
    const ok = await h.call('POST', TOKEN_PATH, { token, body: {}, headers: { 'content-type': 'application/json; charset=utf-8' } });
    assert.equal(ok.status, 200);
  });
});

describe('item 4: the broker writes its own responses', () => {
  const EXPECTED = {
    'content-type': 'application/json; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  };

  it('re-serialises what Rechat sent: an echoing HTML page is never passed on', async () => {
    const echo = '<script>document.title="pwned"</script>';
    for (const [status, type, body] of [
      [200, 'text/html', `<html>${echo}</html>`],
      [400, 'text/html', `<p>bad username ${echo}</p>`],
      [400, 'application/json', JSON.stringify({ error: 'invalid_grant', error_description: 'x', injected: echo })],
      [200, 'application/json', JSON.stringify({ access_token: 'a'.repeat(20), refresh_token: 'r'.repeat(20), expires_in: 3600, injected: echo })],
    ] as const) {
      const broker = createBroker(testBrokerConfig(), {
        fetch: async () => new Response(body, { status, headers: { 'content-type': type, 'x-upstream': 'yes' } }),
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      });
      const headers = { 'content-type': 'application/json' };
      const response = await broker.handle(
        withHeaders(new Request('https://b.test/oauth2/token', { method: 'POST', headers, body: JSON.stringify({ grant_type: 'password', username: 'a', password: 'b' }) }), headers),
      );
      const text = await response.text();
      assert.ok(!text.includes('<script>'), `${status} ${type}: ${text}`);
      assert.doesNotThrow(() => JSON.parse(text));
      for (const [name, value] of Object.entries(EXPECTED)) assert.equal(response.headers.get(name), value, `${status} ${type}: ${name}`);
      assert.equal(response.headers.get('x-upstream'), null);
      assert.equal(response.status, status === 200 && type === 'text/html' ? 502 : status);
    }
  });

  it('puts the headers on every answer: success, errors, preflight, unknown paths, outside the base path', async () => {
    const token = await accessToken();
    const replies = [
      await h.call('GET', '/health'),
      await h.call('GET', CHATBOTS, { token }),
      await h.call('GET', CHATBOTS, { token: 'forged' }),
      await h.call('GET', '/nope'),
      await h.call('POST', '/oauth2/token', { body: { grant_type: 'x' } }),
      await h.call('POST', '/oauth2/token', { body: 'x', headers: { 'content-type': 'text/plain' } }),
      await h.call('OPTIONS', CHATBOTS, { origin: 'https://intranet.example', headers: { 'access-control-request-method': 'GET' } }),
    ];
    const outside = await h.broker.handle(new Request('https://broker.test/elsewhere'));
    for (const reply of [...replies, { status: outside.status, headers: outside.headers }]) {
      for (const [name, value] of Object.entries(EXPECTED)) assert.equal(reply.headers.get(name), value, `${reply.status}: ${name}`);
    }
  });
});

describe('item 5: no 500 from input', () => {
  it('answers 400 unsupported_grant_type to prototype keys', async () => {
    for (const grant of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf']) {
      const reply = await h.call('POST', '/oauth2/token', { body: `{"grant_type":${JSON.stringify(grant)},"username":"a","password":"b"}` });
      assert.equal(reply.status, 400, grant);
      assert.equal(reply.body.error, 'unsupported_grant_type', grant);
    }
    assert.equal(h.upstream.length, 0);
    assert.ok(!h.logs.some((line) => line.startsWith('error:')), h.logs.join('\n'));
  });
});

describe('item 6: logs leak nothing', () => {
  it('redacts bearer and refresh tokens an upstream echoes, and masks emails', async () => {
    const token = await accessToken();
    const refresh = (await h.call('POST', '/oauth2/token', { body: { grant_type: 'password', username: USERS.agent.email, password: DEMO_PASSWORD } })).body.refresh_token as string;
    // Rechat echoes the Authorization header, and the bare token, in its error message.
    h.sim.faults.inject({ kind: 'body', status: 500, body: { message: `bad header Authorization: Bearer ${token}; token ${token}` }, match: '/users/self' });
    await h.call('GET', CHATBOTS, { token });
    // Its token endpoint echoes the refresh token it was sent, bare.
    h.sim.faults.inject({ kind: 'body', status: 503, body: { message: `cannot rotate ${refresh}` }, match: '/oauth2/token' });
    await h.call('POST', '/oauth2/token', { body: { grant_type: 'refresh_token', refresh_token: refresh } });
    // Xenioo names the agent in its error.
    h.sim.faults.inject({ kind: 'body', status: 500, body: { message: `Team member ${USERS.agent.email} not found` }, match: '/xenioo/' });
    await h.call('POST', TOKEN_PATH, { token, body: {} });
    const log = h.logs.join('\n');
    assert.ok(h.logs.filter((line) => line.startsWith('warn:')).length >= 3, log);
    for (const leak of [token, refresh, USERS.agent.email]) assert.ok(!log.includes(leak), `leaked in:\n${log}`);
    assert.match(log, /Bearer \[redacted\]/);
    assert.match(log, /cannot rotate \[redacted\]/);
    assert.ok(log.includes(maskEmail(USERS.agent.email)), log);
    assert.equal(maskEmail('alex.agent@example.com'), 'a***@example.com');
  });
});

describe('item 7: no amplification', () => {
  it('asks Rechat once about a forged token, however Rechat fails', async () => {
    for (const fault of [{ kind: 'status', status: 503, count: 5 }, { kind: 'offline', count: 5 }] as const) {
      h = harness();
      h.sim.faults.inject({ ...fault, match: '/users/self' });
      const reply = await h.call('POST', TOKEN_PATH, { token: 'forged', body: {} });
      assert.equal(reply.status, 502, fault.kind);
      assert.equal(h.upstream.filter((c) => c.url.endsWith('/users/self')).length, 1, fault.kind);
    }
  });

  it('asks Rechat once about brand membership and admin rights, however Rechat fails', async () => {
    const config = { ...testBrokerConfig(), mosaic: { apiBase: 'https://rechat.sim.test/api/mosaic', clientId: MOSAIC_CLIENT_ID, clientSecret: MOSAIC_CLIENT_SECRET, adminBrand: PARENT_BRAND_ID } };
    h = brokerHarness({ config });
    const token = await accessToken(USERS.admin.email);
    for (const path of [CHATBOTS, '/admin/mosaic/groups']) {
      const before = simCalls('/users/self/brands');
      h.sim.faults.inject({ kind: 'status', status: 503, count: 5, match: '/users/self/brands' });
      const reply = await h.call('GET', path, { token });
      assert.equal(reply.status, 502, path);
      assert.equal(simCalls('/users/self/brands') - before, 1, path);
      h.sim.faults.clear();
    }
  });

  it("passes a Rechat 429 on at once, as a 429 with Rechat's Retry-After", async () => {
    const token = await accessToken();
    h.sim.faults.inject({ kind: 'status', status: 429, retryAfter: 6, count: 5, match: '/users/self' });
    const reply = await h.call('GET', CHATBOTS, { token });
    assert.equal(reply.status, 429);
    assert.equal(reply.headers.get('retry-after'), '6');
    assert.equal(reply.body.code, 'TooManyRequests');
    assert.equal(simCalls('/users/self'), 1);
    assert.deepEqual(h.clock.sleeps, []); // nobody was held
  });

  it('checks a bearer token once for a burst of chatbot launches, and again after a minute', async () => {
    const token = await accessToken();
    const replies = await Promise.all(Array.from({ length: 8 }, () => h.call('POST', TOKEN_PATH, { token, body: {} })));
    assert.deepEqual(replies.map((r) => r.status), Array(8).fill(200));
    assert.equal(simCalls('/users/self'), 1);
    h.clock.advance(59_000);
    await h.call('GET', CHATBOTS, { token });
    assert.equal(simCalls('/users/self'), 1);
    h.clock.advance(2_000);
    await h.call('GET', CHATBOTS, { token });
    assert.equal(simCalls('/users/self'), 2);
    // A refusal is not kept: each forged call is asked (once).
    await h.call('GET', CHATBOTS, { token: 'forged' });
    await h.call('GET', CHATBOTS, { token: 'forged' });
    assert.equal(simCalls('/users/self'), 4);
  });

  it(`keeps at most ${CALLER_CACHE.maxEntries} checked tokens, oldest out first`, async () => {
    // A Rechat stand-in that knows every token: only the number of questions matters here.
    const asked: string[] = [];
    const rechat = createHttpClient({
      baseUrl: 'https://rechat.test',
      fetch: async (_url, init) => {
        asked.push(new Headers(init?.headers).get('authorization')!);
        return new Response(JSON.stringify({ code: 'OK', data: { id: 'u', email: 'u@example.com' } }), { headers: { 'content-type': 'application/json' } });
      },
    });
    const checks = callerChecks(rechat, { info: () => undefined, warn: () => undefined, error: () => undefined }, systemClock);
    const app = new Hono<BrokerEnv>();
    app.get('/', async (c) => json((await checks.caller(c)).user));
    const call = (token: string) => app.request('/', { headers: { authorization: `Bearer ${token}` } });
    for (let i = 0; i <= CALLER_CACHE.maxEntries; i++) assert.equal((await call(`token-${i}`)).status, 200);
    assert.equal(asked.length, CALLER_CACHE.maxEntries + 1);
    await call(`token-${CALLER_CACHE.maxEntries}`); // the newest is still known
    assert.equal(asked.length, CALLER_CACHE.maxEntries + 1);
    await call('token-0'); // the oldest was dropped to make room
    assert.equal(asked.length, CALLER_CACHE.maxEntries + 2);
  });
});
