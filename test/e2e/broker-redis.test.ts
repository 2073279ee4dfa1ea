/**
 * Broker sessions scaled out: two broker processes (`broker/server.ts`, as `npm run broker` runs it)
 * share one real `redis-server`, started by this file on a free port without persistence and stopped
 * at the end. Requests alternate between the two brokers. Against the demo's simulator over HTTP, and
 * real Chromium for the element.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { BrokerConfig } from '../../broker/config.ts';
import { demoBrokerConfig } from '../../demo/broker.ts';
import { CHILD_BRAND_ID, DEMO_PASSWORD, USERS } from '../../demo/simulator/index.ts';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { appNames, launcher, signIn, useDemo, WAIT_MS } from './harness.ts';

const TEST = { timeout: 90_000 };
const APPS = `/api/brands/${CHILD_BRAND_ID}/sso_applications`;

const demo = useDemo();
let redis: RedisServer;
let config: BrokerConfig;
const brokers: BrokerProcess[] = [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A broker-session request as the element makes it: the cookie, the CSRF header, the page's Origin. */
async function call(base: string, method: string, path: string, cookie?: string, body?: unknown): Promise<{ status: number; body: Json; text: string; setCookie: string | null }> {
  const response = await fetch(base + path, {
    method,
    headers: {
      'x-sso-launcher': '1',
      origin: demo.url,
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: Json = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: response.status, body: parsed, text, setCookie: response.headers.get('set-cookie') };
}

/** Signs the agent in on a broker; answers the cookie as a `Cookie` header. */
async function signInOn(base: string): Promise<string> {
  const reply = await call(base, 'POST', '/session', undefined, { username: USERS.agent.email, password: DEMO_PASSWORD });
  assert.equal(reply.status, 200, reply.text);
  assert.equal(reply.body.data.status, 'signed-in');
  assert.match(reply.setCookie ?? '', /^sso_session=[\w-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
  return reply.setCookie!.split(';')[0]!;
}

async function tokenRequests(): Promise<number> {
  const log = (await demo.sim('requests', undefined, 'GET')) as { data: Array<{ method: string; path: string }> };
  return log.data.filter((r) => r.method === 'POST' && r.path.endsWith('/oauth2/token')).length;
}

async function startBrokers(): Promise<[BrokerProcess, BrokerProcess]> {
  const pair = await Promise.all([startBrokerProcess(config), startBrokerProcess(config)]);
  brokers.push(...pair);
  return pair;
}

async function stopBrokers(): Promise<void> {
  await Promise.all(brokers.splice(0).map((broker) => broker.stop()));
}

describe('broker sessions on Redis, two brokers', () => {
  before(async () => {
    redis = await startRedisServer();
    config = {
      ...demoBrokerConfig(demo.url),
      redisUrl: redis.url,
      sessions: { encryptionKey: randomBytes(32).toString('base64') },
    };
  });
  after(async () => {
    await stopBrokers();
    await redis?.stop();
  });

  it('a session started on one broker is used on the other', TEST, async () => {
    const [a, b] = await startBrokers();
    const cookie = await signInOn(a.url);
    const apps = await call(b.url, 'GET', APPS, cookie);
    assert.equal(apps.status, 200, apps.text);
    assert.ok(apps.body.data.length > 0);
    assert.equal((await call(b.url, 'GET', '/session', cookie)).body.data.status, 'signed-in');
    await stopBrokers();
  });

  it('an expired access token is refreshed exactly once across both brokers, and nobody is signed out', TEST, async () => {
    const [a, b] = await startBrokers();
    const cookie = await signInOn(a.url);
    await demo.sim('expire-tokens');
    const before = await tokenRequests();
    const replies = await Promise.all(Array.from({ length: 16 }, (_, i) => call(i % 2 ? b.url : a.url, 'GET', i % 4 < 2 ? APPS : '/api/users/self', cookie)));
    const refreshes = (await tokenRequests()) - before;
    console.log(`[figure] refreshes that reached the simulator in the race (16 concurrent calls on 2 brokers): ${refreshes}`);
    assert.deepEqual(replies.map((r) => r.status), Array(16).fill(200), replies.map((r) => r.text).join('\n'));
    assert.equal(refreshes, 1);
    for (const base of [a.url, b.url]) assert.equal((await call(base, 'GET', '/session', cookie)).body.data.status, 'signed-in');
    await stopBrokers();
  });

  it('sessions survive a restart of both brokers', TEST, async () => {
    const [a] = await startBrokers();
    const cookie = await signInOn(a.url);
    await stopBrokers();
    const [a2, b2] = await startBrokers();
    for (const base of [a2.url, b2.url]) {
      assert.equal((await call(base, 'GET', '/session', cookie)).body.data.status, 'signed-in');
      assert.equal((await call(base, 'GET', APPS, cookie)).status, 200);
    }
    await stopBrokers();
  });

  it('keeps no token in Redis in the clear', TEST, async () => {
    const [a] = await startBrokers();
    const cookie = await signInOn(a.url);
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys('*');
      const values = await Promise.all(keys.map((key) => client.get(key)));
      const dump = keys.join('\n') + values.join('\n');
      assert.ok(keys.some((key) => key.startsWith('sso-launcher:session:')), keys.join(', '));
      assert.ok(!dump.includes(cookie.split('=')[1]!), 'the cookie value is not a Redis key');
      assert.ok(!dump.includes(USERS.agent.email), 'the profile is encrypted');
      assert.ok(values.every((value) => value === null || value.startsWith('v1.')), 'every session value is sealed');
    } finally {
      client.disconnect();
      await stopBrokers();
    }
  });

  it('with Redis down the broker answers 503, the element keeps its grid, and nothing is lost when Redis returns', TEST, async () => {
    const [a, b] = await startBrokers();
    const context = await demo.newContext();
    // The demo's page, its element pointed at broker A (another origin of the same site, as a broker host
    // would be) before the embed's script upgrades it. The page itself comes from the demo server: a page
    // Playwright fulfils has no address, and Chromium's Local Network Access then refuses loopback calls.
    await context.addInitScript((broker) => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') document.querySelector('sso-launcher')?.setAttribute('broker', broker);
      });
    }, a.url);
    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    const names = await appNames(page);
    const cookie = (await context.cookies(a.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    assert.match(cookie, /^sso_session=/);

    redis.pause();
    try {
      const down = await call(b.url, 'GET', APPS, cookie);
      assert.equal(down.status, 503);
      assert.deepEqual(down.body, { http: 503, code: 'SessionStoreUnavailable', message: 'Sign-in is unavailable for a moment. Try again shortly.' });
      const failed = page.waitForResponse((response) => response.url().endsWith(APPS) && response.status() === 503, { timeout: 30_000 });
      await page.reload();
      await failed;
      assert.deepEqual(await appNames(page), names, 'the cached grid stays');
      assert.equal(await launcher(page).getByLabel('Password', { exact: true }).count(), 0, 'no sign-in prompt: the session is not over');
    } finally {
      await redis.resume();
    }
    assert.equal((await call(b.url, 'GET', '/session', cookie)).body.data.status, 'signed-in');
    const fresh = page.waitForResponse((response) => response.url().endsWith(APPS) && response.status() === 200, { timeout: WAIT_MS });
    await page.reload();
    await fresh;
    assert.deepEqual(await appNames(page), names);
    assert.equal(await launcher(page).getByLabel('Password', { exact: true }).count(), 0);
    await stopBrokers();
  });
});
