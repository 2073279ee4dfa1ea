/**
 * The broker under load (issue 9, item 12), bounded and on loopback only: the simulator, the broker and a
 * floor each in their own process, and autocannon in this one. For `GET /health`, the token proxy
 * (`POST /oauth2/token`, a password grant) and the chatbot mint (`POST …/chatbots/:bot/token`), it reports
 * requests per second, p50 and p99 latency, and the broker's RSS (VmRSS from /proc) before, during and
 * after. The floor is a bare Hono handler forwarding the same token request to the simulator: what any
 * proxy costs here. The broker runs twice: with the global fetch, and with a keep-alive undici Agent.
 *
 * `npm run bench broker`. Each run is BROKER_BENCH_SECONDS long (default 5) with 10 connections.
 * @module
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import type { Bench, BenchRow } from './report.ts';

const SECONDS = Number(process.env.BROKER_BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const ROOT = new URL('..', import.meta.url).pathname;
const MB = 1024 * 1024;

interface Proc {
  url: string;
  child: ChildProcess;
}

/** Starts `bench/broker-procs.ts <args>` and waits for its `READY <url>`. */
function start(...args: string[]): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/broker-procs.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /READY (\S+)/.exec(out);
      if (match) resolve({ url: match[1]!, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code}): ${out.slice(-500)}`)));
  });
}

function rss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return (Number(/(\d+)/.exec(line ?? '')?.[1]) * 1024) / MB;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  rssDuring: number;
}

/** One bounded autocannon run; RSS of `pid` sampled half-way. */
async function load(pid: number, options: { url: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Figures> {
  let rssDuring = 0;
  const sample = setTimeout(() => (rssDuring = rss(pid)), (SECONDS * 1000) / 2);
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: SECONDS });
  clearTimeout(sample);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors, rssDuring };
}

const json = { 'content-type': 'application/json' };
const grant = JSON.stringify({ grant_type: 'password', client_id: CLIENT_ID, username: USERS.agent.email, password: DEMO_PASSWORD });

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/oauth2/token`, { method: 'POST', headers: json, body: grant });
  if (!response.ok) throw new Error(`sign-in through ${base}: HTTP ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

function row(what: string, f: Figures, note = ''): BenchRow {
  return {
    bench: 'broker',
    what,
    value: `${Math.round(f.rps)} req/s`,
    note: `p50 ${f.p50} ms, p99 ${f.p99} ms${f.non2xx ? `, ${f.non2xx} non-2xx` : ''}${note ? `; ${note}` : ''}`,
  };
}

export const brokerBench: Bench = async () => {
  const procs: Proc[] = [];
  const rows: BenchRow[] = [];
  try {
    // Each target gets a fresh simulator: it keeps every token it issues, and a warm, full one would
    // favour whichever target ran first.
    const freshSim = async () => {
      for (const proc of procs.splice(0)) proc.child.kill('SIGTERM');
      const sim = await start('sim');
      procs.push(sim);
      return sim;
    };
    let sim = await freshSim();
    const floor = await start('floor', sim.url);
    procs.push(floor);
    const floorFigures = await load(floor.child.pid!, { url: `${floor.url}/oauth2/token`, method: 'POST', headers: json, body: grant });
    rows.push(row('floor: bare Hono → simulator, token', floorFigures));

    for (const variant of ['global fetch', 'keep-alive agent'] as const) {
      sim = await freshSim();
      const broker = await start('broker', sim.url, ...(variant === 'keep-alive agent' ? ['keep-alive'] : []));
      procs.push(broker);
      const pid = broker.child.pid!;
      const before = rss(pid);
      const health = await load(pid, { url: `${broker.url}/health` });
      const token = await load(pid, { url: `${broker.url}/oauth2/token`, method: 'POST', headers: json, body: grant });
      const access = await signIn(broker.url);
      const mint = await load(pid, {
        url: `${broker.url}/brands/${CHILD_BRAND_ID}/chatbots/listing-assistant/token`,
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${access}` },
        body: '{}',
      });
      await new Promise((r) => setTimeout(r, 2000));
      const after = rss(pid);
      const during = Math.max(health.rssDuring, token.rssDuring, mint.rssDuring);
      rows.push(row(`broker (${variant}): GET /health`, health));
      rows.push(row(`broker (${variant}): token proxy`, token, `${Math.round((token.rps / floorFigures.rps) * 100)}% of the floor`));
      rows.push(row(`broker (${variant}): chatbot mint`, mint));
      rows.push({ bench: 'broker', what: `broker (${variant}): RSS`, value: `${after.toFixed(0)} MB`, note: `before ${before.toFixed(0)} MB, during (max) ${during.toFixed(0)} MB, after ${after.toFixed(0)} MB` });
      broker.child.kill('SIGTERM');
    }
  } finally {
    for (const proc of procs) if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
  }
  return rows;
};
