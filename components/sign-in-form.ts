/**
 * The sign-in form of `<sso-launcher>`: "Sign in with Rechat" (through the broker) and the email and
 * password form, alone or together. A template module, not an element: the launcher owns the state
 * and the handlers, and this file only draws them, so it can later be loaded lazily.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from './messages.ts';
import { rechatSignInView } from './rechat-sign-in.ts';
// The English words this module shows beyond the grid's (messages.ts).
import './locales/en-more.ts';

export interface SignInFormOptions {
  /** Shown over the agent's grid after the session expired: says so above the fields. */
  expired: boolean;
  /** The email to prefill: the expired session's agent, else empty. */
  email: string;
  /** The error from the last attempt, or empty. */
  error: string;
  /** True right after the agent signed out here: the form confirms it ("You're signed out."). */
  signedOut?: boolean;
  busy: boolean;
  /** Show the "Sign in with Rechat" button. */
  rechat: boolean;
  /** Show the email and password fields. */
  password: boolean;
  onSubmit(event: SubmitEvent): void;
  onRechat(): void;
}

/** The form's error line; kept in the DOM while empty so a screen reader hears the next one. */
export function formErrorView(error: string): TemplateResult {
  return html`<p class="alert" role="alert" part="error">${error}</p>`;
}

export function signInFormView(m: Messages, o: SignInFormOptions): TemplateResult {
  return html`
    <form part="form" @submit=${o.onSubmit} novalidate aria-labelledby="overlay-title">
      <h2 id="overlay-title">${m.signInTitle}</h2>
      ${o.expired ? html`<p>${m.sessionExpired}</p>` : nothing}
      <p class="signed-out" role="status">${o.signedOut ? m.signedOut : ''}</p>
      ${formErrorView(o.error)}
      ${o.rechat ? rechatSignInView(m, { busy: o.busy, passwordToo: o.password, onClick: o.onRechat }) : nothing}
      ${o.password ? html`<label>${m.email}
        <input part="input" name="email" type="email" autocomplete="username" required .value=${o.email} />
      </label>
      <label>${m.password}
        <input part="input" name="password" type="password" autocomplete="current-password" required />
      </label>
      <button part="button" class=${o.rechat ? 'secondary' : 'primary'} type="submit" ?disabled=${o.busy} aria-busy=${o.busy ? 'true' : 'false'}>${m.signIn}</button>` : nothing}
    </form>
  `;
}
