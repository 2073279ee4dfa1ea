import { Task, initialState } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { LauncherClient } from '../core/launcher.ts';
import { mosaicViaBroker, type MosaicGroupsApi } from '../core/mosaic.ts';
import { brandTree, checkBrandAdmin, type BrandNode } from '../core/rechat/brands.ts';
import type { Brand } from '../core/rechat/schemas.ts';
import { safeHttpUrl } from '../core/urls.ts';
import './admin/apps-panel.ts';
import type { ConfirmQuestion } from './admin/confirm-dialog.ts';
import './admin/confirm-dialog.ts';
import './admin/groups-panel.ts';
import type { AdminPanel, AdminPanelEvents } from './admin/panel.ts';
import { LanguageController } from './language.ts';
import { messageTable } from './messages.ts';
import { adminMessagesFor, adminMessageTable, type AdminMessages } from './sso-launcher-admin.messages.ts';
import { styles } from './sso-launcher-admin.styles.ts';
import { themeTokens } from './theme.styles.ts';

/**
 * Admin tools for a brand's SSO apps and the brokerage's Mosaic SSO clients groups. The launcher
 * loads it lazily and shows it to brand admins only; the server enforces the same rule.
 *
 * Apps: list them in the order agents see; add and edit (name, sign-in type with its addresses, the
 * brands allowed to use it, an icon with a preview); delete after a confirmation; reorder by dragging
 * or with the Move up / Move down buttons. Groups (when `broker` is set): list, add, edit, delete, and
 * show each group's clients.
 *
 * This element is the shell: its properties, the brand tree, one success banner at a time and the confirmation
 * dialog. Each feature is its own element in ./admin/ (`<sso-admin-apps>`, `<sso-admin-groups>`),
 * rendered in this shadow root, one per client (and broker), so a new client starts afresh.
 *
 * @summary Manage SSO apps and Mosaic SSO clients groups.
 *
 * @event sso-apps-changed - After any change to the apps, so the launcher can refresh its grid. `detail: {reason, appId?}`.
 * @event sso-groups-changed - After a change to the SSO clients groups. `detail: {reason, groupId?}`.
 * @event sso-error - An error was shown. `detail: {error, message}`.
 *
 * @csspart form - The app and group forms.
 * @csspart button - Every button.
 * @csspart error - Error messages.
 * @csspart status - The banner that says what the last action did ("Canva was saved.").
 * @csspart dialog - The confirmation dialog.
 *
 * @cssproperty --sso-font - Font family.
 * @cssproperty --sso-bg - Background of rows and inputs.
 * @cssproperty --sso-surface - Background of forms and secondary buttons.
 * @cssproperty --sso-text - Text colour.
 * @cssproperty --sso-muted - Secondary text colour.
 * @cssproperty --sso-border - Border colour.
 * @cssproperty --sso-accent - Primary buttons, checkboxes, the drop target.
 * @cssproperty --sso-accent-text - Text on the accent colour.
 * @cssproperty --sso-danger - Errors and the delete button.
 * @cssproperty --sso-danger-bg - Error background.
 * @cssproperty --sso-focus - Focus ring.
 * @cssproperty --sso-radius - Corner radius of the dialog.
 */
export class SsoLauncherAdmin extends LitElement {
  static override styles = [themeTokens, styles];

  /** The launcher's client: its session makes the calls, its `config.brand` is the brand managed. */
  @property({ attribute: false }) client?: LauncherClient;
  /** URL of the token broker (relative URLs resolve against the page). Empty: no Mosaic section. */
  @property() broker = '';
  /** Strings to override, on top of the table for `lang` (or the page's language). */
  @property({ attribute: false }) messages?: Partial<AdminMessages>;
  /**
   * The user's brands with their roles, if the host already has them (the launcher does, from its
   * admin check, `checkBrandAdmin(...).brands`); otherwise the element asks the server.
   */
  @property({ attribute: false }) brands?: Brand[];
  /**
   * `light`, `dark`, or `auto` (follow the system). Unset (default): the colour scheme of what is around
   * it, the launcher's or the page's. It sets `color-scheme`, so native controls match the palette.
   */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto';
  /**
   * Take the `--sso-*` colours from around it instead of the default palette: the launcher sets it, and
   * so can a page that themes a container of its own.
   */
  @property({ type: Boolean, reflect: true, attribute: 'inherit-palette' }) inheritPalette = false;

  /** The language, and the tables it needs: the admin's, and the launcher's (the error wording). Before #tree, which reads it. */
  #language = new LanguageController(this, [adminMessageTable, messageTable]);

  /** The brand picker's tree, from `brands` or from the server. */
  #tree = new Task(this, {
    // The language's table too: the tree may name this launcher's brand in words (`thisBrand`).
    args: () => [this.client, this.brands, this.#language.pending] as const,
    task: async ([client, brands], { signal }) => {
      const brand = client?.config.brand;
      if (!client || !brand) return initialState;
      if (brands) return this.#treeFrom(brands);
      try {
        return this.#treeFrom((await checkBrandAdmin(client.session, brand, { signal })).brands);
      } catch {
        // Without the tree, the picker offers this brand alone; the save still works.
        return this.#treeFrom([]);
      }
    },
  });
  /** The Mosaic groups API through the broker; a new one (and so a new groups panel) per client and broker. */
  #mosaic: MosaicGroupsApi | undefined;

  /** The strings: the table for the language, with the host's overrides. */
  private get m(): AdminMessages {
    return { ...adminMessagesFor(this.#language.lang), ...this.messages };
  }

  private get tree(): BrandNode[] {
    return this.#tree.value ?? [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('broker')) {
      const broker = this.#brokerUrl();
      this.#mosaic = this.client && broker ? mosaicViaBroker(this.client.session, broker) : undefined;
    }
  }

  #brokerUrl(): string | undefined {
    if (!this.broker) return undefined;
    try {
      return safeHttpUrl(this.broker, document.baseURI) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** The picker's tree; this launcher's brand is always in it, even when the server did not name it. */
  #treeFrom(brands: readonly Brand[]): BrandNode[] {
    const tree = brandTree(brands);
    const brand = this.client?.config.brand;
    if (brand && !tree.some((n) => n.id === brand)) tree.push({ id: brand, name: this.m.thisBrand, depth: 0, parentId: null, admin: true });
    return tree;
  }

  #ask = (question: ConfirmQuestion): Promise<boolean> => this.renderRoot.querySelector('sso-admin-confirm')!.ask(question);

  #otherPanels(event: Event): AdminPanel[] {
    return [...this.renderRoot.querySelectorAll<AdminPanel>('sso-admin-apps, sso-admin-groups')].filter((panel) => panel !== event.currentTarget);
  }

  /** One banner at a time: a panel's new notice (or its clearing) hides the other panel's. */
  private handleNotice = (event: AdminPanelEvents['admin-notice']): void => {
    for (const panel of this.#otherPanels(event)) panel.clearNotice();
  };

  /** One form at a time: a panel opening its form closes the other's, and the last notice goes. */
  private handleFormOpen = (event: Event): void => {
    for (const panel of this.#otherPanels(event)) {
      panel.closeForm();
      panel.clearNotice();
    }
  };

  protected override render(): TemplateResult | typeof nothing {
    if (this.#language.pending) return nothing;
    const m = this.m;
    const lang = this.lang || nothing;
    return html`
      ${keyed(this.client, html`<sso-admin-apps .client=${this.client} .tree=${this.tree} .m=${m} .ask=${this.#ask} lang=${lang}
        @admin-notice=${this.handleNotice} @admin-form-open=${this.handleFormOpen}></sso-admin-apps>`)}
      ${this.#mosaic
        ? keyed(this.#mosaic, html`<sso-admin-groups .mosaic=${this.#mosaic} .m=${m} .ask=${this.#ask} lang=${lang}
            @admin-notice=${this.handleNotice} @admin-form-open=${this.handleFormOpen}></sso-admin-groups>`)
        : nothing}
      <sso-admin-confirm .m=${m}></sso-admin-confirm>
    `;
  }
}
