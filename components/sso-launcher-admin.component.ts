import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import * as z from 'zod/mini';
import '../core/schema.ts'; // z.config({jitless: true}) before any parse
import { ErrorCode, HttpError, isSsoError } from '../core/errors.ts';
import type { LauncherClient } from '../core/launcher.ts';
import { isMosaicError, mosaicViaBroker, SESSION_TIMEOUT_GRANULARITIES, type MosaicGroup, type MosaicGroupsApi } from '../core/mosaic.ts';
import { ICON_TYPES, createApp, deleteApp, setAppBrands, setAppIcon, sortApps, updateApp, type SsoAppInput } from '../core/rechat/apps.ts';
import { brandTree, checkBrandAdmin, type BrandNode } from '../core/rechat/brands.ts';
import { SsoAppSchema, appBrandIds, type Brand } from '../core/rechat/schemas.ts';
import { isPlainHttpUrl, safeHttpUrl, safeIconUrl } from '../core/urls.ts';
import { describeError } from './describe-error.ts';
import { emit } from './events.ts';
import { messagesFor } from './messages.ts';
import {
  iconError,
  validateAppForm,
  validateGroupForm,
  type AppField,
  type AppFormValues,
  type GroupField,
  type GroupFormValues,
} from './sso-launcher-admin.form.ts';
import { adminMessagesFor, type AdminMessages } from './sso-launcher-admin.messages.ts';
import { styles } from './sso-launcher-admin.styles.ts';
import { initials } from './tile.ts';

/**
 * An app as listed, with every field the server sent: an edit sends them back (as the vendor's
 * "Update an app" example does), so fields this form does not show (SAML `name_id`, `mappings`, …)
 * are kept rather than nulled.
 */
const AdminAppSchema = z.looseObject(SsoAppSchema.def.shape);
type AdminApp = z.infer<typeof AdminAppSchema>;
const AdminAppList = z.object({ data: z.array(AdminAppSchema) });

/** Fields the server owns: never sent back in an update. */
const SERVER_FIELDS = ['id', 'brands', 'icon', 'open_url', 'created_at', 'updated_at', 'deleted_at', 'type', 'issuer'];

/** `detail` of `sso-apps-changed`. */
export interface SsoAppsChangedDetail {
  reason: 'created' | 'updated' | 'deleted' | 'reordered';
  /** The app concerned; absent for a reorder. */
  appId?: string;
}

/** `detail` of `sso-groups-changed`. */
export interface SsoGroupsChangedDetail {
  reason: 'created' | 'updated' | 'deleted';
  groupId?: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sso-apps-changed': CustomEvent<SsoAppsChangedDetail>;
    'sso-groups-changed': CustomEvent<SsoGroupsChangedDetail>;
  }
}

type AppFormState = { mode: 'create' } | { mode: 'edit'; app: AdminApp };
type GroupFormState = { mode: 'create' } | { mode: 'edit'; group: MosaicGroup };
type Confirm = { kind: 'app'; id: string; name: string } | { kind: 'group'; id: string; name: string };
type Status = 'idle' | 'loading' | 'ready' | 'error';

const EMPTY_APP: AppFormValues = { name: '', authentication_type: 'None', url: '', acs_url: '', entity_id: '', brands: [] };
const EMPTY_GROUP: GroupFormValues = { name: '', description: '', journey: '', allowSilentLogin: false, sessionTimeout: '8', granularity: 'hours' };
const APP_FIELD_IDS: Record<AppField, string> = {
  name: 'app-name',
  url: 'app-url',
  acs_url: 'app-acs',
  entity_id: 'app-entity',
  brands: 'brand-0',
  icon: 'app-icon',
};
const GROUP_FIELD_IDS: Record<GroupField, string> = {
  name: 'group-name',
  description: 'group-description',
  journey: 'group-journey',
  sessionTimeout: 'group-timeout',
  granularity: 'group-unit',
};

/**
 * Admin tools for a brand's SSO apps and the brokerage's Mosaic SSO clients groups. The launcher
 * loads it lazily and shows it to brand admins only; the server enforces the same rule.
 *
 * Apps: list them in the order agents see; add and edit (name, sign-in type with its addresses, the
 * brands allowed to use it, an icon with a preview); delete after a confirmation; reorder by dragging
 * or with the Move up / Move down buttons. Groups (when `broker` is set): list, add, edit, delete, and
 * show each group's clients.
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
  static override styles = styles;

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

  @state() private apps: AdminApp[] = [];
  @state() private appsStatus: Status = 'idle';
  @state() private listError = '';
  @state() private listRetry = false;
  @state() private notice = '';
  @state() private tree: BrandNode[] = [];

  @state() private appForm: AppFormState | undefined;
  @state() private appValues: AppFormValues = EMPTY_APP;
  @state() private appErrors: Partial<Record<AppField, string>> = {};
  @state() private formError = '';
  @state() private iconFile: File | undefined;
  @state() private iconPreview: string | undefined;
  @state() private busy = false;
  @state() private dragId: string | undefined;
  @state() private dropId: string | undefined;

  @state() private groups: MosaicGroup[] = [];
  @state() private groupsStatus: Status = 'idle';
  @state() private groupsError = '';
  @state() private groupsRetry = false;
  @state() private groupForm: GroupFormState | undefined;
  @state() private groupValues: GroupFormValues = EMPTY_GROUP;
  @state() private groupErrors: Partial<Record<GroupField, string>> = {};
  @state() private groupFormError = '';
  @state() private openGroups: ReadonlySet<string> = new Set();

  @state() private confirm: Confirm | undefined;

  #mosaic: MosaicGroupsApi | undefined;
  /** Bumped when the client or broker changes, so late answers for the old ones are dropped. */
  #generation = 0;
  /** Where focus goes back to when a form or the dialog closes. */
  #returnFocus: string | undefined;

  /** The strings: the table for the language, with the host's overrides. */
  private get m(): AdminMessages {
    return { ...adminMessagesFor(this.lang || document.documentElement.lang), ...this.messages };
  }

  private get brand(): string | undefined {
    return this.client?.config.brand;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#setPreview(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('broker')) void this.#load();
    else if (changed.has('brands') && this.brands) this.tree = this.#treeFrom(this.brands);
  }

  // ---- Loading ------------------------------------------------------------------------------------

  async #load(): Promise<void> {
    const generation = ++this.#generation;
    this.#mosaic = undefined;
    this.apps = [];
    this.groups = [];
    this.appForm = undefined;
    this.groupForm = undefined;
    const client = this.client;
    if (!client) return;
    const broker = this.#brokerUrl();
    if (broker) this.#mosaic = mosaicViaBroker(client.session, broker);
    await Promise.all([this.#loadApps(generation), this.#loadBrands(generation), broker ? this.#loadGroups(generation) : undefined]);
  }

  #brokerUrl(): string | undefined {
    if (!this.broker) return undefined;
    try {
      return safeHttpUrl(this.broker, document.baseURI) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Loads the apps; `keepError` keeps the alert of the action that asked for the reload. */
  async #loadApps(generation = this.#generation, keepError = false): Promise<void> {
    const client = this.client;
    const brand = this.brand;
    if (!client || !brand) return;
    this.appsStatus = 'loading';
    try {
      const answer = await client.session.request({ path: `/brands/${encodeURIComponent(brand)}/sso_applications`, schema: AdminAppList });
      if (generation !== this.#generation) return;
      this.apps = sortApps(answer.data);
      this.appsStatus = 'ready';
      if (!keepError) this.listError = '';
      this.listRetry = false;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.appsStatus = 'error';
      this.listError = this.#report(error, 'apps');
      this.listRetry = this.#retryable(error);
    }
  }

  async #loadBrands(generation: number): Promise<void> {
    const client = this.client;
    const brand = this.brand;
    if (!client || !brand) return;
    if (this.brands) {
      this.tree = this.#treeFrom(this.brands);
      return;
    }
    try {
      const { brands } = await checkBrandAdmin(client.session, brand);
      if (generation === this.#generation) this.tree = this.#treeFrom(brands);
    } catch {
      // Without the tree, the picker offers this brand alone; the save still works.
      if (generation === this.#generation) this.tree = this.#treeFrom([]);
    }
  }

  /** The picker's tree; this launcher's brand is always in it, even when the server did not name it. */
  #treeFrom(brands: readonly Brand[]): BrandNode[] {
    const tree = brandTree(brands);
    const brand = this.brand;
    if (brand && !tree.some((n) => n.id === brand)) tree.push({ id: brand, name: this.m.thisBrand, depth: 0, parentId: null, admin: true });
    return tree;
  }

  async #loadGroups(generation = this.#generation, keepError = false): Promise<void> {
    const mosaic = this.#mosaic;
    if (!mosaic) return;
    this.groupsStatus = 'loading';
    try {
      const groups = await mosaic.listGroups();
      if (generation !== this.#generation) return;
      this.groups = groups;
      this.groupsStatus = 'ready';
      if (!keepError) this.groupsError = '';
      this.groupsRetry = false;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.groupsStatus = 'error';
      this.groupsError = this.#report(error, 'groups');
      this.groupsRetry = this.#retryable(error);
    }
  }

  // ---- Errors and events --------------------------------------------------------------------------

  /** The plain sentence for an error, told to the host through `sso-error` too. */
  #report(error: unknown, area: 'apps' | 'groups'): string {
    const message = this.#describe(error, area);
    emit(this, 'sso-error', { error, message });
    return message;
  }

  #describe(error: unknown, area: 'apps' | 'groups'): string {
    const m = this.m;
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
    return describeError(error, 'apps', messagesFor(this.lang || document.documentElement.lang));
  }

  /** Whether "Try again" can help: offline, a timeout, a server or Mosaic failure; not a refusal. */
  #retryable(error: unknown): boolean {
    if (isMosaicError(error)) return error.kind === 'failed';
    if (isSsoError(error, ErrorCode.Network) || isSsoError(error, ErrorCode.Timeout)) return true;
    const status = (error as { status?: unknown }).status;
    return typeof status === 'number' && (status >= 500 || status === 408 || status === 429) && status !== 501;
  }

  #changed(detail: SsoAppsChangedDetail): void {
    this.dispatchEvent(new CustomEvent('sso-apps-changed', { detail, bubbles: true, composed: true }));
  }

  #groupsChanged(detail: SsoGroupsChangedDetail): void {
    this.dispatchEvent(new CustomEvent('sso-groups-changed', { detail, bubbles: true, composed: true }));
  }

  /** Focuses `selector` in the shadow root after the next render. */
  async #focus(selector: string | undefined): Promise<void> {
    await this.updateComplete;
    const target = selector ? this.renderRoot.querySelector<HTMLElement>(selector) : null;
    (target ?? this.renderRoot.querySelector<HTMLElement>('#add-app'))?.focus();
  }

  // ---- Apps: form ---------------------------------------------------------------------------------

  private handleAddApp = (): void => {
    this.#openAppForm({ mode: 'create' }, '#add-app');
  };

  private handleEditApp = (event: Event): void => {
    const app = this.#appFor(event);
    if (app) this.#openAppForm({ mode: 'edit', app }, `button[data-action="edit"][data-id="${CSS.escape(app.id)}"]`);
  };

  #openAppForm(form: AppFormState, returnFocus: string): void {
    this.groupForm = undefined;
    this.appForm = form;
    this.#returnFocus = returnFocus;
    this.appErrors = {};
    this.formError = '';
    this.notice = '';
    if (this.appsStatus !== 'error') this.listError = '';
    this.#setPreview(undefined);
    this.iconFile = undefined;
    if (form.mode === 'create') {
      const brand = this.brand;
      this.appValues = { ...EMPTY_APP, brands: brand ? [brand] : [] };
    } else {
      const app = form.app;
      this.appValues = {
        name: app.name,
        authentication_type: app.authentication_type === 'SAML' ? 'SAML' : 'None',
        url: app.url ?? '',
        acs_url: app.acs_url ?? '',
        entity_id: app.entity_id ?? '',
        brands: appBrandIds(app),
      };
    }
    void this.#focus('#app-name');
  }

  private handleCancelApp = (): void => {
    this.appForm = undefined;
    this.#setPreview(undefined);
    this.iconFile = undefined;
    void this.#focus(this.#returnFocus);
  };

  private handleAppInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const key = input.name as 'name' | 'url' | 'acs_url' | 'entity_id' | 'authentication_type';
    this.appValues = { ...this.appValues, [key]: input.value };
    // A message goes away as soon as the field is edited; it comes back, if still due, on save.
    if (key in this.appErrors) this.appErrors = { ...this.appErrors, [key]: undefined };
  };

  private handleBrandToggle = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const brands = new Set(this.appValues.brands);
    if (input.checked) brands.add(input.value);
    else brands.delete(input.value);
    this.appValues = { ...this.appValues, brands: [...brands] };
    if (this.appErrors.brands) this.appErrors = { ...this.appErrors, brands: undefined };
  };

  private handleIconChange = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    this.#setPreview(undefined);
    this.iconFile = undefined;
    if (!file) return;
    const problem = iconError(file, this.m);
    this.appErrors = { ...this.appErrors, icon: problem };
    if (problem) {
      input.value = '';
      return;
    }
    this.iconFile = file;
    this.#setPreview(URL.createObjectURL(file));
  };

  /** A `blob:` URL of the chosen file, for the preview; revoked when replaced. Local, never from the network. */
  #setPreview(url: string | undefined): void {
    if (this.iconPreview) URL.revokeObjectURL(this.iconPreview);
    this.iconPreview = url;
  }

  private handleAppSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = this.appForm;
    const client = this.client;
    const brand = this.brand;
    if (!form || !client || !brand || this.busy) return;
    const errors = validateAppForm(this.appValues, this.m);
    if (this.appErrors.icon) errors.icon = this.appErrors.icon;
    const invalid = (Object.keys(errors) as AppField[]).filter((k) => errors[k]);
    this.appErrors = errors;
    if (invalid.length) {
      this.formError = this.m.fixErrors(invalid.length);
      void this.#focus(`#${APP_FIELD_IDS[invalid[0]!]}`);
      return;
    }
    this.formError = '';
    this.busy = true;
    const v = this.appValues;
    const fields: SsoAppInput = {
      name: v.name.trim(),
      authentication_type: v.authentication_type,
      url: v.authentication_type === 'None' ? v.url.trim() : null,
      acs_url: v.authentication_type === 'SAML' ? v.acs_url.trim() : null,
      entity_id: v.authentication_type === 'SAML' ? v.entity_id.trim() : null,
    };
    const api = client.session;
    try {
      let id: string;
      if (form.mode === 'create') {
        id = (await createApp(api, brand, { ...fields, brands: [...v.brands] })).id;
      } else {
        id = form.app.id;
        await updateApp(api, brand, id, this.#updateBody(form.app, fields));
        const before = appBrandIds(form.app);
        if (before.length !== v.brands.length || before.some((b) => !v.brands.includes(b))) {
          await setAppBrands(api, brand, id, [...v.brands]);
        }
      }
      // The icon goes last: it needs the id, and the app must still be in this brand to take it.
      if (this.iconFile && v.brands.includes(brand)) await setAppIcon(api, brand, id, this.iconFile, this.iconFile.name);
      this.appForm = undefined;
      this.#setPreview(undefined);
      this.iconFile = undefined;
      await this.#loadApps();
      const name = fields.name;
      this.notice = this.apps.some((a) => a.id === id)
        ? form.mode === 'create'
          ? this.m.created(name)
          : this.m.saved(name)
        : this.m.notInBrand(name);
      // An http: address still opens, but unencrypted: say so once it is saved, while the admin can change it.
      if (isPlainHttpUrl(fields.url)) this.notice += ` ${this.m.plainHttpWarning}`;
      this.#changed({ reason: form.mode === 'create' ? 'created' : 'updated', appId: id });
      void this.#focus(form.mode === 'create' ? '#add-app' : this.#returnFocus);
    } catch (error) {
      this.formError = this.#report(error, 'apps');
      if (isSsoError(error, ErrorCode.Http) && (error as unknown as HttpError).status === 404) {
        this.appForm = undefined;
        this.listError = this.formError;
        await this.#loadApps(this.#generation, true);
      }
    } finally {
      this.busy = false;
    }
  };

  /** An update's body: the app as listed (minus the server's own fields), with `changes` on top. */
  #updateBody(app: AdminApp, changes: Partial<SsoAppInput>): SsoAppInput {
    const body: Record<string, unknown> = { ...app };
    for (const key of SERVER_FIELDS) delete body[key];
    return { ...body, ...changes } as SsoAppInput;
  }

  #appFor(event: Event): AdminApp | undefined {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    return this.apps.find((a) => a.id === id);
  }

  // ---- Apps: delete and order ---------------------------------------------------------------------

  private handleDeleteApp = (event: Event): void => {
    const app = this.#appFor(event);
    if (!app) return;
    this.#returnFocus = `button[data-action="delete"][data-id="${CSS.escape(app.id)}"]`;
    void this.#openConfirm({ kind: 'app', id: app.id, name: app.name });
  };

  private handleMove = (event: Event): void => {
    const button = event.currentTarget as HTMLButtonElement;
    if (button.getAttribute('aria-disabled') === 'true' || this.busy) return;
    const from = this.apps.findIndex((a) => a.id === button.dataset.id);
    if (from < 0) return;
    const to = button.dataset.action === 'up' ? from - 1 : from + 1;
    void this.#move(from, to, `button[data-action="${button.dataset.action}"][data-id="${CSS.escape(button.dataset.id!)}"]`);
  };

  private handleDragStart = (event: DragEvent): void => {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    if (!id || this.busy) return event.preventDefault();
    this.dragId = id;
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', id);
    }
  };

  private handleDragOver = (event: DragEvent): void => {
    if (!this.dragId) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.dropId = (event.currentTarget as HTMLElement).dataset.id;
  };

  private handleDrop = (event: DragEvent): void => {
    event.preventDefault();
    const targetId = (event.currentTarget as HTMLElement).dataset.id;
    const from = this.apps.findIndex((a) => a.id === this.dragId);
    const to = this.apps.findIndex((a) => a.id === targetId);
    this.dragId = undefined;
    this.dropId = undefined;
    if (from >= 0 && to >= 0 && from !== to) void this.#move(from, to);
  };

  private handleDragEnd = (): void => {
    this.dragId = undefined;
    this.dropId = undefined;
  };

  /**
   * Moves an app and saves the new order. The brand's existing `order` values are handed out again
   * in the new sequence (made distinct where two were equal), so only the apps that moved are
   * updated, and apps of other brands keep their places relative to these.
   */
  async #move(from: number, to: number, focusSelector?: string): Promise<void> {
    const client = this.client;
    const brand = this.brand;
    if (!client || !brand || to < 0 || to >= this.apps.length) return;
    const before = this.apps;
    const next = [...before];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    const orders = before.map((a) => a.order ?? 0).sort((a, b) => a - b);
    for (let i = 1; i < orders.length; i++) if (orders[i]! <= orders[i - 1]!) orders[i] = orders[i - 1]! + 1;
    const changes = next.flatMap((app, i) => (app.order === orders[i] ? [] : [{ app, order: orders[i]! }]));
    this.apps = next.map((app, i) => ({ ...app, order: orders[i] }));
    this.notice = this.m.moved(moved!.name, to + 1, next.length);
    this.listError = '';
    if (focusSelector) void this.#focus(focusSelector);
    this.busy = true;
    try {
      for (const { app, order } of changes) await updateApp(client.session, brand, app.id, this.#updateBody(app, { order }));
      this.#changed({ reason: 'reordered' });
    } catch (error) {
      this.notice = '';
      this.listError = this.#report(error, 'apps');
      await this.#loadApps(this.#generation, true);
    } finally {
      this.busy = false;
    }
  }

  // ---- Groups -------------------------------------------------------------------------------------

  private handleAddGroup = (): void => {
    this.#openGroupForm({ mode: 'create' }, '#add-group');
  };

  private handleEditGroup = (event: Event): void => {
    const group = this.#groupFor(event);
    if (group) this.#openGroupForm({ mode: 'edit', group }, `button[data-action="edit-group"][data-id="${CSS.escape(group.id)}"]`);
  };

  #groupFor(event: Event): MosaicGroup | undefined {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    return this.groups.find((g) => g.id === id);
  }

  #openGroupForm(form: GroupFormState, returnFocus: string): void {
    this.appForm = undefined;
    this.groupForm = form;
    this.#returnFocus = returnFocus;
    this.groupErrors = {};
    this.groupFormError = '';
    this.notice = '';
    if (this.groupsStatus !== 'error') this.groupsError = '';
    if (form.mode === 'create') this.groupValues = EMPTY_GROUP;
    else {
      const { group } = form;
      const c = group.configuration ?? {};
      this.groupValues = {
        name: group.name,
        description: group.description ?? '',
        journey: c.journey ?? '',
        allowSilentLogin: Boolean(c.allowSilentLogin),
        sessionTimeout: c.sessionTimeout == null ? '' : String(c.sessionTimeout),
        granularity: c.sessionTimeoutGranularity ?? 'minutes',
      };
    }
    void this.#focus('#group-name');
  }

  private handleCancelGroup = (): void => {
    this.groupForm = undefined;
    void this.#focus(this.#returnFocus);
  };

  private handleGroupInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const key = input.name as keyof GroupFormValues;
    const value = input.type === 'checkbox' ? input.checked : input.value;
    this.groupValues = { ...this.groupValues, [key]: value };
    const field = (key === 'granularity' ? 'granularity' : key) as GroupField;
    if (field in this.groupErrors) this.groupErrors = { ...this.groupErrors, [field]: undefined };
  };

  private handleGroupSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = this.groupForm;
    const mosaic = this.#mosaic;
    if (!form || !mosaic || this.busy) return;
    const checked = validateGroupForm(this.groupValues, this.m);
    if (checked.errors) {
      const invalid = (Object.keys(checked.errors) as GroupField[]).filter((k) => checked.errors[k]);
      this.groupErrors = checked.errors;
      this.groupFormError = this.m.fixErrors(invalid.length);
      void this.#focus(`#${GROUP_FIELD_IDS[invalid[0]!]}`);
      return;
    }
    this.groupErrors = {};
    this.groupFormError = '';
    this.busy = true;
    try {
      let id: string | undefined;
      if (form.mode === 'create') id = (await mosaic.createGroup(checked.input))?.id;
      else await mosaic.updateGroup((id = form.group.id), checked.input);
      this.groupForm = undefined;
      await this.#loadGroups();
      this.notice = form.mode === 'create' ? this.m.groupCreated(checked.input.name) : this.m.groupSaved(checked.input.name);
      this.#groupsChanged({ reason: form.mode === 'create' ? 'created' : 'updated', ...(id ? { groupId: id } : {}) });
      void this.#focus(form.mode === 'create' ? '#add-group' : this.#returnFocus);
    } catch (error) {
      this.groupFormError = this.#report(error, 'groups');
      if (isMosaicError(error) && error.kind === 'not-found') {
        this.groupForm = undefined;
        this.groupsError = this.groupFormError;
        await this.#loadGroups(this.#generation, true);
      }
    } finally {
      this.busy = false;
    }
  };

  private handleDeleteGroup = (event: Event): void => {
    const group = this.#groupFor(event);
    if (!group) return;
    this.#returnFocus = `button[data-action="delete-group"][data-id="${CSS.escape(group.id)}"]`;
    void this.#openConfirm({ kind: 'group', id: group.id, name: group.name });
  };

  private handleToggleClients = (event: Event): void => {
    const id = (event.currentTarget as HTMLElement).dataset.id!;
    const open = new Set(this.openGroups);
    if (open.has(id)) open.delete(id);
    else open.add(id);
    this.openGroups = open;
  };

  // ---- Confirmation -------------------------------------------------------------------------------

  async #openConfirm(confirm: Confirm): Promise<void> {
    this.confirm = confirm;
    this.notice = '';
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Cancel first: Enter on a delete nobody meant must not delete.
    dialog.querySelector<HTMLButtonElement>('button[value="cancel"]')?.focus();
  }

  private handleConfirmClose = (): void => {
    const dialog = this.renderRoot.querySelector('dialog');
    const confirm = this.confirm;
    const accepted = dialog?.returnValue === 'delete';
    this.confirm = undefined;
    if (dialog) dialog.returnValue = '';
    if (!confirm || !accepted) {
      void this.#focus(this.#returnFocus);
      return;
    }
    void (confirm.kind === 'app' ? this.#deleteApp(confirm) : this.#deleteGroup(confirm));
  };

  async #deleteApp(confirm: Confirm): Promise<void> {
    const client = this.client;
    const brand = this.brand;
    if (!client || !brand) return;
    this.busy = true;
    let failed = false;
    try {
      await deleteApp(client.session, brand, confirm.id);
      this.appForm = undefined;
      this.listError = '';
      this.#changed({ reason: 'deleted', appId: confirm.id });
    } catch (error) {
      failed = true;
      this.listError = this.#report(error, 'apps');
    } finally {
      this.busy = false;
    }
    await this.#loadApps(this.#generation, failed);
    // Announced once the list agrees.
    if (!failed) this.notice = this.m.deleted(confirm.name);
    void this.#focus('#add-app');
  }

  async #deleteGroup(confirm: Confirm): Promise<void> {
    const mosaic = this.#mosaic;
    if (!mosaic) return;
    this.busy = true;
    try {
      await mosaic.deleteGroup(confirm.id);
      this.groupForm = undefined;
      this.groupsError = '';
      this.#groupsChanged({ reason: 'deleted', groupId: confirm.id });
      await this.#loadGroups();
      this.notice = this.m.groupDeleted(confirm.name);
      void this.#focus('#add-group');
    } catch (error) {
      this.groupsError = this.#report(error, 'groups');
      if (isMosaicError(error) && error.kind === 'not-found') await this.#loadGroups(this.#generation, true);
      void this.#focus(this.#returnFocus);
    } finally {
      this.busy = false;
    }
  }

  // ---- Rendering ----------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    return html`
      <p class="status" role="status">${this.notice}</p>
      ${this.renderApps()} ${this.#mosaic ? this.renderGroups() : nothing} ${this.renderConfirm()}
    `;
  }

  private renderAlert(message: string, retry?: () => void): TemplateResult | typeof nothing {
    if (!message) return nothing;
    return html`<div class="alert" role="alert" part="error"><span>${message}</span>
      ${retry ? html`<button part="button" type="button" class="small" @click=${retry}>${this.m.tryAgain}</button>` : nothing}</div>`;
  }

  private renderApps(): TemplateResult {
    const m = this.m;
    return html`<section aria-labelledby="apps-title">
      <div class="bar">
        <h2 id="apps-title">${m.title}</h2>
        <button part="button" id="add-app" class="primary" type="button" ?disabled=${!this.client}
          aria-expanded=${this.appForm?.mode === 'create' ? 'true' : 'false'} @click=${this.handleAddApp}>${m.addApp}</button>
      </div>
      ${this.renderAlert(this.listError, this.listRetry ? () => void this.#loadApps() : undefined)}
      ${this.appForm ? this.renderAppForm(this.appForm) : nothing}
      ${this.renderAppList()}
    </section>`;
  }

  private renderAppList(): TemplateResult | typeof nothing {
    const m = this.m;
    if (this.appsStatus === 'loading' && this.apps.length === 0) return html`<p class="muted" aria-busy="true">${m.loadingApps}</p>`;
    if (this.appsStatus === 'ready' && this.apps.length === 0) return html`<p class="muted">${m.noApps}</p>`;
    if (this.apps.length === 0) return nothing;
    const last = this.apps.length - 1;
    return html`
      <p id="drag-hint" class="hint">${m.dragHint}</p>
      <ul class="apps" aria-label=${m.appsLabel} aria-describedby="drag-hint">
        ${repeat(
          this.apps,
          (app) => app.id,
          (app, i) => html`<li class="app ${this.dragId === app.id ? 'dragging' : ''} ${this.dropId === app.id && this.dragId !== app.id ? 'drop-target' : ''}"
            draggable="true" data-id=${app.id} @dragstart=${this.handleDragStart} @dragover=${this.handleDragOver}
            @drop=${this.handleDrop} @dragend=${this.handleDragEnd}>
            <span class="grip" aria-hidden="true">⋮⋮</span>
            ${this.renderIcon(app)}
            <span class="app-name"><span class="title">${app.name}</span><span class="muted">${app.authentication_type === 'SAML' ? m.typeSaml : m.typeNone}</span></span>
            <span class="actions">
              <button part="button" type="button" class="small" data-action="up" data-id=${app.id} aria-label=${m.moveUp(app.name)}
                aria-disabled=${i === 0 ? 'true' : 'false'} @click=${this.handleMove}>↑</button>
              <button part="button" type="button" class="small" data-action="down" data-id=${app.id} aria-label=${m.moveDown(app.name)}
                aria-disabled=${i === last ? 'true' : 'false'} @click=${this.handleMove}>↓</button>
              <button part="button" type="button" class="small" data-action="edit" data-id=${app.id} @click=${this.handleEditApp}>${m.edit}<span
                class="visually-hidden"> ${app.name}</span></button>
              <button part="button" type="button" class="small" data-action="delete" data-id=${app.id} @click=${this.handleDeleteApp}>${m.delete}<span
                class="visually-hidden"> ${app.name}</span></button>
            </span>
          </li>`,
        )}
      </ul>
    `;
  }

  private renderIcon(app: AdminApp): TemplateResult {
    const icon = safeIconUrl(app.icon);
    return icon
      ? html`<img class="icon" src=${icon} alt="" referrerpolicy="no-referrer" loading="lazy" />`
      : html`<span class="icon" aria-hidden="true">${initials(app.name)}</span>`;
  }

  /** A labelled input with its hint and its message, linked by `aria-describedby`. */
  private renderField(options: {
    id: string;
    name: string;
    label: string;
    value: string;
    error?: string;
    hint?: string;
    type?: 'text' | 'url' | 'number';
    onInput: (event: Event) => void;
    extra?: { inputmode?: string; min?: string };
  }): TemplateResult {
    const { id, error, hint } = options;
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${options.label}</label>
      <input part="input" id=${id} name=${options.name} type=${options.type ?? 'text'} .value=${options.value} autocomplete="off"
        spellcheck="false" min=${options.extra?.min ?? nothing} inputmode=${options.extra?.inputmode ?? nothing}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy || nothing} @input=${options.onInput} />
      ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
      ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  private renderAppForm(form: AppFormState): TemplateResult {
    const m = this.m;
    const v = this.appValues;
    const e = this.appErrors;
    const title = form.mode === 'create' ? m.addAppTitle : m.editAppTitle(form.app.name);
    return html`<form part="form" class="panel" aria-labelledby="app-form-title" novalidate @submit=${this.handleAppSubmit}>
      <h3 id="app-form-title">${title}</h3>
      ${this.renderAlert(this.formError)}
      ${this.renderField({ id: 'app-name', name: 'name', label: m.name, value: v.name, error: e.name, onInput: this.handleAppInput })}
      <fieldset>
        <legend>${m.signInType}</legend>
        <label class="choice"><input type="radio" name="authentication_type" value="None" .checked=${v.authentication_type === 'None'}
          @change=${this.handleAppInput} />${m.typeNone}</label>
        <label class="choice"><input type="radio" name="authentication_type" value="SAML" .checked=${v.authentication_type === 'SAML'}
          @change=${this.handleAppInput} />${m.typeSaml}</label>
      </fieldset>
      ${v.authentication_type === 'None'
        ? this.renderField({ id: 'app-url', name: 'url', label: m.url, value: v.url, error: e.url, hint: m.urlHint, type: 'url', onInput: this.handleAppInput })
        : html`${this.renderField({ id: 'app-acs', name: 'acs_url', label: m.acsUrl, value: v.acs_url, error: e.acs_url, hint: m.acsUrlHint, type: 'url', onInput: this.handleAppInput })}
          ${this.renderField({ id: 'app-entity', name: 'entity_id', label: m.entityId, value: v.entity_id, error: e.entity_id, hint: m.entityIdHint, type: 'url', onInput: this.handleAppInput })}`}
      ${this.renderBrandPicker()} ${this.renderIconField(form)}
      <div class="row">
        <button part="button" class="primary" type="submit" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>${this.busy ? m.saving : m.save}</button>
        <button part="button" type="button" @click=${this.handleCancelApp}>${m.cancel}</button>
      </div>
    </form>`;
  }

  private renderBrandPicker(): TemplateResult {
    const m = this.m;
    const selected = new Set(this.appValues.brands);
    const shown = new Set(this.tree.map((n) => n.id));
    const others = [...selected].filter((id) => !shown.has(id)).length;
    const error = this.appErrors.brands;
    const describedBy = ['brands-hint', error ? 'brands-error' : ''].filter(Boolean).join(' ');
    return html`<fieldset aria-describedby=${describedBy}>
      <legend>${m.allowedBrands}</legend>
      <p class="hint" id="brands-hint">${m.allowedBrandsHint}</p>
      <ul class="tree">
        ${repeat(
          this.tree,
          (node) => node.id,
          (node, i) => html`<li style=${styleMap({ '--depth': String(node.depth) })}>
            <label class="choice"><input type="checkbox" id="brand-${i}" value=${node.id} .checked=${selected.has(node.id)}
              ?disabled=${!node.admin} aria-invalid=${error ? 'true' : 'false'} @change=${this.handleBrandToggle} />${node.name}</label>
          </li>`,
        )}
      </ul>
      ${others ? html`<p class="hint">${m.otherBrands(others)}</p>` : nothing}
      ${error ? html`<p class="field-error" id="brands-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  private renderIconField(form: AppFormState): TemplateResult {
    const m = this.m;
    const error = this.appErrors.icon;
    const current = form.mode === 'edit' ? safeIconUrl(form.app.icon) : null;
    const describedBy = ['app-icon-hint', error ? 'app-icon-error' : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for="app-icon">${m.icon}</label>
      <div class="icon-row">
        ${this.iconPreview
          ? html`<img class="icon preview" src=${this.iconPreview} alt=${m.iconPreview} />`
          : current
            ? html`<img class="icon" src=${current} alt=${m.currentIcon} referrerpolicy="no-referrer" />`
            : nothing}
        <input part="input" id="app-icon" name="icon" type="file" accept=${ICON_TYPES.join(',')} aria-describedby=${describedBy}
          aria-invalid=${error ? 'true' : 'false'} @change=${this.handleIconChange} />
      </div>
      <p class="hint" id="app-icon-hint">${m.iconHint}</p>
      ${error ? html`<p class="field-error" id="app-icon-error">${error}</p>` : nothing}
    </div>`;
  }

  private renderGroups(): TemplateResult {
    const m = this.m;
    return html`<section aria-labelledby="groups-title">
      <div class="bar">
        <h2 id="groups-title">${m.groupsTitle}</h2>
        <button part="button" id="add-group" class="primary" type="button" aria-expanded=${this.groupForm?.mode === 'create' ? 'true' : 'false'}
          @click=${this.handleAddGroup}>${m.addGroup}</button>
      </div>
      ${this.renderAlert(this.groupsError, this.groupsRetry ? () => void this.#loadGroups() : undefined)}
      ${this.groupForm ? this.renderGroupForm(this.groupForm) : nothing}
      ${this.renderGroupList()}
    </section>`;
  }

  private renderGroupList(): TemplateResult | typeof nothing {
    const m = this.m;
    if (this.groupsStatus === 'loading' && this.groups.length === 0) return html`<p class="muted" aria-busy="true">${m.loadingGroups}</p>`;
    if (this.groupsStatus === 'ready' && this.groups.length === 0) return html`<p class="muted">${m.noGroups}</p>`;
    if (this.groups.length === 0) return nothing;
    return html`<ul class="groups" aria-label=${m.groupsLabel}>
      ${repeat(this.groups, (g) => g.id, (g) => this.renderGroup(g))}
    </ul>`;
  }

  private renderGroup(group: MosaicGroup): TemplateResult {
    const m = this.m;
    const c = group.configuration ?? {};
    const clients = group.clients ?? [];
    const open = this.openGroups.has(group.id);
    const clientsId = `clients-${group.id}`;
    const unit = c.sessionTimeoutGranularity ? (m.granularity[c.sessionTimeoutGranularity] ?? c.sessionTimeoutGranularity) : '';
    const summary = [
      c.sessionTimeout != null ? m.sessionSummary(c.sessionTimeout, unit) : '',
      c.allowSilentLogin ? m.silentOn : m.silentOff,
      c.journey ? `${m.journey}: ${c.journey}` : '',
    ].filter(Boolean);
    return html`<li class="group">
      <div class="head">
        <h3>${group.name}</h3>
        <span class="actions">
          <button part="button" type="button" class="small" data-action="edit-group" data-id=${group.id} @click=${this.handleEditGroup}>${m.edit}<span
            class="visually-hidden"> ${group.name}</span></button>
          <button part="button" type="button" class="small" data-action="delete-group" data-id=${group.id} @click=${this.handleDeleteGroup}>${m.delete}<span
            class="visually-hidden"> ${group.name}</span></button>
        </span>
      </div>
      ${group.description ? html`<p>${group.description}</p>` : nothing}
      <p class="muted">${summary.join(' · ')}</p>
      <button part="button" type="button" class="small" data-id=${group.id} aria-expanded=${open ? 'true' : 'false'} aria-controls=${clientsId}
        @click=${this.handleToggleClients}>${m.showClients(group.name, clients.length)}</button>
      <div id=${clientsId} ?hidden=${!open}>
        ${open
          ? clients.length
            ? html`<ul class="clients">
                ${repeat(clients, (client) => client.client_id, (client) => html`<li>
                  <strong>${client.name || client.client_id}</strong>
                  ${client.authentication_protocol ? html` <span class="muted">${client.authentication_protocol.toUpperCase()}</span>` : nothing}
                  <dl>
                    <dt>${m.clientId}</dt><dd>${client.client_id}</dd>
                    ${client.redirect_uris?.length ? html`<dt>${m.redirectUris}</dt><dd>${client.redirect_uris.join(', ')}</dd>` : nothing}
                    ${client.sso_url ? html`<dt>${m.ssoUrl}</dt><dd>${client.sso_url}</dd>` : nothing}
                  </dl>
                </li>`)}
              </ul>`
            : html`<p class="muted">${m.noClients}</p>`
          : nothing}
      </div>
    </li>`;
  }

  private renderGroupForm(form: GroupFormState): TemplateResult {
    const m = this.m;
    const v = this.groupValues;
    const e = this.groupErrors;
    const title = form.mode === 'create' ? m.addGroupTitle : m.editGroupTitle(form.group.name);
    const descriptionDescribedBy = e.description ? 'group-description-error' : '';
    return html`<form part="form" class="panel" aria-labelledby="group-form-title" novalidate @submit=${this.handleGroupSubmit}>
      <h3 id="group-form-title">${title}</h3>
      ${this.renderAlert(this.groupFormError)}
      ${this.renderField({ id: 'group-name', name: 'name', label: m.name, value: v.name, error: e.name, onInput: this.handleGroupInput })}
      <div class="field">
        <label for="group-description">${m.description}</label>
        <textarea id="group-description" name="description" .value=${v.description} aria-invalid=${e.description ? 'true' : 'false'}
          aria-describedby=${descriptionDescribedBy || nothing} @input=${this.handleGroupInput}></textarea>
        ${e.description ? html`<p class="field-error" id="group-description-error">${e.description}</p>` : nothing}
      </div>
      ${this.renderField({ id: 'group-journey', name: 'journey', label: m.journey, value: v.journey, error: e.journey, hint: m.journeyHint, onInput: this.handleGroupInput })}
      <div class="field">
        <label class="choice"><input type="checkbox" name="allowSilentLogin" .checked=${v.allowSilentLogin} aria-describedby="group-silent-hint"
          @change=${this.handleGroupInput} />${m.allowSilentLogin}</label>
        <p class="hint" id="group-silent-hint">${m.allowSilentLoginHint}</p>
      </div>
      <div class="inline">
        ${this.renderField({
          id: 'group-timeout',
          name: 'sessionTimeout',
          label: m.sessionTimeout,
          value: v.sessionTimeout,
          error: e.sessionTimeout,
          type: 'number',
          onInput: this.handleGroupInput,
          extra: { min: '1', inputmode: 'numeric' },
        })}
        <div class="field">
          <label for="group-unit">${m.sessionTimeoutUnit}</label>
          <select id="group-unit" name="granularity" .value=${v.granularity} aria-invalid=${e.granularity ? 'true' : 'false'}
            aria-describedby=${e.granularity ? 'group-unit-error' : nothing} @change=${this.handleGroupInput}>
            ${SESSION_TIMEOUT_GRANULARITIES.map((g) => html`<option value=${g} ?selected=${v.granularity === g}>${m.granularity[g] ?? g}</option>`)}
          </select>
          ${e.granularity ? html`<p class="field-error" id="group-unit-error">${e.granularity}</p>` : nothing}
        </div>
      </div>
      <div class="row">
        <button part="button" class="primary" type="submit" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>${this.busy ? m.saving : m.save}</button>
        <button part="button" type="button" @click=${this.handleCancelGroup}>${m.cancel}</button>
      </div>
    </form>`;
  }

  private renderConfirm(): TemplateResult {
    const m = this.m;
    const c = this.confirm;
    const title = !c ? '' : c.kind === 'app' ? m.confirmDeleteApp(c.name) : m.confirmDeleteGroup(c.name);
    const text = !c ? '' : c.kind === 'app' ? m.confirmDeleteAppText : m.confirmDeleteGroupText;
    // A native modal <dialog>: role, focus trap, Escape and the inert page behind come with it.
    return html`<dialog part="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${this.handleConfirmClose}>
      <form method="dialog">
        <h3 id="confirm-title">${title}</h3>
        <p id="confirm-text">${text}</p>
        <div class="row">
          <button part="button" class="danger" value="delete">${m.delete}</button>
          <button part="button" value="cancel">${m.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }
}
