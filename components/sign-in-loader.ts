/**
 * The sign-in and verification forms' code, in `<sso-launcher>`: a chunk of its own (sign-in-controller.ts
 * and the forms), so that a signed-in agent's cached grid does not wait for it. It is requested while the
 * page loads (below), not waited for; the element takes it from here when a form is to show.
 * @module
 */
import { html, type TemplateResult } from 'lit';
import type { Messages } from './messages.ts';
import type { SignInController, SignInHost, SignInSource } from './sign-in-controller.ts';

/**
 * The sign-in forms' chunk, requested as the script tag's module runs: a request made while the page
 * loads holds its load event, so a page that loses the network once loaded still has the forms. Not
 * waited for: a cached grid paints without it.
 */
export const signInCode = globalThis.document ? import('./sign-in-controller.ts') : undefined;
signInCode?.catch(() => undefined); // the element reports it when it needs the forms

export class SignInLoader {
  readonly #host: SignInHost;
  readonly #source: SignInSource;
  #load: Promise<SignInController> | undefined;
  /** Why the code could not be loaded (offline, most likely), shown in the form's place with "Try again". */
  #error = '';
  /** The forms, once their code is there. */
  controller: SignInController | undefined;

  constructor(host: SignInHost, source: SignInSource) {
    this.#host = host;
    this.#source = source;
  }

  /** The forms' controller: the request made while the page loaded, or after a failure a new one. */
  load(): Promise<SignInController> {
    if (this.#load) return this.#load;
    const code = (!this.#error && signInCode) || import('./sign-in-controller.ts');
    const load = code.then(({ SignInController }) => {
      this.controller ??= new SignInController(this.#host, this.#source);
      this.#error = '';
      this.#host.requestUpdate();
      return this.controller;
    });
    this.#load = load;
    load.catch(async (error: unknown) => {
      this.#load = undefined;
      this.#error = await this.#source.report(error, 'sign-in');
      this.#host.requestUpdate();
    });
    return load;
  }

  /**
   * Why the forms' code could not be loaded, with "Try again", where a form goes; undefined while it is
   * on its way (the element then shows its start placeholder, app-grid.ts).
   */
  renderError(m: Messages): TemplateResult | undefined {
    if (!this.#error) return undefined;
    return html`<div class="alert" role="alert" part="error"><span>${this.#error}</span>
      <button part="button" type="button" @click=${() => void this.load().catch(() => undefined)}>${m.tryAgain}</button></div>`;
  }

  /** "Sign out" in the header: the forms' code is loaded by then, right after the grid's first paint. */
  signOut = (): void => void this.load().then((signIn) => signIn.signOut(), () => undefined);
}
