/**
 * The account area of `<sso-launcher>` (the "Account" button): who is signed in, by name and email,
 * then the two-step verification settings (`<sso-mfa-settings>`, loaded lazily by the launcher).
 * A template module: the launcher owns the state.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LauncherClient } from '../core/launcher.ts';
import type { User } from '../core/rechat/schemas.ts';
import type { Messages } from './messages.ts';

type Profile = Pick<User, 'email' | 'display_name' | 'first_name' | 'last_name'>;

/** The agent's name as Rechat gives it (`display_name`, else first and last name); empty when there is none. */
export function personName(user: Profile | undefined): string {
  return user?.display_name || [user?.first_name, user?.last_name].filter(Boolean).join(' ');
}

/** The account area: name and email (the name row left out when Rechat has none), then the MFA settings. */
export function accountView(m: Messages, user: Profile | undefined, client: LauncherClient | undefined): TemplateResult {
  const name = personName(user);
  return html`<div class="account">
    <dl class="profile">
      ${name ? html`<dt>${m.name}</dt><dd>${name}</dd>` : nothing}
      <dt>${m.email}</dt><dd>${user?.email ?? ''}</dd>
    </dl>
    <sso-mfa-settings .client=${client} .messages=${m}></sso-mfa-settings>
  </div>`;
}
