import { css } from 'lit';
import { initialIconStyles } from './initial-icon.ts';

/**
 * Styles of `<sso-launcher>`. Every colour and size is a custom property with its default on `:host`,
 * so a brokerage can theme it without reaching into the shadow root; `::part` covers the rest.
 */
export const styles = css`
  /*
   * The palette (--sso-bg, --sso-text, …) is theme.styles.ts, adopted before these rules. color-scheme
   * picks its side and the side of native controls alike: the theme attribute, else the system's
   * preference (auto).
   */
  :host {
    color-scheme: light dark;
    --sso-radius: 12px;
    --sso-tile-size: 96px;
    --sso-gap: 12px;
    display: block;
    container-type: inline-size;
    color: var(--sso-text);
    font: 14px/1.45 var(--sso-font);
    /* Not narrower than a usable grid, unless its box is narrower (a 320 px phone's card): never past it. */
    min-width: min(280px, 100%);
  }
  :host([theme=light]) { color-scheme: light; }
  :host([theme=dark]) { color-scheme: dark; }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  .base {
    position: relative;
    background: var(--sso-bg);
    border: 1px solid var(--sso-border);
    border-radius: var(--sso-radius);
    padding: 16px;
  }
  :focus-visible { outline: 2px solid var(--sso-focus); outline-offset: 2px; }
  h3 { font-size: 12px; margin: 16px 0 8px; font-weight: 600; color: var(--sso-muted); text-transform: uppercase; letter-spacing: .04em; }
  p { margin: 0 0 12px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  input {
    font: inherit; color: var(--sso-text); background: var(--sso-bg);
    border: 1px solid var(--sso-border); border-radius: 8px; padding: 9px 11px; width: 100%;
  }
  input:focus-visible { outline: 2px solid var(--sso-focus); outline-offset: 0; border-color: var(--sso-focus); }
  button {
    font: inherit; cursor: pointer; border-radius: 8px; padding: 8px 14px;
    border: 1px solid var(--sso-border); background: var(--sso-surface); color: var(--sso-text);
  }
  .alert {
    background: var(--sso-danger-bg); color: var(--sso-danger); border-radius: 8px;
    padding: 10px 12px; margin: 0 0 12px; display: flex; gap: 12px; align-items: center; justify-content: space-between;
  }
  .alert:empty { display: none; }
  /*
   * The name takes the width it needs; when the buttons do not fit beside it (an admin's three in a 380 px
   * popup), they wrap to the next line, rather than the name shrinking to "A…".
   */
  .header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: -4px 0 12px; }
  .header .who { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
  .header .actions { display: flex; flex-wrap: wrap; gap: 8px; }
  .search { position: relative; margin-bottom: 4px; }
  .search input { padding-left: 34px; }
  .search svg {
    position: absolute; left: 11px; top: 50%; transform: translateY(-50%); color: var(--sso-muted); pointer-events: none;
    width: 16px; height: 16px; fill: none; stroke: currentColor; stroke-width: 2;
  }
  .count { color: var(--sso-muted); font-size: 12px; min-height: 1em; margin: 4px 0 0; }
  ul.grid {
    list-style: none; margin: 0; padding: 0; display: grid; gap: var(--sso-gap);
    grid-template-columns: repeat(auto-fill, minmax(var(--sso-tile-size), 1fr));
  }
  li.item { position: relative; min-width: 0; contain: layout style; }
  .more { display: grid; justify-items: center; margin-top: 12px; }
  .sentinel { height: 1px; width: 1px; }
  .tile {
    display: flex; flex-direction: column; align-items: center; gap: 8px; padding: 12px 6px 10px;
    border-radius: 10px; color: inherit; text-decoration: none; border: 1px solid transparent; height: 100%;
  }
  a.tile:hover { background: var(--sso-surface); border-color: var(--sso-border); }
  .tile.disabled { opacity: .55; cursor: not-allowed; }
  .icon {
    width: 44px; height: 44px; border-radius: 10px; display: grid; place-items: center; flex: none;
    font-weight: 700; font-size: 16px; color: #fff; object-fit: contain; background: var(--sso-surface);
  }
  /* Initials on a colour from the app's id: shared with the admin list (./initial-icon.ts). */
  ${initialIconStyles}
  /* A ring, so a dark icon (Rechat's) keeps its edge on a dark launcher. */
  .icon.image { box-shadow: 0 0 0 1px var(--sso-border); }
  .icon img { width: 100%; height: 100%; object-fit: contain; border-radius: inherit; }
  .name {
    font-size: 12.5px; text-align: center; line-height: 1.3; max-width: 100%;
    overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow-wrap: anywhere;
  }
  /*
   * A pinned tile's star, where the grid's one pin button shows its own (pin-button.ts, whose rules come
   * with it after the first paint), so it shows on every pinned tile.
   */
  li.pinned::after {
    content: '★'; color: #d99a00; position: absolute; top: 4px; right: 7px; font-size: 14px; line-height: 1; pointer-events: none;
  }
  .skeleton .icon, .skeleton .bar { background: var(--sso-surface); animation: pulse 1.2s ease-in-out infinite; }
  .skeleton .bar { width: 70%; height: 10px; border-radius: 4px; }
  /* The start's placeholder (app-grid.ts StartPlaceholder): room for a row of tiles, so little moves when they come. */
  .starting { min-height: 96px; }
  @keyframes pulse { 50% { opacity: .5; } }
  @media (prefers-reduced-motion: reduce) { .skeleton .icon, .skeleton .bar { animation: none; } }
  .empty { color: var(--sso-muted); text-align: center; padding: 24px 8px; }
  .overlay {
    position: absolute; inset: 0; background: color-mix(in srgb, var(--sso-bg) 80%, transparent);
    backdrop-filter: blur(2px); display: grid; place-items: start center; padding: 24px 16px; border-radius: var(--sso-radius); z-index: 1;
  }
  .overlay .panel {
    background: var(--sso-bg); border: 1px solid var(--sso-border); border-radius: var(--sso-radius);
    padding: 16px; width: min(380px, 100%); box-shadow: 0 8px 30px rgb(0 0 0 / 15%);
  }
  @container (max-width: 360px) {
    .base { padding: 12px; }
    :host { --sso-tile-size: 84px; --sso-gap: 6px; }
  }
`;
