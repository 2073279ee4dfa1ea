/**
 * The grid's one pin button: moved into the cell (an `li`) the pointer or the focus is on, labelled for
 * its app. A button in every tile was a fifth of the grid's layout on each keystroke (issue 15); a
 * pinned app's star is drawn by CSS (`li.pinned`). The keyboard pins with P, so the button is never a
 * Tab stop. Its clicks reach the grid's own click listener (tile-grid.ts), which reads `data-id`.
 * @module
 */
import { css } from 'lit';
import type { SsoApp } from '../core/rechat/schemas.ts';
import { adoptStyles } from './adopt-styles.ts';
import type { Messages } from './messages.ts';
// The English words of the button (messages.ts).
import './locales/en-more.ts';

/** The button's rules, adopted by the grid's shadow root with the button: not in the first module's CSS. */
const pinStyles = css`
  .pin {
    position: absolute; top: 2px; right: 2px; padding: 2px 5px; border: none; background: none;
    color: var(--sso-muted); font-size: 14px; line-height: 1; opacity: 0;
  }
  /* The star shows beside the tile that has keyboard focus too: P pins it (the button is not a Tab stop). */
  li.item:hover .pin, .tile:focus-visible + .pin, .pin:focus-visible, .pin[aria-pressed='true'] { opacity: 1; }
  .pin[aria-pressed='true'] { color: #d99a00; }
  .pin::before { content: '☆'; }
  .pin[aria-pressed='true']::before { content: '★'; }
`;

export class PinButton {
  #button: HTMLButtonElement | undefined;
  /** The wording of the grid's last render. */
  messages: Messages | undefined;
  readonly #appFor: (id: string | undefined) => SsoApp | undefined;
  readonly #isPinned: (id: string) => boolean;

  constructor(appFor: (id: string | undefined) => SsoApp | undefined, isPinned: (id: string) => boolean) {
    this.#appFor = appFor;
    this.#isPinned = isPinned;
  }

  /** Shows the button in `cell`, for the app of its tile. */
  placeIn(cell: HTMLElement): void {
    const app = this.#appFor(cell.querySelector<HTMLElement>('.tile[data-id]')?.dataset.id);
    if (!app || !this.messages) return;
    if (!this.#button) adoptStyles(cell.getRootNode() as ShadowRoot, pinStyles);
    const button = (this.#button ??= Object.assign(document.createElement('button'), { type: 'button', className: 'pin', tabIndex: -1 }));
    const pinned = this.#isPinned(app.id);
    button.dataset.id = app.id;
    button.setAttribute('aria-pressed', String(pinned));
    button.setAttribute('aria-label', pinned ? this.messages.unpin(app.name) : this.messages.pin(app.name));
    if (button.parentElement !== cell) cell.append(button);
  }

  /**
   * After a render: tiles are stamped by position, so the cell under the button may show another app
   * now, or the same app pinned or unpinned.
   */
  refresh(): void {
    const cell = this.#button?.isConnected ? this.#button.parentElement : null;
    if (cell) this.placeIn(cell);
  }
}
