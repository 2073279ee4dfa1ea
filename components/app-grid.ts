/**
 * The grid of `<sso-launcher>`: the search box, the pinned, recent and full lists of tiles, the
 * skeleton while nothing is known, and the arrow-key arithmetic. A template module, not an element:
 * the launcher owns the state and the handlers (events are delegated to each grid, one listener per
 * grid rather than per tile), and this file only draws them.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Preferences } from '../core/preferences.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import { safeHttpUrl } from '../core/urls.ts';
import type { Chatbot } from '../core/xenioo.ts';
import type { ChatbotsController } from './chatbots.ts';
import type { Messages } from './messages.ts';
import { tileView } from './tile.ts';

export type AppsStatus = 'idle' | 'loading' | 'ready' | 'error';

const searchIcon = html`<svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="11" cy="11" r="7"></circle><path d="m20 20-3.5-3.5"></path></svg>`;

/** The launcher's handlers the grid binds; see the element for what each does. */
export interface GridHandlers {
  retry(): void;
  searchInput(event: InputEvent): void;
  searchKeydown(event: KeyboardEvent): void;
  showAll(): void;
  gridKeydown(event: KeyboardEvent): void;
  gridClick(event: MouseEvent): void;
  tileAuxClick(event: MouseEvent): void;
  prefetch(event: Event): void;
  /** `error` does not bubble: a listener object with `capture: true`. */
  iconError: EventListenerObject & AddEventListenerOptions;
}

export interface AppGridOptions {
  apps: readonly SsoApp[] | undefined;
  status: AppsStatus;
  error: string;
  query: string;
  /** How many tiles of the full list are rendered. */
  limit: number;
  prefs: Preferences;
  failedIcons: ReadonlySet<string>;
  /** The apps and bots that match the query. */
  visible: readonly SsoApp[];
  bots: readonly Chatbot[];
  chatbots: ChatbotsController | undefined;
  on: GridHandlers;
}

/** Grey tiles while the first answer is awaited. */
export function skeletonView(m: Messages): TemplateResult {
  return html`<ul class="grid skeleton" aria-busy="true" aria-label=${m.loading}>
    ${Array.from({ length: 8 }, () => html`<li class="item"><div class="tile"><span class="icon"></span><span class="bar"></span></div></li>`)}
  </ul>`;
}

export function appGridView(m: Messages, o: AppGridOptions): TemplateResult | typeof nothing {
  const apps = o.apps;
  const errorBanner =
    o.status === 'error'
      ? html`<div class="alert" role="alert" part="error"><span>${o.error}</span>
          <button part="button" type="button" @click=${o.on.retry}>${m.tryAgain}</button></div>`
      : nothing;
  if (!apps) {
    return o.status === 'error' ? errorBanner : skeletonView(m);
  }
  const botsError = o.chatbots?.error ? html`<p class="alert" role="alert" part="error">${o.chatbots.error}</p>` : nothing;
  const bots = o.bots;
  if (apps.length === 0 && !o.chatbots?.bots?.length) {
    return html`${errorBanner}${botsError}<p class="empty">${m.empty}</p>`;
  }
  const visible = o.visible;
  const searching = o.query.trim() !== '';
  const found = visible.length + bots.length;
  const byId = new Map(apps.map((a) => [a.id, a]));
  const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((a): a is SsoApp => !!a);
  const pinned = searching ? [] : pick(o.prefs.favourites);
  const recent = searching ? [] : pick(o.prefs.recent).filter((a) => !o.prefs.favourites.includes(a.id));
  return html`
    ${errorBanner}${botsError}
    <div class="search">
      ${searchIcon}
      <input part="input search" name="search" type="search" aria-label=${m.searchApps} placeholder=${m.searchPlaceholder}
        autocomplete="off" spellcheck="false" .value=${o.query} @input=${o.on.searchInput} @keydown=${o.on.searchKeydown} />
    </div>
    <p class="count" role="status">${searching ? (found ? m.results(found) : m.noMatch(o.query.trim())) : ''}</p>
    ${pinned.length ? gridView(m, o, m.pinned, pinned, 'pinned') : nothing}
    ${recent.length ? gridView(m, o, m.recent, recent, 'recent') : nothing}
    ${gridView(m, o, pinned.length || recent.length ? m.allApps : '', visible.slice(0, o.limit), 'all', bots)}
    ${visible.length > o.limit
      ? html`<div class="more"><span class="sentinel"></span>
          <button part="button" type="button" @click=${o.on.showAll}>${m.showAll(visible.length)}</button></div>`
      : nothing}
  `;
}

function gridView(m: Messages, o: AppGridOptions, title: string, apps: readonly SsoApp[], key: string, bots?: readonly Chatbot[]): TemplateResult {
  const headingId = `grid-${key}`;
  return html`
    ${title ? html`<h3 id=${headingId}>${title}</h3>` : nothing}
    <ul part="grid" class="grid" aria-labelledby=${title ? headingId : nothing} aria-label=${title ? nothing : m.allApps}
      @keydown=${o.on.gridKeydown} @click=${o.on.gridClick} @auxclick=${o.on.tileAuxClick} @error=${o.on.iconError}
      @focusin=${o.on.prefetch} @pointerover=${o.on.prefetch}>
      ${repeat(apps, (app) => app.id, (app) => tileItemView(m, o, app))}${bots?.length ? o.chatbots!.renderTiles(bots) : nothing}
    </ul>
  `;
}

function tileItemView(m: Messages, o: AppGridOptions, app: SsoApp): TemplateResult {
  // Runs for every tile on every render: keep it to bindings. Events are delegated to the grid.
  const view = tileView(app, safeHttpUrl);
  const icon = o.failedIcons.has(app.id) ? null : view.icon;
  const pinned = o.prefs.favourites.includes(app.id);
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

/**
 * The tile an arrow key (or Home, End) moves to from `current`, in reading order, by row and column;
 * undefined for any other key. May be below 0 (ArrowUp from the first row: the search box).
 */
export function nextTileIndex(key: string, current: number, count: number, perRow: number): number | undefined {
  const next: Record<string, number> = {
    ArrowRight: current + 1,
    ArrowLeft: current - 1,
    ArrowDown: current + perRow,
    ArrowUp: current - perRow,
    Home: 0,
    End: count - 1,
  };
  return next[key];
}
