/**
 * The processes bench/broker.ts measures, each on loopback on a free port, printing `READY <url>`:
 * - `sim`: the local API simulator (the demo server, whose `/api` is Rechat and Xenioo);
 * - `broker <simUrl> [keep-alive]`: the broker (broker/server.ts's `startBrokerServer`) on the demo
 *   configuration pointed at the simulator, with limits raised (a benchmark is not password guessing);
 *   `keep-alive` gives its upstream fetch an undici Agent that keeps more connections open, longer;
 * - `floor <simUrl>`: a bare Hono handler forwarding `POST /oauth2/token` to the simulator, nothing else.
 * @module
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { demoBrokerConfig } from '../demo/broker.ts';
import { startDemoServer } from '../demo/server.ts';
import { startBrokerServer } from '../broker/server.ts';
import type { Fetch } from '../core/deps.ts';

const [mode, simUrl, variant] = process.argv.slice(2);
const HIGH = { points: 1e9, durationSeconds: 1 };

async function keepAliveFetch(): Promise<Fetch> {
  // undici's own fetch with an Agent: connections kept 30 s (the default is 4 s), up to 64 per origin.
  // undici is not a dependency of ours (Node's fetch is undici inside, without a public Agent): this
  // experiment uses the copy another development tool brings, and says so when there is none.
  const { Agent, fetch } = await import('undici').catch(() => {
    throw new Error('the keep-alive experiment needs the undici package (npm install --no-save undici)');
  });
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, connections: 64 });
  return (input, init) => fetch(input as string, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
}

if (mode === 'sim') {
  const demo = await startDemoServer({ port: 0 });
  console.log(`READY ${demo.url}`);
} else if (mode === 'broker') {
  const server = await startBrokerServer(demoBrokerConfig(simUrl!), {
    port: 0,
    logger: { info: () => undefined, warn: () => undefined, error: (line) => console.error(line) },
    limits: { signInPerAccount: HIGH, signInPerAddress: HIGH, chatbotPerAgent: HIGH },
    ...(variant === 'keep-alive' ? { fetch: await keepAliveFetch() } : {}),
  });
  console.log(`READY ${server.url}`);
} else if (mode === 'floor') {
  const app = new Hono();
  app.post('/oauth2/token', async (c) => {
    const upstream = await fetch(`${simUrl}/api/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: await c.req.text() });
    return new Response(await upstream.text(), { status: upstream.status, headers: { 'content-type': 'application/json' } });
  });
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => console.log(`READY http://127.0.0.1:${info.port}`));
} else {
  console.error('usage: broker-procs.ts sim | broker <simUrl> [keep-alive] | floor <simUrl>');
  process.exit(2);
}
