/**
 * The broker's API proxy under load, on loopback: an apps list through `<broker>/api` (broker session
 * cookie, the token added in the broker) against the same call made directly to the simulator with a
 * bearer token, in the same run. Then two broker processes sharing one private `redis-server` (sessions
 * encrypted in Redis), loaded together, and the refresh race: how many refreshes reach the simulator
 * when every access token expires under 16 concurrent calls spread over both brokers.
 *
 * Bounded: 10 connections for 5 s per figure (after 2 s of warm-up), to 127.0.0.1 only. The simulator and autocannon share this
 * process; each broker is its own process (`broker/server.ts`). Needs `redis-server` (Debian's package).
 * @module
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import type { BrokerConfig } from '../broker/config.ts';
import { demoBrokerConfig } from '../demo/broker.ts';
import { startDemoServer } from '../demo/server.ts';
import { CHILD_BRAND_ID, CLIENT_ID, CLIENT_SECRET, DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import { startBrokerProcess, type BrokerProcess } from '../test/helpers/broker-process.ts';
import { startRedisServer } from '../test/helpers/redis-server.ts';
import type { Bench, BenchRow } from './report.ts';

const CONNECTIONS = 10;
const SECONDS = 5;
const APPS = `/brands/${CHILD_BRAND_ID}/sso_applications`;

async function load(url: string, headers: Record<string, string>) {
  // A warm-up first, not counted: a freshly started process runs cold (JIT), which is not the steady state.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return result;
}

const row = (what: string, rps: number, p99: number, note: string): BenchRow => ({
  bench: 'broker',
  what,
  value: `${Math.round(rps)} req/s, p99 ${p99} ms`,
  note,
});

async function sessionCookie(broker: string, origin: string): Promise<string> {
  const response = await fetch(`${broker}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sso-launcher': '1', origin },
    body: JSON.stringify({ username: USERS.agent.email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in on ${broker} answered ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

export const brokerBench: Bench = async () => {
  const demo = await startDemoServer({ port: 0 });
  // Tokens that outlive the run: the figures are of the proxy, not of refreshes.
  await fetch(`${demo.url}/api/__sim/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessTokenTtlSeconds: 3600 }) });
  const started: BrokerProcess[] = [];
  const rows: BenchRow[] = [];
  try {
    const direct = await fetch(`${demo.url}/api/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, username: USERS.agent.email, password: DEMO_PASSWORD }),
    });
    const { access_token: token } = (await direct.json()) as { access_token: string };

    // One broker, sessions in memory.
    const one = await startBrokerProcess(demoBrokerConfig(demo.url));
    started.push(one);
    const cookie = await sessionCookie(one.url, demo.url);
    const viaBroker = await load(`${one.url}/api${APPS}`, { cookie, 'x-sso-launcher': '1' });
    const straight = await load(`${demo.url}/api${APPS}`, { authorization: `Bearer ${token}` });
    rows.push(row('apps list via one broker (memory sessions)', viaBroker.requests.average, viaBroker.latency.p99, `${CONNECTIONS} connections, ${SECONDS} s`));
    rows.push(row('apps list straight to the simulator', straight.requests.average, straight.latency.p99, 'same run, bearer token'));
    await one.stop();
    started.length = 0;

    // Two brokers on one Redis.
    const redis = await startRedisServer();
    try {
      const config: BrokerConfig = { ...demoBrokerConfig(demo.url), redisUrl: redis.url, sessions: { encryptionKey: randomBytes(32).toString('base64') } };
      const pair = await Promise.all([startBrokerProcess(config), startBrokerProcess(config)]);
      started.push(...pair);
      const shared = await sessionCookie(pair[0].url, demo.url);
      const [a, b] = await Promise.all(pair.map((broker) => load(`${broker.url}/api${APPS}`, { cookie: shared, 'x-sso-launcher': '1' })));
      rows.push(row('apps list via two brokers on Redis (sum)', a!.requests.average + b!.requests.average, Math.max(a!.latency.p99, b!.latency.p99), `${CONNECTIONS} connections per broker, one session`));

      // The refresh race.
      const log = async () => ((await (await fetch(`${demo.url}/api/__sim/requests`)).json()) as { data: Array<{ method: string; path: string }> }).data;
      await fetch(`${demo.url}/api/__sim/expire-tokens`, { method: 'POST' });
      const before = (await log()).filter((r) => r.path.endsWith('/oauth2/token')).length;
      const statuses = await Promise.all(
        Array.from({ length: 16 }, (_, i) => fetch(`${pair[i % 2]!.url}/api${APPS}`, { headers: { cookie: shared, 'x-sso-launcher': '1' } }).then((r) => r.status)),
      );
      const refreshes = (await log()).filter((r) => r.path.endsWith('/oauth2/token')).length - before;
      rows.push({
        bench: 'broker',
        what: 'refreshes reaching the simulator in the race',
        value: String(refreshes),
        budget: '1',
        ok: refreshes === 1 && statuses.every((s) => s === 200),
        note: `16 concurrent calls over 2 brokers after every token expired; answers ${[...new Set(statuses)].join(', ')}`,
      });
    } finally {
      await Promise.all(started.splice(0).map((broker) => broker.stop()));
      await redis.stop();
    }
  } finally {
    await Promise.all(started.map((broker) => broker.stop()));
    await demo.close();
  }
  return rows;
};
