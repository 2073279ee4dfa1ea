/**
 * A private, real `redis-server` for a test or a benchmark: a free port on 127.0.0.1, no persistence
 * (`--save '' --appendonly no`), stopped afterwards. No mock stands in for Redis.
 *
 * `pause()` and `resume()` (SIGSTOP/SIGCONT) make it stop answering and come back with its data, which a
 * restart cannot do without persistence: that is how "Redis is down, then returns, nothing lost" is played.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Sends PING; resolves true on +PONG within `ms`. */
function ping(port: number, ms = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** Stops answering (SIGSTOP): connections stay open, commands time out. */
  pause(): void;
  /** Answers again (SIGCONT), with every key it had. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `redis-server` (Debian's; REDIS_SERVER overrides the binary) and waits for PONG. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.env.REDIS_SERVER ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const spawnError = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`redis-server could not start (apt-get install -y redis-server): ${error.message}`))));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (await Promise.race([ping(port), spawnError])) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pause: () => void child.kill('SIGSTOP'),
    async resume() {
      child.kill('SIGCONT');
      while (!(await ping(port))) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
