import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
// Types only: the client's code (session, HTTP, zod) is loaded lazily, after the first paint.
import type { LauncherClient } from '../core/launcher.ts';
import { ErrorCode } from '../core/error-codes.ts';
import { readCachedApps, readSnapshot, type LauncherSnapshot } from '../core/snapshot.ts';
import { pageStorage, readSnapshotCopy, type SnapshotCopyConfig } from '../core/snapshot-copy.ts';
import { storeFor } from '../core/storage.ts';
import type { SessionState } from '../core/session.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import type { Preferences } from '../core/preferences.ts';
import { accountView, headerView } from './account-view.ts';
import type { AdminAccess } from './admin-access.ts';
import { StartPlaceholder, type AppsStatus } from './app-grid.ts';
import type { ChatbotsController } from './chatbots.ts';
import type { ErrorContext } from './describe-error.ts';
import { configKey, takeEarlyApps, takeEarlySnapshot } from './early-snapshot.ts';
import { emit } from './events.ts';
import { reportError } from './report-error.ts';
import { FocusFollower } from './focus-follower.ts';
import { launcherConfig } from './launcher-config.ts';
import { focusTarget, launcherView, type LauncherView } from './launcher-view.ts';
import { LanguageController } from './language.ts';
import { messageTable, messagesFor, type Messages } from './messages.ts';
import { SignInLoader } from './sign-in-loader.ts';
import { SnapshotCopyKeeper } from './snapshot-copy-keeper.ts';
import { styles } from './sso-launcher.styles.ts';
import { themeTokens } from './theme.styles.ts';
import { TileGrid } from './tile-grid.ts';
import { LauncherProperties } from './launcher-properties.ts';


/** A tab that comes back to the foreground revalidates a grid older than this. */
const REVALIDATE_AFTER_MS = 60_000;

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
export class SsoLauncher extends LauncherProperties {
  static override styles = [themeTokens, styles];
  // delegatesFocus: host.focus() lands on the first control: the search box, or the email field.
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The element's own state; its public properties are in launcher-properties.ts. */
  static override properties: PropertyDeclarations = {
    session: { state: true },
    apps: { state: true },
    appsStatus: { state: true },
    appsError: { state: true },
    prefs: { state: true },
    accountOpen: { state: true },
    configMissing: { state: true },
  };

  private session: SessionState | undefined;
  private apps: SsoApp[] | undefined;
  private appsStatus: AppsStatus = 'idle';
  private appsError = '';
  private prefs: Preferences = { favourites: [], recent: [] };
  private accountOpen = false;
  private configMissing = false;

  #activeClient: LauncherClient | undefined;
  /** Resolves with the client once its code is loaded. */
  #clientReady: Promise<LauncherClient> | undefined;
  /** What the current client was built from, to rebuild only when it changes. */
  #configKey: unknown;
  /** Bumped on every attach and detach, so late async results of an old client are dropped. */
  #generation = 0;
  #unsubscribe: (() => void) | undefined;
  #appsOwner: string | undefined;
  /** The agent whose cached grid and preferences the start has read already (the snapshot): not read twice. */
  #readFor: string | undefined;
  /** The cached list's head that painted the first screen, and how many apps there are in all. */
  #appsHead: { apps: SsoApp[]; total: number } | undefined;
  #loadAbort: AbortController | undefined;
  /** When the grid was last fetched (epoch ms). */
  #loadedAt = 0;
  /** Chatbots, once the `broker` is set and their lazy module has loaded. */
  #chatbots: ChatbotsController | undefined;
  /** "Manage apps" and the admin tools, for a brand admin; loaded with the first admin check. */
  #admin: AdminAccess | undefined;
  /** Focus follows the view: the field the agent needs next (never on the first paint). */
  #focus = new FocusFollower(this, {
    target: () => focusTarget(launcherView(this.configMissing, this.session, Boolean(this.apps))),
    settled: () => this.apps !== undefined || this.appsStatus === 'error',
  });
  /**
   * The sign-in and verification forms, and their busy and error state (sign-in-controller.ts), in a
   * chunk that loads while the page does: at hand for a signed-out visit, and off a cached grid's path.
   */
  #signIn = new SignInLoader(this, {
    clientReady: () => this.#clientReady,
    email: () => this.session?.user?.email ?? '',
    report: (error, context) => this.#report(error, context),
    focus: this.#focus,
  });
  /** The configuration whose first screen is copied to localStorage (persist="local" only). */
  #copyConfig: SnapshotCopyConfig | undefined;
  #copy = new SnapshotCopyKeeper(this, {
    config: () => this.#copyConfig,
    user: () => (this.session ? (this.session.status === 'signed-in' ? this.session.user : undefined) : null),
    apps: () => this.apps,
    appsTotal: () => this.#appsTotal(),
    prefs: () => this.prefs,
  });
  /** Until the snapshot or the session says what to show. */
  #starting = new StartPlaceholder(this);
  /** The search box and the tiles: what the agent typed, how much is rendered, and the grid's events. */
  #grid = new TileGrid(this, {
    apps: () => this.apps,
    appsTotal: () => this.#appsTotal(),
    chatbots: () => this.#chatbots,
    client: () => this.#activeClient,
    userId: () => this.session?.user?.id,
    prefs: () => this.prefs,
    setPrefs: (prefs) => (this.prefs = prefs),
  });

  /** The language, and its strings (`this.m`). */
  #language = new LanguageController(this, [messageTable]);

  /** The strings for the current language. */
  private get m(): Messages {
    return messagesFor(this.#language.lang);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.#detach();
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
      const key = this.client ? this.client : configKey(launcherConfig(this));
      if (key !== this.#configKey) this.#attach();
    }
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
    this.#copyConfig = undefined;
    this.#copy.restart();
    this.session = undefined;
    this.configMissing = false;
    this.#starting.restart();
    this.#resetAgent();
    if (!this.isConnected) return;
    // The forms and the error wording (one chunk, requested as the page loaded, usually there by now):
    // for a signed-out first paint, "Sign out", a session that expires, and a network error later
    // (offline, when no chunk can be fetched any more).
    void this.#signIn.load().catch(() => undefined);
    if (this.client) {
      this.#configKey = this.client;
      this.#clientReady = Promise.resolve(this.client);
      this.#connect(this.client, generation);
      return;
    }
    const config = launcherConfig(this);
    const key = (this.#configKey = configKey(config));
    if (!config) {
      this.configMissing = true;
      return;
    }
    const store = storeFor(config.persist ?? 'local');
    this.#copyConfig = (config.persist ?? 'local') === 'local' ? config : undefined;
    // A cached grid paints in this very update, from its copy in localStorage (core/snapshot-copy.ts);
    // the IndexedDB snapshot below confirms it or replaces it.
    const copy = this.#copyConfig && readSnapshotCopy(pageStorage(), config);
    if (copy) this.#showSnapshot(copy);
    const copied = this.session;
    // The network code (session, HTTP, zod) is loaded after a cached grid is on screen: evaluating it
    // takes the main thread for a while, and the cached grid should not wait behind it. With no grid to
    // paint, nothing waits: it loads at once, and the app list request leaves as soon as it is there.
    this.#clientReady = (takeEarlySnapshot(key) ?? readSnapshot(store, config))
      .then(async (snapshot) => {
        if (generation !== this.#generation || this.session !== copied) return undefined;
        const clientCode = snapshot?.apps ? undefined : import('../core/launcher.ts');
        clientCode?.catch(() => undefined); // handled below, once the first paint is done
        if (copy && snapshot?.status === 'signed-in' && snapshot.user.id === copy.user.id) {
          // The same agent: the copy's grid stays, with IndexedDB's preferences should they differ.
          if (JSON.stringify(snapshot.prefs) !== JSON.stringify(this.prefs)) this.prefs = snapshot.prefs;
        } else {
          // Another agent, or signed out since the copy was kept (in another tab, or storage cleared).
          if (copy) this.#resetAgent();
          if (snapshot) this.#showSnapshot(snapshot);
          else this.session = { status: 'signed-out', reason: 'restored' };
        }
        this.#readFor = snapshot?.user.id;
        await this.updateComplete;
        // The first screen came from the list's head (core/snapshot.ts): the rest now, for search and scrolling.
        const head = this.#appsHead?.apps;
        if (snapshot && head) {
          void readCachedApps(store, snapshot.user.id, config.brand).then((all) => {
            if (all && generation === this.#generation && this.apps === head) this.apps = all;
          });
        }
        return clientCode;
      })
      .then((clientCode) => clientCode ?? import('../core/launcher.ts'))
      .then(({ LauncherClient }) => new LauncherClient(config, { store, earlyApps: takeEarlyApps(key) }));
    void this.#clientReady.then(
      (client) => {
        if (generation === this.#generation) this.#connect(client, generation);
      },
      (error) => {
        if (generation !== this.#generation) return;
        void this.#report(error, 'apps').then((message) => {
          if (generation === this.#generation) void this.#signIn.load().then((signIn) => (signIn.error = message), () => undefined);
        });
      },
    );
  }

  /** How many apps there are while `apps` is only the head of the cached list (read at the start). */
  #appsTotal(): number | undefined {
    return this.apps && this.apps === this.#appsHead?.apps ? this.#appsHead.total : undefined;
  }

  /** Shows a stored snapshot: the agent and, when cached, their grid, before any network call. */
  #showSnapshot(snapshot: LauncherSnapshot): void {
    this.prefs = snapshot.prefs;
    this.apps = snapshot.apps;
    this.#appsOwner = snapshot.apps ? snapshot.user.id : undefined;
    this.session = { status: snapshot.status, user: snapshot.user, reason: 'restored' };
    if (snapshot.apps && snapshot.appsTotal !== undefined) this.#appsHead = { apps: snapshot.apps, total: snapshot.appsTotal };
  }

  #connect(client: LauncherClient, generation: number): void {
    this.#activeClient = client;
    // A page that goes away (not into the back/forward cache) drops the app list request still on its
    // way, quietly: the browser's cancelling it would otherwise run its error path (a network probe, a
    // retry) while the page is torn down, and the next page waits for that (issue 15: 14 ms more
    // in the unload traced after a bearer-mode launcher whose revalidation had not come back).
    const leave = (event: PageTransitionEvent) => event.persisted || this.#loadAbort?.abort();
    addEventListener('pagehide', leave);
    const unsubscribe = client.session.onChange((s) => this.#onSessionChange(client, s));
    this.#unsubscribe = () => (unsubscribe(), removeEventListener('pagehide', leave));
    void client.session.ready.then(async () => {
      if (generation !== this.#generation) return;
      // The snapshot has read the agent's cached grid and preferences (painted, or found none): read them only for another agent.
      if (client.session.state.status !== 'signed-out' && !this.apps && client.session.user?.id !== this.#readFor) await this.#showCached(client);
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

  /**
   * Forgets everything that belongs to the agent: their grid, preferences, search, open panels and
   * admin rights. On sign-out, and when the element starts again from a new configuration.
   */
  #resetAgent(): void {
    // An app list still on its way belongs to the agent who just left: it must not land under the
    // next agent's sign-in form (nor replace that form, and what they typed, with the grid's overlay).
    this.#loadAbort?.abort();
    this.apps = undefined;
    this.#appsHead = undefined;
    this.#appsOwner = undefined;
    this.#readFor = undefined;
    this.prefs = { favourites: [], recent: [] };
    this.appsStatus = 'idle';
    this.#grid.query = '';
    this.accountOpen = false;
    this.#admin?.reset();
  }

  #onSessionChange(client: LauncherClient, s: SessionState): void {
    if (this.#activeClient !== client) return;
    const before = this.session?.status;
    this.session = s;
    if (s.status === 'signed-out') {
      this.#chatbots?.signOut();
      // An expired session keeps the grid under the sign-in prompt: the agent comes back to where they were.
      if (s.reason !== 'expired') this.#resetAgent();
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

  /** Asks whether the agent is a brand admin. The admin entry's code loads here, not with the element: most agents are not admins. */
  async #checkAdmin(client: LauncherClient): Promise<void> {
    const { AdminAccess } = await import('./admin-access.ts');
    if (this.#activeClient !== client) return;
    this.#admin ??= new AdminAccess(this);
    await this.#admin.check(client, () => this.#activeClient === client);
  }

  async #loadApps(client: LauncherClient): Promise<void> {
    // Chatbots and the admin check (each a chunk and a request) start beside the apps request when a
    // grid is on screen, else once the apps have drawn: their code would otherwise run first.
    let extras = (): void => {
      extras = () => undefined;
      void this.#loadBots(client).catch((error: unknown) => this.#report(error, 'apps'));
      void this.#checkAdmin(client);
    };
    if (this.apps) extras();
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
      // By its code, not `instanceof`: the error classes stay out of the first module (core/error-codes.ts).
      if ((error as { code?: unknown } | undefined)?.code === ErrorCode.SessionExpired) {
        this.appsStatus = 'idle'; // the sign-in prompt over the grid says it all
        return;
      }
      const message = await this.#report(error, 'apps');
      if (abort.signal.aborted || this.#activeClient !== client) return;
      this.appsStatus = 'error';
      this.appsError = message;
    } finally {
      void this.updateComplete.then(() => extras());
    }
  }

  /** Shows nothing itself: answers the message and tells the host through `sso-error`. */
  #report(error: unknown, context: ErrorContext): Promise<string> {
    return reportError(this, error, context, this.m);
  }

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

  private handleAccount = async (): Promise<void> => {
    this.accountOpen = !this.accountOpen;
    // Loaded on first use: most agents never open it, so it is not in the script tag's payload.
    if (this.accountOpen) await import('./mfa-settings.ts');
  };

  /** Moves focus to the search box when the grid is shown, else to the first field. */
  override focus(options?: FocusOptions): void {
    const target = this.renderRoot?.querySelector<HTMLElement>('input[name="search"], input[name="code"], input[name="email"]');
    if (target) target.focus(options);
    else super.focus(options);
  }

  // ---- Rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    if (this.#language.pending) return html`<div part="base" class="base" aria-busy="true"></div>`;
    return html`<div part="base" class="base" lang=${this.#language.shown}>${this.renderView(launcherView(this.configMissing, this.session, Boolean(this.apps)))}${this.#chatbots?.renderDialog() ?? nothing}</div>`;
  }

  private renderView(view: LauncherView): TemplateResult {
    const signIn = this.#signIn.controller;
    switch (view.kind) {
      case 'unconfigured':
        return html`<p class="alert" role="alert" part="error">${this.m.missingConfig}</p>`;
      case 'starting':
        return this.#starting.render(this.m);
      case 'sign-in':
        return signIn ? signIn.renderSignIn(this.m, false) : this.#formPending();
      case 'mfa':
        return signIn ? signIn.renderMfa(this.m) : this.#formPending();
      case 'ready':
        return html`
          <div ?inert=${!!view.locked}>${headerView(this.m, this.session?.user, {
            accountOpen: this.accountOpen,
            adminButton: this.#admin?.renderButton(this.m) ?? nothing,
            toggleAccount: this.handleAccount,
            signOut: this.#signIn.signOut,
          })} ${this.accountOpen ? accountView(this.m, this.session?.user, this.#activeClient) : nothing}
            ${this.#admin?.renderPanel(this.#activeClient, this.broker, this.lang, this.handleRetry) ?? nothing} ${this.#grid.render(this.m, this.appsStatus, this.appsError, this.handleRetry)}</div>
          ${view.locked
            ? html`<div class="overlay"><div class="panel" role="dialog" aria-modal="true" aria-labelledby="overlay-title">
                ${!signIn ? this.#formPending() : view.locked === 'mfa' ? signIn.renderMfa(this.m) : signIn.renderSignIn(this.m, true)}</div></div>`
            : nothing}
        `;
    }
  }

  /** Where a form goes while its code is on its way: as the start, or why it could not be loaded. */
  #formPending(): TemplateResult {
    return this.#signIn.renderError(this.m) ?? this.#starting.render(this.m);
  }
}
