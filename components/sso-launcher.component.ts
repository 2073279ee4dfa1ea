import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
// Types only: the client's code (session, HTTP, zod) is loaded lazily, after the first paint.
import type { LauncherClient, LauncherConfig } from '../core/launcher.ts';
import { SessionExpiredError, isSsoError, ErrorCode } from '../core/errors.ts';
import { readSnapshot } from '../core/snapshot.ts';
import { storeFor } from '../core/storage.ts';
import type { SessionState } from '../core/session.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import type { Persist } from '../core/storage.ts';
import type { Preferences } from '../core/preferences.ts';
import { safeHttpUrl } from '../core/urls.ts';
import type { Chatbot } from '../core/xenioo.ts';
import type { Brand } from '../core/rechat/schemas.ts';
import type { ChatbotsController } from './chatbots.ts';
import { describeError, type ErrorContext } from './describe-error.ts';
import { emit } from './events.ts';
import { messagesFor, type Messages } from './messages.ts';
import { adoptRechatSignIn, rechatSignInView, startRechatSignIn, type RechatSignIn } from './rechat-sign-in.ts';
import { filterByName } from './search.ts';
import { styles } from './sso-launcher.styles.ts';
import { tileView } from './tile.ts';

type AppsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Tiles added each time the end of the grid scrolls into view, and the most rendered at first. */
const PAGE_SIZE = 96;

/**
 * Tiles rendered at first: what the window can show, with a row to spare, at most {@link PAGE_SIZE}.
 * A 380×600 extension popup draws about 30 tiles, a full page 96.
 */
function firstPageSize(): number {
  const columns = Math.max(1, Math.floor(window.innerWidth / 84));
  const rows = Math.ceil(window.innerHeight / 96) + 1;
  return Math.min(PAGE_SIZE, Math.max(12, columns * rows));
}

/** A tab that comes back to the foreground revalidates a grid older than this. */
const REVALIDATE_AFTER_MS = 60_000;

const searchIcon = html`<svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="11" cy="11" r="7"></circle><path d="m20 20-3.5-3.5"></path></svg>`;

/**
 * An app launcher for Rechat brokerages: the agent signs in (with MFA when their account has it),
 * sees the brand's SSO apps as a grid, finds one by typing, and opens it, signed in, in a new tab.
 *
 * @summary Single-sign-on app launcher.
 *
 * @event sso-request-launch - Before a launch. Cancelable: `preventDefault()` vetoes it, or lets the host open `detail.url` itself. `detail: {app, url, source}`.
 * @event sso-launch - After a launch was handed to the browser. `detail: {app, url}`.
 * @event sso-sign-in - The agent signed in. `detail: {user}`.
 * @event sso-sign-out - The agent signed out or the session expired. `detail: {reason: 'signed-out' | 'expired'}`.
 * @event sso-error - An error was shown. `detail: {error, message}`.
 * @event sso-request-rechat-sign-in - Before "Sign in with Rechat" opens the broker's popup. Cancelable: the host runs the flow itself.
 *
 * @csspart base - The outer box.
 * @csspart header - The bar with the agent's name, the account button and "Sign out".
 * @csspart form - The sign-in and verification forms.
 * @csspart input - Every text input.
 * @csspart button - Every button.
 * @csspart error - Error messages.
 * @csspart search - The search input.
 * @csspart grid - Each list of tiles.
 * @csspart tile - A tile (a link).
 * @csspart tile-icon - A tile's icon, or its initials.
 * @csspart tile-name - A tile's name.
 *
 * @cssproperty --sso-font - Font family.
 * @cssproperty --sso-bg - Background.
 * @cssproperty --sso-surface - Background of tiles on hover, inputs' and skeletons' fills.
 * @cssproperty --sso-text - Text colour.
 * @cssproperty --sso-muted - Secondary text colour.
 * @cssproperty --sso-border - Border colour.
 * @cssproperty --sso-accent - Primary buttons and links.
 * @cssproperty --sso-accent-text - Text on the accent colour.
 * @cssproperty --sso-danger - Error text.
 * @cssproperty --sso-danger-bg - Error background.
 * @cssproperty --sso-focus - Focus ring.
 * @cssproperty --sso-radius - Corner radius of the box.
 * @cssproperty --sso-tile-size - Smallest tile width.
 * @cssproperty --sso-gap - Space between tiles.
 */
export class SsoLauncher extends LitElement {
  static override styles = styles;
  // delegatesFocus: host.focus() lands on the first control: the search box, or the email field.
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Rechat API base URL; a relative URL is resolved against the page. */
  @property({ attribute: 'api-base', reflect: true }) apiBase = '';
  /** OAuth2 client id. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';
  /** Brand whose apps are shown. */
  @property({ reflect: true }) brand = '';
  /** Token endpoint, for a brokerage proxy that adds the client secret. Default `<api-base>/oauth2/token`. */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint = '';
  /** Where the session is kept: `local` (IndexedDB, default), `session` (this tab) or `none` (memory). */
  @property() persist: Persist = 'local';
  /** Open chatbots inside the page, in a dialog, instead of in a new tab (asks Xenioo for `EnableEmbedding`). */
  @property({ type: Boolean, reflect: true }) embedding = false;
  /**
   * URL of the token broker. With it, the brand's Xenioo chatbots appear beside the apps. Point
   * `token-endpoint` at `<broker>/oauth2/token` to let the broker add the client secret.
   */
  @property() broker = '';
  /**
   * Where the Rechat tokens live. `bearer` (default): in the page (see `persist`). `broker`: in the
   * broker, which keeps the session and forwards the API at `<broker>/api`; the page holds only an
   * HttpOnly cookie and no token at all. Needs `broker` (and `brand`); `api-base` and `client-id` are not used.
   */
  @property({ attribute: 'session' }) sessionMode: 'bearer' | 'broker' = 'bearer';
  /**
   * `off` hides the email and password form, leaving "Sign in with Rechat" (which needs `broker`):
   * recommended wherever the broker's callback is registered with Rechat. Default `on`.
   */
  @property({ attribute: 'password-sign-in' }) passwordSignIn: 'on' | 'off' = 'on';
  /**
   * The "Sign in with Rechat" button: shown by default with `session="broker"` (the broker runs the
   * flow and keeps the session); `on` shows it in bearer mode too, for a host that runs the flow itself
   * on `sso-request-rechat-sign-in` (the extension); `off` hides it.
   */
  @property({ attribute: 'rechat-sign-in' }) rechatSignIn: '' | 'on' | 'off' = '';
  /** `light`, `dark`, or `auto` (follow the system; default). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Language of the launcher's text (BCP 47); default the page's `<html lang>`. See `registerMessages`. */
  @property({ reflect: true }) override lang = '';
  /**
   * A ready-made client, used instead of one built from the attributes. For tests and for hosts
   * that share one client between several views (the extension's popup).
   */
  @property({ attribute: false }) client?: LauncherClient;

  @state() private session: SessionState | undefined;
  @state() private apps: SsoApp[] | undefined;
  @state() private appsStatus: AppsStatus = 'idle';
  @state() private appsError = '';
  @state() private formError = '';
  @state() private busy = false;
  @state() private query = '';
  @state() private prefs: Preferences = { favourites: [], recent: [] };
  @state() private failedIcons: ReadonlySet<string> = new Set();
  @state() private accountOpen = false;
  /** Whether the agent administers this brand: then the admin tools are offered. */
  @state() private isAdmin = false;
  @state() private adminOpen = false;
  /**
   * How many tiles of the full list are rendered. Layout and style work grow with the number of
   * tiles, so the grid renders a screenful and grows as the agent scrolls (or asks for all): a
   * thousand-app brand paints and searches as fast as a small one.
   */
  @state() private limit = firstPageSize();

  @query('input[name="search"]') private searchInput?: HTMLInputElement;

  @state() private configMissing = false;

  #activeClient: LauncherClient | undefined;
  /** Resolves with the client once its code is loaded. */
  #clientReady: Promise<LauncherClient> | undefined;
  /** What the current client was built from, to rebuild only when it changes. */
  #configKey: unknown;
  /** Bumped on every attach and detach, so late async results of an old client are dropped. */
  #generation = 0;
  #unsubscribe: (() => void) | undefined;
  #appsOwner: string | undefined;
  #loadAbort: AbortController | undefined;
  /** When the grid was last fetched (epoch ms). */
  #loadedAt = 0;
  /** The agent's brands, from the admin check, handed to the admin tools so they need not ask again. */
  #adminBrands: Brand[] | undefined;
  /** The user the admin check last ran for: it runs once per sign-in, not on every revalidation. */
  #adminCheckedFor: string | undefined;
  /** Chatbots, once the `broker` is set and their lazy module has loaded. */
  #chatbots: ChatbotsController | undefined;
  /** A "Sign in with Rechat" popup being waited for. */
  #rechatSignIn: RechatSignIn | undefined;

  /** The strings for the current `lang`. */
  private get m(): Messages {
    return messagesFor(this.lang || document.documentElement.lang);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.#detach();
    this.#moreObserver?.disconnect();
    this.#rechatSignIn?.cancel();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.handleVisibility);
    // Re-attach after a move in the DOM; the first attach happens in willUpdate.
    if (this.hasUpdated) this.#attach();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const configKeys = ['apiBase', 'clientId', 'brand', 'tokenEndpoint', 'persist', 'client', 'sessionMode', 'broker'] as const;
    if (!this.hasUpdated || configKeys.some((k) => changed.has(k))) {
      const key = this.client ? this.client : JSON.stringify(this.#config() ?? null);
      if (key !== this.#configKey) this.#attach();
    }
  }

  /** The configuration from the attributes, or undefined when one is missing or invalid. */
  #config(): LauncherConfig | undefined {
    if (this.sessionMode === 'broker') return this.#brokerConfig();
    if (!this.apiBase || !this.clientId || !this.brand) return undefined;
    try {
      return {
        apiBase: this.#resolve(this.apiBase),
        clientId: this.clientId,
        brand: this.brand,
        tokenEndpoint: this.tokenEndpoint ? this.#resolve(this.tokenEndpoint) : undefined,
        persist: (['local', 'session', 'none'] as const).includes(this.persist) ? this.persist : 'local',
      };
    } catch {
      return undefined;
    }
  }

  /** Broker sessions: the API is the broker's allow-listed proxy, the tokens stay in the broker. */
  #brokerConfig(): LauncherConfig | undefined {
    if (!this.broker || !this.brand) return undefined;
    try {
      const broker = this.#resolve(this.broker);
      return {
        apiBase: `${broker}/api`,
        clientId: this.clientId || 'broker-session',
        brand: this.brand,
        persist: (['local', 'session', 'none'] as const).includes(this.persist) ? this.persist : 'local',
        session: 'broker',
        broker,
      };
    } catch {
      return undefined;
    }
  }

  #resolve(url: string): string {
    return new URL(url, document.baseURI).href.replace(/\/+$/, '');
  }

  #detach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#loadAbort?.abort();
    this.#activeClient = undefined;
    this.#configKey = undefined;
    this.#generation++;
    if (this.#chatbots) this.removeController(this.#chatbots);
    this.#chatbots = undefined;
  }

  /**
   * Starts from the configuration. With attributes, the snapshot (the signed-in agent and their cached
   * grid, straight from storage) is painted first; then the session, HTTP and zod code is loaded
   * lazily, and takes over when it arrives.
   */
  #attach(): void {
    this.#detach();
    const generation = this.#generation;
    this.session = undefined;
    this.apps = undefined;
    this.appsStatus = 'idle';
    this.#appsOwner = undefined;
    this.configMissing = false;
    this.isAdmin = false;
    this.adminOpen = false;
    this.#adminCheckedFor = undefined;
    if (!this.isConnected) return;
    if (this.client) {
      this.#configKey = this.client;
      this.#clientReady = Promise.resolve(this.client);
      this.#connect(this.client, generation);
      return;
    }
    const config = this.#config();
    this.#configKey = JSON.stringify(config ?? null);
    if (!config) {
      this.configMissing = true;
      return;
    }
    const store = storeFor(config.persist ?? 'local');
    // The network code (session, HTTP, zod) is loaded after the snapshot is on screen: evaluating it
    // takes the main thread for a while, and the cached grid should not wait behind it.
    this.#clientReady = readSnapshot(store, config)
      .then(async (snapshot) => {
        if (generation !== this.#generation || this.session) return;
        if (snapshot) {
          this.prefs = snapshot.prefs;
          this.apps = snapshot.apps;
          this.#appsOwner = snapshot.apps ? snapshot.user.id : undefined;
          this.session = { status: snapshot.status, user: snapshot.user, reason: 'restored' };
        } else {
          this.session = { status: 'signed-out', reason: 'restored' };
        }
        await this.updateComplete;
      })
      .then(() => import('../core/launcher.ts'))
      .then(({ LauncherClient }) => new LauncherClient(config, { store }));
    void this.#clientReady.then(
      (client) => {
        if (generation === this.#generation) this.#connect(client, generation);
      },
      (error) => {
        if (generation === this.#generation) this.formError = this.#report(error, 'apps');
      },
    );
  }

  #connect(client: LauncherClient, generation: number): void {
    this.#activeClient = client;
    this.#unsubscribe = client.session.onChange((s) => this.#onSessionChange(client, s));
    void client.session.ready.then(async () => {
      if (generation !== this.#generation) return;
      // The snapshot has usually painted the cached grid and preferences already: read them only if not.
      if (client.session.state.status !== 'signed-out' && !this.apps) await this.#showCached(client);
      if (generation !== this.#generation) return;
      this.session = client.session.state;
      if (this.session.status === 'signed-in') void this.#loadApps(client);
    });
  }

  /** Paints the cached grid and the preferences of the session's user, before any network call. */
  async #showCached(client: LauncherClient): Promise<void> {
    const user = client.session.user;
    if (!user) return;
    const [cached, prefs] = await Promise.all([client.cachedApps(), client.preferences.get(user.id)]);
    if (this.#activeClient !== client) return;
    this.prefs = prefs;
    if (cached && !this.apps) {
      this.apps = cached;
      this.#appsOwner = user.id;
    }
  }

  #onSessionChange(client: LauncherClient, s: SessionState): void {
    if (this.#activeClient !== client) return;
    const before = this.session?.status;
    this.session = s;
    if (s.status === 'signed-out') {
      this.#chatbots?.signOut();
      if (s.reason === 'expired') {
        // Keep the grid under the sign-in prompt: the agent comes back to where they were.
      } else {
        // An app list still on its way belongs to the agent who just left: it must not land under the
        // next agent's sign-in form (nor replace that form, and what they typed, with the grid's overlay).
        this.#loadAbort?.abort();
        this.apps = undefined;
        this.#appsOwner = undefined;
        this.prefs = { favourites: [], recent: [] };
        this.appsStatus = 'idle';
        this.query = '';
        this.accountOpen = false;
        this.isAdmin = false;
        this.adminOpen = false;
        this.#adminBrands = undefined;
        this.#adminCheckedFor = undefined;
      }
      if (before && before !== 'signed-out') emit(this, 'sso-sign-out', { reason: s.reason === 'expired' ? 'expired' : 'signed-out' });
      return;
    }
    if (s.status === 'signed-in' && before !== 'signed-in' && s.reason !== 'restored' && s.reason !== 'user-updated') {
      if (this.#appsOwner && s.user && this.#appsOwner !== s.user.id) {
        this.apps = undefined; // another agent signed in on this device: never show them the last one's grid
        this.#appsOwner = undefined;
      }
      emit(this, 'sso-sign-in', { user: s.user });
      void this.#showCached(client).then(() => this.#loadApps(client));
    }
  }

  /** Loads the brand's chatbots from the broker; their code is fetched on first use. */
  async #loadBots(client: LauncherClient): Promise<void> {
    if (!this.broker) return;
    if (!this.#chatbots) {
      const { ChatbotsController } = await import('./chatbots.ts');
      if (this.#activeClient !== client || this.#chatbots) return;
      this.#chatbots = new ChatbotsController(this, { broker: this.broker, brand: client.config.brand, session: client.session, messages: () => this.m });
    }
    await this.#chatbots.load();
  }

  /**
   * Asks whether the agent administers the brand (their brands and roles, about 1 kB of code loaded on
   * first use). Only a convenience for showing the tools: the server enforces who may change apps.
   */
  async #checkAdmin(client: LauncherClient): Promise<void> {
    const user = client.session.user?.id;
    if (!user || user === this.#adminCheckedFor) return;
    this.#adminCheckedFor = user;
    try {
      const { checkBrandAdmin } = await import('../core/rechat/brands.ts');
      const { admin, brands } = await checkBrandAdmin(client.session, client.config.brand);
      if (this.#activeClient !== client) return;
      this.isAdmin = admin;
      this.#adminBrands = brands;
    } catch {
      if (this.#activeClient !== client) return;
      this.isAdmin = false;
      this.#adminCheckedFor = undefined; // not knowing is not an answer: ask again next time
    }
  }

  async #loadApps(client: LauncherClient): Promise<void> {
    void this.#loadBots(client).catch((error: unknown) => this.#report(error, 'apps'));
    void this.#checkAdmin(client);
    this.#loadAbort?.abort();
    const abort = (this.#loadAbort = new AbortController());
    this.appsStatus = 'loading';
    try {
      const apps = await client.refreshApps({ signal: abort.signal });
      if (abort.signal.aborted || this.#activeClient !== client) return;
      this.apps = apps;
      this.#appsOwner = client.session.user?.id;
      this.#loadedAt = Date.now();
      this.appsStatus = 'ready';
      this.appsError = '';
    } catch (error) {
      if (abort.signal.aborted || this.#activeClient !== client) return;
      if (error instanceof SessionExpiredError || isSsoError(error, ErrorCode.SessionExpired)) {
        this.appsStatus = 'idle'; // the sign-in prompt over the grid says it all
        return;
      }
      this.appsStatus = 'error';
      this.appsError = this.#report(error, 'apps');
    }
  }

  /** Shows nothing itself: returns the message and tells the host through `sso-error`. */
  #report(error: unknown, context: ErrorContext): string {
    const message = describeError(error, context, this.m);
    emit(this, 'sso-error', { error, message });
    return message;
  }

  /** Moves focus to `selector` after the next render, but only if focus is already inside: never steal it from the page. */
  async #focusAfterRender(selector: string): Promise<void> {
    const inside = this.matches(':focus-within');
    await this.updateComplete;
    if (inside) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // ---- Handlers -------------------------------------------------------------------------------

  private handleSignIn = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy || !this.#clientReady) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.busy = true;
    this.formError = '';
    try {
      const client = await this.#clientReady;
      await client.session.signIn(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
      void this.#focusAfterRender('input[name="code"], input[name="search"]');
    } catch (error) {
      this.formError = this.#report(error, 'sign-in');
      void this.#focusAfterRender('input[name="password"]');
    } finally {
      this.busy = false;
    }
  };

  /** Opens the broker's "Sign in with Rechat" inside the click; then loads the session the broker started. */
  private handleRechatSignIn = (): void => {
    this.formError = '';
    this.#rechatSignIn?.cancel();
    if (!emit(this, 'sso-request-rechat-sign-in', {})) return;
    this.#rechatSignIn = startRechatSignIn({
      broker: this.#resolve(this.broker),
      onDone: () => void this.#clientReady?.then((client) => adoptRechatSignIn(client.session)),
    });
  };

  private handleVerify = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.busy || !this.#clientReady) return;
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    this.busy = true;
    this.formError = '';
    try {
      const client = await this.#clientReady;
      await client.session.validateMfa(input.value);
      void this.#focusAfterRender('input[name="search"]');
    } catch (error) {
      this.formError = this.#report(error, 'mfa');
      input.value = '';
      input.focus();
    } finally {
      this.busy = false;
    }
  };

  private handleSignOut = async (): Promise<void> => {
    this.formError = '';
    await (await this.#clientReady)?.signOut();
  };

  /**
   * Coming back to a tab that sat in the background revalidates the grid: the agent sees changes,
   * and an expired session asks for sign-in now rather than at the next click.
   */
  private handleVisibility = (): void => {
    const client = this.#activeClient;
    if (document.visibilityState !== 'visible' || !client || this.session?.status !== 'signed-in') return;
    if (Date.now() - this.#loadedAt > REVALIDATE_AFTER_MS && this.appsStatus !== 'loading') void this.#loadApps(client);
  };

  private handleRetry = (): void => {
    if (this.#activeClient) void this.#loadApps(this.#activeClient);
  };

  private handleSearchInput = (event: InputEvent): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.limit = firstPageSize();
  };

  private handleShowAll = (): void => {
    this.limit = Number.POSITIVE_INFINITY;
  };

  /** Grows the grid by a page when its end comes near the viewport. */
  #moreObserver: IntersectionObserver | undefined;

  protected override updated(): void {
    const sentinel = this.renderRoot.querySelector('.sentinel');
    this.#moreObserver?.disconnect();
    if (!sentinel) return;
    this.#moreObserver ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) this.limit += PAGE_SIZE;
      },
      { rootMargin: '600px' },
    );
    this.#moreObserver.observe(sentinel);
  }

  private handleSearchKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      if (this.query) {
        event.preventDefault();
        this.query = '';
        (event.target as HTMLInputElement).value = '';
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const first = this.#visibleApps()[0];
      const bot = this.#visibleBots()[0];
      if (first) this.#launch(first, 'keyboard');
      else if (bot) this.#chatbots?.launch(bot.id, undefined, 'keyboard');
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.#tiles()[0]?.focus();
    }
  };

  /** One listener per grid, not per tile: a thousand tiles would otherwise add three thousand listeners. */
  private handleGridClick = (event: MouseEvent): void => {
    const target = event.target as HTMLElement;
    const bot = target.closest<HTMLElement>('[data-bot]');
    if (bot) return void this.#chatbots?.launch(bot.dataset.bot!, bot.dataset.section, 'click');
    const pin = target.closest<HTMLElement>('button.pin');
    if (pin) return void this.handlePin(pin);
    const tile = target.closest<HTMLElement>('.tile');
    if (tile) this.handleTileClick(event, tile);
  };

  private handleTileClick(event: MouseEvent, tile: HTMLElement): void {
    const app = this.#appFor(tile);
    if (!app) return;
    const url = safeHttpUrl(app.open_url);
    if (!url) return event.preventDefault();
    // The link opens the tab natively (target=_blank, rel=noopener) inside the click: no await before it.
    if (!emit(this, 'sso-request-launch', { app, url, source: 'click' })) {
      event.preventDefault();
      return;
    }
    this.#launched(app, url);
  }

  /** Hovering or focusing a chatbot fetches its token, so the click itself makes no request. */
  private handleGridPrefetch = (event: Event): void => {
    const bot = (event.target as HTMLElement).closest<HTMLElement>('[data-bot]');
    if (bot) this.#chatbots?.prefetch(bot.dataset.bot!);
  };

  /** Middle click opens the link natively too; it still counts as a launch. */
  private handleTileAuxClick = (event: MouseEvent): void => {
    const tile = (event.target as HTMLElement).closest<HTMLElement>('a.tile');
    if (event.button !== 1 || !tile) return;
    const app = this.#appFor(tile);
    const url = app && safeHttpUrl(app.open_url);
    if (app && url) this.#launched(app, url);
  };

  /** Arrow keys move between tiles, in reading order, by row and column. */
  private handleGridKeydown = async (event: KeyboardEvent): Promise<void> => {
    let tiles = this.#tiles();
    const current = tiles.indexOf(event.target as HTMLElement);
    if (current < 0) return;
    if ((event.key === 'End' || current === tiles.length - 1) && this.#visibleApps().length > this.limit) {
      // Moving past the last rendered tile renders the rest first, so the keyboard reaches every app.
      this.limit = Number.POSITIVE_INFINITY;
      await this.updateComplete;
      tiles = this.#tiles();
    }
    // Columns of the tile's own grid, from its computed template: one style read, not one per tile.
    const grid = tiles[current]!.closest('ul')!;
    const perRow = Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(' ').length);
    const next: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      ArrowDown: current + perRow,
      ArrowUp: current - perRow,
      Home: 0,
      End: tiles.length - 1,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    if (target < 0 && event.key === 'ArrowUp') this.searchInput?.focus();
    else tiles[Math.min(Math.max(target, 0), tiles.length - 1)]?.focus();
  };

  private handlePin = async (button: HTMLElement): Promise<void> => {
    const app = this.#appFor(button);
    const user = this.session?.user;
    if (!app || !user || !this.#activeClient) return;
    this.prefs = await this.#activeClient.preferences.toggleFavourite(user.id, app.id);
  };

  /** `error` does not bubble, so the grid listens in the capture phase. */
  private iconErrorListener = {
    capture: true,
    handleEvent: (event: Event): void => {
      const img = event.target as HTMLElement;
      const id = img instanceof HTMLImageElement ? img.dataset.id : undefined;
      if (id) this.failedIcons = new Set([...this.failedIcons, id]);
    },
  };

  private handleManageApps = async (): Promise<void> => {
    this.adminOpen = !this.adminOpen;
    // The admin tools (about 13 kB) load only for an admin who opens them.
    if (this.adminOpen) await import('./sso-launcher-admin.ts');
  };

  private handleAppsChanged = (): void => {
    if (this.#activeClient) void this.#loadApps(this.#activeClient);
  };

  private handleAccount = async (): Promise<void> => {
    this.accountOpen = !this.accountOpen;
    // Loaded on first use: most agents never open it, so it is not in the script tag's payload.
    if (this.accountOpen) await import('./mfa-settings.ts');
  };

  #appFor(element: HTMLElement): SsoApp | undefined {
    const id = element.dataset.id;
    return this.apps?.find((a) => a.id === id);
  }

  #tiles(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.tile')];
  }

  /** Keyboard launch: opens the tab synchronously, inside the keypress, so no popup blocker objects. */
  #launch(app: SsoApp, source: 'keyboard'): void {
    const url = safeHttpUrl(app.open_url);
    if (!url) return;
    if (!emit(this, 'sso-request-launch', { app, url, source })) return;
    window.open(url, '_blank', 'noopener,noreferrer');
    this.#launched(app, url);
  }

  #launched(app: SsoApp, url: string): void {
    emit(this, 'sso-launch', { app, url });
    const user = this.session?.user;
    if (user && this.#activeClient) {
      void this.#activeClient.preferences.recordLaunch(user.id, app.id).then((p) => (this.prefs = p));
    }
  }

  #visibleApps(): readonly SsoApp[] {
    return filterByName(this.apps ?? [], this.query);
  }

  #visibleBots(): readonly Chatbot[] {
    return filterByName(this.#chatbots?.bots ?? [], this.query);
  }

  /** Moves focus to the search box when the grid is shown, else to the first field. */
  override focus(options?: FocusOptions): void {
    const target = this.renderRoot?.querySelector<HTMLElement>('input[name="search"], input[name="code"], input[name="email"]');
    if (target) target.focus(options);
    else super.focus(options);
  }

  // ---- Rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    return html`<div part="base" class="base">${this.renderContent()}${this.#chatbots?.renderDialog() ?? nothing}</div>`;
  }

  private renderContent(): TemplateResult | typeof nothing {
    if (this.configMissing) return html`<p class="alert" role="alert" part="error">${this.m.missingConfig}</p>`;
    const s = this.session;
    if (!s) return this.renderSkeleton();
    const signedIn = s.status === 'signed-in';
    if (!signedIn && !this.apps) return s.status === 'mfa-required' ? this.renderMfa() : this.renderSignIn();
    return html`
      <div ?inert=${!signedIn}>${this.renderHeader()} ${this.accountOpen ? this.renderAccount() : nothing}
        ${this.isAdmin && this.adminOpen ? this.renderAdmin() : nothing} ${this.renderApps()}</div>
      ${signedIn ? nothing : html`<div class="overlay"><div class="panel" role="dialog" aria-modal="true" aria-labelledby="overlay-title">
          ${s.status === 'mfa-required' ? this.renderMfa() : this.renderSignIn(true)}</div></div>`}
    `;
  }

  private renderError(): TemplateResult {
    return html`<p class="alert" role="alert" part="error">${this.formError}</p>`;
  }

  private renderSignIn(expired = false): TemplateResult {
    const m = this.m;
    const email = this.session?.user?.email ?? '';
    // "Sign in with Rechat" runs through the broker; the password form is the fallback, unless switched off.
    const rechat = Boolean(this.broker) && (this.rechatSignIn === 'on' || (this.rechatSignIn === '' && this.sessionMode === 'broker'));
    const password = !rechat || this.passwordSignIn !== 'off';
    return html`
      <form part="form" @submit=${this.handleSignIn} novalidate aria-labelledby="overlay-title">
        <h2 id="overlay-title">${m.signInTitle}</h2>
        ${expired ? html`<p>${m.sessionExpired}</p>` : nothing}
        ${this.renderError()}
        ${rechat ? rechatSignInView(m, { busy: this.busy, passwordToo: password, onClick: this.handleRechatSignIn }) : nothing}
        ${password ? html`<label>${m.email}
          <input part="input" name="email" type="email" autocomplete="username" required .value=${email} />
        </label>
        <label>${m.password}
          <input part="input" name="password" type="password" autocomplete="current-password" required />
        </label>
        <button part="button" class=${rechat ? 'secondary' : 'primary'} type="submit" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>${m.signIn}</button>` : nothing}
      </form>
    `;
  }

  private renderMfa(): TemplateResult {
    const m = this.m;
    return html`
      <form part="form" @submit=${this.handleVerify} novalidate aria-labelledby="overlay-title">
        <h2 id="overlay-title">${m.mfaTitle}</h2>
        <p id="mfa-hint">${m.mfaHint}</p>
        ${this.renderError()}
        <label>${m.verificationCode}
          <input part="input" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*"
            maxlength="6" required aria-describedby="mfa-hint" />
        </label>
        <button part="button" class="primary" type="submit" ?disabled=${this.busy}>${m.verify}</button>
        <button part="button" class="link" type="button" @click=${this.handleSignOut}>${m.useAnotherAccount}</button>
      </form>
    `;
  }

  private renderHeader(): TemplateResult {
    const m = this.m;
    const user = this.session?.user;
    const name = user?.display_name || [user?.first_name, user?.last_name].filter(Boolean).join(' ') || user?.email || '';
    return html`
      <div part="header" class="header">
        <span class="who" title=${name}>${name}</span>
        ${this.isAdmin
          ? html`<button part="button" type="button" aria-expanded=${this.adminOpen ? 'true' : 'false'} @click=${this.handleManageApps}>${m.manageApps}</button>`
          : nothing}
        <button part="button" type="button" aria-expanded=${this.accountOpen ? 'true' : 'false'} @click=${this.handleAccount}>${m.account}</button>
        <button part="button" type="button" @click=${this.handleSignOut}>${m.signOut}</button>
      </div>
    `;
  }

  private renderAccount(): TemplateResult {
    return html`<div class="account"><sso-mfa-settings .client=${this.#activeClient} .messages=${this.m}></sso-mfa-settings></div>`;
  }

  private renderAdmin(): TemplateResult {
    return html`<div class="account"><sso-launcher-admin .client=${this.#activeClient} broker=${this.broker} .brands=${this.#adminBrands}
      .lang=${this.lang} @sso-apps-changed=${this.handleAppsChanged}></sso-launcher-admin></div>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<ul class="grid skeleton" aria-busy="true" aria-label=${this.m.loading}>
      ${Array.from({ length: 8 }, () => html`<li class="item"><div class="tile"><span class="icon"></span><span class="bar"></span></div></li>`)}
    </ul>`;
  }

  private renderApps(): TemplateResult | typeof nothing {
    const m = this.m;
    const apps = this.apps;
    const errorBanner =
      this.appsStatus === 'error'
        ? html`<div class="alert" role="alert" part="error"><span>${this.appsError}</span>
            <button part="button" type="button" @click=${this.handleRetry}>${m.tryAgain}</button></div>`
        : nothing;
    if (!apps) {
      return this.appsStatus === 'error' ? errorBanner : this.renderSkeleton();
    }
    const botsError = this.#chatbots?.error ? html`<p class="alert" role="alert" part="error">${this.#chatbots.error}</p>` : nothing;
    const bots = this.#visibleBots();
    if (apps.length === 0 && !this.#chatbots?.bots?.length) {
      return html`${errorBanner}${botsError}<p class="empty">${m.empty}</p>`;
    }
    const visible = this.#visibleApps();
    const searching = this.query.trim() !== '';
    const found = visible.length + bots.length;
    const byId = new Map(apps.map((a) => [a.id, a]));
    const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((a): a is SsoApp => !!a);
    const pinned = searching ? [] : pick(this.prefs.favourites);
    const recent = searching ? [] : pick(this.prefs.recent).filter((a) => !this.prefs.favourites.includes(a.id));
    return html`
      ${errorBanner}${botsError}
      <div class="search">
        ${searchIcon}
        <input part="input search" name="search" type="search" aria-label=${m.searchApps} placeholder=${m.searchPlaceholder}
          autocomplete="off" spellcheck="false" .value=${this.query} @input=${this.handleSearchInput} @keydown=${this.handleSearchKeydown} />
      </div>
      <p class="count" role="status">${searching ? (found ? m.results(found) : m.noMatch(this.query.trim())) : ''}</p>
      ${pinned.length ? this.renderGrid(m.pinned, pinned, 'pinned') : nothing}
      ${recent.length ? this.renderGrid(m.recent, recent, 'recent') : nothing}
      ${this.renderGrid(pinned.length || recent.length ? m.allApps : '', visible.slice(0, this.limit), 'all', bots)}
      ${visible.length > this.limit
        ? html`<div class="more"><span class="sentinel"></span>
            <button part="button" type="button" @click=${this.handleShowAll}>${m.showAll(visible.length)}</button></div>`
        : nothing}
    `;
  }

  private renderGrid(title: string, apps: readonly SsoApp[], key: string, bots?: readonly Chatbot[]): TemplateResult {
    const headingId = `grid-${key}`;
    return html`
      ${title ? html`<h3 id=${headingId}>${title}</h3>` : nothing}
      <ul part="grid" class="grid" aria-labelledby=${title ? headingId : nothing} aria-label=${title ? nothing : this.m.allApps}
        @keydown=${this.handleGridKeydown} @click=${this.handleGridClick} @auxclick=${this.handleTileAuxClick} @error=${this.iconErrorListener}
        @focusin=${this.handleGridPrefetch} @pointerover=${this.handleGridPrefetch}>
        ${repeat(apps, (app) => app.id, (app) => this.renderTile(app))}${bots?.length ? this.#chatbots!.renderTiles(bots) : nothing}
      </ul>
    `;
  }

  private renderTile(app: SsoApp): TemplateResult {
    // Runs for every tile on every render: keep it to bindings. Events are delegated to the grid.
    const m = this.m;
    const view = tileView(app, safeHttpUrl);
    const icon = this.failedIcons.has(app.id) ? null : view.icon;
    const pinned = this.prefs.favourites.includes(app.id);
    const face = html`
      ${icon
        ? html`<img part="tile-icon" class="icon" src=${icon} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" data-id=${app.id} />`
        : html`<span part="tile-icon" class="icon ${view.hueClass}" aria-hidden="true">${view.initials}</span>`}
      <span part="tile-name" class="name">${app.name}</span>
    `;
    return html`<li class="item">
      ${view.url
        ? html`<a part="tile" class="tile" href=${view.url} target="_blank" rel="noopener noreferrer" title=${app.name} data-id=${app.id}>${face}</a>`
        : html`<span part="tile" class="tile disabled" role="link" aria-disabled="true" tabindex="0" title=${m.unsafeLink}
            data-id=${app.id}>${face}<span class="visually-hidden">${m.unsafeLink}</span></span>`}
      <button class="pin" type="button" aria-pressed=${pinned ? 'true' : 'false'} aria-label=${pinned ? m.unpin(app.name) : m.pin(app.name)}
        data-id=${app.id}>${pinned ? '★' : '☆'}</button>
    </li>`;
  }
}
