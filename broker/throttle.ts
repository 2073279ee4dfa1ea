/**
 * Throttling with rate-limiter-flexible: counters in memory by default, in Redis when the broker is given
 * one (`BrokerOptions.redis`), so that every broker instance behind a load balancer counts together.
 *
 * Two uses (issue 9, item 2), both also open to other route modules (a password sign-in route, say):
 * - {@link createSignInGuard}: failed sign-ins, per account and per client address;
 * - {@link createThrottle}: any per-key limit, such as chatbot tokens per agent.
 *
 * The limits and why they were chosen are in broker/README.md ("Throttling").
 * @see https://github.com/animir/node-rate-limiter-flexible/wiki/Overall-example#login-endpoint-protection
 * @module
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { BrokerError } from './http.ts';

/** A limit: `points` per `durationSeconds`; past it, a key is refused for `blockSeconds` (default: the rest of the window). */
export interface Limit {
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

/** The broker's limits. Each can be changed through `BrokerOptions.limits`. */
export interface BrokerLimits {
  /** Failed sign-ins for one account (the username, case-folded), from anywhere. */
  signInPerAccount: Limit;
  /** Failed sign-ins from one client address, whatever the account. */
  signInPerAddress: Limit;
  /** Chatbot tokens minted for one agent (their Rechat user id). */
  chatbotPerAgent: Limit;
}

/** The defaults: see broker/README.md, "Throttling", for why. */
export const DEFAULT_LIMITS: Readonly<BrokerLimits> = {
  signInPerAccount: { points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  signInPerAddress: { points: 100, durationSeconds: 60 * 60, blockSeconds: 60 * 60 },
  chatbotPerAgent: { points: 30, durationSeconds: 60 },
};

/** What {@link Throttle.consume} says. */
export type ThrottleResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** A per-key counter. */
export interface Throttle {
  /** Counts `points` (default 1) for `key`. Never rejects: a store failure falls back to memory. */
  consume(key: string, points?: number): Promise<ThrottleResult>;
  /** Gives `points` (default 1) back to `key`, as when an attempt turned out not to count. */
  reward(key: string, points?: number): Promise<void>;
  /** Forgets `key`: its count starts again. */
  reset(key: string): Promise<void>;
}

export interface ThrottleOptions extends Limit {
  /** Names the counters; with Redis, the key prefix (`sso-broker:<name>`). */
  name: string;
  /** Count in this Redis (shared by every broker instance); default: in this process's memory. */
  redis?: Redis;
}

/** Keys are bounded: a megabyte-long "username" must not become a megabyte-long counter name. */
const MAX_KEY_LENGTH = 256;
const keyOf = (key: string) => key.slice(0, MAX_KEY_LENGTH);

/** Seconds a caller must wait, for `Retry-After` (at least 1). */
const secondsOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/**
 * A throttle for one limit.
 * @example
 * const perAgent = createThrottle({ name: 'chatbot', points: 30, durationSeconds: 60, redis });
 * const verdict = await perAgent.consume(user.id);
 * if (!verdict.allowed) throw tooManyRequests(verdict.retryAfterSeconds);
 */
export function createThrottle(options: ThrottleOptions): Throttle {
  const base = {
    keyPrefix: `sso-broker:${options.name}`,
    points: options.points,
    duration: options.durationSeconds,
    blockDuration: options.blockSeconds ?? 0,
  };
  const memory = new RateLimiterMemory(base);
  // With Redis, a Redis outage must neither stop sign-ins nor lift the limit: each instance then
  // counts in its own memory (the library's "insurance" limiter) until Redis is back.
  const limiter: RateLimiterAbstract = options.redis
    ? new RateLimiterRedis({ ...base, storeClient: options.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory })
    : memory;
  return {
    async consume(key, points = 1) {
      try {
        const res = await limiter.consume(keyOf(key), points);
        return { allowed: true, remaining: res.remainingPoints };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: secondsOf(rejection) };
        throw rejection; // the insurance limiter answers store failures; anything else is a bug
      }
    },
    async reward(key, points = 1) {
      await limiter.reward(keyOf(key), points);
    },
    async reset(key) {
      await limiter.delete(keyOf(key));
    },
  };
}

/** `429` with `Retry-After`, in the broker's `{http, code, message}` shape. */
export function tooManyRequests(retryAfterSeconds: number, message = 'Too many requests. Try again in a moment.'): BrokerError {
  return new BrokerError(429, 'TooManyRequests', message, { 'retry-after': String(retryAfterSeconds) });
}

/** "Too many attempts. Try again in 15 minutes." (whole minutes, rounded up). */
export function tooManyAttempts(retryAfterSeconds: number): BrokerError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new BrokerError(429, 'TooManyAttempts', `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    'retry-after': String(retryAfterSeconds),
  });
}

/** How a sign-in attempt ended, for {@link SignInGuard.settle}. */
export type SignInOutcome = 'success' | 'failure' | 'unknown';

/** Password guessing, limited per account and per client address. */
export interface SignInGuard {
  /**
   * Counts an attempt before it is sent upstream, so that a burst of parallel guesses is counted
   * before any of them is answered.
   * @throws {BrokerError} 429 `TooManyAttempts` with `Retry-After` when either limit is passed
   */
  attempt(account: string, address: string): Promise<void>;
  /**
   * Settles a counted attempt: a `success` resets the account's count and gives the address its point
   * back; a `failure` (wrong password) keeps both; `unknown` (the upstream failed) gives both back.
   */
  settle(account: string, address: string, outcome: SignInOutcome): Promise<void>;
}

/**
 * The sign-in guard.
 * @example
 * await guard.attempt(username, address);          // may throw the 429
 * const outcome = await askRechat();                  // then, whatever happened:
 * await guard.settle(username, address, outcome);
 */
export function createSignInGuard(limits: Pick<BrokerLimits, 'signInPerAccount' | 'signInPerAddress'>, redis?: Redis): SignInGuard {
  const perAccount = createThrottle({ name: 'sign-in:account', ...limits.signInPerAccount, ...(redis ? { redis } : {}) });
  const perAddress = createThrottle({ name: 'sign-in:address', ...limits.signInPerAddress, ...(redis ? { redis } : {}) });
  // Emails are case-insensitive in practice: "Alex@x" and "alex@x" are one account to guess at. The key
  // is a hash, so that the counters in a shared Redis do not list who signs in.
  const accountKey = async (account: string) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(account.trim().toLowerCase()));
    return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  };
  return {
    async attempt(account, address) {
      const key = await accountKey(account);
      const [byAccount, byAddress] = await Promise.all([perAccount.consume(key), perAddress.consume(address)]);
      if (byAccount.allowed && byAddress.allowed) return;
      // Refused: the attempt is not made, so the limit that was not reached gets its point back (an
      // agent at an office whose colleague's account is locked does not pay for the colleague's tries).
      if (byAccount.allowed) await perAccount.reward(key);
      if (byAddress.allowed) await perAddress.reward(address);
      const waits = [byAccount, byAddress].flatMap((v) => (v.allowed ? [] : [v.retryAfterSeconds]));
      throw tooManyAttempts(Math.max(...waits));
    },
    async settle(account, address, outcome) {
      if (outcome === 'success') await Promise.all([perAccount.reset(await accountKey(account)), perAddress.reward(address)]);
      else if (outcome === 'unknown') await Promise.all([perAccount.reward(await accountKey(account)), perAddress.reward(address)]);
    },
  };
}
