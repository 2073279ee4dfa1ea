/**
 * The options page's "Access" section: one "Allow access to <host>" button for each configured host
 * the extension may not reach yet. It matters most for values set by policy: the agent never presses
 * Save for those, and no browser policy grants an extension's optional host permissions, so this button
 * is the one click that does. The extension API comes in as functions, so the unit tests drive it over
 * the real options.html.
 * @module
 */
import { neededHosts, type NeededHost, type ReachedUrls } from './host-permissions.ts';
import { extEn, type ExtensionMessages } from './i18n.ts';

/** What the section needs from the browser. */
export interface AccessDeps {
  /** Whether the extension holds the permission for a pattern. */
  has(pattern: string): Promise<boolean>;
  /** Asks for the permissions; called synchronously inside the button's click (see browser.ts). */
  request(patterns: string[]): Promise<boolean>;
  /** Called after a grant, so the page can load what needed the host. */
  granted(): void;
}

/** The section, over the markup of options.html inside `root`. */
export class AccessSection {
  readonly #section: HTMLElement;
  readonly #list: HTMLElement;
  #urls: ReachedUrls = {};

  constructor(
    readonly root: ParentNode,
    readonly deps: AccessDeps,
    /** The page's strings (i18n.ts), English by default. */
    readonly t: ExtensionMessages = extEn,
  ) {
    this.#section = root.querySelector<HTMLElement>('#access-section')!;
    this.#list = root.querySelector<HTMLElement>('#access-list')!;
  }

  /** Checks the hosts of `urls` and shows a button for each that is not allowed; answers those. */
  async update(urls: ReachedUrls = this.#urls): Promise<NeededHost[]> {
    this.#urls = urls;
    const hosts = neededHosts(urls);
    const allowed = await Promise.all(hosts.map((needed) => this.deps.has(needed.pattern).catch(() => false)));
    const missing = hosts.filter((_, i) => !allowed[i]);
    this.#render(missing);
    return missing;
  }

  #render(missing: NeededHost[]): void {
    const doc = this.#list.ownerDocument;
    const items = missing.map((needed) => {
      const button = doc.createElement('button');
      button.type = 'button';
      button.textContent = this.t.allowAccess(needed.host);
      button.addEventListener('click', () => {
        // No await before the request: it must run inside the click (the browser's user-gesture rule).
        const asked = this.deps.request([needed.pattern]).catch(() => false);
        void asked.then(async (granted) => {
          await this.update();
          if (granted) this.deps.granted();
        });
      });
      const item = doc.createElement('li');
      item.append(button);
      return item;
    });
    this.#list.replaceChildren(...items);
    this.#section.hidden = missing.length === 0;
  }
}
