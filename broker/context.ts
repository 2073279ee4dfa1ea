/**
 * What every route module of the broker shares: the checked configuration, the injected dependencies,
 * the Rechat client, and the two checks that guard every route that hands something out:
 * {@link BrokerContext.caller} (who is calling, as Rechat says) and
 * {@link BrokerContext.requireBrandMember} (may they act on this brand, as Rechat says).
 *
 * A route module is a function that registers its routes on the broker's Hono app
 * ({@link BrokerModule}); broker/routes.ts lists them.
 * @module
 */
import type { Context, Hono } from 'hono';
import type { Redis } from 'ioredis';
import type { BlankSchema } from 'hono/types';
import * as z from 'zod/mini';
import '../core/schema.ts';
import type { Clock, Fetch } from '../core/deps.ts';
import { HttpError, MfaRequiredError } from '../core/errors.ts';
import { bearer, type HttpClient } from '../core/http.ts';
import { BrandSchema, UserSchema, envelope, type Brand, type User } from '../core/rechat/schemas.ts';
import type { XeniooClient } from '../core/xenioo.ts';
import type { BrokerConfig } from './config.ts';
import { BrokerError, forbidden, mfaRequired, unauthorized, upstreamUnavailable } from './http.ts';
import { describe, type BrokerLogger, type RecentValues } from './log.ts';
import type { SignInGuard, Throttle } from './throttle.ts';
import type { BrokerSessions } from './sessions/service.ts';

/** The agent calling, as Rechat knows them from their bearer token. */
export interface Caller {
  /** From Rechat's `GET /users/self`: the only place the broker ever takes an email from. */
  user: User;
  /**
   * The caller's Rechat access token, for further Rechat calls on their behalf. Never logged, never
   * returned, never passed to another service.
   */
  accessToken: string;
}

/** Hono variables: the caller, once checked in this request. */
export type BrokerEnv = { Variables: { caller: Promise<Caller> } };

/** The broker's Hono app; routes are registered relative to its base path. */
export type BrokerApp = Hono<BrokerEnv, BlankSchema, string>;

/** How the caller may act on a brand. */
export interface BrandAccess {
  caller: Caller;
  /** The caller's direct membership of the brand, when they have one (with `role` from Rechat, if sent). */
  membership?: Brand;
}

/** Shared by every route module. */
export interface BrokerContext {
  readonly config: BrokerConfig;
  readonly fetch: Fetch;
  readonly clock: Clock;
  readonly logger: BrokerLogger;
  /** Rechat's API, without credentials: routes add the caller's bearer token. */
  readonly rechat: HttpClient;
  /** Present when the configuration has a `xenioo` section. */
  readonly xenioo?: XeniooClient;
  /** Every configured secret (see config.ts `configSecrets`). */
  readonly secrets: readonly string[];
  /** The text with every configured secret blanked out. */
  redact(text: string): string;
  /**
   * The caller, checked against Rechat (`GET /users/self` with their bearer token), once per request.
   * @throws {BrokerError} 401 `Unauthorized` for a missing, forged or expired token; 401 `MFARequired`
   *   for a pair that is not MFA-validated; 502 when Rechat cannot be asked
   */
  caller(c: Context<BrokerEnv>): Promise<Caller>;
  /**
   * The caller, if they may act on `brand`: a direct member of it, or a member of a brand above it.
   * @throws {BrokerError} 403 when they may not; as {@link caller} otherwise
   */
  requireBrandMember(c: Context<BrokerEnv>, brand: string): Promise<BrandAccess>;
  /**
   * The client's address, for per-address limits: the socket's peer on Node (`BrokerOptions.clientAddress`
   * to read a trusted proxy's header instead), `"unknown"` when the runtime does not say.
   */
  clientAddress(c: Context<BrokerEnv>): string;
  /** Failed sign-ins, per account and per address (broker/throttle.ts): for every route that takes a password. */
  readonly signIn: SignInGuard;
  /** Chatbot tokens per agent, keyed by Rechat user id. */
  readonly chatbotTokens: Throttle;
  /** The Redis the broker was given, if any (shared counters; sessions). */
  readonly redis?: Redis;
  /** Tokens the broker handled lately; log lines are blanked of them (log.ts). Add what a route forwards. */
  readonly recent: RecentValues;
  /** Broker sessions (the token pair kept here, a cookie in the page): start, find, call Rechat, end. */
  readonly sessions: BrokerSessions;
}

/** A group of routes: registers them on the app. */
export type BrokerModule = (app: BrokerApp, ctx: BrokerContext) => void;

const UserEnvelope = envelope(UserSchema);
const BrandsEnvelope = envelope(z.array(BrandSchema));

/**
 * Turns a failed Rechat call made with the caller's token into the broker's answer. Only Rechat's own
 * 401 rejects the caller; anything else (5xx, offline, a timeout, a bad body) is a 502, which a client
 * must not read as "signed out".
 */
export function fromRechatError(error: unknown, logger: BrokerLogger, what: string): Error {
  if (error instanceof MfaRequiredError) return mfaRequired();
  // Rechat is throttling: say so at once, with Rechat's own wait, rather than hold the caller and then
  // answer a 502 without one (issue 9, item 7).
  if (error instanceof HttpError && error.status === 429) return rechatBusy(error.retryAfterMs);
  if (error instanceof HttpError && error.status === 401) return unauthorized('The access token is not valid or has expired.');
  if (error instanceof HttpError && error.status === 403) return forbidden('Rechat refused this request.');
  logger.warn(`rechat: ${what} failed: ${describe(error)}`);
  return upstreamUnavailable('Rechat is not answering. Try again in a moment.');
}

/** A 429 from Rechat, passed on with its `Retry-After` (seconds, rounded up). */
export function rechatBusy(retryAfterMs: number | undefined): BrokerError {
  const headers: Record<string, string> = retryAfterMs === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  return new BrokerError(429, 'TooManyRequests', 'Rechat is busy. Try again in a moment.', headers);
}

const BEARER_RE = /^Bearer\s+([\x21-\x7e]{1,4096})\s*$/i;

/**
 * How long a bearer token Rechat accepted is taken as checked, and how many are kept. A minute bounds
 * how long a token revoked at Rechat still works here; within it, a burst of chatbot launches costs one
 * `GET /users/self` (issue 9, item 7).
 */
export const CALLER_CACHE = { ttlMs: 60_000, maxEntries: 10_000 } as const;

/** Hex SHA-256: the cache is keyed by a token's hash, never by the token. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Creates the context's two checks over a Rechat client. */
export function callerChecks(
  rechat: HttpClient,
  logger: BrokerLogger,
  clock: Clock,
  recent?: RecentValues,
): Pick<BrokerContext, 'caller' | 'requireBrandMember'> {
  // By token hash: the user Rechat gave (or is giving: concurrent checks of one token share one call).
  const verified = new Map<string, { user: Promise<User>; expiresAt: number }>();

  async function ask(token: string): Promise<User> {
    try {
      // Never retried: one forged token must cost Rechat one call, not three.
      const me = await rechat.request({ path: '/users/self', headers: bearer(token), schema: UserEnvelope, retry: false });
      return me.data;
    } catch (error) {
      throw fromRechatError(error, logger, 'GET /users/self');
    }
  }

  async function verify(token: string): Promise<Caller> {
    recent?.add(token);
    const key = await sha256(token);
    const now = clock.now();
    const hit = verified.get(key);
    if (hit && hit.expiresAt > now) return { user: await hit.user, accessToken: token };
    if (hit) verified.delete(key);
    const user = ask(token);
    verified.set(key, { user, expiresAt: now + CALLER_CACHE.ttlMs });
    // Oldest first out (a Map keeps insertion order): the cache never grows past its bound.
    while (verified.size > CALLER_CACHE.maxEntries) verified.delete(verified.keys().next().value!);
    try {
      return { user: await user, accessToken: token };
    } catch (error) {
      // Only a success is kept: a refusal or an outage is asked again next time.
      if (verified.get(key)?.user === user) verified.delete(key);
      throw error;
    }
  }

  function caller(c: Context<BrokerEnv>): Promise<Caller> {
    let checked = c.get('caller') as Promise<Caller> | undefined;
    if (!checked) {
      const match = BEARER_RE.exec(c.req.header('authorization') ?? '');
      checked = match ? verify(match[1]!) : Promise.reject(unauthorized('Missing bearer token'));
      checked.catch(() => undefined); // awaited by the route; not an unhandled rejection meanwhile
      c.set('caller', checked);
    }
    return checked;
  }

  async function requireBrandMember(c: Context<BrokerEnv>, brand: string): Promise<BrandAccess> {
    const who = await caller(c);
    let brands;
    try {
      brands = await rechat.request({ path: '/users/self/brands', headers: bearer(who.accessToken), schema: BrandsEnvelope, retry: false });
    } catch (error) {
      throw fromRechatError(error, logger, 'GET /users/self/brands');
    }
    const membership = brands.data.find((candidate) => candidate.id === brand);
    if (membership) return { caller: who, membership };
    if (brands.data.length === 0) throw forbidden('You are not a member of this brand.');
    // Not a direct member. `/users/self/brands` lists direct memberships only, and membership reaches
    // down the brand tree, so ask Rechat's own brand scoping whether this brand is below one of
    // theirs: listing its SSO apps (doc 000) answers 403 to anyone who may not act on the brand.
    try {
      await rechat.request({ path: `/brands/${encodeURIComponent(brand)}/sso_applications`, headers: bearer(who.accessToken), retry: false });
      return { caller: who };
    } catch (error) {
      if (error instanceof HttpError && (error.status === 403 || error.status === 404)) {
        throw forbidden('You are not a member of this brand.');
      }
      throw fromRechatError(error, logger, 'GET /brands/:brand/sso_applications');
    }
  }

  return { caller, requireBrandMember };
}
