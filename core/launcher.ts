/**
 * The launcher client: one object that wires the session, the apps and their cache, MFA and the
 * preferences for a configured API, client and brand. The element and the extension both use it.
 * @module
 */
import { AppsCache } from './apps-cache.ts';
import type { Clock, Fetch, LockManagerLike } from './deps.ts';
import { systemClock } from './deps.ts';
import { PreferencesStore } from './preferences.ts';
import { listApps } from './rechat/apps.ts';
import type { EarlyRequest } from './early-apps.ts';
import type { SsoApp } from './rechat/schemas.ts';
import { BrokerSession } from './broker-session.ts';
import { sessionKey } from './keys.ts';
import { Session } from './session.ts';
import { storeFor, type KeyValueStore, type Persist } from './storage.ts';

/**
 * Where the Rechat tokens live: `bearer`, in the client (IndexedDB, or memory); `broker`, in the
 * broker, with only an HttpOnly cookie in the page (core/broker-session.ts).
 */
export type SessionMode = 'bearer' | 'broker';

/** What a brokerage configures. */
export interface LauncherConfig {
  /** Rechat API base URL. */
  apiBase: string;
  /** OAuth2 client id. */
  clientId: string;
  /** Brand whose apps are shown. */
  brand: string;
  /** Token endpoint, such as the brokerage's proxy that adds the client secret. */
  tokenEndpoint?: string;
  /** Server-side only: a page or an extension must never be given a secret. */
  clientSecret?: string;
  /** Where the session is kept; default `local` (IndexedDB). */
  persist?: Persist;
  /** Per-attempt request timeout. */
  timeoutMs?: number;
  /** Default `bearer`. With `broker`, `broker` is required and `apiBase` should be `<broker>/api`. */
  session?: SessionMode;
  /** The broker's URL, for `session: 'broker'`. */
  broker?: string;
}

/** Injectable dependencies, for tests and non-browser hosts. */
export interface LauncherDeps {
  fetch?: Fetch;
  clock?: Clock;
  store?: KeyValueStore;
  locks?: LockManagerLike;
  /**
   * The app list request the start sent with the stored session (core/early-apps.ts), while
   * this client's code was loading. Its answer stands for the first {@link LauncherClient.refreshApps}
   * fetch, parsed and checked as that fetch's would be.
   */
  earlyApps?: EarlyRequest;
}

/**
 * The launcher client.
 * @example
 * const client = new LauncherClient({ apiBase, clientId, brand });
 * await client.session.ready;
 * const cached = await client.cachedApps();   // instant grid, may be undefined
 * const fresh = await client.refreshApps();   // then the network's answer
 */
export class LauncherClient {
  readonly session: Session | BrokerSession;
  readonly preferences: PreferencesStore;
  readonly store: KeyValueStore;
  readonly #cache: AppsCache;
  /** The last refresh's cache write, made behind its answer (AppsCache never rejects). */
  #cacheWritten: Promise<void> = Promise.resolve();
  readonly #clock: Clock;
  #earlyApps: EarlyRequest | undefined;

  constructor(readonly config: LauncherConfig, deps: LauncherDeps = {}) {
    if (typeof config.brand !== 'string' || !config.brand) throw new TypeError('"brand" must be a non-empty string');
    this.store = deps.store ?? storeFor(config.persist ?? 'local');
    this.#clock = deps.clock ?? systemClock;
    this.#earlyApps = deps.earlyApps;
    this.session = config.session === 'broker' ? this.#brokerSession(config, deps) : new Session({
      apiBase: config.apiBase,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      tokenEndpoint: config.tokenEndpoint,
      timeoutMs: config.timeoutMs,
      store: this.store,
      fetch: deps.fetch,
      clock: this.#clock,
      locks: deps.locks,
    });
    this.#cache = new AppsCache(this.store);
    this.preferences = new PreferencesStore(this.store);
  }

  #brokerSession(config: LauncherConfig, deps: LauncherDeps): BrokerSession {
    if (!config.broker) throw new TypeError('"broker" must be set for broker sessions');
    return new BrokerSession({
      broker: config.broker,
      store: this.store,
      storeKey: sessionKey(config.clientId, config.apiBase),
      fetch: deps.fetch,
      clock: this.#clock,
      timeoutMs: config.timeoutMs,
    });
  }

  /** The brand's apps as last fetched for this user, or undefined when there are none cached. */
  async cachedApps(): Promise<SsoApp[] | undefined> {
    await this.session.ready;
    const user = this.session.user;
    if (!user) return undefined;
    await this.#cacheWritten;
    return (await this.#cache.get(user.id, this.config.brand))?.apps;
  }

  /**
   * Fetches the brand's apps and caches them. On failure the cache is left as it was. The first call
   * takes the answer of the request sent early (`deps.earlyApps`), if its session still matches.
   */
  async refreshApps(options: { signal?: AbortSignal } = {}): Promise<SsoApp[]> {
    const early = this.#earlyApps;
    this.#earlyApps = undefined; // once: a later refresh asks the network again
    const apps = await listApps(this.session, this.config.brand, { ...options, early });
    const user = this.session.user;
    // Written behind the answer: the grid need not wait for the cache's IndexedDB writes. This client's
    // own cache reads and its sign-out wait for them (#cacheWritten).
    if (user) this.#cacheWritten = this.#cacheWritten.then(() => this.#cache.set(user.id, this.config.brand, apps, this.#clock.now()));
    return apps;
  }

  /** Signs out and forgets this user's cached apps (preferences stay, like a browser's bookmarks). */
  async signOut(): Promise<void> {
    const user = this.session.user;
    await this.#cacheWritten; // a write still on its way must not bring the list back after the clear
    if (user) await this.#cache.clear(user.id, this.config.brand);
    await this.session.signOut();
  }
}
