/**
 * `<sso-admin-groups>`: the brokerage's Mosaic SSO clients groups, through the token broker. Lists
 * them with their settings and, on request, their clients; adds, edits and deletes them.
 * @module
 */
import { initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { isMosaicError, type MosaicGroup, type MosaicGroupsApi } from '../../core/mosaic.ts';
import { emit } from '../events.ts';
import { validateGroupForm, type GroupField, type GroupFormValues } from '../sso-launcher-admin.form.ts';
import { GROUP_FIELD_IDS, openGroupForm, renderGroupForm, type GroupForm } from './group-form.ts';
import { AdminList } from './list.ts';
import { AdminPanel } from './panel.ts';
import { invalidFields, recountSummary } from './summary.ts';

const byId = (action: string, id: string) => `button[data-action="${action}"][data-id="${CSS.escape(id)}"]`;

/**
 * The groups of the brokerage's Mosaic tenant. Rendered by `<sso-launcher-admin>` when it has a broker.
 * @internal
 */
export class SsoAdminGroups extends AdminPanel {
  /** The Mosaic groups API, through the broker (`mosaicViaBroker`). */
  @property({ attribute: false }) mosaic: MosaicGroupsApi | undefined;

  @state() private form: GroupForm | undefined;
  @state() private busy = false;
  /** The groups whose clients are shown. */
  @state() private openGroups: ReadonlySet<string> = new Set();

  protected override readonly area = 'groups';
  protected override readonly addButton = '#add-group';
  protected override readonly list = new AdminList(this, {
    args: () => [this.mosaic] as const,
    load: async ([mosaic], signal) => (mosaic ? mosaic.listGroups({ signal }) : initialState),
    onError: (error) => this.report(error),
  });

  override closeForm(): void {
    this.form = undefined;
  }

  #groupFor(event: Event): MosaicGroup | undefined {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    return this.list.items.find((g) => g.id === id);
  }

  // ---- The form -----------------------------------------------------------------------------------

  private handleAdd = (): void => this.#open(undefined, '#add-group');

  private handleEdit = (event: Event): void => {
    const group = this.#groupFor(event);
    if (group) this.#open(group, byId('edit-group', group.id));
  };

  #open(group: MosaicGroup | undefined, returnFocus: string): void {
    this.beforeOpen(returnFocus);
    this.form = openGroupForm(group);
    void this.focusLater('#group-name');
  }

  private handleInput = (event: Event): void => {
    const form = this.form;
    if (!form) return;
    const input = event.target as HTMLInputElement;
    const key = input.name as keyof GroupFormValues & GroupField;
    const value = input.type === 'checkbox' ? input.checked : input.value;
    const next = { ...form, values: { ...form.values, [key]: value }, errors: key in form.errors ? { ...form.errors, [key]: undefined } : form.errors };
    this.form = recountSummary(next, this.m.fixErrors);
  };

  private handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = this.form;
    const mosaic = this.mosaic;
    if (!form || !mosaic || this.busy) return;
    const m = this.m;
    const checked = validateGroupForm(form.values, m);
    if (checked.errors) {
      const invalid = invalidFields<GroupField>(checked.errors);
      this.form = { ...form, errors: checked.errors, alert: m.fixErrors(invalid.length), summary: true };
      void this.focusLater(`#${GROUP_FIELD_IDS[invalid[0]!]}`);
      return;
    }
    this.form = { ...form, errors: {}, alert: '', summary: false };
    this.busy = true;
    try {
      let id: string | undefined;
      if (form.mode === 'create') id = (await mosaic.createGroup(checked.input))?.id;
      else await mosaic.updateGroup((id = form.group.id), checked.input);
      this.form = undefined;
      await this.list.reload();
      this.announce(form.mode === 'create' ? m.groupCreated(checked.input.name) : m.groupSaved(checked.input.name));
      emit(this, 'sso-groups-changed', { reason: form.mode === 'create' ? 'created' : 'updated', ...(id ? { groupId: id } : {}) });
      void this.focusLater(form.mode === 'create' ? '#add-group' : this.returnFocus);
    } catch (error) {
      const gone = isMosaicError(error) && error.kind === 'not-found';
      await this.saveFailed(error, gone, (alert) => this.form && (this.form = { ...this.form, alert, summary: false }));
    } finally {
      this.busy = false;
    }
  };

  // ---- Delete and the clients ---------------------------------------------------------------------

  private handleDelete = (event: Event): void => {
    const group = this.#groupFor(event);
    if (!group) return;
    const returnFocus = byId('delete-group', group.id);
    const question = { title: this.m.confirmDeleteGroup(group.name), text: this.m.confirmDeleteGroupText };
    void this.confirmThen(question, returnFocus, () => this.#delete(group, returnFocus));
  };

  async #delete(group: MosaicGroup, returnFocus: string): Promise<void> {
    const mosaic = this.mosaic;
    if (!mosaic) return;
    this.busy = true;
    try {
      await mosaic.deleteGroup(group.id);
      this.form = undefined;
      this.list.fail('');
      emit(this, 'sso-groups-changed', { reason: 'deleted', groupId: group.id });
      await this.list.reload();
      this.announce(this.m.groupDeleted(group.name));
      void this.focusLater('#add-group');
    } catch (error) {
      this.list.fail(this.report(error));
      if (isMosaicError(error) && error.kind === 'not-found') await this.list.reload(true);
      void this.focusLater(returnFocus);
    } finally {
      this.busy = false;
    }
  }

  private handleToggleClients = (event: Event): void => {
    const id = (event.currentTarget as HTMLElement).dataset.id!;
    const open = new Set(this.openGroups);
    if (open.has(id)) open.delete(id);
    else open.add(id);
    this.openGroups = open;
  };

  // ---- Rendering ----------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const m = this.m;
    return html`<section aria-labelledby="groups-title">
      <div class="bar">
        <h2 id="groups-title">${m.groupsTitle}</h2>
        <button part="button" id="add-group" class="primary" type="button" aria-expanded=${this.form?.mode === 'create' ? 'true' : 'false'}
          @click=${this.handleAdd}>${m.addGroup}</button>
      </div>
      ${this.renderNotice()} ${this.renderListAlert()}
      ${this.form
        ? renderGroupForm({ form: this.form, m, busy: this.busy, onSubmit: this.handleSubmit, onInput: this.handleInput, onCancel: this.handleCancel })
        : nothing}
      ${this.list.render<TemplateResult | typeof nothing>({
        none: nothing,
        loading: () => html`<p class="muted" aria-busy="true">${m.loadingGroups}</p>`,
        empty: () => html`<p class="muted">${m.noGroups}</p>`,
        rows: (groups) => html`<ul class="groups" aria-label=${m.groupsLabel}>
          ${repeat(groups, (g) => g.id, (g) => this.renderGroup(g))}
        </ul>`,
      })}
    </section>`;
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
          <button part="button" type="button" class="small" data-action="edit-group" data-id=${group.id} @click=${this.handleEdit}>${m.edit}<span
            class="visually-hidden"> ${group.name}</span></button>
          <button part="button" type="button" class="small" data-action="delete-group" data-id=${group.id} @click=${this.handleDelete}>${m.delete}<span
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
}

if (!customElements.get('sso-admin-groups')) customElements.define('sso-admin-groups', SsoAdminGroups);

declare global {
  interface HTMLElementTagNameMap {
    'sso-admin-groups': SsoAdminGroups;
  }
}
