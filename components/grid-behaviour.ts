/**
 * What the grid of `<sso-launcher>` does beyond drawing tiles and opening one on a click, as a Lit
 * reactive controller: the search itself (search.ts), the one Tab stop (roving tabindex), the arrow keys
 * (grid-navigation.ts), Enter and Escape in the search box, P and the pin button (pin-button.ts), icons
 * that fail to load, middle clicks, growing the grid as it scrolls, and a chatbot's token fetched on
 * hover. Not in the script tag's
 * first module (issue 15): tile-grid.ts requests it while the page loads and adds it once it is there,
 * a few milliseconds after a cached grid's first paint, when nobody has pressed a key yet.
 * @module
 */
import { html, type ReactiveController, type TemplateResult } from 'lit';
import type { SsoApp } from '../core/rechat/schemas.ts';
import { safeHttpUrl } from '../core/urls.ts';
import { emit } from './events.ts';
import { navigate, type NavigableGrid } from './grid-navigation.ts';
import { PinButton } from './pin-button.ts';
import { filterByName, prepareSearch } from './search.ts';
import type { Messages } from './messages.ts';
// Types only: the extension's popup bundles tile-grid.ts in its entry file, which lazy chunks had better not
// import from (Rolldown then splits it into a file of its own); its page size comes through the grid.
import type { TileGrid } from './tile-grid.ts';
// The English words of the search's results and the P key (messages.ts).
import './locales/en-more.ts';

/** The lists of tiles (not the skeleton's). */
const LISTS = 'ul.grid:not(.skeleton)';
/** What the arrow keys move between, in a cell: the tile, then a chatbot's section links. */
const ITEMS = '.tile, [data-section]';
/** The key that pins or unpins the focused tile; said in each tile's description (`aria-describedby`). */
const PIN_KEY = 'p';

export class GridBehaviour implements ReactiveController {
  readonly #grid: TileGrid;
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
  /** The grid's one pin button (pin-button.ts), at the cell under the pointer or the focus. */
  #pin: PinButton;

  constructor(grid: TileGrid) {
    this.#grid = grid;
    this.#pin = new PinButton((id) => grid.appFor(id), (id) => grid.source.prefs().favourites.includes(id));
    grid.host.addController(this);
    // The grid may be on screen already: set its Tab stop and its observer now.
    grid.host.requestUpdate();
  }

  get #root(): HTMLElement | DocumentFragment {
    return this.#grid.host.renderRoot;
  }

  hostConnected(): void {
    this.#grid.host.addEventListener('sso-launch', this.#clearAfterLaunch);
  }

  hostDisconnected(): void {
    this.#moreObserver?.disconnect();
    this.#grid.host.removeEventListener('sso-launch', this.#clearAfterLaunch);
  }

  hostUpdate(): void {
    this.#stopHadFocus = !!this.#stop && (this.#root as ShadowRoot).activeElement === this.#stop;
  }

  hostUpdated(): void {
    const apps = this.#grid.source.apps();
    if (apps) prepareSearch(apps);
    this.#syncTabStop();
    // Tiles are stamped by position: the cell under the pin button may show another app now, or the
    // same app pinned or unpinned.
    this.#pin.messages = this.#grid.messages;
    this.#pin.refresh();
    const sentinel = this.#root.querySelector('.sentinel');
    this.#moreObserver?.disconnect();
    if (!sentinel) return;
    this.#moreObserver ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) this.#grid.limit += this.#grid.pageSize;
      },
      { rootMargin: '600px' },
    );
    this.#moreObserver.observe(sentinel);
  }

  /** The items whose name matches `query` (all of them for an empty one). */
  filter<T extends { name: string }>(items: readonly T[], query: string): readonly T[] {
    return filterByName(items, query);
  }

  /** What the search found, said by the grid's status line. */
  found(m: Messages, count: number, query: string): string {
    return count ? m.results(count) : m.noMatch(query.trim());
  }

  /** The P key's descriptions, which each tile points to (`aria-describedby`): with the key's code. */
  renderKeyHints(m: Messages): TemplateResult {
    return html`<span hidden id="pin-key">${m.pinKey}</span><span hidden id="unpin-key">${m.unpinKey}</span>`;
  }

  /** The grid's events other than a click (tile-grid.ts delegates them here, one listener per grid). */
  handleEvent(event: Event): void {
    const target = event.target as HTMLElement;
    switch (event.type) {
      case 'keydown':
        if (target.matches('input[name="search"]')) this.#searchKeydown(event as KeyboardEvent);
        else this.#gridKeydown(event as KeyboardEvent);
        break;
      case 'focusin': {
        // Focus on an item (by key, click or script) makes it the Tab stop.
        const item = target.closest<HTMLElement>(ITEMS);
        if (item) this.#setStop(item);
        this.#pointerOver(target);
        break;
      }
      case 'pointerover':
        this.#pointerOver(target);
        break;
      case 'auxclick':
        this.#auxClick(event as MouseEvent);
        break;
      case 'error': {
        // `error` does not bubble: tile-grid.ts listens in the capture phase.
        const id = target instanceof HTMLImageElement ? target.dataset.id : undefined;
        if (id) this.#grid.iconFailed(id);
        break;
      }
    }
  }

  /** After a launch (app or chatbot, click or key), the search starts afresh. */
  #clearAfterLaunch = (): void => {
    if (this.#grid.query) this.#grid.query = '';
  };

  /**
   * Makes `item` the grid's one Tab stop, described by the P key's hint (pin or unpin): only the stop,
   * which is where focus lands, carries it, so the first paint's tiles bind one attribute less each.
   */
  #setStop(item: HTMLElement): void {
    if (this.#stop !== item) {
      if (this.#stop) {
        this.#stop.tabIndex = -1;
        this.#stop.removeAttribute('aria-describedby');
      }
      item.tabIndex = 0;
      this.#stop = item;
      this.#stopId = item.dataset.id;
    }
    const hint = item.closest('li.pinned') ? 'unpin-key' : 'pin-key';
    // Checked first: this runs after every render, a keystroke's too.
    if (item.matches('.tile[data-id]') && item.getAttribute('aria-describedby') !== hint) item.setAttribute('aria-describedby', hint);
  }

  /**
   * After each render: the stop is still in the grid, or is replaced by the same app's tile in another
   * list, else by the first tile (and takes the focus if the one removed had it). Tiles are rendered
   * with tabindex -1; chatbot tiles come from their own module, so they are taken out of the Tab order here.
   */
  #syncTabStop(): void {
    const root = this.#root;
    const old = this.#stop;
    if (!old?.isConnected || old.dataset.id !== this.#stopId) {
      const id = this.#stopId;
      if (old?.isConnected) {
        old.tabIndex = -1;
        old.removeAttribute('aria-describedby');
      }
      const next = (id && root.querySelector<HTMLElement>(`${LISTS} .tile[data-id="${CSS.escape(id)}"]`)) || root.querySelector<HTMLElement>(`${LISTS} .tile`);
      this.#stop = undefined;
      if (next) {
        this.#setStop(next);
        if (this.#stopHadFocus) next.focus();
      }
    } else {
      this.#setStop(old); // pinned or unpinned since: its description follows
    }
    if (this.#grid.source.chatbots()?.bots?.length) {
      for (const item of root.querySelectorAll<HTMLElement>(`${LISTS} [data-bot]:not([tabindex])`)) if (item !== this.#stop) item.tabIndex = -1;
    }
  }

  /**
   * Hovering or focusing a tile brings the pin button to it; a chatbot fetches its token, so the click
   * itself makes no request.
   */
  #pointerOver(target: HTMLElement): void {
    const bot = target.closest<HTMLElement>('[data-bot]');
    if (bot) return this.#grid.source.chatbots()?.prefetch(bot.dataset.bot!);
    const cell = target.closest<HTMLElement>('li.item');
    if (cell) this.#pin.placeIn(cell);
  }

  /** Middle click opens the link natively too; it still counts as a launch. */
  #auxClick(event: MouseEvent): void {
    const tile = (event.target as HTMLElement).closest<HTMLElement>('a.tile');
    if (event.button !== 1 || !tile) return;
    const app = this.#grid.appFor(tile.dataset.id);
    const url = app && safeHttpUrl(app.open_url);
    if (app && url) this.#grid.launched(app, url);
  }

  #searchKeydown(event: KeyboardEvent): void {
    const grid = this.#grid;
    if (event.key === 'Escape') {
      if (grid.query) {
        event.preventDefault();
        grid.query = '';
        (event.target as HTMLInputElement).value = '';
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const first = grid.visibleApps()[0];
      const bot = grid.visibleBots()[0];
      if (first) this.#launch(first);
      else if (bot) grid.source.chatbots()?.launch(bot.id, undefined, 'keyboard');
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.#root.querySelector<HTMLElement>(`${LISTS} .tile`)?.focus();
    }
  }

  /** Arrow keys, Home and End move inside the grid (grid-navigation.ts); P pins or unpins the focused app. */
  #gridKeydown(event: KeyboardEvent): void {
    const item = event.target as HTMLElement;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.toLowerCase() === PIN_KEY) {
      if (!item.matches('.tile[data-id]')) return;
      event.preventDefault();
      return void this.togglePin(item);
    }
    navigate(event, this.#navigable());
  }

  #navigable(): NavigableGrid {
    const grid = this.#grid;
    return {
      root: this.#root,
      lists: LISTS,
      items: ITEMS,
      partial: () => grid.visibleApps().length > grid.limit,
      renderAll: () => {
        grid.limit = Number.POSITIVE_INFINITY;
        return grid.host.updateComplete;
      },
    };
  }

  /** Pins or unpins the app of a pin button or a tile. */
  async togglePin(element: HTMLElement): Promise<void> {
    const source = this.#grid.source;
    const app = this.#grid.appFor(element.dataset.id);
    const user = source.userId();
    const client = source.client();
    if (!app || !user || !client) return;
    source.setPrefs(await client.preferences.toggleFavourite(user, app.id));
  }

  /** Keyboard launch: opens the tab synchronously, inside the keypress, so no popup blocker objects. */
  #launch(app: SsoApp): void {
    const url = safeHttpUrl(app.open_url);
    if (!url) return;
    if (!emit(this.#grid.host, 'sso-request-launch', { app, url, source: 'keyboard' })) return;
    window.open(url, '_blank', 'noopener,noreferrer');
    this.#grid.launched(app, url);
  }
}
