/**
 * The broker as its own process (`node --import tsx broker/server.ts`, what `npm run broker` runs),
 * configured by a BROKER_CONFIG file, on a free port. For the scale-out tests and the benchmark.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerConfig } from '../../broker/config.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface BrokerProcess {
  /** Such as `http://127.0.0.1:41234`. */
  url: string;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts a broker process with this configuration (written to a temporary file) and waits until it listens. */
export async function startBrokerProcess(config: BrokerConfig | Record<string, unknown>, env: Record<string, string> = {}): Promise<BrokerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'broker-'));
  const path = join(dir, 'broker.config.json');
  writeFileSync(path, JSON.stringify(config), { mode: 0o600 });
  const child = spawn(process.execPath, ['--import', 'tsx', 'broker/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, BROKER_CONFIG: path, BROKER_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then((code) => reject(new Error(`the broker exited (${code}):\n${out}`)));
    setTimeout(() => reject(new Error(`the broker did not start in 30 s:\n${out}`)), 30_000).unref();
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    return { url: await url, output: () => out, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
