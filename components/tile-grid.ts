/**
 * The grid of `<sso-launcher>`, as a Lit reactive controller: the search box and the tiles' templates,
 * what the agent typed, how many tiles are rendered, which icons failed, and a click that opens an app.
 * The rest of what the grid does (keys, the Tab stop, pinning, scrolling) is grid-behaviour.ts, a chunk
 * requested as this module runs and added when it arrives: it is not needed to paint the first screen.
 * Events are delegated to each grid, one listener per grid rather than per tile. The element keeps the
 * session and the data.
 * @module
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LauncherClient } from '../core/launcher.ts';
import type { Preferences } from '../core/preferences.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import { safeHttpUrl } from '../core/urls.ts';
import type { Chatbot } from '../core/xenioo.ts';
import { skeletonView, type AppsStatus } from './app-grid.ts';
import type { ChatbotsController } from './chatbots.ts';
import { emit } from './events.ts';
import type { GridBehaviour } from './grid-behaviour.ts';
import type { Messages } from './messages.ts';
import { tileView } from './tile.ts';

/** A magnifier; its size and stroke are the stylesheet's (`.search svg`). */
const searchIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="11" cy="11" r="7"></circle><path d="m20 20-3.5-3.5"></path></svg>`;

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

/** An app's list by id, built once per list (the Pinned and Recent lists look apps up on every render). */
const appIndexes = new WeakMap<readonly SsoApp[], Map<string, SsoApp>>();
function byIdIn(apps: readonly SsoApp[]): Map<string, SsoApp> {
  let index = appIndexes.get(apps);
  if (!index) appIndexes.set(apps, (index = new Map(apps.map((a) => [a.id, a]))));
  return index;
}

/** An app's icon, in its tile's face; when it fails to load (#iconError) the face shows initials instead. */
const iconImage = (id: string, src: string): TemplateResult =>
  html`<img src=${src} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" data-id=${id}>`;

/**
 * The grid's behaviour (keys, Tab stop, pinning), requested as this module runs, beside the first paint
 * (it shares a chunk with the sign-in forms): nobody presses a key before the grid is on screen.
 */
const behaviourCode = globalThis.document ? import('./grid-behaviour.ts') : undefined;
behaviourCode?.catch(() => undefined); // a grid without it still shows, searches and opens apps

/** What the grid reads from the launcher, which owns it. */
export interface GridSource {
  apps(): readonly SsoApp[] | undefined;
  /** How many apps there are while apps() is only the first screen's worth (read from the cache's head). */
  appsTotal(): number | undefined;
  chatbots(): ChatbotsController | undefined;
  /** The connected client and the signed-in agent, for preferences; undefined when there is none. */
  client(): LauncherClient | undefined;
  userId(): string | undefined;
  prefs(): Preferences;
  setPrefs(prefs: Preferences): void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export class TileGrid implements ReactiveController {
  #query = '';
  /**
   * How many tiles of the full list are rendered. Layout and style work grow with the number of
   * tiles, so the grid renders a screenful and grows as the agent scrolls (or asks for all): a
   * thousand-app brand paints and searches as fast as a small one.
   */
  #limit = firstPageSize();
  #failedIcons: ReadonlySet<string> = new Set();
  /** Whether the `sso-launcher:grid` mark was set. */
  #gridMarked = false;
  /** Keys, the Tab stop and pinning, once their chunk is there. */
  #behaviour: GridBehaviour | undefined;
  /** The wording of the last render (for the pin button's label). */
  messages: Messages | undefined;
  /** How many tiles scrolling adds at a time (for grid-behaviour.ts). */
  readonly pageSize = PAGE_SIZE;

  readonly host: Host;
  readonly source: GridSource;

  constructor(host: Host, source: GridSource) {
    this.host = host;
    this.source = source;
    host.addController(this);
    void behaviourCode?.then(({ GridBehaviour }) => (this.#behaviour = new GridBehaviour(this)));
  }

  /** The search text; setting it re-renders. */
  get query(): string {
    return this.#query;
  }
  set query(value: string) {
    this.#query = value;
    this.host.requestUpdate();
  }

  /** How many tiles of the list are rendered; setting it re-renders. */
  get limit(): number {
    return this.#limit;
  }
  set limit(value: number) {
    this.#limit = value;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    // A user-timing mark when the grid first shows its tiles: what bench/ times a load to, and what a
    // host's own monitoring can read (performance.getEntriesByName('sso-launcher:grid')).
    if (!this.#gridMarked && this.source.apps()?.length && this.host.renderRoot.querySelector('.grid:not(.skeleton) .tile')) {
      this.#gridMarked = true;
      performance.mark('sso-launcher:grid');
    }
  }

  /** An icon that failed to load: its tile shows initials instead. */
  iconFailed(id: string): void {
    this.#failedIcons = new Set([...this.#failedIcons, id]);
    this.host.requestUpdate();
  }

  /** The apps that match the search (all of them until the search code is there, grid-behaviour.ts). */
  visibleApps(): readonly SsoApp[] {
    const apps = this.source.apps() ?? [];
    return this.#behaviour?.filter(apps, this.#query) ?? apps;
  }

  visibleBots(): readonly Chatbot[] {
    const bots = this.source.chatbots()?.bots ?? [];
    return this.#behaviour?.filter(bots, this.#query) ?? bots;
  }

  appFor(id: string | undefined): SsoApp | undefined {
    const apps = this.source.apps();
    return id && apps ? byIdIn(apps).get(id) : undefined;
  }

  // The grid's handlers: fields, so each is one function object for every render (Lit keeps its listener).
  #searchInput = (event: InputEvent): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.limit = firstPageSize();
  };
  #showAll = (): void => void (this.limit = Number.POSITIVE_INFINITY);
  /** One listener per grid, not per tile: a thousand tiles would otherwise add three thousand listeners. */
  #onGridClick = (event: MouseEvent): void => {
    const target = event.target as HTMLElement;
    const bot = target.closest<HTMLElement>('[data-bot]');
    if (bot) return void this.source.chatbots()?.launch(bot.dataset.bot!, bot.dataset.section, 'click');
    const pin = target.closest<HTMLElement>('button.pin');
    if (pin) return void this.#behaviour?.togglePin(pin);
    const tile = target.closest<HTMLElement>('.tile');
    if (tile) this.#tileClick(event, tile);
  };
  /**
   * Every other event of the grid and the search box, for grid-behaviour.ts: one listener object, in the
   * capture phase because `error` (an icon's) does not bubble.
   */
  #events = { capture: true, handleEvent: (event: Event): void => this.#behaviour?.handleEvent(event) };

  render(m: Messages, status: AppsStatus, error: string, retry: () => void): TemplateResult | typeof nothing {
    this.messages = m;
    const apps = this.source.apps();
    const chatbots = this.source.chatbots();
    const prefs = this.source.prefs();
    const errorBanner =
      status === 'error'
        ? html`<div class="alert" role="alert" part="error"><span>${error}</span> <button part="button" type="button" @click=${retry}>${m.tryAgain}</button></div>`
        : nothing;
    if (!apps) {
      return status === 'error' ? errorBanner : skeletonView(m);
    }
    const botsError = chatbots?.renderError();
    const bots = this.visibleBots();
    if (apps.length === 0 && !chatbots?.bots?.length) {
      return html`${errorBanner}${botsError}<p class="empty">${m.empty}</p>`;
    }
    const visible = this.visibleApps();
    const searching = this.#query.trim() !== '';
    const all = searching ? visible.length : Math.max(visible.length, this.source.appsTotal() ?? 0);
    const found = visible.length + bots.length;
    const pick = (ids: string[]) => ids.map((id) => byIdIn(apps).get(id)).filter((a): a is SsoApp => !!a);
    const pinned = searching ? [] : pick(prefs.favourites);
    const recent = searching ? [] : pick(prefs.recent).filter((a) => !prefs.favourites.includes(a.id));
    // No white space between the tags (block boxes): the first screen's templates are kept short (issue 15).
    return html`${errorBanner}${botsError}<div class="search">${searchIcon}<input part="input search" name="search" type="search"
      aria-label=${m.searchApps} placeholder=${m.searchPlaceholder} autocomplete="off" spellcheck="false" aria-describedby="search-hint"
      .value=${this.#query} @input=${this.#searchInput} @keydown=${this.#events}></div><p class="count"><span role="status">${
        searching ? this.#behaviour?.found(m, found, this.#query) : ''
      }</span><span id="search-hint" ?hidden=${searching}>${m.searchHint}</span></p>${this.#behaviour?.renderKeyHints(m)}${
        pinned.length ? this.#gridView(m, m.pinned, pinned, 'pinned') : nothing
      }${recent.length ? this.#gridView(m, m.recent, recent, 'recent') : nothing}${
        this.#gridView(m, pinned.length || recent.length ? m.allApps : '', visible.slice(0, this.#limit), 'all', bots)
      }${
        all > this.#limit
          ? html`<div class="more"><span class="sentinel"></span><button part="button" type="button" @click=${this.#showAll}>${m.showAll(all)}</button></div>`
          : nothing
      }`;
  }

  #gridView(m: Messages, title: string, apps: readonly SsoApp[], key: string, bots?: readonly Chatbot[]): TemplateResult {
    const headingId = `grid-${key}`;
    const prefs = this.source.prefs();
    return html`${title ? html`<h3 id=${headingId}>${title}</h3>` : nothing}<ul part="grid" class="grid" aria-labelledby=${title ? headingId : nothing}
      aria-label=${title ? nothing : m.allApps} @click=${this.#onGridClick} @keydown=${this.#events} @auxclick=${this.#events} @error=${this.#events}
      @focusin=${this.#events} @pointerover=${this.#events}>${apps.map((app) => this.#tileItemView(m, app, prefs))}${
        bots?.length ? this.source.chatbots()!.renderTiles(bots) : nothing
      }</ul>`;
  }

  #tileItemView(m: Messages, app: SsoApp, prefs: Preferences): TemplateResult {
    // Runs for every tile on every render: one flat template per tile, bindings only (nested templates'
    // markers and parts cost as much as the tile's own nodes); only an icon is a template of its own, in a
    // face that stays put when it fails to load. Events are delegated to the grid, and its one pin button
    // visits the cell under the pointer or the focus (pin-button.ts). Every tile is out of the Tab order
    // (tabindex -1) but the grid's one stop, which #syncTabStop sets.
    const view = tileView(app, safeHttpUrl);
    const icon = this.#failedIcons.has(app.id) ? null : view.icon;
    const pinned = prefs.favourites.includes(app.id);
    const cell = pinned ? 'item pinned' : 'item';
    const faceClass = icon ? 'icon image' : `icon ${view.hueClass}`;
    const face = icon ? iconImage(app.id, icon) : view.initials;
    return view.url
      ? html`<li class=${cell}><a part="tile" class="tile" href=${view.url} target="_blank" rel="noopener noreferrer" title=${app.name} data-id=${app.id} tabindex="-1"><span part="tile-icon" class=${faceClass} aria-hidden="true">${face}</span><span part="tile-name" class="name">${app.name}</span></a></li>`
      : html`<li class=${cell}><span part="tile" class="tile disabled" role="link" aria-disabled="true" tabindex="-1" title=${m.unsafeLink} data-id=${app.id}><span part="tile-icon" class=${faceClass} aria-hidden="true">${face}</span><span part="tile-name" class="name">${app.name}</span><span class="visually-hidden">${m.unsafeLink}</span></span></li>`;
  }

  #tileClick(event: MouseEvent, tile: HTMLElement): void {
    const app = this.appFor(tile.dataset.id);
    if (!app) return;
    const url = safeHttpUrl(app.open_url);
    if (!url) return event.preventDefault();
    // The link opens the tab natively (target=_blank, rel=noopener) inside the click: no await before it.
    if (!emit(this.host, 'sso-request-launch', { app, url, source: 'click' })) {
      event.preventDefault();
      return;
    }
    this.launched(app, url);
  }

  /** An app was opened (by a click here, a key or a middle click in grid-behaviour.ts): it becomes recent. */
  launched(app: SsoApp, url: string): void {
    emit(this.host, 'sso-launch', { app, url });
    const user = this.source.userId();
    const client = this.source.client();
    if (user && client) void client.preferences.recordLaunch(user, app.id).then((p) => this.source.setPrefs(p));
  }
}
