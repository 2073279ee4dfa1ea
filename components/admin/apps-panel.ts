/**
 * `<sso-admin-apps>`: a brand's SSO apps, for its admins. Lists them in the order agents see; adds and
 * edits them; deletes after a confirmation; reorders by dragging or with Move up / Move down.
 * @module
 */
import { initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ErrorCode, HttpError, isSsoError } from '../../core/errors.ts';
import type { LauncherClient } from '../../core/launcher.ts';
import {
  appUpdateBody,
  createApp,
  deleteApp,
  listAdminApps,
  reorderPlan,
  setAppBrands,
  setAppIcon,
  updateApp,
  type AdminApp,
  type SsoAppInput,
} from '../../core/rechat/apps.ts';
import type { BrandNode } from '../../core/rechat/brands.ts';
import { appBrandIds } from '../../core/rechat/schemas.ts';
import { isPlainHttpUrl, safeIconUrl } from '../../core/urls.ts';
import { emit } from '../events.ts';
import { iconError, validateAppForm, type AppField } from '../sso-launcher-admin.form.ts';
import { hueClassFor } from '../initial-icon.ts';
import { initials } from '../tile.ts';
import { APP_FIELD_IDS, appFieldShown, openAppForm, renderAppForm, type AppForm } from './app-form.ts';
import { AdminList } from './list.ts';
import { AdminPanel } from './panel.ts';
import { invalidFields, recountSummary } from './summary.ts';

const byId = (action: string, id: string) => `button[data-action="${action}"][data-id="${CSS.escape(id)}"]`;

/**
 * The apps of `client.config.brand`. Rendered by `<sso-launcher-admin>`, one per client.
 * @internal
 */
export class SsoAdminApps extends AdminPanel {
  /** The launcher's client: its session makes the calls, its `config.brand` is the brand managed. */
  @property({ attribute: false }) client: LauncherClient | undefined;
  /** The brands the picker offers, from the shell. */
  @property({ attribute: false }) tree: readonly BrandNode[] = [];

  @state() private form: AppForm | undefined;
  @state() private busy = false;
  /** The app being dragged, and the one it is over. */
  @state() private drag: { id: string; over?: string | undefined } | undefined;

  protected override readonly area = 'apps';
  protected override readonly addButton = '#add-app';
  protected override readonly list = new AdminList(this, {
    args: () => [this.client, this.brand] as const,
    load: async ([client, brand], signal) => (client && brand ? listAdminApps(client.session, brand, { signal }) : initialState),
    onError: (error) => this.report(error),
  });

  private get brand(): string | undefined {
    return this.client?.config.brand;
  }

  private get apps(): AdminApp[] {
    return this.list.items;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Revoke the preview's blob: URL, which would otherwise outlive the element; the file chosen stays.
    const icon = this.form?.icon;
    if (icon?.preview) this.#setForm({ ...this.form!, icon: { file: icon.file, preview: '' } });
  }

  override closeForm(): void {
    this.#setForm(undefined);
  }

  /**
   * Replaces the form, revoking the `blob:` URL of a preview that goes away, and recounting the error
   * summary for the fields still marked and shown.
   */
  #setForm(form: AppForm | undefined): void {
    const before = this.form?.icon?.preview;
    if (before && before !== form?.icon?.preview) URL.revokeObjectURL(before);
    this.form = form && recountSummary<AppField, AppForm>(form, this.m.fixErrors, (field) => appFieldShown(form, field));
  }

  #appFor(event: Event): AdminApp | undefined {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    return this.apps.find((a) => a.id === id);
  }

  // ---- The form -----------------------------------------------------------------------------------

  private handleAdd = (): void => this.#open(undefined, '#add-app');

  private handleEdit = (event: Event): void => {
    const app = this.#appFor(event);
    if (app) this.#open(app, byId('edit', app.id));
  };

  #open(app: AdminApp | undefined, returnFocus: string): void {
    this.beforeOpen(returnFocus);
    this.#setForm(openAppForm(app, this.brand));
    void this.focusLater('#app-name');
  }

  private handleInput = (event: Event): void => {
    const form = this.form;
    if (!form) return;
    const input = event.target as HTMLInputElement;
    const key = input.name as 'name' | 'url' | 'acs_url' | 'entity_id' | 'authentication_type';
    // A message goes away as soon as the field is edited; it comes back, if still due, on save.
    this.#setForm({ ...form, values: { ...form.values, [key]: input.value }, errors: key in form.errors ? { ...form.errors, [key]: undefined } : form.errors });
  };

  private handleBrandToggle = (event: Event): void => {
    const form = this.form;
    if (!form) return;
    const input = event.target as HTMLInputElement;
    const brands = new Set(form.values.brands);
    if (input.checked) brands.add(input.value);
    else brands.delete(input.value);
    this.#setForm({ ...form, values: { ...form.values, brands: [...brands] }, errors: { ...form.errors, brands: undefined } });
  };

  private handleIconChange = (event: Event): void => {
    const form = this.form;
    if (!form) return;
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return this.#setForm({ ...form, icon: undefined });
    const problem = iconError(file, this.m);
    if (problem) input.value = '';
    this.#setForm({ ...form, errors: { ...form.errors, icon: problem }, icon: problem ? undefined : { file, preview: URL.createObjectURL(file) } });
  };

  private handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = this.form;
    const client = this.client;
    const brand = this.brand;
    if (!form || !client || !brand || this.busy) return;
    const m = this.m;
    const errors = validateAppForm(form.values, m);
    if (form.errors.icon) errors.icon = form.errors.icon;
    const invalid = invalidFields<AppField>(errors);
    if (invalid.length) {
      this.#setForm({ ...form, errors, alert: m.fixErrors(invalid.length), summary: true });
      void this.focusLater(`#${APP_FIELD_IDS[invalid[0]!]}`);
      return;
    }
    this.#setForm({ ...form, errors, alert: '', summary: false });
    this.busy = true;
    const v = form.values;
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
        await updateApp(api, brand, id, appUpdateBody(form.app, fields));
        const before = appBrandIds(form.app);
        if (before.length !== v.brands.length || before.some((b) => !v.brands.includes(b))) await setAppBrands(api, brand, id, [...v.brands]);
      }
      // The icon goes last: it needs the id, and the app must still be in this brand to take it.
      if (form.icon && v.brands.includes(brand)) await setAppIcon(api, brand, id, form.icon.file, form.icon.file.name);
      this.closeForm();
      await this.list.reload();
      const name = fields.name;
      const outcome = !this.apps.some((a) => a.id === id) ? m.notInBrand(name) : form.mode === 'create' ? m.created(name) : m.saved(name);
      // An http: address still opens, but unencrypted: say so once it is saved, while the admin can change it.
      this.announce(isPlainHttpUrl(fields.url) ? `${outcome} ${m.plainHttpWarning}` : outcome);
      emit(this, 'sso-apps-changed', { reason: form.mode === 'create' ? 'created' : 'updated', appId: id });
      void this.focusLater(form.mode === 'create' ? '#add-app' : this.returnFocus);
    } catch (error) {
      const gone = isSsoError(error, ErrorCode.Http) && (error as unknown as HttpError).status === 404;
      await this.saveFailed(error, gone, (alert) => this.form && this.#setForm({ ...this.form, alert, summary: false }));
    } finally {
      this.busy = false;
    }
  };

  // ---- Delete and order ---------------------------------------------------------------------------

  private handleDelete = (event: Event): void => {
    const app = this.#appFor(event);
    if (!app) return;
    const question = { title: this.m.confirmDeleteApp(app.name), text: this.m.confirmDeleteAppText };
    void this.confirmThen(question, byId('delete', app.id), () => this.#delete(app));
  };

  async #delete(app: AdminApp): Promise<void> {
    const client = this.client;
    const brand = this.brand;
    if (!client || !brand) return;
    this.busy = true;
    let failed = false;
    try {
      await deleteApp(client.session, brand, app.id);
      this.closeForm();
      this.list.fail('');
      emit(this, 'sso-apps-changed', { reason: 'deleted', appId: app.id });
    } catch (error) {
      failed = true;
      this.list.fail(this.report(error));
    } finally {
      this.busy = false;
    }
    await this.list.reload(failed);
    // Announced once the list agrees.
    if (!failed) this.announce(this.m.deleted(app.name));
    void this.focusLater('#add-app');
  }

  private handleMove = (event: Event): void => {
    const button = event.currentTarget as HTMLButtonElement;
    if (button.getAttribute('aria-disabled') === 'true' || this.busy) return;
    const { id, action } = button.dataset;
    const from = this.apps.findIndex((a) => a.id === id);
    if (from < 0) return;
    void this.#move(from, action === 'up' ? from - 1 : from + 1, byId(action!, id!));
  };

  private handleDragStart = (event: DragEvent): void => {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    if (!id || this.busy) return event.preventDefault();
    this.drag = { id };
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', id);
    }
  };

  private handleDragOver = (event: DragEvent): void => {
    if (!this.drag) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.drag = { ...this.drag, over: (event.currentTarget as HTMLElement).dataset.id };
  };

  private handleDrop = (event: DragEvent): void => {
    event.preventDefault();
    const targetId = (event.currentTarget as HTMLElement).dataset.id;
    const from = this.apps.findIndex((a) => a.id === this.drag?.id);
    const to = this.apps.findIndex((a) => a.id === targetId);
    this.drag = undefined;
    if (from >= 0 && to >= 0 && from !== to) void this.#move(from, to);
  };

  private handleDragEnd = (): void => {
    this.drag = undefined;
  };

  /** Moves an app, shows the new order at once, and saves the apps whose `order` changed ({@link reorderPlan}). */
  async #move(from: number, to: number, focusSelector?: string): Promise<void> {
    const client = this.client;
    const brand = this.brand;
    if (!client || !brand || to < 0 || to >= this.apps.length) return;
    const plan = reorderPlan(this.apps, from, to);
    this.list.set(plan.apps);
    this.announce(this.m.moved(plan.moved.name, to + 1, plan.apps.length));
    this.list.fail('');
    if (focusSelector) void this.focusLater(focusSelector);
    this.busy = true;
    try {
      for (const { app, order } of plan.changes) await updateApp(client.session, brand, app.id, appUpdateBody(app, { order }));
      emit(this, 'sso-apps-changed', { reason: 'reordered' });
    } catch (error) {
      this.announce('');
      this.list.fail(this.report(error));
      await this.list.reload(true);
    } finally {
      this.busy = false;
    }
  }

  // ---- Rendering ----------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const m = this.m;
    return html`<section aria-labelledby="apps-title">
      <div class="bar">
        <h2 id="apps-title">${m.title}</h2>
        <button part="button" id="add-app" class="primary" type="button" ?disabled=${!this.client}
          aria-expanded=${this.form?.mode === 'create' ? 'true' : 'false'} @click=${this.handleAdd}>${m.addApp}</button>
      </div>
      ${this.renderNotice()} ${this.renderListAlert()}
      ${this.form
        ? renderAppForm({
            form: this.form,
            tree: this.tree,
            m,
            busy: this.busy,
            onSubmit: this.handleSubmit,
            onInput: this.handleInput,
            onBrandToggle: this.handleBrandToggle,
            onIconChange: this.handleIconChange,
            onCancel: this.handleCancel,
          })
        : nothing}
      ${this.list.render<TemplateResult | typeof nothing>({
        none: nothing,
        loading: () => html`<p class="muted" aria-busy="true">${m.loadingApps}</p>`,
        empty: () => html`<p class="muted">${m.noApps}</p>`,
        rows: (apps) => this.renderRows(apps),
      })}
    </section>`;
  }

  private renderRows(apps: AdminApp[]): TemplateResult {
    const m = this.m;
    const last = apps.length - 1;
    const drag = this.drag;
    return html`
      <p id="drag-hint" class="hint">${m.dragHint}</p>
      <ul class="apps" aria-label=${m.appsLabel} aria-describedby="drag-hint">
        ${repeat(
          apps,
          (app) => app.id,
          (app, i) => html`<li class="app ${drag?.id === app.id ? 'dragging' : ''} ${drag?.over === app.id && drag.id !== app.id ? 'drop-target' : ''}"
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
              <button part="button" type="button" class="small" data-action="edit" data-id=${app.id} @click=${this.handleEdit}>${m.edit}<span
                class="visually-hidden"> ${app.name}</span></button>
              <button part="button" type="button" class="small" data-action="delete" data-id=${app.id} @click=${this.handleDelete}>${m.delete}<span
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
      : html`<span class="icon ${hueClassFor(app.id)}" aria-hidden="true">${initials(app.name)}</span>`;
  }
}

if (!customElements.get('sso-admin-apps')) customElements.define('sso-admin-apps', SsoAdminApps);

declare global {
  interface HTMLElementTagNameMap {
    'sso-admin-apps': SsoAdminApps;
  }
}
