/**
 * The broker's Redis client (ioredis), made from `redisUrl` / `REDIS_URL` by broker/server.ts and
 * passed to {@link createBroker} as `redis`: sessions and the refresh lock use it, throttling too.
 *
 * Tuned to fail fast rather than queue: when Redis is down a request must get its 503 in about two
 * seconds, not hang for the default twenty retries. The client keeps reconnecting in the background,
 * and every session is there again when Redis returns.
 * @module
 */
import { Redis } from 'ioredis';
import type { BrokerLogger } from '../log.ts';

/** A client for `url`. Connection problems are logged once per outage, never with the URL (it may hold a password). */
export function createRedisClient(url: string, logger?: BrokerLogger): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let down = false;
  client.on('error', (error: Error & { code?: string }) => {
    if (down) return;
    down = true;
    logger?.warn(`redis: not answering (${error.code ?? error.name}); sessions answer 503 until it is back`);
  });
  client.on('ready', () => {
    if (down) logger?.info('redis: back');
    down = false;
  });
  return client;
}
