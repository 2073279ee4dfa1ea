/**
 * The `sessions` section of the broker's configuration (broker sessions, a backend-for-frontend: the
 * Rechat token pair stays in the broker, the page holds only an `HttpOnly` cookie), and the Redis URL
 * that makes them shared by every broker instance.
 *
 * ```json
 * "redisUrl": "redis://redis.internal:6379/0",
 * "sessions": {
 *   "encryptionKey": "<32 random bytes, base64>",
 *   "idleMinutes": 480,
 *   "absoluteHours": 168,
 *   "secureCookie": "auto",
 *   "passwordSignIn": true
 * }
 * ```
 * Kept apart from the routes so that config.ts can import the schema alone.
 * @module
 */
import * as z from 'zod/mini';
import '../../core/schema.ts'; // z.config({jitless: true}) before any parse

/** Defaults: a working day of inactivity, and a week at most, whatever the activity. */
export const SESSION_DEFAULTS = { idleMinutes: 8 * 60, absoluteHours: 7 * 24 } as const;

/** 32 bytes (AES-256), base64 or base64url: what `openssl rand -base64 32` prints. */
export function decodeSessionKey(value: string): Uint8Array | undefined {
  const normalised = value.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(normalised)) return undefined;
  let binary: string;
  try {
    binary = atob(normalised.padEnd(Math.ceil(normalised.length / 4) * 4, '='));
  } catch {
    return undefined; // a length base64 cannot have
  }
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return bytes.length === 32 ? bytes : undefined;
}

const positiveInt = (max: number) => z.number().check(z.int('must be a whole number'), z.minimum(1, 'at least 1'), z.maximum(max, `at most ${max}`));

/** The `sessions` section; every key optional. */
export const SessionsConfigSchema = z.object({
  /**
   * AES-256-GCM key for the session values kept in Redis (32 bytes, base64). Required with Redis: a
   * copy of Redis's data alone then gives no usable token. Not used by the in-memory store.
   */
  encryptionKey: z.optional(z.string().check(z.refine((value) => decodeSessionKey(value) !== undefined, 'must be 32 bytes in base64 (openssl rand -base64 32)'))),
  /** A session unused this long ends; default 480 (8 hours). */
  idleMinutes: z.optional(positiveInt(60 * 24 * 31)),
  /** A session ends this long after sign-in, used or not; default 168 (7 days). */
  absoluteHours: z.optional(positiveInt(24 * 90)),
  /**
   * `Secure` and the `__Host-`/`__Secure-` prefix on the cookie: `auto` (default) when the broker is
   * reached over https (or `X-Forwarded-Proto: https` with `trustProxy`), `true` always, `false` never.
   */
  secureCookie: z.optional(z.union([z.literal('auto'), z.boolean()])),
  /** Trust `X-Forwarded-Proto` from the reverse proxy in front of the broker; default false. */
  trustProxy: z.optional(z.boolean()),
  /** `POST /session` with an email and a password; default true. A brokerage may allow only "Sign in with Rechat". */
  passwordSignIn: z.optional(z.boolean()),
});
export type SessionsConfig = z.infer<typeof SessionsConfigSchema>;

/** `redis://` or `rediss://` (TLS), with an optional password and database number. */
export const RedisUrlSchema = z.string().check(z.refine((value) => /^rediss?:\/\/[^\s]+$/i.test(value), 'must be a redis:// or rediss:// URL'));
