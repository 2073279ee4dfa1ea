/**
 * `<sso-mfa-settings>`: turn two-step verification on (QR code, setup key, first code) or off (a
 * current code). Loaded lazily from the account area, with the QR encoder, so neither weighs on the
 * script tag's first load.
 * @module
 */
import { LitElement, css, html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LauncherClient } from '../core/launcher.ts';
import { removeMfa, setupMfa, verifyMfa, type MfaSetup } from '../core/rechat/mfa.ts';
import { describeError } from './describe-error.ts';
import { emit } from './events.ts';
import { en, type Messages } from './messages.ts';
// The English words this module shows beyond the grid's (messages.ts).
import './locales/en-more.ts';

type Step = 'idle' | 'setup' | 'disable' | 'done';

/**
 * A TOTP setup key as people copy it into an app by hand: groups of four, "JBSW Y3DP EHPK 3PXP".
 * Authenticator apps ignore the spaces; "Copy" copies the key without them.
 */
export function groupsOfFour(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** Two-step verification settings for the signed-in agent. */
export class SsoMfaSettings extends LitElement {
  static override styles = css`
    :host { display: block; }
    :focus-visible { outline: 2px solid var(--sso-focus, #2454d6); outline-offset: 2px; }
    p { margin: 0 0 10px; }
    form { display: grid; gap: 10px; }
    label { display: grid; gap: 4px; font-weight: 500; }
    input { font: inherit; color: inherit; background: var(--sso-bg, #fff); border: 1px solid var(--sso-border, #dde1e6); border-radius: 8px; padding: 8px 10px; }
    button { font: inherit; cursor: pointer; border-radius: 8px; padding: 7px 12px; border: 1px solid var(--sso-border, #dde1e6); background: var(--sso-bg, #fff); color: inherit; }
    button.primary { background: var(--sso-accent, #2454d6); color: var(--sso-accent-text, #fff); border-color: transparent; font-weight: 600; }
    .row { display: flex; gap: 8px; flex-wrap: wrap; }
    .qr { background: #fff; padding: 8px; width: 176px; height: 176px; border-radius: 8px; }
    code { font-size: 14px; word-spacing: .2em; user-select: all; }
    .key { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; }
    button.small { padding: 3px 10px; font-size: 13px; }
    .alert { color: var(--sso-danger, #b42318); background: var(--sso-danger-bg, #fdecea); padding: 8px 10px; border-radius: 8px; }
  `;

  /** The launcher's client. */
  @property({ attribute: false }) client?: LauncherClient;
  /** The launcher's strings. */
  @property({ attribute: false }) messages: Messages = en;

  @state() private step: Step = 'idle';
  @state() private setup: MfaSetup | undefined;
  @state() private qr: boolean[][] | undefined;
  @state() private error = '';
  @state() private notice = '';
  @state() private busy = false;
  /** What the last "Copy" did: copied, or why the agent must copy by hand. */
  @state() private copyNotice = '';

  private get enabled(): boolean {
    return Boolean(this.client?.session.user?.mfa_enabled);
  }

  private async run(task: () => Promise<void>, context: 'apps' | 'mfa'): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await task();
    } catch (error) {
      this.error = describeError(error, context, this.messages);
      emit(this, 'sso-error', { error, message: this.error });
    } finally {
      this.busy = false;
    }
  }

  private handleStart = () =>
    this.run(async () => {
      const session = this.client!.session;
      const [setup, { qrMatrix }] = await Promise.all([setupMfa(session), import('../core/qr.ts')]);
      this.setup = setup;
      this.qr = qrMatrix(setup.uri);
      this.step = 'setup';
      this.copyNotice = '';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
    }, 'apps');

  /** Sends the form's code with `action`; a rejected code is cleared so the agent types the next one. */
  private submitCode(event: SubmitEvent, action: (code: string) => Promise<unknown>, done: () => void): Promise<void> {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    return this.run(async () => {
      try {
        await action(input.value);
      } catch (error) {
        input.value = '';
        throw error;
      }
      this.step = 'done';
      done();
    }, 'mfa');
  }

  private handleVerify = (event: SubmitEvent) =>
    this.submitCode(event, (code) => verifyMfa(this.client!.session, code), () => {
      this.notice = this.messages.mfaEnabled;
      this.setup = undefined;
      this.qr = undefined;
    });

  private handleDisable = (event: SubmitEvent) =>
    this.submitCode(event, (code) => removeMfa(this.client!.session, code), () => (this.notice = this.messages.mfaDisabled));

  /**
   * Copies the setup key, without the spaces it is shown with. The clipboard can refuse (no secure
   * context, no permission, an older browser): then the agent is told to select it by hand, which
   * `user-select: all` makes one click.
   */
  private handleCopy = async (): Promise<void> => {
    const secret = this.setup?.secret;
    if (!secret) return;
    this.copyNotice = '';
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(secret);
      this.copyNotice = this.messages.keyCopied;
    } catch {
      this.copyNotice = this.messages.copyFailed;
    }
  };

  private handleCancel = () => {
    this.step = 'idle';
    this.error = '';
    this.copyNotice = '';
    this.setup = undefined;
  };

  protected override render(): TemplateResult {
    const m = this.messages;
    const error = this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing;
    const codeField = html`<label>${m.verificationCode}
      <input name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="6" required /></label>`;
    if (this.step === 'setup' && this.setup) {
      return html`
        <p>${m.mfaScan}</p>
        ${this.renderQr()}
        <div class="key"><span>${m.mfaSecret}:</span> <code>${groupsOfFour(this.setup.secret)}</code>
          <button type="button" class="small" aria-label=${m.copyKey} @click=${this.handleCopy}>${m.copy}</button>
          <span role="status">${this.copyNotice}</span></div>
        ${error}
        <form @submit=${this.handleVerify} novalidate>
          ${codeField}
          <div class="row"><button class="primary" type="submit" ?disabled=${this.busy}>${m.verify}</button>
          <button type="button" @click=${this.handleCancel}>${m.cancel}</button></div>
        </form>`;
    }
    if (this.step === 'disable') {
      return html`
        <p>${m.mfaOffPrompt}</p>
        ${error}
        <form @submit=${this.handleDisable} novalidate>
          ${codeField}
          <div class="row"><button class="primary" type="submit" ?disabled=${this.busy}>${m.turnOffMfa}</button>
          <button type="button" @click=${this.handleCancel}>${m.cancel}</button></div>
        </form>`;
    }
    return html`
      ${this.notice ? html`<p role="status">${this.notice}</p>` : html`<p>${this.enabled ? m.mfaOn : m.mfaOff}</p>`}
      ${error}
      ${this.enabled
        ? html`<button type="button" ?disabled=${this.busy} @click=${() => ((this.step = 'disable'), (this.notice = ''))}>${m.turnOffMfa}</button>`
        : html`<button type="button" class="primary" ?disabled=${this.busy} @click=${this.handleStart}>${m.turnOnMfa}</button>`}
    `;
  }

  /** The QR code as SVG rects: drawn from the matrix, never from a markup string. */
  private renderQr(): TemplateResult | typeof nothing {
    const matrix = this.qr;
    if (!matrix || !this.setup) return nothing;
    const size = matrix.length;
    const cells = [];
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (matrix[y]![x]) cells.push(svg`<rect x=${x} y=${y} width="1" height="1"></rect>`);
    return html`<svg class="qr" role="img" aria-label=${this.messages.mfaQrLabel(this.setup.label)} viewBox="0 0 ${size} ${size}"
      shape-rendering="crispEdges">${cells}</svg>`;
  }
}

if (!customElements.get('sso-mfa-settings')) customElements.define('sso-mfa-settings', SsoMfaSettings);

declare global {
  interface HTMLElementTagNameMap {
    'sso-mfa-settings': SsoMfaSettings;
  }
}
