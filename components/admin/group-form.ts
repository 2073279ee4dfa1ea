/**
 * The group form of `<sso-admin-groups>`: its state, its first values, and its template (name,
 * description, journey, silent login, session timeout with its unit).
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { SESSION_TIMEOUT_GRANULARITIES, type MosaicGroup } from '../../core/mosaic.ts';
import type { GroupField, GroupFormValues } from '../sso-launcher-admin.form.ts';
import type { AdminMessages } from '../sso-launcher-admin.messages.ts';
import { renderAlert } from './alert.ts';
import { describedBy, renderField } from './field.ts';

/** The open form: what it adds or edits, what it holds, and what is wrong with it. */
export type GroupForm = ({ mode: 'create'; group?: undefined } | { mode: 'edit'; group: MosaicGroup }) & {
  values: GroupFormValues;
  errors: Partial<Record<GroupField, string>>;
  alert: string;
  /** Whether `alert` is the summary of the fields marked (see ./summary.ts). */
  summary?: boolean | undefined;
};

/** The id of each field's control, to focus the first wrong one. */
export const GROUP_FIELD_IDS: Record<GroupField, string> = {
  name: 'group-name',
  description: 'group-description',
  journey: 'group-journey',
  sessionTimeout: 'group-timeout',
  granularity: 'group-unit',
};

/** A new form: the defaults (8 hours), or filled from the group edited. */
export function openGroupForm(group: MosaicGroup | undefined): GroupForm {
  if (!group) {
    return {
      mode: 'create',
      values: { name: '', description: '', journey: '', allowSilentLogin: false, sessionTimeout: '8', granularity: 'hours' },
      errors: {},
      alert: '',
    };
  }
  const c = group.configuration ?? {};
  return {
    mode: 'edit',
    group,
    values: {
      name: group.name,
      description: group.description ?? '',
      journey: c.journey ?? '',
      allowSilentLogin: Boolean(c.allowSilentLogin),
      sessionTimeout: c.sessionTimeout == null ? '' : String(c.sessionTimeout),
      granularity: c.sessionTimeoutGranularity ?? 'minutes',
    },
    errors: {},
    alert: '',
  };
}

/** What {@link renderGroupForm} needs from the panel. */
export interface GroupFormView {
  form: GroupForm;
  m: AdminMessages;
  busy: boolean;
  onSubmit: (event: SubmitEvent) => void;
  onInput: (event: Event) => void;
  onCancel: () => void;
}

export function renderGroupForm({ form, m, busy, onSubmit, onInput, onCancel }: GroupFormView): TemplateResult {
  const v = form.values;
  const e = form.errors;
  const title = form.mode === 'create' ? m.addGroupTitle : m.editGroupTitle(form.group.name);
  return html`<form part="form" class="panel" aria-labelledby="group-form-title" novalidate @submit=${onSubmit}>
    <h3 id="group-form-title">${title}</h3>
    ${renderAlert(form.alert, m.tryAgain)}
    ${renderField({ id: 'group-name', name: 'name', label: m.name, value: v.name, error: e.name, onInput })}
    <div class="field">
      <label for="group-description">${m.description}</label>
      <textarea id="group-description" name="description" .value=${v.description} aria-invalid=${e.description ? 'true' : 'false'}
        aria-describedby=${describedBy('group-description', false, Boolean(e.description)) ?? nothing} @input=${onInput}></textarea>
      ${e.description ? html`<p class="field-error" id="group-description-error">${e.description}</p>` : nothing}
    </div>
    ${renderField({ id: 'group-journey', name: 'journey', label: m.journey, value: v.journey, error: e.journey, hint: m.journeyHint, onInput })}
    <div class="field">
      <label class="choice"><input type="checkbox" name="allowSilentLogin" .checked=${v.allowSilentLogin} aria-describedby="group-silent-hint"
        @change=${onInput} />${m.allowSilentLogin}</label>
      <p class="hint" id="group-silent-hint">${m.allowSilentLoginHint}</p>
    </div>
    <div class="inline">
      ${renderField({
        id: 'group-timeout',
        name: 'sessionTimeout',
        label: m.sessionTimeout,
        value: v.sessionTimeout,
        error: e.sessionTimeout,
        type: 'number',
        onInput,
        extra: { min: '1', inputmode: 'numeric' },
      })}
      <div class="field">
        <label for="group-unit">${m.sessionTimeoutUnit}</label>
        <select id="group-unit" name="granularity" .value=${v.granularity} aria-invalid=${e.granularity ? 'true' : 'false'}
          aria-describedby=${describedBy('group-unit', false, Boolean(e.granularity)) ?? nothing} @change=${onInput}>
          ${SESSION_TIMEOUT_GRANULARITIES.map((g) => html`<option value=${g} ?selected=${v.granularity === g}>${m.granularity[g] ?? g}</option>`)}
        </select>
        ${e.granularity ? html`<p class="field-error" id="group-unit-error">${e.granularity}</p>` : nothing}
      </div>
    </div>
    <div class="row">
      <button part="button" class="primary" type="submit" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>${busy ? m.saving : m.save}</button>
      <button part="button" type="button" @click=${onCancel}>${m.cancel}</button>
    </div>
  </form>`;
}
