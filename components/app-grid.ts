/**
 * The pieces of `<sso-launcher>`'s grid around the grid itself: the skeleton while nothing is known, and
 * the start's placeholder (the arrow-key arithmetic is in grid-keys.ts). The grid (templates and
 * events) is the TileGrid controller in tile-grid.ts.
 * @module
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Messages } from './messages.ts';

export type AppsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Grey tiles while the first answer is awaited. */
export function skeletonView(m: Messages): TemplateResult {
  return html`<ul class="grid skeleton" aria-busy="true" aria-label=${m.loading}>${Array.from(
    { length: 8 },
    () => html`<li class="item"><div class="tile"><span class="icon"></span><span class="bar"></span></div></li>`,
  )}</ul>`;
}


/** How long the start may take before its skeleton shows: a cached grid is usually there well before. */
export const START_SKELETON_DELAY_MS = 150;

/**
 * What shows while the element starts (its snapshot is read from storage): an empty, busy box at first,
 * the skeleton once the start takes longer than {@link START_SKELETON_DELAY_MS}. A skeleton drawn for the
 * few milliseconds before a cached grid only flickers, and its frame delayed that grid (issue 15: about
 * 8 ms of a 35 ms first paint).
 */
export class StartPlaceholder implements ReactiveController {
  #due = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether this update drew the placeholder: once an update does not, the start is over. */
  #drawn = false;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** A new start: the skeleton is due after the delay. */
  restart(): void {
    clearTimeout(this.#timer);
    this.#due = false;
    this.#timer = setTimeout(() => {
      this.#due = true;
      this.#host.requestUpdate();
    }, START_SKELETON_DELAY_MS);
  }

  render(m: Messages): TemplateResult {
    this.#drawn = true;
    return this.#due ? skeletonView(m) : html`<div class="starting" aria-busy="true" aria-label=${m.loading}></div>`;
  }

  hostUpdated(): void {
    if (!this.#drawn) clearTimeout(this.#timer);
    this.#drawn = false;
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }
}
