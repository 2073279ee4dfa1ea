/**
 * The agent's part of `<sso-launcher>`'s first screen: the header (their name, the admin's "Manage
 * apps", "Account", "Sign out"). The area "Account" opens is account-panel.ts, loaded on first use.
 * A template module: the launcher owns the state.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { User } from '../core/rechat/schemas.ts';
import type { Messages } from './messages.ts';

type Profile = Pick<User, 'email' | 'display_name' | 'first_name' | 'last_name'>;

/** The agent's name as Rechat gives it (`display_name`, else first and last name); empty when there is none. */
export function personName(user: Profile | undefined): string {
  return user?.display_name || [user?.first_name, user?.last_name].filter(Boolean).join(' ');
}

/** The header's controls: what each does is the launcher's. */
export interface HeaderActions {
  accountOpen: boolean;
  /** "Manage apps", for a brand admin (admin-access.ts); undefined renders nothing. */
  adminButton: TemplateResult | typeof nothing | undefined;
  toggleAccount(): void;
  signOut(): void;
}

/** The header: the agent's name (else their email), then the buttons. */
export function headerView(m: Messages, user: Profile | undefined, actions: HeaderActions): TemplateResult {
  const name = personName(user) || user?.email || '';
  // No white space between the tags (a flex row): the first screen's templates are kept short (issue 15).
  return html`<div part="header" class="header"><span class="who" title=${name}>${name}</span><div class="actions">${actions.adminButton}<button
    part="button" type="button" aria-expanded=${actions.accountOpen ? 'true' : 'false'} @click=${actions.toggleAccount}>${m.account}</button><button
    part="button" type="button" @click=${actions.signOut}>${m.signOut}</button></div></div>`;
}
