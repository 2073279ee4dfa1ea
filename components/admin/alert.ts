/**
 * The admin tools' alert: a message with `role="alert"`, and a "Try again" button when a retry can help.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';

/** An alert for `message` (nothing when it is empty), with a `retry` button labelled `tryAgain` if given. */
export function renderAlert(message: string, tryAgain: string, retry?: () => void): TemplateResult | typeof nothing {
  if (!message) return nothing;
  return html`<div class="alert" role="alert" part="error"><span>${message}</span>
    ${retry ? html`<button part="button" type="button" class="small" @click=${retry}>${tryAgain}</button>` : nothing}</div>`;
}
