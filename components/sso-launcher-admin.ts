/**
 * Defines `<sso-launcher-admin>`, the admin tools (apps and Mosaic SSO clients groups). The launcher
 * imports this module lazily, for brand admins only, so agents never download it. The class lives in
 * ./sso-launcher-admin.component.ts, for tests and hosts that would rather not have the side effect.
 * @example
 * // In the launcher, once the signed-in user is known to be a brand admin:
 * await import('./sso-launcher-admin.ts');
 * html`<sso-launcher-admin .client=${client} broker=${broker} .brands=${brands}
 *   @sso-apps-changed=${() => reloadGrid()}></sso-launcher-admin>`
 * @module
 */
import { SsoLauncherAdmin } from './sso-launcher-admin.component.ts';

export { SsoLauncherAdmin };
export type { SsoAppsChangedDetail, SsoGroupsChangedDetail } from './events.ts';
export { adminMessagesFor, registerAdminMessages, type AdminMessages } from './sso-launcher-admin.messages.ts';

// Defining twice throws; the launcher may import this module from several instances.
if (!customElements.get('sso-launcher-admin')) customElements.define('sso-launcher-admin', SsoLauncherAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'sso-launcher-admin': SsoLauncherAdmin;
  }
}
