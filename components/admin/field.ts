/**
 * A labelled input of the admin forms, with its hint and its message.
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';

/** What {@link renderField} draws. */
export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'url' | 'number';
  onInput: (event: Event) => void;
  extra?: { inputmode?: string; min?: string };
}

/**
 * The value of `aria-describedby` for a control with an optional hint and error, in that order
 * (a screen reader reads the hint, then what is wrong); undefined when there is neither.
 */
export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A labelled input with its hint and its message, linked by `aria-describedby`. */
export function renderField(options: FieldOptions): TemplateResult {
  const { id, error, hint } = options;
  return html`<div class="field">
    <label for=${id}>${options.label}</label>
    <input part="input" id=${id} name=${options.name} type=${options.type ?? 'text'} .value=${options.value} autocomplete="off"
      spellcheck="false" min=${options.extra?.min ?? nothing} inputmode=${options.extra?.inputmode ?? nothing}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy(id, Boolean(hint), Boolean(error)) ?? nothing} @input=${options.onInput} />
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
    ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
  </div>`;
}
