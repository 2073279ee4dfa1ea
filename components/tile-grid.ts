/**
 * The grid's behaviour in `<sso-launcher>`, as a Lit reactive controller: what the agent typed, how
 * many tiles are rendered, which icons failed, and every event of the grid (launch, pin, keyboard,
 * chatbot prefetch), with its templates. Events are delegated to each grid, one listener per grid
 * rather than per tile. The element keeps the session and the data.
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
import type { NavigableGrid } from './grid-navigation.ts';
import type { Messages } from './messages.ts';
import { filterByName, prepareSearch } from './search.ts';
import { PinButton } from './pin-button.ts';
import { tileView } from './tile.ts';

const searchIcon = html`<svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="11" cy="11" r="7"></circle><path d="m20 20-3.5-3.5"></path></svg>`;

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

/** The lists of tiles (not the skeleton's). */
const LISTS = 'ul.grid:not(.skeleton)';
/** What the arrow keys move between, in a cell: the tile, then a chatbot's section links. */
const ITEMS = '.tile, [data-section]';
/** The key that pins or unpins the focused tile; said in each tile's description (`aria-describedby`). */
const PIN_KEY = 'p';

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
 * The arrow keys' code, requested as this module runs, beside the first paint (it shares a chunk with
 * the sign-in forms): nobody presses an arrow key before the grid is on screen.
 */
let navigation: typeof import('./grid-navigation.ts') | undefined;
if (globalThis.document) import('./grid-navigation.ts').then((module) => (navigation = module), () => undefined);

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
  /** Grows the grid by a page when its end comes near the viewport. */
  #moreObserver: IntersectionObserver | undefined;
  /**
   * The grid's one Tab stop (roving tabindex): the item last focused, else the first tile. Every
   * other item has tabindex -1, so Tab goes from the search box into the grid and out of it in one press each.
   */
  #stop: HTMLElement | undefined;
  /**
   * The app of the stop when it was set. Tiles are stamped by position, not keyed (a keystroke then
   * updates the tiles in place rather than moving thousands of nodes), so after a render the stop's
   * element may show another app: #syncTabStop follows the app, not the element.
   */
  #stopId: string | undefined;
  /** Whether the stop had focus before the render that may have removed it (an app unpinned from "Pinned"). */
  #stopHadFocus = false;
  /** Whether the `sso-launcher:grid` mark was set. */
  #gridMarked = false;

  readonly host: Host;
  readonly source: GridSource;

  constructor(host: Host, source: GridSource) {
    this.host = host;
    this.source = source;
    host.addController(this);
  }

  /** The search text; setting it re-renders. */
  get query(): string {
    return this.#query;
  }
  set query(value: string) {
    this.#query = value;
    this.host.requestUpdate();
  }

  #setLimit(value: number): void {
    this.#limit = value;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.host.addEventListener('sso-launch', this.#clearAfterLaunch);
  }

  hostUpdate(): void {
    this.#stopHadFocus = !!this.#stop && (this.host.renderRoot as ShadowRoot).activeElement === this.#stop;
  }

  hostUpdated(): void {
    // A user-timing mark when the grid first shows its tiles: what bench/ times a load to, and what a
    // host's own monitoring can read (performance.getEntriesByName('sso-launcher:grid')).
    if (!this.#gridMarked && this.source.apps()?.length && this.host.renderRoot.querySelector('.grid:not(.skeleton) .tile')) {
      this.#gridMarked = true;
      performance.mark('sso-launcher:grid');
    }
    const apps = this.source.apps();
    if (apps) prepareSearch(apps);
    this.#syncTabStop();
    // Tiles are stamped by position: the cell under the pin button may show another app now, or the
    // same app pinned or unpinned.
    this.#pin.refresh();
    const sentinel = this.host.renderRoot.querySelector('.sentinel');
    this.#moreObserver?.disconnect();
    if (!sentinel) return;
    this.#moreObserver ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) this.#setLimit(this.#limit + PAGE_SIZE);
      },
      { rootMargin: '600px' },
    );
    this.#moreObserver.observe(sentinel);
  }

  hostDisconnected(): void {
    this.#moreObserver?.disconnect();
    this.host.removeEventListener('sso-launch', this.#clearAfterLaunch);
  }

  /** After a launch (app or chatbot, click or key), the search starts afresh. */
  #clearAfterLaunch = (): void => {
    if (this.#query) this.query = '';
  };

  /** Makes `item` the grid's one Tab stop. */
  #setStop(item: HTMLElement): void {
    if (this.#stop === item) return;
    if (this.#stop) this.#stop.tabIndex = -1;
    item.tabIndex = 0;
    this.#stop = item;
    this.#stopId = item.dataset.id;
  }

  /**
   * After each render: the stop is still in the grid, or is replaced by the same app's tile in another
   * list, else by the first tile (and takes the focus if the one removed had it). Tiles are rendered
   * with tabindex -1; chatbot tiles come from their own module, so they are taken out of the Tab order here.
   */
  #syncTabStop(): void {
    const root = this.host.renderRoot;
    const old = this.#stop;
    if (!old?.isConnected || old.dataset.id !== this.#stopId) {
      const id = this.#stopId;
      if (old?.isConnected) old.tabIndex = -1;
      const next = (id && root.querySelector<HTMLElement>(`${LISTS} .tile[data-id="${CSS.escape(id)}"]`)) || root.querySelector<HTMLElement>(`${LISTS} .tile`);
      this.#stop = undefined;
      if (next) {
        this.#setStop(next);
        if (this.#stopHadFocus) next.focus();
      }
    }
    if (this.source.chatbots()?.bots?.length) {
      for (const item of root.querySelectorAll<HTMLElement>(`${LISTS} [data-bot]:not([tabindex])`)) if (item !== this.#stop) item.tabIndex = -1;
    }
  }

  visibleApps(): readonly SsoApp[] {
    return filterByName(this.source.apps() ?? [], this.#query);
  }

  #visibleBots(): readonly Chatbot[] {
    return filterByName(this.source.chatbots()?.bots ?? [], this.#query);
  }

  // The grid's handlers: fields, so each is one function object for every render (Lit keeps its listener).
  #searchInput = (event: InputEvent): void => {
    this.query = (event.target as HTMLInputElement).value;
    this.#setLimit(firstPageSize());
  };
  #showAll = (): void => this.#setLimit(Number.POSITIVE_INFINITY);
  #onSearchKeydown = (event: KeyboardEvent): void => this.#searchKeydown(event);
  #onGridClick = (event: MouseEvent): void => this.#gridClick(event);
  /** Middle click opens the link natively too; it still counts as a launch. */
  #tileAuxClick = (event: MouseEvent): void => {
    const tile = (event.target as HTMLElement).closest<HTMLElement>('a.tile');
    if (event.button !== 1 || !tile) return;
    const app = this.#appFor(tile);
    const url = app && safeHttpUrl(app.open_url);
    if (app && url) this.#launched(app, url);
  };
  /** Focus on an item (by key, click or script) makes it the Tab stop. */
  #focusIn = (event: FocusEvent): void => {
    const item = (event.target as HTMLElement).closest<HTMLElement>(ITEMS);
    if (item) this.#setStop(item);
    this.#pointerOver(event);
  };
  /**
   * Hovering or focusing a tile brings the pin button to it; a chatbot fetches its token, so the click
   * itself makes no request.
   */
  #pointerOver = (event: Event): void => {
    const target = event.target as HTMLElement;
    const bot = target.closest<HTMLElement>('[data-bot]');
    if (bot) return this.source.chatbots()?.prefetch(bot.dataset.bot!);
    const cell = target.closest<HTMLElement>('li.item');
    if (cell) this.#pin.placeIn(cell);
  };

  /** The grid's one pin button (pin-button.ts), at the cell under the pointer or the focus. */
  #pin = new PinButton((id) => this.#appFor(id), (id) => this.source.prefs().favourites.includes(id));
  #onGridKeydown = (event: KeyboardEvent): void => this.#gridKeydown(event);
  /** `error` does not bubble, so the grid listens in the capture phase. */
  #iconError = {
    capture: true,
    handleEvent: (event: Event): void => {
      const img = event.target as HTMLElement;
      const id = img instanceof HTMLImageElement ? img.dataset.id : undefined;
      if (id) {
        this.#failedIcons = new Set([...this.#failedIcons, id]);
        this.host.requestUpdate();
      }
    },
  };

  render(m: Messages, status: AppsStatus, error: string, retry: () => void): TemplateResult | typeof nothing {
    this.#pin.messages = m;
    const apps = this.source.apps();
    const chatbots = this.source.chatbots();
    const prefs = this.source.prefs();
    const errorBanner =
      status === 'error'
        ? html`<div class="alert" role="alert" part="error"><span>${error}</span>
            <button part="button" type="button" @click=${retry}>${m.tryAgain}</button></div>`
        : nothing;
    if (!apps) {
      return status === 'error' ? errorBanner : skeletonView(m);
    }
    const botsError = chatbots?.error ? html`<p class="alert" role="alert" part="error">${chatbots.error}</p>` : nothing;
    const bots = this.#visibleBots();
    if (apps.length === 0 && !chatbots?.bots?.length) {
      return html`${errorBanner}${botsError}<p class="empty">${m.empty}</p>`;
    }
    const visible = this.visibleApps();
    const searching = this.#query.trim() !== '';
    const all = searching ? visible.length : Math.max(visible.length, this.source.appsTotal() ?? 0);
    const found = visible.length + bots.length;
    const pick = (ids: string[]) => (ids.length ? ids.map((id) => byIdIn(apps).get(id)).filter((a): a is SsoApp => !!a) : []);
    const pinned = searching ? [] : pick(prefs.favourites);
    const recent = searching ? [] : pick(prefs.recent).filter((a) => !prefs.favourites.includes(a.id));
    return html`
      ${errorBanner}${botsError}
      <div class="search">
        ${searchIcon}
        <input part="input search" name="search" type="search" aria-label=${m.searchApps} placeholder=${m.searchPlaceholder}
          autocomplete="off" spellcheck="false" aria-describedby="search-hint" .value=${this.#query} @input=${this.#searchInput} @keydown=${this.#onSearchKeydown} />
      </div>
      <p class="count"><span role="status">${searching ? (found ? m.results(found) : m.noMatch(this.#query.trim())) : ''}</span><span
        id="search-hint" ?hidden=${searching}>${m.searchHint}</span></p>
      <span hidden id="pin-key">${m.pinKey}</span><span hidden id="unpin-key">${m.unpinKey}</span>
      ${pinned.length ? this.#gridView(m, m.pinned, pinned, 'pinned') : nothing}
      ${recent.length ? this.#gridView(m, m.recent, recent, 'recent') : nothing}
      ${this.#gridView(m, pinned.length || recent.length ? m.allApps : '', visible.slice(0, this.#limit), 'all', bots)}
      ${all > this.#limit
        ? html`<div class="more"><span class="sentinel"></span>
            <button part="button" type="button" @click=${this.#showAll}>${m.showAll(all)}</button></div>`
        : nothing}
    `;
  }

  #gridView(m: Messages, title: string, apps: readonly SsoApp[], key: string, bots?: readonly Chatbot[]): TemplateResult {
    const headingId = `grid-${key}`;
    const prefs = this.source.prefs();
    return html`
      ${title ? html`<h3 id=${headingId}>${title}</h3>` : nothing}
      <ul part="grid" class="grid" aria-labelledby=${title ? headingId : nothing} aria-label=${title ? nothing : m.allApps}
        @keydown=${this.#onGridKeydown} @click=${this.#onGridClick} @auxclick=${this.#tileAuxClick} @error=${this.#iconError}
        @focusin=${this.#focusIn} @pointerover=${this.#pointerOver}>
${apps.map((app) => this.#tileItemView(m, app, prefs))}${bots?.length ? this.source.chatbots()!.renderTiles(bots) : nothing}
      </ul>
    `;
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
    const hint = pinned ? 'unpin-key' : 'pin-key';
    const faceClass = icon ? 'icon image' : `icon ${view.hueClass}`;
    const face = icon ? iconImage(app.id, icon) : view.initials;
    return view.url
      ? html`<li class=${cell}><a part="tile" class="tile" href=${view.url} target="_blank" rel="noopener noreferrer" title=${app.name} data-id=${app.id} tabindex="-1" aria-describedby=${hint}><span part="tile-icon" class=${faceClass} aria-hidden="true">${face}</span><span part="tile-name" class="name">${app.name}</span></a></li>`
      : html`<li class=${cell}><span part="tile" class="tile disabled" role="link" aria-disabled="true" tabindex="-1" title=${m.unsafeLink} data-id=${app.id} aria-describedby=${hint}><span part="tile-icon" class=${faceClass} aria-hidden="true">${face}</span><span part="tile-name" class="name">${app.name}</span><span class="visually-hidden">${m.unsafeLink}</span></span></li>`;
  }

  #searchKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      if (this.#query) {
        event.preventDefault();
        this.query = '';
        (event.target as HTMLInputElement).value = '';
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const first = this.visibleApps()[0];
      const bot = this.#visibleBots()[0];
      if (first) this.#launch(first, 'keyboard');
      else if (bot) this.source.chatbots()?.launch(bot.id, undefined, 'keyboard');
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.host.renderRoot.querySelector<HTMLElement>(`${LISTS} .tile`)?.focus();
    }
  }

  /** One listener per grid, not per tile: a thousand tiles would otherwise add three thousand listeners. */
  #gridClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const bot = target.closest<HTMLElement>('[data-bot]');
    if (bot) return void this.source.chatbots()?.launch(bot.dataset.bot!, bot.dataset.section, 'click');
    const pin = target.closest<HTMLElement>('button.pin');
    if (pin) return void this.#togglePin(pin);
    const tile = target.closest<HTMLElement>('.tile');
    if (tile) this.#tileClick(event, tile);
  }

  #tileClick(event: MouseEvent, tile: HTMLElement): void {
    const app = this.#appFor(tile);
    if (!app) return;
    const url = safeHttpUrl(app.open_url);
    if (!url) return event.preventDefault();
    // The link opens the tab natively (target=_blank, rel=noopener) inside the click: no await before it.
    if (!emit(this.host, 'sso-request-launch', { app, url, source: 'click' })) {
      event.preventDefault();
      return;
    }
    this.#launched(app, url);
  }

  /** Arrow keys, Home and End move inside the grid (grid-navigation.ts); P pins or unpins the focused app. */
  #gridKeydown(event: KeyboardEvent): void {
    const item = event.target as HTMLElement;
    if (event.key.toLowerCase() === PIN_KEY && !event.ctrlKey && !event.metaKey && !event.altKey) {
      if (!item.matches('.tile[data-id]')) return;
      event.preventDefault();
      return void this.#togglePin(item);
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    navigation?.navigate(event, this.#navigable());
  }

  #navigable(): NavigableGrid {
    return {
      root: this.host.renderRoot,
      lists: LISTS,
      items: ITEMS,
      partial: () => this.visibleApps().length > this.#limit,
      renderAll: () => {
        this.#setLimit(Number.POSITIVE_INFINITY);
        return this.host.updateComplete;
      },
    };
  }

  /** Pins or unpins the app of a pin button or a tile. */
  async #togglePin(element: HTMLElement): Promise<void> {
    const app = this.#appFor(element);
    const user = this.source.userId();
    const client = this.source.client();
    if (!app || !user || !client) return;
    this.source.setPrefs(await client.preferences.toggleFavourite(user, app.id));
  }

  #appFor(element: HTMLElement | string | undefined): SsoApp | undefined {
    const id = typeof element === 'string' ? element : element?.dataset.id;
    const apps = this.source.apps();
    return id && apps ? byIdIn(apps).get(id) : undefined;
  }

  /** Keyboard launch: opens the tab synchronously, inside the keypress, so no popup blocker objects. */
  #launch(app: SsoApp, source: 'keyboard'): void {
    const url = safeHttpUrl(app.open_url);
    if (!url) return;
    if (!emit(this.host, 'sso-request-launch', { app, url, source })) return;
    window.open(url, '_blank', 'noopener,noreferrer');
    this.#launched(app, url);
  }

  #launched(app: SsoApp, url: string): void {
    emit(this.host, 'sso-launch', { app, url });
    const user = this.source.userId();
    const client = this.source.client();
    if (user && client) void client.preferences.recordLaunch(user, app.id).then((p) => this.source.setPrefs(p));
  }
}
