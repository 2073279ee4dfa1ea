/**
 * The script-tag entry: defines `<sso-launcher>`. The class lives in ./sso-launcher.component.ts
 * so tests and the extension can import it without this side effect.
 * @example
 * <script type="module" src="https://intranet.example/sso-launcher.js"></script>
 * <sso-launcher api-base="https://api.rechat.com" client-id="…" brand="…"></sso-launcher>
 * @module
 */
import { SsoLauncher } from './sso-launcher.component.ts';
import { pageStorage } from '../core/snapshot-copy.ts';

export { SsoLauncher };
export type { SsoEventDetails } from './events.ts';
export { registerMessages, type Messages } from './messages.ts';

// Defining twice throws; a page may load the script twice (two widgets, or a CMS include).
if (!customElements.get('sso-launcher')) {
  customElements.define('sso-launcher', SsoLauncher);
  // Work a page that adds the element later (a framework's render, a menu that opens) would otherwise do
  // between adding it and its first paint, done as the script loads instead (issue 15, ~1 and ~2 ms): Lit
  // parses an element's stylesheets when the first one connects, and a page's first touch of localStorage
  // (where the first screen's copy is) waits for the browser to open the origin's storage. A page with the
  // element already in its HTML does both in the same task either way.
  for (const style of SsoLauncher.elementStyles) void (style as { styleSheet?: CSSStyleSheet }).styleSheet;
  pageStorage();
}

declare global {
  interface HTMLElementTagNameMap {
    'sso-launcher': SsoLauncher;
  }
}
