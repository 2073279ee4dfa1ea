/**
 * Issue 9, item 1, for real: `broker/server.ts` as its own process, four 64 MB chunked uploads to
 * `POST /oauth2/token` (no sign-in needed), and the process's resident memory read from
 * /proc/<pid>/status before and after. Linux only (CI and this machine).
 * Run: node --import tsx --test broker/body-limit.node.test.ts
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { after, before, it } from 'node:test';

const ROOT = new URL('..', import.meta.url).pathname;
const MB = 1024 * 1024;

/** VmRSS of a process, in bytes. */
function rss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) * 1024;
}

let child: ChildProcess;
let base = '';

before(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'broker/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      BROKER_CONFIG: '',
      BROKER_PORT: '0',
      HOST: '127.0.0.1',
      // Rechat is never reached: every upload is refused before that. A closed port, to be sure.
      RECHAT_API_BASE: 'http://127.0.0.1:9',
      RECHAT_CLIENT_ID: 'memory-test',
      RECHAT_CLIENT_SECRET: 'memory-test-secret',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`broker exited (${code}): ${out}`)));
  });
});

after(() => {
  child.kill('SIGTERM');
});

/**
 * POSTs `total` bytes chunked (no Content-Length), 64 KiB at a time, until the broker answers; resolves
 * with its status and how many bytes had been written by then.
 */
function chunkedUpload(total: number): Promise<{ status: number; written: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    let answered = false;
    const req = request(`${base}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true;
      // The answer is all we need: stop uploading.
      resolve({ status: res.statusCode ?? 0, written });
      res.resume();
      req.destroy();
    });
    // Once the broker has answered and closed, writing fails: that is the point.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

it('four 64 MB chunked uploads are refused with 413 and leave the broker within a few MB', { timeout: 120_000 }, async () => {
  // Warm up what the first requests load (JIT, buffers), so that the baseline is the broker at rest.
  for (let i = 0; i < 3; i++) assert.equal((await chunkedUpload(1 * MB)).status, 413);
  await new Promise((r) => setTimeout(r, 300));
  const before = rss(child.pid!);
  const results = await Promise.all(Array.from({ length: 4 }, () => chunkedUpload(64 * MB)));
  await new Promise((r) => setTimeout(r, 300));
  const afterUploads = rss(child.pid!);
  const growth = afterUploads - before;
  console.log(
    `[body-limit] broker RSS before ${(before / MB).toFixed(1)} MB, after 4 × 64 MB chunked uploads ${(afterUploads / MB).toFixed(1)} MB ` +
      `(${growth >= 0 ? '+' : ''}${(growth / MB).toFixed(1)} MB); sent before the 413: ${results.map((r) => `${(r.written / MB).toFixed(1)} MB`).join(', ')}`,
  );
  assert.deepEqual(results.map((r) => r.status), [413, 413, 413, 413]);
  assert.ok(growth < 8 * MB, `the broker grew by ${(growth / MB).toFixed(1)} MB`);
  // Still up and answering.
  assert.equal((await fetch(`${base}/health`)).status, 200);
});
