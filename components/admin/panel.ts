/**
 * What both admin panels share: their strings, how an error is put in words and told to the host,
 * focus after a render, and the two internal events the shell listens to.
 * @module
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ErrorCode, HttpError, isSsoError } from '../../core/errors.ts';
import { isMosaicError } from '../../core/mosaic.ts';
import { describeError } from '../describe-error.ts';
import { emit } from '../events.ts';
import { langOf, messagesFor } from '../messages.ts';
import { adminEn, type AdminMessages } from '../sso-launcher-admin.messages.ts';
import { renderAlert } from './alert.ts';
import type { ConfirmQuestion, Ask } from './confirm-dialog.ts';
import type { AdminListState } from './list.ts';

/** Which panel an error comes from: the same status means different things to each. */
export type AdminArea = 'apps' | 'groups';

/** The plain sentence for an error of the admin tools. */
export function describeAdminError(error: unknown, area: AdminArea, m: AdminMessages, lang: string): string {
  if (isMosaicError(error)) {
    switch (error.kind) {
      case 'permission':
        return m.mosaicPermission(error.permission ?? 'sso-service:edit');
      case 'not-found':
        return m.groupNotFound;
      case 'credentials':
        return m.mosaicCredentials;
      case 'invalid':
        return m.mosaicInvalid(error.detail ?? '');
      default:
        return m.mosaicFailed;
    }
  }
  if (isSsoError(error, ErrorCode.Http)) {
    const { status, serverMessage } = error as unknown as HttpError;
    if (status === 403) return area === 'apps' ? m.notAdmin : m.notMosaicAdmin;
    if (status === 404) return area === 'apps' ? m.appNotFound : m.brokerMissing;
    if (status === 501) return m.brokerMissing;
    if (status === 400 && serverMessage) return m.serverRefused(serverMessage);
  }
  return describeError(error, 'apps', messagesFor(lang));
}

/** Whether "Try again" can help: offline, a timeout, a server or Mosaic failure; not a refusal. */
export function isRetryable(error: unknown): boolean {
  if (isMosaicError(error)) return error.kind === 'failed';
  if (isSsoError(error, ErrorCode.Network) || isSsoError(error, ErrorCode.Timeout)) return true;
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && (status >= 500 || status === 408 || status === 429) && status !== 501;
}

/** Internal events, from a panel to the shell only: they neither bubble nor leave the shadow root. */
export interface AdminPanelEvents {
  /** A sentence for the shell's status region (empty: clear it). */
  'admin-notice': CustomEvent<string>;
  /** The panel opened its form: the shell closes the other panel's. */
  'admin-form-open': Event;
}

/**
 * The base of `<sso-admin-apps>` and `<sso-admin-groups>`. A panel renders into its own light DOM,
 * which is the shell's shadow root: the shell's styles and its public `part`s reach every control,
 * and the ids that `aria-describedby` and the dialog's labels point at are in one tree.
 * @internal
 */
export abstract class AdminPanel extends LitElement {
  /** The strings: the shell's table for the language, with the host's overrides. */
  @property({ attribute: false }) m: AdminMessages = adminEn;
  /** The shell's confirmation dialog. */
  @property({ attribute: false }) ask: Ask | undefined;

  /** Which panel this is, for the wording of errors. */
  protected abstract readonly area: AdminArea;
  /** The panel's "Add" button: where focus goes when nothing better is left. */
  protected abstract readonly addButton: string;
  /** The panel's list. */
  protected abstract readonly list: AdminListState;

  /** Closes the form, if open, without moving focus. */
  abstract closeForm(): void;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The plain sentence for an error, told to the host through `sso-error` too. */
  protected report(error: unknown): string {
    const message = this.describe(error);
    emit(this, 'sso-error', { error, message });
    return message;
  }

  protected describe(error: unknown): string {
    return describeAdminError(error, this.area, this.m, langOf(this));
  }

  /**
   * What the panel's last action did ("Canva was saved."), shown in a banner under the panel's heading,
   * near the button that acted, until the next action; empty: no banner.
   */
  @state() protected notice = '';

  /** Shows `text` in the panel's banner (empty: hides it), and tells the shell, which clears the other panel's. */
  protected announce(text: string): void {
    this.notice = text;
    this.dispatchEvent(new CustomEvent('admin-notice', { detail: text }));
  }

  /** Hides the banner: another panel acted. */
  clearNotice(): void {
    this.notice = '';
  }

  /** Where focus goes back to when the form closes: the button that opened it. */
  protected returnFocus: string | undefined;

  /**
   * Before the panel shows its form: the shell closes the other panel's form and clears the status
   * line, the alert of a past action goes, and focus will come back to `returnFocus`.
   */
  protected beforeOpen(returnFocus: string): void {
    this.dispatchEvent(new Event('admin-form-open'));
    this.notice = '';
    this.returnFocus = returnFocus;
    this.list.fail('');
  }

  protected handleCancel = (): void => {
    this.closeForm();
    void this.focusLater(this.returnFocus);
  };

  /** Focuses `selector` (or the "Add" button) after the next render. */
  protected async focusLater(selector: string | undefined): Promise<void> {
    await this.updateComplete;
    const target = selector ? this.querySelector<HTMLElement>(selector) : null;
    (target ?? this.querySelector<HTMLElement>(this.addButton))?.focus();
  }

  /**
   * Asks the shell's dialog; on Delete runs `remove`, otherwise puts focus back on `returnFocus` (the
   * button that asked).
   */
  protected async confirmThen(question: ConfirmQuestion, returnFocus: string, remove: () => Promise<void>): Promise<void> {
    if (!this.ask) return;
    this.announce('');
    if (await this.ask(question)) await remove();
    else void this.focusLater(returnFocus);
  }

  /**
   * After a failed save: the form says why (through `showOnForm`). When the item was deleted meanwhile
   * (`gone`), the form closes, the list says why, and the list is loaded again with that alert kept.
   */
  protected async saveFailed(error: unknown, gone: boolean, showOnForm: (message: string) => void): Promise<void> {
    const message = this.report(error);
    showOnForm(message);
    if (!gone) return;
    this.closeForm();
    this.list.fail(message);
    await this.list.reload(true);
  }

  /**
   * The success banner. The `role="status"` region is always in the DOM, empty when there is nothing
   * to say, so a screen reader announces a message as it is written into it (a region created together
   * with its text is often not read).
   */
  protected renderNotice(): TemplateResult {
    return html`<div class="notice ${this.notice ? 'shown' : ''}" part="status">${this.notice ? html`<span class="tick" aria-hidden="true">✓</span>` : nothing}<span
      role="status">${this.notice}</span></div>`;
  }

  /** The list's alert: a failed load (with "Try again" when it can help), else a failed action. */
  protected renderListAlert(): TemplateResult | typeof nothing {
    const { loadError } = this.list;
    if (loadError === undefined) return renderAlert(this.list.actionError, this.m.tryAgain);
    return renderAlert(this.describe(loadError), this.m.tryAgain, isRetryable(loadError) ? () => void this.list.reload() : undefined);
  }
}
