/**
 * The script-tag entry: defines `<sso-launcher>`. The class lives in ./sso-launcher.component.ts
 * so tests and the extension can import it without this side effect.
 * @example
 * <script type="module" src="https://intranet.example/sso-launcher.js"></script>
 * <sso-launcher api-base="https://api.rechat.com" client-id="…" brand="…"></sso-launcher>
 * @module
 */
import { SsoLauncher } from './sso-launcher.component.ts';

export { SsoLauncher };
export type { SsoEventDetails } from './events.ts';
export { registerMessages, type Messages } from './messages.ts';

// Defining twice throws; a page may load the script twice (two widgets, or a CMS include).
if (!customElements.get('sso-launcher')) {
  customElements.define('sso-launcher', SsoLauncher);
  // Lit parses an element's stylesheets when the first one connects; a page that adds the element later
  // (a framework's render, a menu that opens) would wait ~1 ms more for its first paint (issue 15).
  for (const style of SsoLauncher.elementStyles) void (style as { styleSheet?: CSSStyleSheet }).styleSheet;
}

declare global {
  interface HTMLElementTagNameMap {
    'sso-launcher': SsoLauncher;
  }
}
