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
import { createBroker, type BrokerOptions } from './index.ts';

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
  const { port, host = '127.0.0.1', ...brokerOptions } = options;
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
  console.log(`[broker] listening on ${server.url} (Rechat ${config.rechat.apiBase}; ${brands} brand(s) configured; CORS: ${config.allowedOrigins.join(', ') || 'same origin only'})`);
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
