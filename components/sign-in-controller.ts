/**
 * Signing in, in `<sso-launcher>`, as a Lit reactive controller: the password and MFA forms' submits,
 * "Sign in with Rechat", "Use another account", and the state they share (busy, the last error). The
 * templates are in sign-in-form.ts and mfa-form.ts; the element decides when they show (its view).
 * @module
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { LauncherClient } from '../core/launcher.ts';
import type { ErrorContext } from './describe-error.ts';
import { emit } from './events.ts';
import { resolveUrl, signInWays, type LauncherAttributes } from './launcher-config.ts';
import type { Messages } from './messages.ts';
import { mfaFormView } from './mfa-form.ts';
import { adoptRechatSignIn, startRechatSignIn, type RechatSignIn } from './rechat-sign-in.ts';
import { signInFormView } from './sign-in-form.ts';

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
}

export class SignInController implements ReactiveController {
  readonly host: SignInHost;
  readonly source: SignInSource;
  #busy = false;
  #error = '';
  /** A "Sign in with Rechat" popup being waited for. */
  #rechatSignIn: RechatSignIn | undefined;

  constructor(host: SignInHost, source: SignInSource) {
    this.host = host;
    this.source = source;
    host.addController(this);
  }

  /** The error shown in the form; setting it re-renders. */
  get error(): string {
    return this.#error;
  }
  set error(value: string) {
    this.#error = value;
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
      ...signInWays(this.host),
      onSubmit: this.#signIn,
      onRechat: this.#rechat,
    });
  }

  renderMfa(m: Messages): TemplateResult {
    return mfaFormView(m, { error: this.#error, busy: this.#busy, onSubmit: this.#verify, onSignOut: this.signOut });
  }

  /** Moves focus to `selector` after the next render, but only if focus is already inside: never steal it from the page. */
  async #focusAfterRender(selector: string): Promise<void> {
    const inside = this.host.matches(':focus-within');
    await this.host.updateComplete;
    if (inside) this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #signIn = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const ready = this.source.clientReady();
    if (this.#busy || !ready) return;
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.#setBusy(true);
    this.error = '';
    try {
      const client = await ready;
      await client.session.signIn(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
      void this.#focusAfterRender('input[name="code"], input[name="search"]');
    } catch (error) {
      this.error = await this.source.report(error, 'sign-in');
      void this.#focusAfterRender('input[name="password"]');
    } finally {
      this.#setBusy(false);
    }
  };

  /** Opens the broker's "Sign in with Rechat" inside the click; then loads the session the broker started. */
  #rechat = (): void => {
    this.error = '';
    this.#rechatSignIn?.cancel();
    if (!emit(this.host, 'sso-request-rechat-sign-in', {})) return;
    this.#rechatSignIn = startRechatSignIn({
      broker: resolveUrl(this.host.broker),
      onDone: () => void this.source.clientReady()?.then((client) => adoptRechatSignIn(client.session)),
    });
  };

  #verify = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const ready = this.source.clientReady();
    if (this.#busy || !ready) return;
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    this.#setBusy(true);
    this.error = '';
    try {
      const client = await ready;
      await client.session.validateMfa(input.value);
      void this.#focusAfterRender('input[name="search"]');
    } catch (error) {
      this.error = await this.source.report(error, 'mfa');
      input.value = '';
      input.focus();
    } finally {
      this.#setBusy(false);
    }
  };

  /** "Sign out" and "Use another account". */
  signOut = async (): Promise<void> => {
    this.error = '';
    await (await this.source.clientReady())?.signOut();
  };
}
