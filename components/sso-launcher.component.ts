// First: its request leaves before every other chunk's (./start-code.ts says why).
import { startCode } from './start-code.ts';
import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
// Types only: the client's code (session, HTTP, zod) and what the element does with it are loaded
// lazily, after the first paint (launcher-connection.ts).
import type { LauncherClient } from '../core/launcher.ts';
import type { LauncherSnapshot } from '../core/snapshot.ts';
import { pageStorage, snapshotCopy, type SnapshotCopy } from '../core/snapshot-copy.ts';
import type { SessionState } from '../core/session.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import type { Preferences } from '../core/preferences.ts';
import { headerView, personName } from './account-view.ts';
import { StartPlaceholder, type AppsStatus } from './app-grid.ts';
import type { ErrorContext } from './describe-error.ts';
import type { StartHost } from './launcher-start.ts';
import { reportError } from './report-error.ts';
import { configKey, launcherConfig } from './launcher-config.ts';
import type { ConnectionHost, LauncherConnection } from './launcher-connection.ts';
import { launcherView, type LauncherView } from './launcher-view.ts';
import { LanguageController } from './language.ts';
import { messageTable, messagesFor, type Messages } from './messages.ts';
import { SignInLoader } from './sign-in-loader.ts';
import type { SnapshotCopyKeeper } from './snapshot-copy-keeper.ts';
import { styles } from './sso-launcher.styles.ts';
import { themeTokens } from './theme.styles.ts';
import { TileGrid } from './tile-grid.ts';
import { LauncherProperties } from './launcher-properties.ts';

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

  // The state that the start and the connection change too (launcher-start.ts StartHost,
  // launcher-connection.ts ConnectionHost): private to pages, not to this element's own lazy chunks.
  private session: SessionState | undefined;
  private apps: SsoApp[] | undefined;
  private appsStatus: AppsStatus = 'idle';
  private appsError = '';
  private prefs: Preferences = { favourites: [], recent: [] };
  // Read only by those chunks: protected, since TypeScript calls a private member that nothing here reads unused.
  /** The agent whose grid `apps` is. */
  protected appsOwner: string | undefined;
  /** The agent whose cached grid and preferences the start has read already (the snapshot): not read twice. */
  protected readFor: string | undefined;
  /** The first screen's copy keeper, made by the start (launcher-start.ts). */
  private copyKeeper: SnapshotCopyKeeper | undefined;
  private accountOpen = false;
  private configMissing = false;

  /** What the element does with its client, once the client's code is there. */
  #connection: LauncherConnection | undefined;
  /** Resolves with the client once its code is loaded. */
  #clientReady: Promise<LauncherClient> | undefined;
  /** What the current client was built from, to rebuild only when it changes. */
  #configKey: unknown;
  /** The account area's template (account-panel.ts), once "Account" was first pressed. */
  #accountView: typeof import('./account-panel.ts').accountView | undefined;
  /** Bumped on every attach and detach, so late async results of an old client are dropped. */
  #generation = 0;
  /** The cached list's head that painted the first screen, and how many apps there are in all. */
  private appsHead: { apps: SsoApp[]; total: number } | undefined;
  /**
   * The sign-in and verification forms, and their busy and error state (sign-in-controller.ts), in a
   * chunk that loads while the page does: at hand for a signed-out visit, and off a cached grid's path.
   */
  #signIn = new SignInLoader(this, {
    clientReady: () => this.#clientReady,
    email: () => this.session?.user?.email ?? '',
    report: (error, context) => this.report(error, context),
    // Focus follows the view: the field the agent needs next (never on the first paint).
    view: () => launcherView(this.configMissing, this.session, Boolean(this.apps)),
    settled: () => this.apps !== undefined || this.appsStatus === 'error',
  });
  /** The first screen's copy in localStorage (persist="local" only). */
  private firstScreenCopy: SnapshotCopy | undefined;
  /** Until the snapshot or the session says what to show. */
  #starting = new StartPlaceholder(this);
  /** The search box and the tiles: what the agent typed, how much is rendered, and the grid's events. */
  #grid = new TileGrid(this, {
    apps: () => this.apps,
    appsTotal: () => this.appsTotal(),
    chatbots: () => this.#connection?.chatbots,
    client: () => this.#connection?.client,
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
    this.#detach();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attach after a move in the DOM; the first attach happens in willUpdate.
    if (this.hasUpdated) this.#attach();
  }

  protected override willUpdate(): void {
    // Starts again when the configuration changed (a few microseconds to tell, on every update).
    const key = this.client ? this.client : configKey(launcherConfig(this));
    if (key !== this.#configKey) this.#attach();
  }

  #detach(): void {
    this.#connection?.end();
    this.#connection = undefined;
    this.#configKey = undefined;
    this.#generation++;
  }

  /**
   * Starts from the configuration. With attributes, a returning agent's grid paints in this update from
   * its copy in localStorage; the start (launcher-start.ts, a lazy chunk) reads the IndexedDB snapshot,
   * which confirms or replaces it, and builds the client, which the connection (launcher-connection.ts)
   * takes over with. With a ready-made `client`, the connection starts at once.
   */
  #attach(): void {
    this.#detach();
    const generation = this.#generation;
    this.firstScreenCopy = undefined;
    this.copyKeeper?.restart();
    this.session = undefined;
    this.configMissing = false;
    this.#starting.restart();
    this.resetAgent();
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
    this.#configKey = configKey(config);
    if (!config) {
      this.configMissing = true;
      return;
    }
    this.firstScreenCopy = (config.persist ?? 'local') === 'local' ? snapshotCopy(pageStorage(), config) : undefined;
    // A cached grid paints in this very update, from its copy in localStorage (core/snapshot-copy.ts);
    // the IndexedDB snapshot below confirms it or replaces it.
    const copy = this.firstScreenCopy?.read();
    if (copy) this.showSnapshot(copy);
    // The start's chunk reads IndexedDB's snapshot, which confirms the copy or replaces it, and builds the client.
    // It is this element's own code in another chunk: it reaches the state kept private from pages.
    this.#clientReady = startCode.then(({ startLauncher }) =>
      startLauncher(this as unknown as StartHost, config, copy, () => generation === this.#generation),
    );
    void this.#clientReady.then(
      (client) => {
        if (generation === this.#generation) this.#connect(client, generation);
      },
      (error) => {
        if (generation !== this.#generation) return;
        // The start's or the client's code could not be loaded (offline, most likely). With nothing on
        // screen yet, the sign-in form says why, rather than a skeleton that never ends.
        this.session ??= { status: 'signed-out', reason: 'restored' };
        void this.report(error, 'apps').then((message) => {
          if (generation === this.#generation) void this.#signIn.load().then((signIn) => (signIn.error = message), () => undefined);
        });
      },
    );
  }

  /** How many apps there are while `apps` is only the head of the cached list (read at the start). */
  private appsTotal(): number | undefined {
    return this.apps && this.apps === this.appsHead?.apps ? this.appsHead.total : undefined;
  }

  /** Shows a stored snapshot: the agent and, when cached, their grid, before any network call. */
  private showSnapshot(snapshot: LauncherSnapshot): void {
    this.prefs = snapshot.prefs;
    this.apps = snapshot.apps;
    this.appsOwner = snapshot.apps ? snapshot.user.id : undefined;
    this.session = { status: snapshot.status, user: snapshot.user, reason: 'restored' };
    if (snapshot.apps && snapshot.appsTotal !== undefined) this.appsHead = { apps: snapshot.apps, total: snapshot.appsTotal };
  }

  /** Hands the client to a connection (launcher-connection.ts), whose chunk was requested beside the client's code. */
  #connect(client: LauncherClient, generation: number): void {
    void import('./launcher-connection.ts').then(({ LauncherConnection }) => {
      // The connection is this element's own code in another chunk: it reaches the state kept private from pages.
      if (generation === this.#generation) this.#connection = new LauncherConnection(this as unknown as ConnectionHost, client);
    }, (error: unknown) => this.report(error, 'apps'));
  }

  /**
   * Forgets everything that belongs to the agent: their grid, preferences, search, open panels and
   * admin rights. On sign-out, and when the element starts again from a new configuration.
   */
  private resetAgent(): void {
    this.#connection?.reset();
    this.apps = undefined;
    this.appsHead = undefined;
    this.appsOwner = undefined;
    this.readFor = undefined;
    this.prefs = { favourites: [], recent: [] };
    this.appsStatus = 'idle';
    this.#grid.query = '';
    this.accountOpen = false;
  }

  /** Shows nothing itself: answers the message and tells the host through `sso-error`. */
  private report(error: unknown, context: ErrorContext): Promise<string> {
    return reportError(this, error, context, this.m);
  }

  private handleRetry = (): void => void this.#connection?.loadApps();

  private handleAccount = async (): Promise<void> => {
    this.accountOpen = !this.accountOpen;
    // Loaded on first use: most agents never open it, so it is not in the script tag's payload.
    if (this.accountOpen && !this.#accountView) {
      this.#accountView = (await import('./account-panel.ts')).accountView;
      this.requestUpdate();
    }
  };

  /** Moves focus to the search box when the grid is shown, else to the first field. */
  override focus(options?: FocusOptions): void {
    const target = this.renderRoot?.querySelector<HTMLElement>('input[name=search],input[name=code],input[name=email]');
    if (target) target.focus(options);
    else super.focus(options);
  }

  // ---- Rendering ------------------------------------------------------------------------------

  // A child expression that is undefined renders nothing (Lit): the lazy parts' templates need no `?? nothing`.
  protected override render(): TemplateResult {
    if (this.#language.pending) return html`<div part="base" class="base" aria-busy="true"></div>`;
    return html`<div part="base" class="base" lang=${this.#language.shown}>${this.renderView(launcherView(this.configMissing, this.session, Boolean(this.apps)))}${this.#connection?.chatbots?.renderDialog()}</div>`;
  }

  private renderView(view: LauncherView): TemplateResult {
    const signIn = this.#signIn.controller;
    switch (view.kind) {
      case 'unconfigured':
        // Its words come with the forms' chunk (locales/en-more.ts): a launcher with no configuration is
        // a page being set up, and an empty alert is hidden until they arrive.
        return html`<p class="alert" role="alert" part="error">${this.m.missingConfig}</p>`;
      case 'starting':
        return this.#starting.render(this.m);
      case 'sign-in':
        return signIn ? signIn.renderSignIn(this.m, false) : this.#formPending();
      case 'mfa':
        return signIn ? signIn.renderMfa(this.m) : this.#formPending();
      case 'ready':
        return html`<div ?inert=${!!view.locked}>${headerView(this.m, this.session?.user, {
          accountOpen: this.accountOpen,
          adminButton: this.#connection?.admin?.renderButton(this.m),
          toggleAccount: this.handleAccount,
          signOut: this.#signIn.signOut,
        })}${this.accountOpen && this.#accountView ? this.#accountView(this.m, personName(this.session?.user), this.session?.user?.email ?? '', this.#connection?.client) : nothing}${
          this.#connection?.admin?.renderPanel(this.#connection.client, this.broker, this.lang, this.handleRetry)
        }${this.#grid.render(this.m, this.appsStatus, this.appsError, this.handleRetry)}</div>${
          view.locked
            ? html`<div class="overlay"><div class="panel" role="dialog" aria-modal="true" aria-labelledby="overlay-title">${
                !signIn ? this.#formPending() : view.locked === 'mfa' ? signIn.renderMfa(this.m) : signIn.renderSignIn(this.m, true)
              }</div></div>`
            : nothing
        }`;
    }
  }

  /** Where a form goes while its code is on its way: as the start, or why it could not be loaded. */
  #formPending(): TemplateResult {
    return this.#signIn.renderError(this.m) ?? this.#starting.render(this.m);
  }
}
