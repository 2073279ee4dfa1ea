/**
 * What every Rechat route of the simulator shares: the state, the live configuration and the clock.
 * @module
 */
import type { Context, Hono } from 'hono';
import type { BlankSchema } from 'hono/types';
import type { RechatStore, TokenPair, UserRecord } from './store.ts';

export interface RechatConfig {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  requireClientSecret: boolean;
}

export interface RechatContext {
  readonly store: RechatStore;
  /** Live: `POST /__sim/config` changes it for tokens issued afterwards. */
  readonly config: RechatConfig;
  /** Epoch milliseconds. Token expiry and TOTP codes both follow this clock. */
  readonly now: () => number;
  /** Normalised mount path: '' or '/api' (leading slash, no trailing slash). */
  readonly basePath: string;
}

/** Hono variables set by the bearer middleware (auth.ts). */
export type RechatEnv = { Variables: { user: UserRecord; pair: TokenPair } };

/** The simulator's Hono app; its routes are registered relative to the base path. */
export type RechatApp = Hono<RechatEnv, BlankSchema, string>;

/** Origin + base path of a request: absolute URLs in responses (open_url, icon) start with it. */
export function baseUrl(c: Context, ctx: RechatContext): string {
  return new URL(c.req.url).origin + ctx.basePath;
}
