/**
 * The verification-code form of `<sso-launcher>`, for an account with MFA. A template module: the
 * launcher owns the state and the handlers (see sign-in-form.ts).
 * @module
 */
import { html, type TemplateResult } from 'lit';
import type { Messages } from './messages.ts';
import { formErrorView } from './sign-in-form.ts';
// The English words this module shows beyond the grid's (messages.ts).
import './locales/en-more.ts';

export interface MfaFormOptions {
  /** The error from the last attempt, or empty. */
  error: string;
  busy: boolean;
  onSubmit(event: SubmitEvent): void;
  /** "Use another account": signs out. */
  onSignOut(): void;
}

export function mfaFormView(m: Messages, o: MfaFormOptions): TemplateResult {
  return html`
    <form part="form" @submit=${o.onSubmit} novalidate aria-labelledby="overlay-title">
      <h2 id="overlay-title">${m.mfaTitle}</h2>
      <p id="mfa-hint">${m.mfaHint}</p>
      ${formErrorView(o.error)}
      <label>${m.verificationCode}
        <input part="input" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*"
          maxlength="6" required aria-describedby="mfa-hint" />
      </label>
      <button part="button" class="primary" type="submit" ?disabled=${o.busy}>${m.verify}</button>
      <button part="button" class="link" type="button" @click=${o.onSignOut}>${m.useAnotherAccount}</button>
    </form>
  `;
}
