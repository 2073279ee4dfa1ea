/**
 * The broker under load (issue 9, item 12), bounded and on loopback only: the simulator, the broker and a
 * floor each in their own process, and autocannon in this one. For `GET /health`, the token proxy
 * (`POST /oauth2/token`, a password grant) and the chatbot mint (`POST …/chatbots/:bot/token`), it reports
 * requests per second, p50 and p99 latency, and the broker's RSS (VmRSS from /proc) before, during and
 * after. The floor is a bare Hono handler forwarding the same token request to the simulator: what any
 * proxy costs here. The broker runs twice: with the global fetch, and with a keep-alive undici Agent.
 *
 * `npm run bench broker`. Each run is BROKER_BENCH_SECONDS long (default 4) with 10 connections; the token
 * proxy runs BROKER_BENCH_ROUNDS times (default 3) per target, alternating, and the median round is shown.
 * @module
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import type { Bench, BenchRow } from './report.ts';

const SECONDS = Number(process.env.BROKER_BENCH_SECONDS ?? 4);
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

/** The figures of the round with the median requests per second. */
function median(rounds: Figures[]): Figures {
  return [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)]!;
}

/** Rounds of the token proxy, alternating between targets, so that a busy spell on a shared machine hits all. */
const ROUNDS = Number(process.env.BROKER_BENCH_ROUNDS ?? 3);

export const brokerBench: Bench = async () => {
  const procs: Proc[] = [];
  const spawnOwn = async (...args: string[]) => {
    const proc = await start(...args);
    procs.push(proc);
    return proc;
  };
  try {
    // Each target gets its own simulator: it keeps every token it issues, and a shared, fuller one
    // would favour whichever target ran first.
    const floor = await spawnOwn('floor', (await spawnOwn('sim')).url);
    const variants = [
      { name: 'global fetch', broker: await spawnOwn('broker', (await spawnOwn('sim')).url) },
      { name: 'keep-alive agent', broker: await spawnOwn('broker', (await spawnOwn('sim')).url, 'keep-alive') },
    ];
    const before = variants.map((v) => rss(v.broker.child.pid!));
    const tokenRuns = new Map<string, Figures[]>([['floor', []], ...variants.map((v) => [v.name, []] as [string, Figures[]])]);
    for (let round = 0; round < ROUNDS; round++) {
      tokenRuns.get('floor')!.push(await load(floor.child.pid!, { url: `${floor.url}/oauth2/token`, method: 'POST', headers: json, body: grant }));
      for (const v of variants) {
        tokenRuns.get(v.name)!.push(await load(v.broker.child.pid!, { url: `${v.broker.url}/oauth2/token`, method: 'POST', headers: json, body: grant }));
      }
    }
    const floorFigures = median(tokenRuns.get('floor')!);
    const rows: BenchRow[] = [row(`floor: bare Hono → simulator, token (median of ${ROUNDS})`, floorFigures)];
    for (const [i, v] of variants.entries()) {
      const pid = v.broker.child.pid!;
      const health = await load(pid, { url: `${v.broker.url}/health` });
      const access = await signIn(v.broker.url);
      const mint = await load(pid, {
        url: `${v.broker.url}/brands/${CHILD_BRAND_ID}/chatbots/listing-assistant/token`,
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${access}` },
        body: '{}',
      });
      const token = median(tokenRuns.get(v.name)!);
      await new Promise((r) => setTimeout(r, 2000));
      const after = rss(pid);
      const during = Math.max(health.rssDuring, mint.rssDuring, ...tokenRuns.get(v.name)!.map((f) => f.rssDuring));
      rows.push(row(`broker (${v.name}): GET /health`, health));
      rows.push(row(`broker (${v.name}): token proxy (median of ${ROUNDS})`, token, `${Math.round((token.rps / floorFigures.rps) * 100)}% of the floor`));
      rows.push(row(`broker (${v.name}): chatbot mint`, mint));
      rows.push({ bench: 'broker', what: `broker (${v.name}): RSS`, value: `${after.toFixed(0)} MB`, note: `before ${before[i]!.toFixed(0)} MB, during (max) ${during.toFixed(0)} MB, after ${after.toFixed(0)} MB` });
    }
    return rows;
  } finally {
    for (const proc of procs) if (proc.child.exitCode === null) proc.child.kill('SIGTERM');
  }
};
