/**
 * Signing in, in `<sso-launcher>`, as a Lit reactive controller: the password and MFA forms' submits,
 * "Sign in with Rechat", "Use another account", and the state they share (busy, the last error). The
 * templates are in sign-in-form.ts and mfa-form.ts; the element decides when they show (its view).
 * @module
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { ErrorCode, isSsoError } from '../core/error-codes.ts';
import type { LauncherClient } from '../core/launcher.ts';
import { adoptStyles } from './adopt-styles.ts';
import type { ErrorContext } from './describe-error.ts';
import { emit } from './events.ts';
import { FocusFollower } from './focus-follower.ts';
import type { LauncherView } from './launcher-view.ts';
import { focusTarget } from './view-focus.ts';
import type { LauncherAttributes } from './launcher-config.ts';
import { normaliseUrl } from '../core/urls.ts';
import type { Messages } from './messages.ts';
import { mfaFormView } from './mfa-form.ts';
import { adoptRechatSignIn, startRechatSignIn, type RechatSignIn } from './rechat-sign-in.ts';
import { formStyles } from './form.styles.ts';
import { signInFormView } from './sign-in-form.ts';
// The English words this module shows beyond the grid's (messages.ts).
import './locales/en-more.ts';

/** What signing in needs from the launcher. */
export interface SignInHost extends ReactiveControllerHost, HTMLElement, LauncherAttributes {
  renderRoot: HTMLElement | DocumentFragment;
}

export interface SignInSource {
  /** Resolves with the client once its code is loaded; undefined before the element has a configuration. */
  clientReady(): Promise<LauncherClient> | undefined;
  /** The email of the agent whose session expired, to prefill; else empty. */
  email(): string;
  /** Tells the host through `sso-error` and answers the plain message to show (its wording is a lazy chunk). */
  report(error: unknown, context: ErrorContext): Promise<string>;
  /** The view about to render: focus follows it (view-focus.ts, focus-follower.ts). */
  view(): LauncherView;
  /** False while the view still waits for content (a grid loading: no search box yet). */
  settled(): boolean;
}

/**
 * Which sign-in ways the form offers, from the attributes. "Sign in with Rechat" runs through the
 * broker; the password form is the fallback, unless switched off. (Here, not in launcher-config.ts: only
 * the forms ask, and they are not in the first module.)
 */
export function signInWays(a: LauncherAttributes): { rechat: boolean; password: boolean } {
  const rechat = Boolean(a.broker) && (a.rechatSignIn === 'on' || (a.rechatSignIn === '' && a.sessionMode === 'broker'));
  return { rechat, password: !rechat || a.passwordSignIn !== 'off' };
}

/**
 * The field to fix after a failed sign-in: the one a validation error names, the password when the
 * pair was refused (the email is kept, the password is what is usually wrong); undefined when no field
 * is at fault (offline, throttled, a server error): focus then stays where it was.
 */
export function fieldToFix(error: unknown): 'email' | 'password' | undefined {
  if (!isSsoError(error)) return undefined;
  const e = error as unknown as { code: string; error?: string; issues?: { path: string }[] };
  if (e.code === ErrorCode.Validation) {
    const path = e.issues?.[0]?.path;
    return path === 'username' ? 'email' : path === 'password' ? 'password' : undefined;
  }
  return e.code === ErrorCode.OAuth && e.error === 'invalid_grant' ? 'password' : undefined;
}

export class SignInController implements ReactiveController {
  readonly host: SignInHost;
  readonly source: SignInSource;
  #busy = false;
  #error = '';
  /** The agent signed out here: the sign-in form says so until they start signing in again. */
  #signedOut = false;
  /** A "Sign in with Rechat" popup being waited for. */
  #rechatSignIn: RechatSignIn | undefined;

  /**
   * Focus follows the view, and after an action: the view moves it on success; an error sends it to the
   * field to fix. Here rather than in the element: it has nothing to do before a form can show.
   */
  readonly focus: FocusFollower;

  constructor(host: SignInHost, source: SignInSource) {
    this.host = host;
    this.source = source;
    this.focus = new FocusFollower(host, { target: () => focusTarget(source.view()), settled: () => source.settled() });
    host.addController(this);
    adoptStyles(host.renderRoot, formStyles);
  }

  /** The error shown in the form; setting it re-renders. */
  get error(): string {
    return this.#error;
  }
  set error(value: string) {
    this.#error = value;
    if (value) this.#signedOut = false;
    this.host.requestUpdate();
  }

  #setBusy(value: boolean): void {
    this.#busy = value;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#rechatSignIn?.cancel();
  }

  renderSignIn(m: Messages, expired: boolean): TemplateResult {
    return signInFormView(m, {
      expired,
      email: this.source.email(),
      error: this.#error,
      busy: this.#busy,
      signedOut: this.#signedOut && !expired,
      ...signInWays(this.host),
      onSubmit: this.#signIn,
      onRechat: this.#rechat,
    });
  }

  renderMfa(m: Messages): TemplateResult {
    return mfaFormView(m, { error: this.#error, busy: this.#busy, onSubmit: this.#verify, onSignOut: this.signOut });
  }

  /** The control that has focus in the launcher (a submit button, a field where Enter was pressed), if any. */
  #focused(): HTMLElement | undefined {
    const active = (this.host.renderRoot as ShadowRoot).activeElement;
    return active instanceof HTMLElement ? active : undefined;
  }

  #signIn = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const ready = this.source.clientReady();
    if (this.#busy || !ready) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    // Read before the busy state disables the button, which drops its focus.
    const origin = this.#focused() ?? form.querySelector<HTMLElement>('button[type="submit"]');
    this.focus.claim();
    this.#setBusy(true);
    this.error = '';
    this.#signedOut = false;
    try {
      const client = await ready;
      await client.session.signIn(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
      // Focus follows the view: the code field of the MFA prompt, or the search box (focus-follower.ts).
    } catch (error) {
      this.error = await this.source.report(error, 'sign-in');
      const field = fieldToFix(error);
      this.focus.moveTo(field ? [`input[name="${field}"]`] : origin ? [origin] : []);
    } finally {
      this.#setBusy(false);
    }
  };

  /** Opens the broker's "Sign in with Rechat" inside the click; then loads the session the broker started. */
  #rechat = (): void => {
    this.error = '';
    this.#signedOut = false;
    this.focus.claim();
    this.#rechatSignIn?.cancel();
    if (!emit(this.host, 'sso-request-rechat-sign-in', {})) return;
    this.#rechatSignIn = startRechatSignIn({
      broker: normaliseUrl(this.host.broker, document.baseURI),
      onDone: () => void this.source.clientReady()?.then((client) => adoptRechatSignIn(client.session)),
    });
  };

  #verify = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const ready = this.source.clientReady();
    if (this.#busy || !ready) return;
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    this.focus.claim();
    this.#setBusy(true);
    this.error = '';
    try {
      const client = await ready;
      await client.session.validateMfa(input.value);
    } catch (error) {
      this.error = await this.source.report(error, 'mfa');
      // The code is the only field, and the one to fix: emptied for the next code.
      input.value = '';
      this.focus.moveTo([input]);
    } finally {
      this.#setBusy(false);
    }
  };

  /** "Sign out" and "Use another account". */
  signOut = async (): Promise<void> => {
    this.error = '';
    this.focus.claim(); // focus then goes to the email field
    await (await this.source.clientReady())?.signOut();
    // "You're signed out." goes into the form's status region once the form is on screen with the
    // region empty: text in a region that appears with it is often not announced. Not after an
    // expiry, which is not the agent's doing (that form says why instead).
    await this.host.updateComplete;
    this.#signedOut = true;
    this.host.requestUpdate();
  };
}
