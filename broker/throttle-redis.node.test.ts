/**
 * The sign-in throttle in Redis (issue 9, item 2): two broker instances given one real Redis count
 * failed sign-ins together, and a Redis outage neither lifts the limit nor stops sign-ins.
 * Needs `redis-server` on the PATH (Debian's redis-server; CI installs it). No Redis is mocked.
 * Run: node --import tsx --test broker/throttle-redis.node.test.ts
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, it } from 'node:test';
import { Redis } from 'ioredis';
import { DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import { brokerHarness, testBrokerConfig, type BrokerHarness } from '../test/helpers/broker.ts';

/** With a Redis client the broker keeps its sessions there too, which requires their encryption key. */
const onRedis = { ...testBrokerConfig(), sessions: { encryptionKey: Buffer.alloc(32, 7).toString('base64') } };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let redisServer: ChildProcess;
let redis: Redis;

before(async () => {
  const port = await freePort();
  redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  // commandTimeout: a hung Redis must fail a command (and the throttle fall back to memory), not hang
  // every sign-in. broker/server.ts should create its client with one too (broker/README.md).
  redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 300, retryStrategy: () => 200 });
  // Connection errors while redis-server starts, and while it is stopped below, are expected here.
  redis.on('error', () => undefined);
  for (let i = 0; ; i++) {
    try {
      await redis.connect();
      break;
    } catch (error) {
      if (i > 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

after(async () => {
  redis.disconnect();
  redisServer.kill('SIGTERM');
});

const guess = (h: BrokerHarness, password = 'wrong') =>
  h.call('POST', '/oauth2/token', { body: { grant_type: 'password', username: USERS.agent.email, password } });

it('two broker instances share one count in Redis', async () => {
  await redis.flushall();
  const [a, b] = [brokerHarness({ config: onRedis, broker: { redis } }), brokerHarness({ config: onRedis, broker: { redis } })];
  for (let i = 0; i < 10; i++) assert.equal((await guess(i % 2 ? a : b)).status, 400, `guess ${i + 1}`);
  for (const instance of [a, b]) {
    const refused = await guess(instance, DEMO_PASSWORD);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '900');
  }
  const keys = await redis.keys('sso-broker:sign-in:*');
  assert.ok(keys.length >= 2, keys.join(', '));
  // Memory-only instances would each have allowed ten: prove the count is Redis's, not the process's.
  const fresh = brokerHarness({ config: onRedis, broker: { redis } });
  assert.equal((await guess(fresh, DEMO_PASSWORD)).status, 429);
});

it('keeps counting in memory while Redis is down', async () => {
  await redis.flushall();
  const h = brokerHarness({ config: onRedis, broker: { redis } });
  // Unresponsive, as a Redis behind a network partition: the client still says "ready", and each
  // command times out; the library then counts in its insurance limiter (memory).
  redisServer.kill('SIGSTOP');
  try {
    for (let i = 0; i < 10; i++) assert.equal((await guess(h)).status, 400, `guess ${i + 1}`);
    assert.equal((await guess(h)).status, 429);
  } finally {
    redisServer.kill('SIGCONT');
  }
});
