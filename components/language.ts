import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { langOf, loadMessages, messagesFor, messagesReady, shownLang, type Messages } from './messages.ts';

/**
 * The language of an element: the closest `lang` up the tree ({@link langOf}), resolved before each
 * render, and its message table, a lazy chunk for any language but English. While a built-in table is
 * on its way the element draws nothing (`pending`), so the agent never sees English flash before
 * Spanish; a table that failed to load (offline) shows English. The page may switch its language
 * (`<html lang>`, or an ancestor's) after the element is drawn: that redraws it.
 */
export class LanguageController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #lang = '';
  #awaited: string | undefined;
  #failed: string | undefined;
  readonly #observer = new MutationObserver(() => this.#host.requestUpdate());

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }

  hostUpdate(): void {
    const lang = (this.#lang = langOf(this.#host));
    if (messagesReady(lang) || this.#awaited === lang || this.#failed === lang) return;
    this.#awaited = lang;
    loadMessages(lang)
      .catch(() => void (this.#failed = lang))
      .finally(() => {
        this.#awaited = undefined;
        this.#host.requestUpdate();
      });
  }

  /** Whether the language's table is still loading (draw nothing yet). */
  get pending(): boolean {
    return this.#awaited !== undefined;
  }

  /** The strings to show. */
  get messages(): Messages {
    return messagesFor(this.#lang);
  }

  /** The language actually shown, for the content's `lang` attribute. */
  get shown(): string {
    return messagesReady(this.#lang) ? shownLang(this.#lang) : 'en';
  }
}
