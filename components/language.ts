import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Catalogue } from './catalogue.ts';
import { langOf, shownLang } from './messages.ts';

/**
 * The language of an element: the closest `lang` up the tree ({@link langOf}), resolved before each
 * render, and its string tables, lazy chunks for any language but English. While a built-in table is
 * on its way the element draws nothing (`pending`), so the agent never sees English flash before
 * Spanish; a table that failed to load (offline) shows English. The page may switch its language
 * (`<html lang>`, or an ancestor's) after the element is drawn: that redraws it. Used by
 * `<sso-launcher>` (its table) and `<sso-launcher-admin>` (its table and the launcher's, for errors).
 */
export class LanguageController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #tables: readonly Pick<Catalogue<unknown>, 'ready' | 'load'>[];
  #lang = '';
  #awaited: string | undefined;
  #failed: string | undefined;
  readonly #observer = new MutationObserver(() => this.#host.requestUpdate());

  /** Add it before any controller that reads it: controllers update in the order they were added. */
  constructor(host: ReactiveControllerHost & HTMLElement, tables: readonly Pick<Catalogue<unknown>, 'ready' | 'load'>[]) {
    this.#host = host;
    this.#tables = tables;
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
    if (this.#tables.every((table) => table.ready(lang)) || this.#awaited === lang || this.#failed === lang) return;
    this.#awaited = lang;
    Promise.all(this.#tables.map((table) => table.load(lang)))
      .catch(() => void (this.#failed = lang))
      .finally(() => {
        this.#awaited = undefined;
        this.#host.requestUpdate();
      });
  }

  /** The language tag the element is in (maybe one without a table: the strings are then English). */
  get lang(): string {
    return this.#lang;
  }

  /** Whether a table is still loading (draw nothing yet). */
  get pending(): boolean {
    return this.#awaited !== undefined;
  }

  /** The language actually shown, for the content's `lang` attribute. */
  get shown(): string {
    return this.#tables.every((table) => table.ready(this.#lang)) ? shownLang(this.#lang) : 'en';
  }
}
