/**
 * The app form of `<sso-admin-apps>`: its state, its first values, and its template (name, sign-in
 * type with its addresses, the brands allowed to use the app as a tree, and an icon with a preview).
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { ICON_TYPES, type AdminApp } from '../../core/rechat/apps.ts';
import type { BrandNode } from '../../core/rechat/brands.ts';
import { appBrandIds } from '../../core/rechat/schemas.ts';
import { safeIconUrl } from '../../core/urls.ts';
import type { AppField, AppFormValues } from '../sso-launcher-admin.form.ts';
import type { AdminMessages } from '../sso-launcher-admin.messages.ts';
import { renderAlert } from './alert.ts';
import { describedBy, renderField } from './field.ts';

/** The open form: what it adds or edits, what it holds, and what is wrong with it. */
export type AppForm = ({ mode: 'create'; app?: undefined } | { mode: 'edit'; app: AdminApp }) & {
  values: AppFormValues;
  errors: Partial<Record<AppField, string>>;
  /** The form's alert ("Fix the 2 fields…", or why the save failed). */
  alert: string;
  /** Whether `alert` is the summary of the fields marked (see ./summary.ts). */
  summary?: boolean | undefined;
  /** The icon chosen, with a `blob:` URL of it for the preview (local, never from the network; '' once revoked). */
  icon?: { file: File; preview: string } | undefined;
};

/** The id of each field's control, to focus the first wrong one. */
export const APP_FIELD_IDS: Record<AppField, string> = {
  name: 'app-name',
  url: 'app-url',
  acs_url: 'app-acs',
  entity_id: 'app-entity',
  brands: 'brand-0',
  icon: 'app-icon',
};

/** Whether the form shows `field` for its sign-in type: a link has a URL, SAML an ACS URL and an entity ID. */
export function appFieldShown(form: Pick<AppForm, 'values'>, field: AppField): boolean {
  if (field === 'url') return form.values.authentication_type === 'None';
  if (field === 'acs_url' || field === 'entity_id') return form.values.authentication_type === 'SAML';
  return true;
}

/** A new form: empty with `brand` ticked, or filled from the app edited. */
export function openAppForm(app: AdminApp | undefined, brand: string | undefined): AppForm {
  if (!app) {
    return {
      mode: 'create',
      values: { name: '', authentication_type: 'None', url: '', acs_url: '', entity_id: '', brands: brand ? [brand] : [] },
      errors: {},
      alert: '',
    };
  }
  return {
    mode: 'edit',
    app,
    values: {
      name: app.name,
      authentication_type: app.authentication_type === 'SAML' ? 'SAML' : 'None',
      url: app.url ?? '',
      acs_url: app.acs_url ?? '',
      entity_id: app.entity_id ?? '',
      brands: appBrandIds(app),
    },
    errors: {},
    alert: '',
  };
}

/** What {@link renderAppForm} needs from the panel. */
export interface AppFormView {
  form: AppForm;
  tree: readonly BrandNode[];
  m: AdminMessages;
  busy: boolean;
  onSubmit: (event: SubmitEvent) => void;
  onInput: (event: Event) => void;
  onBrandToggle: (event: Event) => void;
  onIconChange: (event: Event) => void;
  onCancel: () => void;
}

export function renderAppForm(view: AppFormView): TemplateResult {
  const { form, m, busy, onInput } = view;
  const v = form.values;
  const e = form.errors;
  const title = form.mode === 'create' ? m.addAppTitle : m.editAppTitle(form.app.name);
  return html`<form part="form" class="panel" aria-labelledby="app-form-title" novalidate @submit=${view.onSubmit}>
    <h3 id="app-form-title">${title}</h3>
    ${renderAlert(form.alert, m.tryAgain)}
    ${renderField({ id: 'app-name', name: 'name', label: m.name, value: v.name, error: e.name, onInput })}
    <fieldset>
      <legend>${m.signInType}</legend>
      <label class="choice"><input type="radio" name="authentication_type" value="None" .checked=${v.authentication_type === 'None'}
        @change=${onInput} />${m.typeNone}</label>
      <label class="choice"><input type="radio" name="authentication_type" value="SAML" .checked=${v.authentication_type === 'SAML'}
        @change=${onInput} />${m.typeSaml}</label>
    </fieldset>
    ${v.authentication_type === 'None'
      ? renderField({ id: 'app-url', name: 'url', label: m.url, value: v.url, error: e.url, hint: m.urlHint, type: 'url', onInput })
      : html`${renderField({ id: 'app-acs', name: 'acs_url', label: m.acsUrl, value: v.acs_url, error: e.acs_url, hint: m.acsUrlHint, type: 'url', onInput })}
        ${renderField({ id: 'app-entity', name: 'entity_id', label: m.entityId, value: v.entity_id, error: e.entity_id, hint: m.entityIdHint, onInput })}`}
    ${renderBrandPicker(view)} ${renderIconField(view)}
    <div class="row">
      <button part="button" class="primary" type="submit" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>${busy ? m.saving : m.save}</button>
      <button part="button" type="button" @click=${view.onCancel}>${m.cancel}</button>
    </div>
  </form>`;
}

/** The brands as a tree of checkboxes; brands the admin does not administer are shown but locked. */
function renderBrandPicker({ form, tree, m, onBrandToggle }: AppFormView): TemplateResult {
  const selected = new Set(form.values.brands);
  const shown = new Set(tree.map((n) => n.id));
  const others = [...selected].filter((id) => !shown.has(id)).length;
  const error = form.errors.brands;
  return html`<fieldset aria-describedby=${describedBy('brands', true, Boolean(error))!}>
    <legend>${m.allowedBrands}</legend>
    <p class="hint" id="brands-hint">${m.allowedBrandsHint}</p>
    <ul class="tree">
      ${repeat(
        tree,
        (node) => node.id,
        (node, i) => html`<li style=${styleMap({ '--depth': String(node.depth) })}>
          <label class="choice"><input type="checkbox" id="brand-${i}" value=${node.id} .checked=${selected.has(node.id)}
            ?disabled=${!node.admin} aria-invalid=${error ? 'true' : 'false'} @change=${onBrandToggle} />${node.name}</label>
        </li>`,
      )}
    </ul>
    ${others ? html`<p class="hint">${m.otherBrands(others)}</p>` : nothing}
    ${error ? html`<p class="field-error" id="brands-error">${error}</p>` : nothing}
  </fieldset>`;
}

function renderIconField({ form, m, onIconChange }: AppFormView): TemplateResult {
  const error = form.errors.icon;
  const current = form.mode === 'edit' ? safeIconUrl(form.app.icon) : null;
  return html`<div class="field">
    <label for="app-icon">${m.icon}</label>
    <div class="icon-row">
      ${form.icon?.preview
        ? html`<img class="icon preview" src=${form.icon.preview} alt=${m.iconPreview} />`
        : current
          ? html`<img class="icon" src=${current} alt=${m.currentIcon} referrerpolicy="no-referrer" />`
          : nothing}
      <input part="input" id="app-icon" name="icon" type="file" accept=${ICON_TYPES.join(',')} aria-describedby=${describedBy('app-icon', true, Boolean(error))!}
        aria-invalid=${error ? 'true' : 'false'} @change=${onIconChange} />
    </div>
    <p class="hint" id="app-icon-hint">${m.iconHint}</p>
    ${error ? html`<p class="field-error" id="app-icon-error">${error}</p>` : nothing}
  </div>`;
}
