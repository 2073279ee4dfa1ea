/**
 * The grid's behaviour in `<sso-launcher>`, as a Lit reactive controller: what the agent typed, how
 * many tiles are rendered, which icons failed, and every event of the grid (launch, pin, keyboard,
 * chatbot prefetch), with its templates. Events are delegated to each grid, one listener per grid
 * rather than per tile. The element keeps the session and the data.
 * @module
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { LauncherClient } from '../core/launcher.ts';
import type { Preferences } from '../core/preferences.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import { safeHttpUrl } from '../core/urls.ts';
import type { Chatbot } from '../core/xenioo.ts';
import { nextTileIndex, skeletonView, type AppsStatus } from './app-grid.ts';
import type { ChatbotsController } from './chatbots.ts';
import { emit } from './events.ts';
import type { Messages } from './messages.ts';
import { filterByName } from './search.ts';
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

/** What the grid reads from the launcher, which owns it. */
export interface GridSource {
  apps(): readonly SsoApp[] | undefined;
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

  hostUpdated(): void {
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
  /** Hovering or focusing a chatbot fetches its token, so the click itself makes no request. */
  #prefetch = (event: Event): void => {
    const bot = (event.target as HTMLElement).closest<HTMLElement>('[data-bot]');
    if (bot) this.source.chatbots()?.prefetch(bot.dataset.bot!);
  };
  #onGridKeydown = (event: KeyboardEvent): void => void this.#gridKeydown(event);
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
    const found = visible.length + bots.length;
    const byId = new Map(apps.map((a) => [a.id, a]));
    const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((a): a is SsoApp => !!a);
    const pinned = searching ? [] : pick(prefs.favourites);
    const recent = searching ? [] : pick(prefs.recent).filter((a) => !prefs.favourites.includes(a.id));
    return html`
      ${errorBanner}${botsError}
      <div class="search">
        ${searchIcon}
        <input part="input search" name="search" type="search" aria-label=${m.searchApps} placeholder=${m.searchPlaceholder}
          autocomplete="off" spellcheck="false" .value=${this.#query} @input=${this.#searchInput} @keydown=${this.#onSearchKeydown} />
      </div>
      <p class="count" role="status">${searching ? (found ? m.results(found) : m.noMatch(this.#query.trim())) : ''}</p>
      ${pinned.length ? this.#gridView(m, m.pinned, pinned, 'pinned') : nothing}
      ${recent.length ? this.#gridView(m, m.recent, recent, 'recent') : nothing}
      ${this.#gridView(m, pinned.length || recent.length ? m.allApps : '', visible.slice(0, this.#limit), 'all', bots)}
      ${visible.length > this.#limit
        ? html`<div class="more"><span class="sentinel"></span>
            <button part="button" type="button" @click=${this.#showAll}>${m.showAll(visible.length)}</button></div>`
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
        @focusin=${this.#prefetch} @pointerover=${this.#prefetch}>
        ${repeat(apps, (app) => app.id, (app) => this.#tileItemView(m, app, prefs))}${bots?.length ? this.source.chatbots()!.renderTiles(bots) : nothing}
      </ul>
    `;
  }

  #tileItemView(m: Messages, app: SsoApp, prefs: Preferences): TemplateResult {
    // Runs for every tile on every render: keep it to bindings. Events are delegated to the grid.
    const view = tileView(app, safeHttpUrl);
    const icon = this.#failedIcons.has(app.id) ? null : view.icon;
    const pinned = prefs.favourites.includes(app.id);
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
      this.#tiles()[0]?.focus();
    }
  }

  /** One listener per grid, not per tile: a thousand tiles would otherwise add three thousand listeners. */
  #gridClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const bot = target.closest<HTMLElement>('[data-bot]');
    if (bot) return void this.source.chatbots()?.launch(bot.dataset.bot!, bot.dataset.section, 'click');
    const pin = target.closest<HTMLElement>('button.pin');
    if (pin) return void this.#pin(pin);
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

  /** Arrow keys move between tiles, in reading order, by row and column. */
  async #gridKeydown(event: KeyboardEvent): Promise<void> {
    let tiles = this.#tiles();
    const current = tiles.indexOf(event.target as HTMLElement);
    if (current < 0) return;
    if ((event.key === 'End' || current === tiles.length - 1) && this.visibleApps().length > this.#limit) {
      // Moving past the last rendered tile renders the rest first, so the keyboard reaches every app.
      this.#setLimit(Number.POSITIVE_INFINITY);
      await this.host.updateComplete;
      tiles = this.#tiles();
    }
    // Columns of the tile's own grid, from its computed template: one style read, not one per tile.
    const grid = tiles[current]!.closest('ul')!;
    const perRow = Math.max(1, getComputedStyle(grid).gridTemplateColumns.split(' ').length);
    const target = nextTileIndex(event.key, current, tiles.length, perRow);
    if (target === undefined) return;
    event.preventDefault();
    if (target < 0 && event.key === 'ArrowUp') this.host.renderRoot.querySelector<HTMLElement>('input[name="search"]')?.focus();
    else tiles[Math.min(Math.max(target, 0), tiles.length - 1)]?.focus();
  }

  async #pin(button: HTMLElement): Promise<void> {
    const app = this.#appFor(button);
    const user = this.source.userId();
    const client = this.source.client();
    if (!app || !user || !client) return;
    this.source.setPrefs(await client.preferences.toggleFavourite(user, app.id));
  }

  #appFor(element: HTMLElement): SsoApp | undefined {
    const id = element.dataset.id;
    return this.source.apps()?.find((a) => a.id === id);
  }

  #tiles(): HTMLElement[] {
    return [...this.host.renderRoot.querySelectorAll<HTMLElement>('.tile')];
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
