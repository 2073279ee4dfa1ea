/**
 * The settings form of the options page, without any extension API: it fills the fields from the
 * effective settings, locks those set by policy, checks values with the zod schemas of settings.ts and
 * draws each message next to its field. options.ts wires it to storage and the background; the unit
 * tests drive it over the real options.html.
 *
 * Accessibility: every message is a paragraph linked from its field with `aria-describedby` (error
 * first, then the lock, a note, and the static hint); an invalid field has `aria-invalid="true"`;
 * a locked field is `disabled` and says "Set by your organisation".
 * @module
 */
import type { BrandChoice } from './brands.ts';
import { extEn, type ExtensionMessages } from './i18n.ts';
import { SETTING_KEYS, translateFieldMessage, validateField, type ResolvedSettings, type SettingKey } from './settings.ts';

/** What is shown under a field, besides its static hint. */
export interface FieldState {
  error?: string;
  locked?: boolean;
  /** A note that is not the agent's mistake (an ignored policy value, brands that did not load). */
  note?: string;
}

/** The words shown next to a field that policy sets (in English; the form shows its table's). */
export const LOCKED_TEXT = extEn.locked;

/** The result of checking the whole form. */
export type FormResult = { ok: true; values: Partial<Record<SettingKey, string>> } | { ok: false; firstInvalid: SettingKey };

function brandLabel(brand: BrandChoice): string {
  // The role ("Admin", "Agent") is the server's word, shown as it comes.
  return `${brand.name}${brand.parentName ? ` — ${brand.parentName}` : ''}${brand.role ? ` (${brand.role})` : ''}`;
}

/** The form, over the markup of options.html inside `root`. */
export class SettingsForm {
  readonly form: HTMLFormElement;
  readonly saveButton: HTMLButtonElement;
  readonly #states = new Map<SettingKey, FieldState>();
  readonly #edited = new Set<SettingKey>();
  #pressingSave = false;

  /** @param t the page's strings (i18n.ts), English by default */
  constructor(
    readonly root: ParentNode,
    readonly t: ExtensionMessages = extEn,
  ) {
    this.form = root.querySelector<HTMLFormElement>('#settings-form')!;
    this.saveButton = this.form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    // Check a field when the agent leaves it after editing it, and, once it shows an error, as they
    // type. Not when they leave it for the Save button: the message would push the button down between
    // the press and the release, and the click would miss it. Save checks every field anyway.
    this.saveButton.addEventListener('pointerdown', () => (this.#pressingSave = true));
    this.form.ownerDocument.addEventListener('pointerup', () => setTimeout(() => (this.#pressingSave = false)));
    this.form.addEventListener('input', (event) => {
      const key = this.#keyOf(event.target);
      if (!key) return;
      this.#edited.add(key);
      if (this.#states.get(key)?.error) this.check(key);
    });
    this.form.addEventListener('focusout', (event) => {
      const key = this.#keyOf(event.target);
      if (!key || !this.#edited.has(key)) return;
      if (this.#pressingSave || event.relatedTarget === this.saveButton) return;
      this.check(key);
    });
  }

  #keyOf(target: EventTarget | null): SettingKey | undefined {
    const id = (target as HTMLElement | null)?.id as SettingKey;
    return SETTING_KEYS.includes(id) ? id : undefined;
  }

  /** The input (or, for the brand, maybe the select) of a field. */
  control(key: SettingKey): HTMLInputElement | HTMLSelectElement {
    return this.root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${key}`)!;
  }

  /** Whether policy sets this field. */
  isLocked(key: SettingKey): boolean {
    return !!this.#states.get(key)?.locked;
  }

  /** A message paragraph under a field, created on demand, removed when empty; answers its id. */
  #message(key: SettingKey, kind: 'error' | 'lock' | 'note', text: string | undefined): string | undefined {
    const id = `${key}-${kind}`;
    let p = this.root.querySelector<HTMLElement>(`#${id}`);
    if (!text) {
      p?.remove();
      return undefined;
    }
    if (!p) {
      p = this.form.ownerDocument.createElement('p');
      p.id = id;
      p.className = kind;
      // Errors go first, right under the input, where the eye is.
      if (kind === 'error') this.control(key).after(p);
      else this.control(key).closest('.field')!.append(p);
    }
    p.textContent = text;
    return id;
  }

  /** Draws a field's messages, `aria-describedby`, `aria-invalid` and disabled state. */
  #render(key: SettingKey, state: FieldState): void {
    this.#states.set(key, state);
    const input = this.control(key);
    const ids = [
      this.#message(key, 'error', state.error),
      this.#message(key, 'lock', state.locked ? this.t.locked : undefined),
      this.#message(key, 'note', state.note),
      `${key}-hint`,
    ].filter((id): id is string => !!id);
    input.setAttribute('aria-describedby', ids.join(' '));
    if (state.error) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    input.disabled = !!state.locked;
  }

  /** Changes part of a field's state. */
  update(key: SettingKey, change: Partial<FieldState>): void {
    this.#render(key, { ...this.#states.get(key), ...change });
  }

  /**
   * Fills the form from the effective settings. Locked fields take the policy's value; with
   * `lockedOnly`, the other fields keep what the agent may be typing.
   */
  apply(next: ResolvedSettings, options: { lockedOnly: boolean }): void {
    for (const key of SETTING_KEYS) {
      const locked = next.locked.includes(key);
      if (!options.lockedOnly || locked) this.control(key).value = next.settings[key] ?? '';
      const policyError = next.policyErrors[key];
      this.update(key, {
        locked,
        ...(locked ? { error: undefined } : {}),
        note: policyError ? this.t.policyIgnored(translateFieldMessage(key, policyError, this.t)) : undefined,
      });
    }
    this.root.querySelector<HTMLElement>('#policy-note')!.hidden = next.locked.length === 0;
    this.saveButton.disabled = next.locked.length === SETTING_KEYS.length;
    this.root.querySelector<HTMLFieldSetElement>('#settings-fields')!.disabled = false;
    this.form.removeAttribute('aria-busy');
  }

  /** Checks one field and shows or clears its error; answers the clean value when it is good. */
  check(key: SettingKey): string | undefined {
    if (this.isLocked(key)) return undefined;
    const result = validateField(key, this.control(key).value, this.t);
    this.update(key, { error: result.ok ? undefined : result.message });
    return result.ok ? result.value : undefined;
  }

  /**
   * Checks every field the agent may change. On success, answers their clean values (and writes them
   * back, trimmed and normalised); otherwise moves the focus to the first invalid field.
   */
  submit(): FormResult {
    this.#pressingSave = false;
    const values: Partial<Record<SettingKey, string>> = {};
    let firstInvalid: SettingKey | undefined;
    for (const key of SETTING_KEYS) {
      if (this.isLocked(key)) continue;
      const value = this.check(key);
      if (value === undefined) firstInvalid ??= key;
      else values[key] = value;
    }
    if (firstInvalid) {
      this.control(firstInvalid).focus();
      return { ok: false, firstInvalid };
    }
    for (const [key, value] of Object.entries(values)) this.control(key as SettingKey).value = value;
    return { ok: true, values };
  }

  /** Swaps the brand text field for a list of the agent's brands (same id, label and messages). */
  showBrandPicker(brands: readonly BrandChoice[]): void {
    const current = this.control('brand');
    const value = current.value.trim();
    const select = this.form.ownerDocument.createElement('select');
    select.id = 'brand';
    select.name = 'brand';
    if (value && !brands.some((b) => b.id === value)) select.append(new Option(this.t.notYourBrand(value), value));
    for (const brand of brands) select.append(new Option(brandLabel(brand), brand.id));
    select.value = value;
    current.replaceWith(select);
    this.#render('brand', this.#states.get('brand') ?? {});
  }

  /** Back to a text field for the brand. */
  showBrandInput(): void {
    const current = this.control('brand');
    if (current instanceof HTMLInputElement) return;
    const input = this.form.ownerDocument.createElement('input');
    Object.assign(input, { id: 'brand', name: 'brand', type: 'text', autocomplete: 'off', spellcheck: false, required: true, value: current.value });
    current.replaceWith(input);
    this.#render('brand', this.#states.get('brand') ?? {});
  }
}
