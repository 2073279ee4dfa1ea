/**
 * `<sso-admin-confirm>`: the one confirmation dialog of the admin tools, asked through {@link SsoAdminConfirm.ask}.
 * @module
 */
import { LitElement, html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { adminEn, type AdminMessages } from '../sso-launcher-admin.messages.ts';

/** What the dialog asks. */
export interface ConfirmQuestion {
  /** The dialog's title, such as "Delete Canva?". */
  title: string;
  /** What answering yes does. */
  text: string;
}

/** Asks a question in the dialog; true when the answer was Delete. */
export type Ask = (question: ConfirmQuestion) => Promise<boolean>;

/**
 * A native modal `<dialog>`: its role, the focus trap, Escape and the inert page behind come with it.
 * Rendered in the admin shell's shadow root (no shadow root of its own), so the shell's styles and
 * its `part="dialog"` reach it.
 * @internal
 */
export class SsoAdminConfirm extends LitElement {
  /** The strings. */
  @property({ attribute: false }) m: AdminMessages = adminEn;

  @state() private question: ConfirmQuestion | undefined;

  #answer: ((yes: boolean) => void) | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Shows the dialog with focus on Cancel, and resolves with the answer once it closes. */
  async ask(question: ConfirmQuestion): Promise<boolean> {
    this.#answer?.(false);
    this.question = question;
    const answer = new Promise<boolean>((resolve) => (this.#answer = resolve));
    await this.updateComplete;
    const dialog = this.querySelector('dialog')!;
    if (!dialog.open) dialog.showModal();
    // Cancel first: Enter on a delete nobody meant must not delete.
    dialog.querySelector<HTMLButtonElement>('button[value="cancel"]')?.focus();
    return answer;
  }

  private handleClose = (event: Event): void => {
    const dialog = event.currentTarget as HTMLDialogElement;
    const yes = dialog.returnValue === 'delete';
    dialog.returnValue = '';
    this.question = undefined;
    const answer = this.#answer;
    this.#answer = undefined;
    answer?.(yes);
  };

  protected override render(): TemplateResult {
    const m = this.m;
    return html`<dialog part="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${this.handleClose}>
      <form method="dialog">
        <h3 id="confirm-title">${this.question?.title ?? ''}</h3>
        <p id="confirm-text">${this.question?.text ?? ''}</p>
        <div class="row">
          <button part="button" class="danger" value="delete">${m.delete}</button>
          <button part="button" value="cancel">${m.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }
}

if (!customElements.get('sso-admin-confirm')) customElements.define('sso-admin-confirm', SsoAdminConfirm);

declare global {
  interface HTMLElementTagNameMap {
    'sso-admin-confirm': SsoAdminConfirm;
  }
}
