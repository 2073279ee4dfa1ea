/**
 * The admin tools' entry in `<sso-launcher>`, as a Lit reactive controller: whether the agent
 * administers the brand (asked once per sign-in), the "Manage apps" button, and the lazily loaded
 * `<sso-launcher-admin>` panel. Only a convenience for showing the tools: the server enforces who may
 * change apps.
 * @module
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LauncherClient } from '../core/launcher.ts';
import type { Brand } from '../core/rechat/schemas.ts';
import type { Messages } from './messages.ts';
// "Manage apps" in English (messages.ts).
import './locales/en-more.ts';

/** Not a controller: it has no lifecycle of its own, it only asks its host to re-render. */
export class AdminAccess {
  readonly host: ReactiveControllerHost;
  /** Whether the agent administers this brand: then the admin tools are offered. */
  #isAdmin = false;
  #open = false;
  /** The agent's brands, from the admin check, handed to the admin tools so they need not ask again. */
  #brands: Brand[] | undefined;
  /** The user the admin check last ran for: it runs once per sign-in, not on every revalidation. */
  #checkedFor: string | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
  }

  /** Forgets the last agent's rights (sign-out, a new configuration). */
  reset(): void {
    this.#isAdmin = false;
    this.#open = false;
    this.#brands = undefined;
    this.#checkedFor = undefined;
    this.host.requestUpdate();
  }

  /**
   * Asks whether the agent administers the brand (their brands and roles, about 1 kB of code loaded on
   * first use). `current()` says whether the answer still matters when it comes.
   */
  async check(client: LauncherClient, current: () => boolean): Promise<void> {
    const user = client.session.user?.id;
    if (!user || user === this.#checkedFor) return;
    this.#checkedFor = user;
    try {
      const { checkBrandAdmin } = await import('../core/rechat/brands.ts');
      const { admin, brands } = await checkBrandAdmin(client.session, client.config.brand);
      if (!current()) return;
      this.#isAdmin = admin;
      this.#brands = brands;
    } catch {
      if (!current()) return;
      this.#isAdmin = false;
      this.#checkedFor = undefined; // not knowing is not an answer: ask again next time
    }
    this.host.requestUpdate();
  }

  #toggle = async (): Promise<void> => {
    this.#open = !this.#open;
    this.host.requestUpdate();
    // The admin tools (about 13 kB) load only for an admin who opens them.
    if (this.#open) await import('./sso-launcher-admin.ts');
  };

  /** "Manage apps" in the header, for an admin. */
  renderButton(m: Messages): TemplateResult | typeof nothing {
    return this.#isAdmin
      ? html`<button part="button" type="button" aria-expanded=${this.#open ? 'true' : 'false'} @click=${this.#toggle}>${m.manageApps}</button>`
      : nothing;
  }

  /** The admin tools, when an admin opened them. */
  renderPanel(client: LauncherClient | undefined, broker: string, lang: string, onAppsChanged: () => void): TemplateResult | typeof nothing {
    if (!this.#isAdmin || !this.#open) return nothing;
    // inherit-palette: the launcher's colours (and a brokerage's overrides of them), not the default palette.
    return html`<div class="account"><sso-launcher-admin inherit-palette .client=${client} broker=${broker} .brands=${this.#brands}
      .lang=${lang} @sso-apps-changed=${onAppsChanged}></sso-launcher-admin></div>`;
  }
}
