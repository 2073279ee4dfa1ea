/**
 * The Rechat session: sign in with the OAuth2 password grant, keep the token pair, refresh it once at
 * a time, gate calls behind MFA validation, and sign out only on an authoritative rejection.
 *
 * Rules (see docs/architecture.md, "Security model"):
 * - Refresh tokens rotate, so a refresh token is never used twice: within a context every caller
 *   shares one in-flight promise, and across tabs and extension contexts a Web Lock serialises the
 *   refresh, inside which the stored pair is read again (another context may have rotated it already).
 * - Only `invalid_grant` on refresh, or a 401 after a refresh, ends the session. Network errors,
 *   timeouts and 5xx reach the caller as typed errors and the session stays.
 * - While the pair is not MFA-validated, calls wait; {@link Session.validateMfa} lets them through.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6 (refreshing an access token)
 * @module
 */
import type { Clock, Fetch, LockManagerLike } from './deps.ts';
import { defaultLocks, systemClock } from './deps.ts';
import {
  HttpError,
  MfaRequiredError,
  OAuthError,
  SessionExpiredError,
  ValidationError,
  isSsoError,
  ErrorCode,
} from './errors.ts';
import { createHttpClient, withBearer, type HttpClient, type RequestOptions } from './http.ts';
import type { RetryPolicy } from './retry.ts';
import { TokenResponseSchema, UserSchema, envelope, type TokenResponse, type User } from './rechat/schemas.ts';
// The stored pair's format lives in stored-session.ts, beside the reader that core/snapshot.ts uses.
import { REFRESH_AHEAD_MS, isStale, type StoredTokens } from './stored-session.ts';
import type { EarlyRequest } from './early-apps.ts';
import type { KeyValueStore } from './storage.ts';
import { sessionKey } from './keys.ts';
import { MfaGate } from './mfa-gate.ts';

/** Where the session stands. */
export type SessionStatus = 'signed-out' | 'mfa-required' | 'signed-in';

/** Why the state last changed. */
export type SessionChangeReason = 'restored' | 'signed-in' | 'mfa-required' | 'mfa-validated' | 'signed-out' | 'expired' | 'user-updated';

/** The session's state, as carried by {@link SessionChangeEvent}. */
export interface SessionState {
  status: SessionStatus;
  /** The profile; kept after an expiry so the sign-in form can offer the same email. */
  user?: User;
  reason: SessionChangeReason;
}

/** Fired on the session as `change` whenever its state changes. */
export class SessionChangeEvent extends Event {
  constructor(readonly state: SessionState) {
    super('change');
  }
}

/** Anything that can make authorised Rechat calls: the session, or a test double. */
export interface AuthorizedApi {
  request<T = unknown>(options: RequestOptions<T>): Promise<T>;
}


/**
 * The pair to keep from a token endpoint's answer, for a sign-in and for a refresh alike: the expiry
 * is counted from `now`, the lifetime kept so the refresh-ahead window can be capped at half of it.
 */
function storedPair(response: TokenResponse, now: number, mfaPending: boolean, user: User | undefined): StoredTokens {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: now + response.expires_in * 1000,
    lifetimeMs: response.expires_in * 1000,
    mfaPending,
    user,
  };
}

/** Options of {@link Session}. */
export interface SessionOptions {
  /** Rechat API base URL. */
  apiBase: string;
  /** OAuth2 client id. */
  clientId: string;
  /**
   * OAuth2 client secret. Only for server-side use (the broker): a page cannot keep a secret.
   * Pages leave it out and point `tokenEndpoint` at a proxy that adds it.
   */
  clientSecret?: string;
  /** Token endpoint URL; default `<apiBase>/oauth2/token`. */
  tokenEndpoint?: string;
  store: KeyValueStore;
  fetch?: Fetch;
  clock?: Clock;
  locks?: LockManagerLike;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Refresh this long before expiry; default 60 s (at most half the token's lifetime). */
  refreshAheadMs?: number;
}

export { REFRESH_AHEAD_MS };

const MfaCodeRe = /^\d{6}$/;

/**
 * Throws a {@link ValidationError} unless `code` is six digits: checked before any request.
 */
export function checkMfaCode(code: unknown): string {
  const trimmed = typeof code === 'string' ? code.replace(/\s+/g, '') : '';
  if (!MfaCodeRe.test(trimmed)) {
    throw new ValidationError('verification code', [{ path: 'token', message: 'the code must be 6 digits' }]);
  }
  return trimmed;
}

/**
 * A Rechat session.
 * @example
 * const session = new Session({ apiBase: 'https://api.rechat.com', clientId, store: idbStore() });
 * await session.ready;
 * if (session.state.status === 'signed-out') await session.signIn('agent@example.com', 'password');
 * const me = await session.request({ path: '/users/self' });
 */
export class Session extends EventTarget implements AuthorizedApi {
  /** The HTTP client, for unauthenticated calls to the same API. */
  readonly http: HttpClient;
  /** Resolves once the stored session (if any) has been read. */
  readonly ready: Promise<void>;
  #state: SessionState = { status: 'signed-out', reason: 'restored' };
  #tokens: StoredTokens | undefined;
  #inflightRefresh: Promise<StoredTokens> | undefined;
  readonly #mfa = new MfaGate();
  readonly #options: SessionOptions;
  readonly #clock: Clock;
  readonly #locks: LockManagerLike;
  readonly #key: string;

  constructor(options: SessionOptions) {
    super();
    if (typeof options.clientId !== 'string' || !options.clientId) throw new TypeError('"clientId" must be a non-empty string');
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#locks = options.locks ?? defaultLocks();
    this.http = createHttpClient({
      baseUrl: options.apiBase,
      fetch: options.fetch,
      clock: this.#clock,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
    });
    this.#key = sessionKey(options.clientId, options.apiBase);
    this.ready = this.#restore();
  }

  /** The current state. */
  get state(): SessionState {
    return this.#state;
  }

  /** The signed-in user, if known. */
  get user(): User | undefined {
    return this.#state.user;
  }

  /** Subscribes to state changes; returns the function that unsubscribes. */
  onChange(listener: (state: SessionState) => void): () => void {
    const handler = (event: Event) => listener((event as SessionChangeEvent).state);
    this.addEventListener('change', handler);
    return () => this.removeEventListener('change', handler);
  }

  async #restore(): Promise<void> {
    let stored: StoredTokens | undefined;
    try {
      stored = await this.#options.store.get<StoredTokens>(this.#key);
    } catch {
      stored = undefined; // a blocked or corrupt store means "not signed in", not a crash
    }
    if (stored && typeof stored.accessToken === 'string' && typeof stored.refreshToken === 'string') {
      this.#tokens = stored;
      this.#setState({ status: stored.mfaPending ? 'mfa-required' : 'signed-in', user: stored.user, reason: 'restored' });
    }
  }

  #setState(state: SessionState): void {
    this.#state = state;
    const open = this.#mfa.follow(state.status);
    this.dispatchEvent(new SessionChangeEvent(state));
    open();
  }

  async #save(tokens: StoredTokens): Promise<void> {
    this.#tokens = tokens;
    await this.#options.store.set(this.#key, tokens);
  }

  #tokenRequestBody(grant: Record<string, string>): Record<string, string> {
    const body: Record<string, string> = { ...grant, client_id: this.#options.clientId };
    if (this.#options.clientSecret) body.client_secret = this.#options.clientSecret;
    return body;
  }

  #tokenEndpoint(): string {
    return this.#options.tokenEndpoint ?? this.http.url('/oauth2/token');
  }

  /**
   * Signs in with the OAuth2 password grant. Resolves with the new state: `signed-in`, or
   * `mfa-required` when the account has MFA (then call {@link validateMfa}).
   * @throws {OAuthError} `invalid_grant` for a wrong email or password, `invalid_client` for a bad client configuration
   * @throws {NetworkError | TimeoutError | HttpError | ValidationError}
   */
  async signIn(username: string, password: string, options: { signal?: AbortSignal } = {}): Promise<SessionState> {
    await this.ready;
    if (typeof username !== 'string' || !username.trim()) {
      throw new ValidationError('sign-in', [{ path: 'username', message: 'enter your email' }]);
    }
    if (typeof password !== 'string' || !password) {
      throw new ValidationError('sign-in', [{ path: 'password', message: 'enter your password' }]);
    }
    return this.#grantSignIn({ username: username.trim(), password, grant_type: 'password' }, options.signal);
  }

  /**
   * Signs in with an authorization code ("Sign in with Rechat" in the extension:
   * `identity.launchWebAuthFlow` with PKCE). `tokenEndpoint` must be the broker's token proxy, which
   * adds the client secret and exchanges codes only for allow-listed redirect URIs. Resolves like
   * {@link signIn}: `mfa-required` when the new pair still needs MFA.
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3 and https://www.rfc-editor.org/rfc/rfc7636#section-4.5
   * @throws {OAuthError} `invalid_grant` for a spent, expired or mismatched code or verifier
   */
  async signInWithCode(code: string, redirectUri: string, codeVerifier: string, options: { signal?: AbortSignal } = {}): Promise<SessionState> {
    await this.ready;
    return this.#grantSignIn({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier }, options.signal);
  }

  /** Runs a sign-in grant at the token endpoint and keeps the new pair. */
  async #grantSignIn(grant: Record<string, string>, signal: AbortSignal | undefined): Promise<SessionState> {
    // Never retried: replaying a password grant (or spending a code twice) is not idempotent.
    const response = await this.http.request({
      method: 'POST',
      path: this.#tokenEndpoint(),
      body: this.#tokenRequestBody(grant),
      schema: TokenResponseSchema,
      retry: false,
      signal,
    });
    const user = response.data;
    const tokens = storedPair(response, this.#clock.now(), Boolean(user?.mfa_enabled), user);
    await this.#save(tokens);
    if (!user) {
      // The password grant normally returns the profile; fetch it when a proxy dropped it.
      try {
        const me = await this.#rawRequest(tokens, { path: '/users/self', schema: envelope(UserSchema) });
        tokens.user = me.data;
        await this.#save(tokens);
      } catch (error) {
        if (!(error instanceof MfaRequiredError)) throw error;
        tokens.mfaPending = true;
        await this.#save(tokens);
      }
    }
    const previousUser = this.#state.user?.id;
    if (previousUser && previousUser !== tokens.user?.id) {
      // Calls made for the previous account must never go on with another account's token.
      this.#mfa.fail(new SessionExpiredError('Signed in as another user.'));
    }
    this.#setState({ status: tokens.mfaPending ? 'mfa-required' : 'signed-in', user: tokens.user, reason: 'signed-in' });
    return this.#state;
  }

  /**
   * Validates the MFA code for a pair that needs it. The calls that were waiting then go through.
   * A wrong code rejects with an {@link HttpError} (400) and the session stays as it was.
   * @see https://www.rfc-editor.org/rfc/rfc6238 (TOTP)
   */
  async validateMfa(code: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const token = checkMfaCode(code);
    await this.ready;
    if (this.#state.status !== 'mfa-required' || !this.#tokens) {
      if (this.#state.status === 'signed-in') return;
      throw new SessionExpiredError('Not signed in.');
    }
    let tokens = this.#tokens;
    if (this.#isStale(tokens)) tokens = await this.#refresh(tokens);
    await this.#rawRequest(tokens, { method: 'POST', path: '/users/self/mfa/validate', body: { token }, retry: false, signal: options.signal });
    await this.#markMfaValidated(tokens, 'mfa-validated');
  }

  /**
   * Records that the current pair is MFA-validated (after MFA verify, which also validates the pair).
   * @internal used by the MFA module
   */
  async markMfaValidated(user?: User): Promise<void> {
    if (this.#tokens) await this.#markMfaValidated(this.#tokens, user ? 'user-updated' : 'mfa-validated', user);
  }

  async #markMfaValidated(tokens: StoredTokens, reason: SessionChangeReason, user?: User): Promise<void> {
    const next = { ...tokens, mfaPending: false, user: user ?? tokens.user };
    if (!next.user) {
      const me = await this.#rawRequest(next, { path: '/users/self', schema: envelope(UserSchema) });
      next.user = me.data;
    }
    await this.#save(next);
    this.#setState({ status: 'signed-in', user: next.user, reason });
  }

  /** When the access token expires (epoch ms), or undefined when signed out. */
  get expiresAt(): number | undefined {
    return this.#tokens?.expiresAt;
  }

  /**
   * Refreshes the pair now if it is within the refresh-ahead window, under the same single-flight
   * and Web Lock rules as every call. For a background alarm; does nothing when signed out or MFA-gated.
   */
  async ensureFresh(): Promise<void> {
    await this.ready;
    const tokens = this.#tokens;
    if (!tokens || this.#state.status !== 'signed-in') return;
    if (this.#isStale(tokens)) await this.#refresh(tokens);
  }

  /**
   * Reads the stored pair again, for a context that learns another one changed it (the extension's
   * popup after the background signed in or out).
   */
  async reload(): Promise<void> {
    await this.ready;
    const stored = await this.#options.store.get<StoredTokens>(this.#key).catch(() => undefined);
    if (!stored) {
      if (this.#tokens) await this.#end('signed-out');
      return;
    }
    if (stored.accessToken === this.#tokens?.accessToken && stored.mfaPending === this.#tokens.mfaPending) return;
    this.#tokens = stored;
    this.#setState({ status: stored.mfaPending ? 'mfa-required' : 'signed-in', user: stored.user, reason: 'restored' });
  }

  /** Replaces the stored profile (after an update such as MFA being turned on or off). */
  async updateUser(user: User): Promise<void> {
    if (!this.#tokens) return;
    await this.#save({ ...this.#tokens, user });
    this.#setState({ ...this.#state, user, reason: 'user-updated' });
  }

  /** Signs out: forgets the tokens. Calls waiting for MFA reject with {@link SessionExpiredError}. */
  async signOut(): Promise<void> {
    await this.ready;
    await this.#end('signed-out');
  }

  async #end(reason: 'signed-out' | 'expired', cause?: unknown): Promise<void> {
    const user = this.#state.user;
    this.#tokens = undefined;
    try {
      await this.#options.store.del(this.#key);
    } catch {
      // Nothing more to do: the in-memory copy is gone already.
    }
    this.#mfa.fail(new SessionExpiredError(reason === 'expired' ? undefined : 'Signed out.', { cause }));
    this.#setState({ status: 'signed-out', user: reason === 'expired' ? user : undefined, reason });
  }

  #isStale(tokens: StoredTokens): boolean {
    return isStale(tokens, this.#clock.now(), this.#options.refreshAheadMs);
  }

  /**
   * Exchanges `used`'s refresh token for a new pair, once at a time. Callers in this context share
   * one promise; other contexts wait on the Web Lock and then find the rotated pair in storage.
   */
  #refresh(used: StoredTokens): Promise<StoredTokens> {
    this.#inflightRefresh ??= this.#locks(`sso-launcher:refresh:${this.#key}`, () => this.#refreshLocked(used)).finally(() => {
      this.#inflightRefresh = undefined;
    });
    return this.#inflightRefresh;
  }

  async #refreshLocked(used: StoredTokens): Promise<StoredTokens> {
    const stored = await this.#options.store.get<StoredTokens>(this.#key).catch(() => this.#tokens);
    if (!stored) {
      // Signed out in another tab: that is authoritative for this one too.
      await this.#end('expired');
      throw new SessionExpiredError();
    }
    if (stored.refreshToken !== used.refreshToken) {
      // Another context rotated the pair while we waited for the lock: use theirs, never the old one.
      this.#tokens = stored;
      return stored;
    }
    let response;
    try {
      response = await this.http.request({
        method: 'POST',
        path: this.#tokenEndpoint(),
        body: this.#tokenRequestBody({ refresh_token: stored.refreshToken, grant_type: 'refresh_token' }),
        schema: TokenResponseSchema,
        retry: false,
      });
    } catch (error) {
      if (error instanceof OAuthError && (error.error === 'invalid_grant' || error.status === 401)) {
        await this.#end('expired', error);
        throw new SessionExpiredError(undefined, { cause: error });
      }
      throw error; // offline, timeout, 5xx: keep the session, the caller may try again
    }
    const next = storedPair(response, this.#clock.now(), stored.mfaPending, response.data ?? stored.user);
    await this.#save(next);
    return next;
  }

  /** A fresh token pair, refreshing ahead of expiry; waits while MFA is required. */
  async #usableTokens(signal?: AbortSignal): Promise<StoredTokens> {
    await this.ready;
    for (;;) {
      if (this.#mfa.closed) {
        await this.#mfa.wait(signal);
        continue;
      }
      const tokens = this.#tokens;
      if (!tokens || this.#state.status === 'signed-out') throw new SessionExpiredError('Not signed in.');
      return this.#isStale(tokens) ? this.#refresh(tokens) : tokens;
    }
  }

  /** One call with the given pair's bearer token, without refresh or MFA handling. */
  #rawRequest<T>(tokens: StoredTokens, options: RequestOptions<T>): Promise<T> {
    return this.http.request(withBearer(options, tokens.accessToken));
  }

  /**
   * An authorised call to the Rechat API. Refreshes ahead of expiry and once on a 401; waits while MFA
   * is required and goes on after {@link validateMfa}.
   * @throws {SessionExpiredError} when not signed in, or the session was rejected
   * @throws {HttpError | NetworkError | TimeoutError | ValidationError} as the HTTP layer
   */
  async request<T = unknown>(options: RequestOptions<T> & { early?: EarlyRequest }): Promise<T> {
    let refreshedAfter401 = false;
    let early = options.early;
    for (;;) {
      const tokens = await this.#usableTokens(options.signal);
      // An answer sent early (core/early-apps.ts) stands for the first attempt only, and only if it
      // carried the token this attempt would send: after a refresh, or for another agent, it is dropped.
      const attempt = { ...options, early: early?.token === tokens.accessToken ? early : undefined };
      early = undefined;
      try {
        return await this.#rawRequest(tokens, attempt);
      } catch (error) {
        if (error instanceof MfaRequiredError) {
          if (this.#tokens && this.#tokens.accessToken === tokens.accessToken) {
            await this.#save({ ...this.#tokens, mfaPending: true });
            this.#setState({ status: 'mfa-required', user: this.#state.user, reason: 'mfa-required' });
          }
          continue;
        }
        if (error instanceof HttpError && error.status === 401 && isSsoError(error, ErrorCode.Http)) {
          if (refreshedAfter401) {
            await this.#end('expired', error);
            throw new SessionExpiredError(undefined, { cause: error });
          }
          refreshedAfter401 = true;
          await this.#refresh(tokens);
          continue;
        }
        throw error;
      }
    }
  }
}
