/**
 * What `<sso-launcher>` does with a client once the client's code is there: follows the session, loads
 * the app list (and the chatbots and the admin rights beside it), revalidates a grid when its tab comes
 * back. Its chunk loads beside the client's code, after a cached grid's first paint (issue 15): the
 * element paints the first screen from storage on its own, and keeps the state this module changes.
 *
 * One per client: the element starts one when it has a client and ends it when it starts again from a
 * new configuration or leaves the page, so nothing an old client answers late reaches the screen.
 * @module
 */
import { ErrorCode } from '../core/error-codes.ts';
import type { LauncherClient } from '../core/launcher.ts';
import type { Preferences } from '../core/preferences-record.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import type { SessionState } from '../core/session.ts';
import type { AdminAccess } from './admin-access.ts';
import type { AppsStatus } from './app-grid.ts';
import type { ChatbotsController, ChatbotsHost } from './chatbots.ts';
import type { ErrorContext } from './describe-error.ts';
import { emit } from './events.ts';
import type { Messages } from './messages.ts';

/** A tab that comes back to the foreground revalidates a grid older than this. */
const REVALIDATE_AFTER_MS = 60_000;

/** The element's state that the connection reads and changes (sso-launcher.component.ts). */
export interface ConnectionHost extends ChatbotsHost {
  session: SessionState | undefined;
  apps: SsoApp[] | undefined;
  appsStatus: AppsStatus;
  appsError: string;
  prefs: Preferences;
  /** The agent whose grid `apps` is. */
  appsOwner: string | undefined;
  /** The agent whose cached grid and preferences the start has read already (the snapshot): not read twice. */
  readonly readFor: string | undefined;
  readonly broker: string;
  readonly m: Messages;
  /** Forgets everything that belongs to the agent (their grid, preferences, search, panels). */
  resetAgent(): void;
  /** Words an error, tells the host page through `sso-error`, and answers the message. */
  report(error: unknown, context: ErrorContext): Promise<string>;
}

export class LauncherConnection {
  readonly client: LauncherClient;
  /** Chatbots, once the `broker` is set and their lazy module has loaded. */
  chatbots: ChatbotsController | undefined;
  /** "Manage apps" and the admin tools, for a brand admin; loaded with the first admin check. */
  admin: AdminAccess | undefined;
  readonly #host: ConnectionHost;
  #ended = false;
  #loadAbort: AbortController | undefined;
  /** When the grid was last fetched (epoch ms). */
  #loadedAt = 0;
  readonly #unsubscribe: () => void;

  constructor(host: ConnectionHost, client: LauncherClient) {
    this.#host = host;
    this.client = client;
    // A page that goes away (not into the back/forward cache) drops the app list request still on its
    // way, quietly: the browser's cancelling it would otherwise run its error path (a network probe, a
    // retry) while the page is torn down, and the next page waits for that (issue 15: 14 ms more
    // in the unload traced after a bearer-mode launcher whose revalidation had not come back).
    const leave = (event: PageTransitionEvent) => event.persisted || this.#loadAbort?.abort();
    addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', this.#revalidate);
    const unsubscribe = client.session.onChange((s) => this.#onSessionChange(s));
    this.#unsubscribe = () => {
      unsubscribe();
      removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', this.#revalidate);
    };
    void client.session.ready.then(async () => {
      if (this.#ended) return;
      // The snapshot has read the agent's cached grid and preferences (painted, or found none): read them only for another agent.
      if (client.session.state.status !== 'signed-out' && !host.apps && client.session.user?.id !== host.readFor) await this.#showCached();
      if (this.#ended) return;
      host.session = client.session.state;
      if (host.session.status === 'signed-in') void this.loadApps();
    });
  }

  /** Stops listening, drops the requests on their way and the chatbots; late answers are ignored. */
  end(): void {
    this.#ended = true;
    this.#unsubscribe();
    this.#loadAbort?.abort();
    if (this.chatbots) this.#host.removeController(this.chatbots);
    this.chatbots = undefined;
  }

  /** The agent left: their app list still on its way and their admin rights go with them. */
  reset(): void {
    // An app list still on its way belongs to the agent who just left: it must not land under the
    // next agent's sign-in form (nor replace that form, and what they typed, with the grid's overlay).
    this.#loadAbort?.abort();
    this.admin?.reset();
  }

  /** Paints the cached grid and the preferences of the session's user, before any network call. */
  async #showCached(): Promise<void> {
    const { client } = this;
    const host = this.#host;
    const user = client.session.user;
    if (!user) return;
    const [cached, prefs] = await Promise.all([client.cachedApps(), client.preferences.get(user.id)]);
    if (this.#ended) return;
    host.prefs = prefs;
    if (cached && !host.apps) {
      host.apps = cached;
      host.appsOwner = user.id;
    }
  }

  #onSessionChange(s: SessionState): void {
    if (this.#ended) return;
    const host = this.#host;
    const before = host.session?.status;
    host.session = s;
    if (s.status === 'signed-out') {
      this.chatbots?.signOut();
      // An expired session keeps the grid under the sign-in prompt: the agent comes back to where they were.
      if (s.reason !== 'expired') host.resetAgent();
      if (before && before !== 'signed-out') emit(host, 'sso-sign-out', { reason: s.reason === 'expired' ? 'expired' : 'signed-out' });
      return;
    }
    if (s.status === 'signed-in' && before !== 'signed-in' && s.reason !== 'restored' && s.reason !== 'user-updated') {
      if (host.appsOwner && s.user && host.appsOwner !== s.user.id) {
        host.apps = undefined; // another agent signed in on this device: never show them the last one's grid
        host.appsOwner = undefined;
      }
      emit(host, 'sso-sign-in', { user: s.user });
      void this.#showCached().then(() => this.loadApps());
    }
  }

  /** Loads the brand's chatbots from the broker; their code is fetched on first use. */
  async #loadBots(): Promise<void> {
    const host = this.#host;
    if (!host.broker) return;
    if (!this.chatbots) {
      const { ChatbotsController } = await import('./chatbots.ts');
      if (this.#ended || this.chatbots) return;
      this.chatbots = new ChatbotsController(host, { broker: host.broker, brand: this.client.config.brand, session: this.client.session, messages: () => host.m });
    }
    await this.chatbots.load();
  }

  /** Asks whether the agent is a brand admin. The admin entry's code loads here, not with the element: most agents are not admins. */
  async #checkAdmin(): Promise<void> {
    const { AdminAccess } = await import('./admin-access.ts');
    if (this.#ended) return;
    this.admin ??= new AdminAccess(this.#host);
    await this.admin.check(this.client, () => !this.#ended);
  }

  /** Fetches the app list (the grid on screen stays while it does); "Try again" calls it too. */
  loadApps = async (): Promise<void> => {
    const host = this.#host;
    const { client } = this;
    // Chatbots and the admin check (each a chunk and a request) start beside the apps request when a
    // grid is on screen, else once the apps have drawn: their code would otherwise run first.
    let extras = (): void => {
      extras = () => undefined;
      void this.#loadBots().catch((error: unknown) => host.report(error, 'apps'));
      void this.#checkAdmin();
    };
    if (host.apps) extras();
    this.#loadAbort?.abort();
    const abort = (this.#loadAbort = new AbortController());
    const current = () => !abort.signal.aborted && !this.#ended;
    host.appsStatus = 'loading';
    try {
      const apps = await client.refreshApps({ signal: abort.signal });
      if (!current()) return;
      host.apps = apps;
      host.appsOwner = client.session.user?.id;
      this.#loadedAt = Date.now();
      host.appsStatus = 'ready';
      host.appsError = '';
    } catch (error) {
      if (!current()) return;
      if ((error as { code?: unknown } | undefined)?.code === ErrorCode.SessionExpired) {
        host.appsStatus = 'idle'; // the sign-in prompt over the grid says it all
        return;
      }
      const message = await host.report(error, 'apps');
      if (!current()) return;
      host.appsStatus = 'error';
      host.appsError = message;
    } finally {
      void host.updateComplete.then(() => extras());
    }
  };

  /**
   * Coming back to a tab that sat in the background revalidates the grid: the agent sees changes,
   * and an expired session asks for sign-in now rather than at the next click.
   */
  #revalidate = (): void => {
    const host = this.#host;
    if (document.visibilityState !== 'visible' || host.session?.status !== 'signed-in') return;
    if (Date.now() - this.#loadedAt > REVALIDATE_AFTER_MS && host.appsStatus !== 'loading') void this.loadApps();
  };
}
