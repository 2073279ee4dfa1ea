/**
 * The launcher's session when a broker keeps it (`session="broker"`): a backend-for-frontend. The
 * broker signs the agent in and keeps the Rechat token pair; this page holds only an `HttpOnly` cookie
 * it cannot read, and reaches Rechat through `<broker>/api/...`. No token is ever in this object, in
 * storage, or in a request or response the page sees.
 *
 * It offers the same surface as {@link Session}, so the launcher, the MFA and admin modules and the
 * chatbots use either. What it keeps in page storage is the profile and the MFA flag only (under the
 * session's key, so the cached grid paints before any network call), never a secret.
 *
 * - Every request carries `credentials: 'include'` (the cookie) and `X-SSO-Launcher: 1`, the header the
 *   broker requires against cross-site requests.
 * - Refresh happens in the broker. A 401 that is not "MFA required" means the broker has ended the
 *   session (a refresh was refused, idle or absolute expiry, sign-out elsewhere): the state becomes
 *   `signed-out` with reason `expired`, and the element shows sign-in.
 * - "MFA required" arrives as today's 401: calls wait until {@link validateMfa}, as with {@link Session}.
 * - A 503 (the broker's store is down) or a network error leaves the state as it is.
 * @module
 */
import type { Clock, Fetch } from './deps.ts';
import { systemClock } from './deps.ts';
import { HttpError, MfaRequiredError, SessionExpiredError, ValidationError } from './errors.ts';
import { createHttpClient, type HttpClient, type RequestOptions } from './http.ts';
import type { RetryPolicy } from './retry.ts';
import type { User } from './rechat/schemas.ts';
import './schema.ts';
import { checkMfaCode, SessionChangeEvent, type AuthorizedApi, type SessionState } from './session.ts';
import { MfaGate } from './mfa-gate.ts';
import type { KeyValueStore } from './storage.ts';
import { BROKER_ROUTES, SessionViewSchema, type SessionView } from './broker-contract.ts';

/** The header the broker requires on every broker-session request (broker/sessions/csrf.ts). */
export const BROKER_SESSION_HEADER = 'x-sso-launcher';

/** Options of {@link BrokerSession}. */
export interface BrokerSessionOptions {
  /** The broker's URL, such as `https://broker.intranet.example` or `https://intranet.example/broker`. */
  broker: string;
  /** Where the profile (not a token) is kept for the instant grid. */
  store: KeyValueStore;
  /** Its key in the store (see keys.ts `sessionKey`). */
  storeKey: string;
  fetch?: Fetch;
  clock?: Clock;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/** What is kept in page storage: the snapshot reads the same two fields. */
interface StoredProfile {
  user: User;
  mfaPending: boolean;
}

let warnedInsecure = false;

/**
 * A broker session.
 * @example
 * const session = new BrokerSession({ broker: 'https://intranet.example/broker', store: idbStore(), storeKey });
 * await session.ready;
 * if (session.state.status === 'signed-out') await session.signIn('agent@example.com', 'password');
 * const apps = await session.request({ path: `/brands/${brand}/sso_applications` }); // via <broker>/api
 */
export class BrokerSession extends EventTarget implements AuthorizedApi {
  /** The Rechat API through the broker (`<broker>/api`), with the cookie and the CSRF header. */
  readonly http: HttpClient;
  /** Resolves once the stored profile has been read and the broker asked. */
  readonly ready: Promise<void>;
  readonly #broker: HttpClient;
  readonly #options: BrokerSessionOptions;
  #state: SessionState = { status: 'signed-out', reason: 'restored' };
  readonly #mfa = new MfaGate();

  constructor(options: BrokerSessionOptions) {
    super();
    if (typeof options.broker !== 'string' || !/^https?:\/\//i.test(options.broker)) throw new TypeError('"broker" must be an http(s) URL');
    this.#options = options;
    const base = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    // The cookie must go along (the broker may be on another origin of the same site), and the CSRF header with it.
    const withCookie: Fetch = (input, init = {}) =>
      base(input, { ...init, credentials: 'include', headers: { ...(init.headers as Record<string, string> | undefined), [BROKER_SESSION_HEADER]: '1' } });
    const common = { fetch: withCookie, clock: options.clock ?? systemClock, timeoutMs: options.timeoutMs, retry: options.retry };
    const broker = options.broker.replace(/\/+$/, '');
    this.#broker = createHttpClient({ baseUrl: broker, ...common });
    this.http = createHttpClient({ baseUrl: `${broker}/api`, ...common });
    if (!warnedInsecure && (globalThis as { isSecureContext?: boolean }).isSecureContext === false) {
      warnedInsecure = true;
      console.warn('[sso-launcher] This page is not a secure context (plain http): the broker session cookie travels without Secure, so anyone on the network path can take it. Serve the intranet and the broker over https.');
    }
    this.ready = this.#restore();
  }

  get state(): SessionState {
    return this.#state;
  }

  get user(): User | undefined {
    return this.#state.user;
  }

  /** Always undefined: the token's expiry is the broker's business. */
  get expiresAt(): number | undefined {
    return undefined;
  }

  onChange(listener: (state: SessionState) => void): () => void {
    const handler = (event: Event) => listener((event as SessionChangeEvent).state);
    this.addEventListener('change', handler);
    return () => this.removeEventListener('change', handler);
  }

  async #restore(): Promise<void> {
    const stored = await this.#options.store.get<StoredProfile>(this.#options.storeKey).catch(() => undefined);
    if (stored?.user && typeof stored.user.id === 'string') {
      this.#setState({ status: stored.mfaPending ? 'mfa-required' : 'signed-in', user: stored.user, reason: 'restored' });
    }
    await this.#askBroker('restored').catch(() => undefined); // broker unreachable or 503: keep what storage said
  }

  /** Asks the broker where the session stands and follows it. */
  async #askBroker(reason: 'restored' | 'signed-in'): Promise<void> {
    // One attempt: while the broker cannot answer, what storage said stands, and the grid is not held back.
    const answer = await this.#broker.request({ path: BROKER_ROUTES.session, schema: SessionViewSchema, timeoutMs: 5_000, retry: false });
    await this.#apply(answer.data, reason);
  }

  async #apply(view: SessionView, reason: SessionState['reason']): Promise<void> {
    if (view.status === 'signed-out' || !view.user) {
      if (view.status === 'signed-out' && this.#state.status !== 'signed-out') await this.#end('expired');
      return;
    }
    const mfaPending = view.status === 'mfa-required';
    const same = this.#state.status === view.status && this.#state.user?.id === view.user.id;
    await this.#saveProfile({ user: view.user, mfaPending });
    if (!same) this.#setState({ status: view.status, user: view.user, reason });
  }

  #setState(state: SessionState): void {
    this.#state = state;
    const open = this.#mfa.follow(state.status);
    this.dispatchEvent(new SessionChangeEvent(state));
    open();
  }

  async #saveProfile(profile: StoredProfile): Promise<void> {
    await this.#options.store.set(this.#options.storeKey, profile).catch(() => undefined);
  }

  /**
   * Signs in: the broker runs the password grant with the client secret and keeps the pair.
   * @throws {OAuthError} `invalid_grant` for a wrong email or password
   * @throws {NetworkError | TimeoutError | HttpError | ValidationError}
   */
  async signIn(username: string, password: string, options: { signal?: AbortSignal } = {}): Promise<SessionState> {
    await this.ready;
    if (typeof username !== 'string' || !username.trim()) throw new ValidationError('sign-in', [{ path: 'username', message: 'enter your email' }]);
    if (typeof password !== 'string' || !password) throw new ValidationError('sign-in', [{ path: 'password', message: 'enter your password' }]);
    const answer = await this.#broker.request({
      method: 'POST',
      path: BROKER_ROUTES.session,
      body: { username: username.trim(), password },
      schema: SessionViewSchema,
      retry: false,
      signal: options.signal,
    });
    const view = answer.data;
    if (view.status === 'signed-out' || !view.user) throw new SessionExpiredError('The broker did not start a session.');
    if (this.#state.user && this.#state.user.id !== view.user.id) this.#mfa.fail(new SessionExpiredError('Signed in as another user.'));
    await this.#saveProfile({ user: view.user, mfaPending: view.status === 'mfa-required' });
    this.#setState({ status: view.status, user: view.user, reason: 'signed-in' });
    return this.#state;
  }

  /** Validates the MFA code; the broker records it on the session, and waiting calls go on. */
  async validateMfa(code: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const token = checkMfaCode(code);
    await this.ready;
    if (this.#state.status === 'signed-in') return;
    if (this.#state.status !== 'mfa-required') throw new SessionExpiredError('Not signed in.');
    try {
      await this.http.request({ method: 'POST', path: '/users/self/mfa/validate', body: { token }, retry: false, signal: options.signal });
    } catch (error) {
      await this.#onAuthError(error);
      throw error;
    }
    await this.markMfaValidated();
  }

  /** Records that the session is MFA-validated (the broker already has). @internal used by the MFA module */
  async markMfaValidated(user?: User): Promise<void> {
    const next = user ?? this.#state.user;
    if (!next) return;
    await this.#saveProfile({ user: next, mfaPending: false });
    this.#setState({ status: 'signed-in', user: next, reason: user ? 'user-updated' : 'mfa-validated' });
  }

  /** Replaces the kept profile (after MFA is turned on or off). */
  async updateUser(user: User): Promise<void> {
    if (this.#state.status === 'signed-out') return;
    await this.#saveProfile({ user, mfaPending: this.#state.status === 'mfa-required' });
    this.#setState({ ...this.#state, user, reason: 'user-updated' });
  }

  /** Nothing to do: the broker refreshes ahead of expiry. */
  async ensureFresh(): Promise<void> {}

  /** Asks the broker again (another tab signed in or out). */
  async reload(): Promise<void> {
    await this.ready;
    await this.#askBroker('restored');
  }

  /**
   * Takes up a session the broker started outside this page's own requests: "Sign in with Rechat",
   * whose popup (or full-page redirect) set the cookie at the broker's callback. Unlike {@link reload},
   * a new session counts as a sign-in (`reason: 'signed-in'`), so the launcher loads the grid.
   */
  async adoptBrokerSignIn(): Promise<SessionState> {
    await this.ready;
    await this.#askBroker('signed-in');
    return this.#state;
  }

  /** Signs out: the broker deletes the session and clears the cookie; the page forgets the profile. */
  async signOut(): Promise<void> {
    await this.ready;
    try {
      await this.#broker.request({ method: 'DELETE', path: BROKER_ROUTES.session, retry: false, timeoutMs: 5_000 });
    } finally {
      // Even when the broker cannot be reached, the page stops showing the agent's session.
      await this.#end('signed-out');
    }
  }

  async #end(reason: 'signed-out' | 'expired', cause?: unknown): Promise<void> {
    const user = this.#state.user;
    await this.#options.store.del(this.#options.storeKey).catch(() => undefined);
    this.#mfa.fail(new SessionExpiredError(reason === 'expired' ? undefined : 'Signed out.', { cause }));
    this.#setState({ status: 'signed-out', user: reason === 'expired' ? user : undefined, reason });
  }

  /** A 401 that is not "MFA required" is the broker saying the session is over. */
  async #onAuthError(error: unknown): Promise<void> {
    if (error instanceof HttpError && !(error instanceof MfaRequiredError) && error.status === 401 && this.#state.status !== 'signed-out') {
      await this.#end('expired', error);
    }
  }

  /**
   * A Rechat call through the broker (a path such as `/users/self`), or a call to another broker route
   * (an absolute URL, such as the chatbots'). Waits while MFA is required.
   * @throws {SessionExpiredError} when not signed in, or the broker ended the session
   * @throws {HttpError | NetworkError | TimeoutError | ValidationError} as the HTTP layer (503 when the broker's store is down)
   */
  async request<T = unknown>(options: RequestOptions<T>): Promise<T> {
    await this.ready;
    for (;;) {
      if (this.#mfa.closed) {
        await this.#mfa.wait(options.signal);
        continue;
      }
      if (this.#state.status === 'signed-out') throw new SessionExpiredError('Not signed in.');
      try {
        // Never an answer sent early with a bearer token (core/early-apps.ts): this session has none.
        return await this.http.request({ ...options, early: undefined });
      } catch (error) {
        if (error instanceof MfaRequiredError) {
          if (this.#state.status === 'signed-in' && this.#state.user) {
            await this.#saveProfile({ user: this.#state.user, mfaPending: true });
            this.#setState({ status: 'mfa-required', user: this.#state.user, reason: 'mfa-required' });
          }
          continue;
        }
        await this.#onAuthError(error);
        if (error instanceof HttpError && error.status === 401) throw new SessionExpiredError(undefined, { cause: error });
        throw error;
      }
    }
  }
}
