/**
 * Where broker sessions live: in this process's memory by default (nothing to install; sessions end
 * when the broker restarts), or in Redis when the broker scales out (shared by every instance,
 * surviving restarts, encrypted at rest). Both give the same four operations; the refresh lock is the
 * one that differs most: a promise chain in memory, a Redis lock with expiry across instances.
 * @module
 */
import type { Redis } from 'ioredis';
import { contextLocks } from '../../core/deps.ts';
import type { User } from '../../core/rechat/schemas.ts';
import { SessionDecryptError, type SessionCipher } from './crypto.ts';

/** One agent's broker session. Never leaves the broker; in Redis only encrypted. */
export interface SessionRecord {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (epoch ms). */
  expiresAt: number;
  /** The access token's lifetime, `expires_in`, in ms. */
  lifetimeMs: number;
  /** The pair still needs `POST /users/self/mfa/validate`. */
  mfaPending: boolean;
  /** Rechat's profile, from the token response or `GET /users/self`. */
  user?: User;
  /** Epoch ms: sign-in, and the absolute end that follows from it. */
  createdAt: number;
  absoluteExpiresAt: number;
  /** Epoch ms of the last request on this session: the idle expiry counts from it. */
  lastSeenAt: number;
}

/** The store cannot be reached (Redis down): the broker answers 503 and keeps every session. */
export class SessionStoreUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The session store is not answering.', options);
    this.name = 'SessionStoreUnavailableError';
  }
}

/** The operations a session store offers. Keys are {@link storageId}s, never cookie values. */
export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<SessionRecord | undefined>;
  /** Stores the record until `ttlMs` from now. */
  set(key: string, record: SessionRecord, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Runs `task` holding the session's refresh lock: at most one holder at a time, in this process and
   * in every broker sharing the store, so that a rotating refresh token is spent once.
   */
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Sessions in a Map: one process, gone on restart. Expired entries are dropped as they are met and swept once a minute. */
export function memorySessionStore(now: () => number = Date.now): SessionStore {
  const entries = new Map<string, { record: SessionRecord; until: number }>();
  // One process: the core's in-context lock serialises the refreshes of a session.
  const lock = contextLocks();
  let sweptAt = now();
  const sweep = () => {
    if (now() - sweptAt < 60_000) return;
    sweptAt = now();
    for (const [key, entry] of entries) if (entry.until <= sweptAt) entries.delete(key);
  };
  return {
    kind: 'memory',
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(key);
        return undefined;
      }
      // A copy: callers change records before they set them back.
      return structuredClone(entry.record);
    },
    async set(key, record, ttlMs) {
      sweep();
      entries.set(key, { record: structuredClone(record), until: now() + ttlMs });
    },
    async delete(key) {
      entries.delete(key);
    },
    withLock(key, task) {
      return lock(key, task);
    },
  };
}

/** Options of {@link redisSessionStore}. */
export interface RedisSessionStoreOptions {
  /** Prefix of every key; default `sso-launcher:`. */
  prefix?: string;
  /**
   * The lock's expiry: a broker that dies holding it blocks the others this long at most. Default 30 s,
   * longer than a refresh request may take (15 s), so that a slow refresh never loses its lock midway.
   */
  lockTtlMs?: number;
  /** How long to wait for the lock before answering 503; default 35 s. */
  lockWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

// Deletes the lock only if it is still ours: a lock that expired and was taken by another broker stays.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Sessions in Redis, sealed with the cipher (AES-GCM, the key's name bound in). Every Redis failure
 * becomes a {@link SessionStoreUnavailableError}; a value that does not decrypt (another key, tampered
 * with) is no session.
 */
export function redisSessionStore(redis: Redis, cipherOrPromise: SessionCipher | Promise<SessionCipher>, options: RedisSessionStoreOptions = {}): SessionStore {
  const ciphered = Promise.resolve(cipherOrPromise);
  const prefix = options.prefix ?? 'sso-launcher:';
  const lockTtlMs = options.lockTtlMs ?? 30_000;
  const lockWaitMs = options.lockWaitMs ?? 35_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const sessionKey = (key: string) => `${prefix}session:${key}`;
  const lockKey = (key: string) => `${prefix}session-lock:${key}`;
  const local = memorySessionStore(); // only its withLock: one waiter per process polls Redis, not one per request

  async function redisCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new SessionStoreUnavailableError({ cause: error });
    }
  }

  return {
    kind: 'redis',
    async get(key) {
      const name = sessionKey(key);
      const sealed = await redisCall(() => redis.get(name));
      if (sealed === null) return undefined;
      try {
        return JSON.parse(await (await ciphered).open(sealed, name)) as SessionRecord;
      } catch (error) {
        if (error instanceof SessionDecryptError || error instanceof SyntaxError) return undefined;
        throw error;
      }
    },
    async set(key, record, ttlMs) {
      const name = sessionKey(key);
      const sealed = await (await ciphered).seal(JSON.stringify(record), name);
      await redisCall(() => redis.set(name, sealed, 'PX', Math.max(1, Math.ceil(ttlMs))));
    },
    async delete(key) {
      await redisCall(() => redis.del(sessionKey(key)));
    },
    withLock(key, task) {
      return local.withLock(key, async () => {
        const name = lockKey(key);
        const token = crypto.randomUUID();
        const deadline = Date.now() + lockWaitMs;
        for (let wait = 10; ; wait = Math.min(wait * 2, 100)) {
          const taken = await redisCall(() => redis.set(name, token, 'PX', lockTtlMs, 'NX'));
          if (taken === 'OK') break;
          if (Date.now() >= deadline) throw new SessionStoreUnavailableError({ cause: new Error('refresh lock wait timed out') });
          await sleep(wait);
        }
        try {
          return await task();
        } finally {
          await redis.eval(RELEASE, 1, name, token).catch(() => undefined); // it expires anyway
        }
      });
    },
  };
}
