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
import type { BlankSchema } from 'hono/types';
import * as z from 'zod/mini';
import '../core/schema.ts';
import type { Clock, Fetch } from '../core/deps.ts';
import { HttpError, MfaRequiredError } from '../core/errors.ts';
import type { HttpClient } from '../core/http.ts';
import { BrandSchema, UserSchema, envelope, type Brand, type User } from '../core/rechat/schemas.ts';
import type { XeniooClient } from '../core/xenioo.ts';
import type { BrokerConfig } from './config.ts';
import { forbidden, mfaRequired, unauthorized, upstreamUnavailable } from './http.ts';
import { describe, type BrokerLogger } from './log.ts';
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
  if (error instanceof HttpError && error.status === 401) return unauthorized('The access token is not valid or has expired.');
  if (error instanceof HttpError && error.status === 403) return forbidden('Rechat refused this request.');
  logger.warn(`rechat: ${what} failed: ${describe(error)}`);
  return upstreamUnavailable('Rechat is not answering. Try again in a moment.');
}

const BEARER_RE = /^Bearer\s+([\x21-\x7e]{1,4096})\s*$/i;

/** Creates the context's two checks over a Rechat client. */
export function callerChecks(rechat: HttpClient, logger: BrokerLogger): Pick<BrokerContext, 'caller' | 'requireBrandMember'> {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function verify(token: string): Promise<Caller> {
    try {
      const me = await rechat.request({ path: '/users/self', headers: bearer(token), schema: UserEnvelope });
      return { user: me.data, accessToken: token };
    } catch (error) {
      throw fromRechatError(error, logger, 'GET /users/self');
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
      brands = await rechat.request({ path: '/users/self/brands', headers: bearer(who.accessToken), schema: BrandsEnvelope });
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
      await rechat.request({ path: `/brands/${encodeURIComponent(brand)}/sso_applications`, headers: bearer(who.accessToken) });
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
