/**
 * The area the header's "Account" button opens in `<sso-launcher>`: who is signed in, by name and
 * email, then the two-step verification settings (`<sso-mfa-settings>`). Loaded on first use, with
 * the settings' element: most agents never open it, so it is not in the script tag's payload.
 * A template module: the launcher owns the state.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LauncherClient } from '../core/launcher.ts';
import type { Messages } from './messages.ts';
import './mfa-settings.ts';
// The English words of the area (messages.ts).
import './locales/en-more.ts';

/** The account area: name and email (the name row left out when Rechat has none), then the MFA settings. */
export function accountView(m: Messages, name: string, email: string, client: LauncherClient | undefined): TemplateResult {
  return html`<div class="account">
    <dl class="profile">
      ${name ? html`<dt>${m.name}</dt><dd>${name}</dd>` : nothing}
      <dt>${m.email}</dt><dd>${email}</dd>
    </dl>
    <sso-mfa-settings .client=${client} .messages=${m}></sso-mfa-settings>
  </div>`;
}

