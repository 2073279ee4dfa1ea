/**
 * The pieces of `<sso-launcher>`'s grid that need no state: the skeleton while nothing is known (the
 * arrow-key arithmetic is in grid-keys.ts). The grid itself (templates and events) is the TileGrid
 * controller in tile-grid.ts.
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

