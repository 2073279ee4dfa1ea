/**
 * The broker as a small Node server: `npm run broker`.
 *
 * Configuration: the JSON file named by `BROKER_CONFIG`, or else the environment (see config.ts,
 * `BROKER_ENV`). Listens on `BROKER_PORT` (or `PORT`, default 8787) on `HOST` (default `127.0.0.1`),
 * with the routes under `BROKER_BASE_PATH` (default none).
 *
 * ```sh
 * BROKER_CONFIG=demo/broker.config.json npm run broker   # against `npm run serve` on port 5173
 * ```
 * @module
 */
import { serve } from '@hono/node-server';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrokerConfigError, configFromEnv, parseBrokerConfig, type BrokerConfig } from './config.ts';
import { consoleLogger, createBroker, type BrokerOptions } from './index.ts';
import { createRedisClient } from './sessions/redis.ts';

/**
 * Reads the configuration: the file named by `BROKER_CONFIG`, or the environment.
 * @throws {BrokerConfigError} naming every problem (never a value)
 */
export async function loadBrokerConfig(env: Readonly<Record<string, string | undefined>> = process.env): Promise<BrokerConfig> {
  const path = env.BROKER_CONFIG;
  if (!path) return configFromEnv(env);
  const source = `BROKER_CONFIG (${path})`;
  let text: string;
  try {
    text = await readFile(resolve(path), 'utf8');
  } catch (error) {
    throw new BrokerConfigError(source, [`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? 'error'}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes part of the file, which holds secrets.
    throw new BrokerConfigError(source, ['not valid JSON']);
  }
  // Secrets an operator keeps out of the file: REDIS_URL and BROKER_SESSION_KEY from the environment win.
  if (raw && typeof raw === 'object' && (env.REDIS_URL || env.BROKER_SESSION_KEY)) {
    const object = raw as Record<string, unknown>;
    if (env.REDIS_URL) object.redisUrl = env.REDIS_URL;
    if (env.BROKER_SESSION_KEY) object.sessions = { ...(object.sessions as object | undefined), encryptionKey: env.BROKER_SESSION_KEY };
  }
  return parseBrokerConfig(raw, source);
}

/** A running broker server. */
export interface BrokerServer {
  /** Origin and base path, such as `http://127.0.0.1:8787`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the broker on a port (0 picks a free one). */
export async function startBrokerServer(
  config: BrokerConfig,
  options: BrokerOptions & { port: number; host?: string } = { port: 8787 },
): Promise<BrokerServer> {
  const { port, host = '127.0.0.1', ...given } = options;
  // Sessions (and throttling) on Redis when the configuration names one; in memory otherwise.
  const redis = given.redis ?? (config.redisUrl ? createRedisClient(config.redisUrl, given.logger ?? consoleLogger) : undefined);
  const brokerOptions: BrokerOptions = { ...given, ...(redis ? { redis } : {}) };
  const broker = createBroker(config, brokerOptions);
  const { server, actualPort } = await new Promise<{ server: ReturnType<typeof serve>; actualPort: number }>((resolvePromise, reject) => {
    const server = serve({ fetch: broker.handle, port, hostname: host }, (info: AddressInfo) => resolvePromise({ server, actualPort: info.port }));
    server.once('error', reject);
  });
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${actualPort}${brokerOptions.basePath ?? ''}`.replace(/\/+$/, ''),
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        if ('closeAllConnections' in server) server.closeAllConnections();
        // Only a client made here is closed here; one passed in belongs to the caller.
        if (redis && !given.redis) redis.disconnect();
      }),
  };
}

async function main(): Promise<void> {
  const rawPort = process.env.BROKER_PORT ?? process.env.PORT ?? '8787';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`BROKER_PORT must be a port number, not "${rawPort}".`);
  const config = await loadBrokerConfig();
  const server = await startBrokerServer(config, {
    port,
    ...(process.env.HOST ? { host: process.env.HOST } : {}),
    ...(process.env.BROKER_BASE_PATH ? { basePath: process.env.BROKER_BASE_PATH } : {}),
  });
  const brands = Object.keys(config.brands).length;
  console.log(`[broker] listening on ${server.url} (Rechat ${config.rechat.apiBase}; ${brands} brand(s) configured; CORS: ${config.allowedOrigins.join(', ') || 'same origin only'}; sessions ${config.redisUrl ? 'in Redis, encrypted' : 'in memory: they end when the broker restarts'})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof BrokerConfigError ? error.message : `[broker] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
