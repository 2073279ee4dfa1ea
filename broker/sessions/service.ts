/**
 * Broker sessions: the Rechat token pair kept server-side, found by an `HttpOnly` cookie (a
 * backend-for-frontend, as the IETF's "OAuth 2.0 for Browser-Based Applications" describes it).
 *
 * - {@link BrokerSessions.start} turns a Rechat token response (password grant, authorization code)
 *   into a session and the `Set-Cookie` that carries it: the one entry point every sign-in uses.
 * - {@link BrokerSessions.current} finds and checks the request's session (idle and absolute expiry).
 * - {@link BrokerSessions.callRechat} makes a Rechat call with the session's bearer token: refreshed
 *   ahead of expiry and once after a 401, once at a time per session across every broker instance (the
 *   store's lock, with the pair read again inside it); a second 401 ends the session.
 * - {@link BrokerSessions.end} deletes it.
 *
 * Nothing here returns a token to the caller's browser; only the public view ({@link SessionView}).
 * @see https://datatracker.ietf.org/doc/draft-ietf-oauth-browser-based-apps/ (backend for frontend)
 * @module
 */
import type { Context } from 'hono';
import { HttpError, MfaRequiredError, OAuthError } from '../../core/errors.ts';
import { bearer, type HttpClient } from '../../core/http.ts';
import { TokenResponseSchema, UserSchema, envelope, type TokenResponse, type User } from '../../core/rechat/schemas.ts';
import type { Clock } from '../../core/deps.ts';
import type { BrokerConfig } from '../config.ts';
import { BrokerError, mfaRequired, upstreamUnavailable } from '../http.ts';
import { describe, type BrokerLogger } from '../log.ts';
import { SESSION_DEFAULTS } from './config.ts';
import { clearedCookie, cookieShape, readSessionCookie, sessionCookie, type CookieSettings } from './cookie.ts';
import { randomSessionId, storageId } from './crypto.ts';
import { SessionStoreUnavailableError, type SessionRecord, type SessionStore } from './store.ts';

/** What the page may know of its session: never a token. */
export interface SessionView {
  status: 'signed-in' | 'mfa-required' | 'signed-out';
  user?: User;
}

/** A session found for a request. */
export interface ActiveSession {
  /** The store's key (a hash of the cookie value). */
  key: string;
  record: SessionRecord;
}

/** What {@link BrokerSessions.start} answers: the view to send, and the headers (`Set-Cookie`) to send it with. */
export interface StartedSession {
  view: SessionView;
  headers: Record<string, string>;
}

/** The broker's sessions; `ctx.sessions`. */
export interface BrokerSessions {
  readonly store: SessionStore;
  /**
   * Creates a session from a Rechat token response and answers its view and the `Set-Cookie` header.
   * A session already named by the request's cookie is deleted first (a sign-in always gets a new id).
   * @example
   * const { view, headers } = await ctx.sessions.start(c, tokenResponse);
   * return json({ code: 'OK', data: view }, 200, headers);
   * @throws {BrokerError} 503 when the store cannot be reached; 502 when Rechat cannot be asked for the profile
   */
  start(c: Context, tokens: TokenResponse): Promise<StartedSession>;
  /** The request's session, or undefined (no cookie, unknown, idle or past its absolute end). */
  current(c: Context): Promise<ActiveSession | undefined>;
  /** As {@link current}, or a 401 `SessionExpired` that clears the cookie. */
  require(c: Context): Promise<ActiveSession>;
  /**
   * A Rechat call with the session's bearer token. `send` is called with the access token (once, or
   * twice when the first answer is a 401 and a refresh succeeds). An MFA-required 401 is answered as is.
   * @throws {BrokerError} 401 `SessionExpired` when Rechat rejects the refreshed pair (the session is gone)
   */
  callRechat(c: Context, session: ActiveSession, send: (accessToken: string) => Promise<Response>): Promise<Response>;
  /** Changes the stored record (after MFA validation, a profile change). */
  update(c: Context, session: ActiveSession, change: Partial<Pick<SessionRecord, 'mfaPending' | 'user'>>): Promise<void>;
  /** Deletes the request's session; answers the headers that clear the cookie. */
  end(c: Context): Promise<Record<string, string>>;
  /** The headers that clear the cookie. */
  clearCookie(c: Context): Record<string, string>;
  /** The view of a session. */
  view(session: ActiveSession | undefined): SessionView;
}

/** Options of {@link createBrokerSessions}. */
export interface BrokerSessionsOptions {
  config: BrokerConfig;
  store: SessionStore;
  rechat: HttpClient;
  clock: Clock;
  logger: BrokerLogger;
  basePath: string;
  /** Refresh this long before expiry; default 60 s (at most half the token's lifetime). */
  refreshAheadMs?: number;
}

/** A 401 that ends the session in the page too: the element shows sign-in. */
export function sessionExpired(headers: Record<string, string> = {}): BrokerError {
  return new BrokerError(401, 'SessionExpired', 'Your session has ended. Sign in again.', headers);
}

/** Redis is down: nothing is lost, try again. */
export function storeUnavailable(): BrokerError {
  return new BrokerError(503, 'SessionStoreUnavailable', 'Sign-in is unavailable for a moment. Try again shortly.', { 'retry-after': '5' });
}

/** Whether a Rechat 401 body says "MFA required" (as the core's HTTP layer reads it). */
export function isMfaRequired(status: number, text: string): boolean {
  if (status !== 401) return false;
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    return body.code === 'MFARequired' || (typeof body.message === 'string' && /\bmfa required\b/i.test(body.message));
  } catch {
    return false;
  }
}

const UserEnvelope = envelope(UserSchema);

/** Creates the sessions over a store. */
export function createBrokerSessions(options: BrokerSessionsOptions): BrokerSessions {
  const { config, store, rechat, clock, logger } = options;
  const idleMs = (config.sessions?.idleMinutes ?? SESSION_DEFAULTS.idleMinutes) * 60_000;
  const absoluteMs = (config.sessions?.absoluteHours ?? SESSION_DEFAULTS.absoluteHours) * 3_600_000;
  const cookieSettings: CookieSettings = {
    basePath: options.basePath,
    secureCookie: config.sessions?.secureCookie ?? 'auto',
    trustProxy: config.sessions?.trustProxy ?? false,
  };
  // Writing lastSeenAt on every request would be a Redis write per call: once a minute is enough for an idle limit counted in minutes.
  const touchEveryMs = Math.min(60_000, idleMs / 10);
  const refreshAheadMs = options.refreshAheadMs ?? 60_000;
  /** One refresh in flight per session in this process; the store's lock covers the other processes. */
  const inflight = new Map<string, Promise<SessionRecord>>();
  let warnedInsecure = false;

  async function guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (error instanceof SessionStoreUnavailableError) {
        logger.warn(`sessions: store unavailable: ${describe(error.cause)}`);
        throw storeUnavailable();
      }
      throw error;
    }
  }

  const ttlFor = (record: SessionRecord) => Math.max(1, Math.min(idleMs, record.absoluteExpiresAt - clock.now()));
  const shape = (c: Context) => cookieShape(c, cookieSettings);
  const clearCookie = (c: Context) => ({ 'set-cookie': clearedCookie(shape(c)) });

  function view(session: ActiveSession | undefined): SessionView {
    if (!session) return { status: 'signed-out' };
    return { status: session.record.mfaPending ? 'mfa-required' : 'signed-in', ...(session.record.user ? { user: session.record.user } : {}) };
  }

  async function save(key: string, record: SessionRecord): Promise<void> {
    await guard(store.set(key, record, ttlFor(record)));
  }

  async function current(c: Context): Promise<ActiveSession | undefined> {
    const id = readSessionCookie(c, shape(c));
    if (!id) return undefined;
    const key = await storageId(id);
    const record = await guard(store.get(key));
    if (!record) return undefined;
    const now = clock.now();
    if (now >= record.absoluteExpiresAt || now - record.lastSeenAt >= idleMs) {
      await guard(store.delete(key));
      return undefined;
    }
    if (now - record.lastSeenAt >= touchEveryMs) {
      record.lastSeenAt = now;
      await save(key, record);
    }
    return { key, record };
  }

  async function require(c: Context): Promise<ActiveSession> {
    const session = await current(c);
    if (!session) throw sessionExpired(readSessionCookie(c, shape(c)) ? clearCookie(c) : {});
    return session;
  }

  async function start(c: Context, tokens: TokenResponse): Promise<StartedSession> {
    const checked = TokenResponseSchema.parse(tokens);
    const now = clock.now();
    let user = checked.data;
    let mfaPending = Boolean(user?.mfa_enabled);
    if (!user) {
      // The password grant normally carries the profile; an authorization-code answer may not.
      try {
        user = (await rechat.request({ path: '/users/self', headers: bearer(checked.access_token), schema: UserEnvelope })).data;
      } catch (error) {
        if (!(error instanceof MfaRequiredError)) {
          logger.warn(`rechat: GET /users/self after sign-in failed: ${describe(error)}`);
          throw upstreamUnavailable('Rechat is not answering. Try again in a moment.');
        }
        mfaPending = true;
      }
    }
    const previous = readSessionCookie(c, shape(c));
    if (previous) await guard(store.delete(await storageId(previous)));
    const record: SessionRecord = {
      accessToken: checked.access_token,
      refreshToken: checked.refresh_token,
      expiresAt: now + checked.expires_in * 1000,
      lifetimeMs: checked.expires_in * 1000,
      mfaPending,
      ...(user ? { user } : {}),
      createdAt: now,
      absoluteExpiresAt: now + absoluteMs,
      lastSeenAt: now,
    };
    const id = randomSessionId();
    const key = await storageId(id);
    await save(key, record);
    const cookie = shape(c);
    if (!cookie.secure && !warnedInsecure) {
      warnedInsecure = true;
      logger.warn('sessions: the session cookie is sent without Secure (the broker is reached over plain http): anyone on the network path can take it');
    }
    return { view: view({ key, record }), headers: { 'set-cookie': sessionCookie(cookie, id, absoluteMs / 1000) } };
  }

  const isStale = (record: SessionRecord) => record.expiresAt - Math.min(refreshAheadMs, record.lifetimeMs / 2) <= clock.now();

  /** Spends the refresh token of `used`, unless another request or broker did it already. */
  function refresh(c: Context, session: ActiveSession, used: SessionRecord): Promise<SessionRecord> {
    let running = inflight.get(session.key);
    if (!running) {
      running = guard(store.withLock(session.key, () => refreshLocked(c, session.key, used))).finally(() => inflight.delete(session.key));
      inflight.set(session.key, running);
    }
    return running;
  }

  async function refreshLocked(c: Context, key: string, used: SessionRecord): Promise<SessionRecord> {
    // Read again inside the lock: another broker may have rotated the pair while this one waited.
    const stored = await store.get(key);
    if (!stored) throw sessionExpired(clearCookie(c));
    if (stored.refreshToken !== used.refreshToken) return stored;
    let answer: TokenResponse;
    try {
      answer = await rechat.request({
        method: 'POST',
        path: '/oauth2/token',
        body: { grant_type: 'refresh_token', refresh_token: stored.refreshToken, client_id: config.rechat.clientId, client_secret: config.rechat.clientSecret },
        schema: TokenResponseSchema,
        retry: false, // a refresh token is spent by the attempt: never replayed
      });
    } catch (error) {
      if (error instanceof OAuthError || (error instanceof HttpError && error.status === 401)) {
        // Rechat's authoritative "no": the session is over, here and in the page.
        await store.delete(key);
        logger.info('sessions: a refresh was rejected by Rechat; session ended');
        throw sessionExpired(clearCookie(c));
      }
      logger.warn(`rechat: refresh failed: ${describe(error)}`);
      throw upstreamUnavailable('Rechat is not answering. Try again in a moment.');
    }
    const next: SessionRecord = {
      ...stored,
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token,
      expiresAt: clock.now() + answer.expires_in * 1000,
      lifetimeMs: answer.expires_in * 1000,
      ...(answer.data ? { user: answer.data } : {}),
    };
    await store.set(key, next, ttlFor(next));
    return next;
  }

  async function callRechat(c: Context, session: ActiveSession, send: (accessToken: string) => Promise<Response>): Promise<Response> {
    let record = session.record;
    if (isStale(record)) record = await refresh(c, session, record);
    for (let attempt = 0; ; attempt++) {
      const response = await send(record.accessToken);
      if (response.status !== 401) {
        session.record = record;
        return response;
      }
      const text = await response.clone().text();
      if (isMfaRequired(response.status, text)) {
        if (!record.mfaPending) await update(c, { ...session, record }, { mfaPending: true });
        return response;
      }
      if (attempt > 0) {
        // A 401 right after a refresh: Rechat no longer accepts this session.
        await guard(store.delete(session.key));
        throw sessionExpired(clearCookie(c));
      }
      record = await refresh(c, session, record);
    }
  }

  async function update(_c: Context, session: ActiveSession, change: Partial<Pick<SessionRecord, 'mfaPending' | 'user'>>): Promise<void> {
    const latest = (await guard(store.get(session.key))) ?? session.record;
    const next = { ...latest, ...change };
    session.record = next;
    await save(session.key, next);
  }

  async function end(c: Context): Promise<Record<string, string>> {
    const id = readSessionCookie(c, shape(c));
    if (id) await guard(store.delete(await storageId(id)));
    return clearCookie(c);
  }

  return { store, start, current, require, callRechat, update, end, clearCookie, view };
}

/** The caller's session answered as the broker's usual 401s: MFA first, then the profile. */
export function mfaGate(session: ActiveSession): void {
  if (session.record.mfaPending) throw mfaRequired();
}
