/**
 * "Sign in with Rechat" for `<sso-launcher>`: the button's template and the popup handling, kept out
 * of the element's file. The broker runs the OAuth2 flow (broker/login.ts); this side only opens it and
 * waits for the broker's word.
 *
 * The popup is opened synchronously inside the click, so no popup blocker objects (docs/architecture.md,
 * "Launching without popup blockers"). When the browser refuses it anyway, the page itself goes to the
 * broker, which sends it back to the same address once signed in. The popup answers with a
 * `postMessage` from the broker's origin; it carries no token, only "signed in", and the element then
 * asks the broker for the session's state. A popup closed without a word (Rechat's page may cut the
 * opener link with Cross-Origin-Opener-Policy) also makes the element ask: the broker knows.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from './messages.ts';
// The English words this module shows beyond the grid's (messages.ts).
import './locales/en-more.ts';

/** What the broker's popup posts to its opener (broker/login.ts `SIGNED_IN_MESSAGE`). */
export const SIGNED_IN_MESSAGE = 'sso-launcher:signed-in';

/** The window name of the popup: a second click reuses it rather than opening another. */
const POPUP_NAME = 'sso-launcher-rechat-sign-in';
const POPUP_FEATURES = 'popup,width=480,height=640';
/** How often a popup is checked for having been closed. */
const CLOSED_POLL_MS = 500;

/** `<broker>/login?return_to=<this page>[&popup=1]`. */
export function loginUrl(broker: string, returnTo: string, popup: boolean): string {
  const params = new URLSearchParams({ return_to: returnTo });
  if (popup) params.set('popup', '1');
  return `${broker.replace(/\/+$/, '')}/login?${params}`;
}

/** A sign-in in progress in a popup; `cancel()` stops listening (the element was removed, or a new click). */
export interface RechatSignIn {
  readonly mode: 'popup' | 'redirect';
  cancel(): void;
}

export interface RechatSignInOptions {
  /** The broker's absolute URL. */
  broker: string;
  /** Called once the popup reported success, or was closed: load the session's state then. */
  onDone(outcome: 'signed-in' | 'closed'): void;
  /** For tests: the window to open from and navigate; default the global one. */
  win?: Window;
}

/**
 * Opens the broker's sign-in in a popup; call it synchronously inside the click or keypress.
 * Falls back to a full-page redirect when the popup is refused.
 */
export function startRechatSignIn(options: RechatSignInOptions): RechatSignIn {
  const win = options.win ?? window;
  const returnTo = win.location.href;
  const brokerOrigin = new URL(options.broker, win.location.href).origin;
  const popup = win.open(loginUrl(options.broker, returnTo, true), POPUP_NAME, POPUP_FEATURES);
  if (!popup) {
    win.location.assign(loginUrl(options.broker, returnTo, false));
    return { mode: 'redirect', cancel: () => undefined };
  }
  let done = false;
  const finish = (outcome: 'signed-in' | 'closed') => {
    if (done) return;
    cancel();
    options.onDone(outcome);
  };
  // Only the broker's own popup, from the broker's origin, saying exactly this: any other window or
  // origin may post anything to the page.
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== brokerOrigin || event.source !== popup) return;
    const data = event.data as { type?: unknown } | null;
    if (data && typeof data === 'object' && data.type === SIGNED_IN_MESSAGE) finish('signed-in');
  };
  const timer = win.setInterval(() => {
    if (popup.closed) finish('closed');
  }, CLOSED_POLL_MS);
  function cancel() {
    done = true;
    win.removeEventListener('message', onMessage);
    win.clearInterval(timer);
  }
  win.addEventListener('message', onMessage);
  popup.focus();
  return { mode: 'popup', cancel };
}

/**
 * After the popup: a broker session takes up the session the broker started (and counts it as a
 * sign-in); any other session re-reads its state.
 */
export async function adoptRechatSignIn(session: { reload(): Promise<void>; adoptBrokerSignIn?: () => Promise<unknown> }): Promise<void> {
  if (session.adoptBrokerSignIn) await session.adoptBrokerSignIn();
  else await session.reload();
}

/**
 * The primary "Sign in with Rechat" button, and the divider before the password form when it is offered.
 * @param passwordToo whether the email and password form follows
 */
export function rechatSignInView(m: Messages, options: { busy: boolean; passwordToo: boolean; onClick: () => void }): TemplateResult {
  return html`<button part="button" class="primary rechat" type="button" ?disabled=${options.busy} @click=${options.onClick}>${m.signInWithRechat}</button>
    ${options.passwordToo ? html`<p class="divider">${m.orWithPassword}</p>` : nothing}`;
}
