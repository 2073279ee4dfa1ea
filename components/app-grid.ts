/**
 * The pieces of `<sso-launcher>`'s grid that need no state: the skeleton while nothing is known, and
 * the arrow-key arithmetic. The grid itself (templates and events) is the TileGrid controller in
 * tile-grid.ts.
 * @module
 */
import { html, type TemplateResult } from 'lit';
import type { Messages } from './messages.ts';

export type AppsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Grey tiles while the first answer is awaited. */
export function skeletonView(m: Messages): TemplateResult {
  return html`<ul class="grid skeleton" aria-busy="true" aria-label=${m.loading}>
    ${Array.from({ length: 8 }, () => html`<li class="item"><div class="tile"><span class="icon"></span><span class="bar"></span></div></li>`)}
  </ul>`;
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
