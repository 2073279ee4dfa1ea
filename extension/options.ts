/**
 * The options page: API base URL, client id, brand (a picker when the agent belongs to several),
 * token endpoint, broker URL, and sign out.
 *
 * Values are checked with the same zod schemas as the policy (settings.ts); each message sits next to
 * its field and is linked with `aria-describedby`, and the field gets `aria-invalid`. On a failed save
 * the focus moves to the first invalid field, so a screen reader reads its message at once.
 * Fields set by enterprise policy are disabled and say "Set by your organisation".
 * @module
 */
import type { BackgroundTable } from './background-table.ts';
import type { BrandChoice } from './brands.ts';
import { onSettingsChanged, readSettings, readSettingsFast, readUserSettings, sendMessage, writeUserSettings } from './browser.ts';
import { createCaller } from './messages.ts';
import { SETTING_KEYS, validateField, type ResolvedSettings, type SettingKey } from './settings.ts';

const call = createCaller<BackgroundTable>(sendMessage);

const form = document.getElementById('settings-form') as HTMLFormElement;
const saveStatus = document.getElementById('save-status')!;
const accountStatus = document.getElementById('account-status')!;
const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
const saveButton = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;

/** What is shown under a field, besides its static hint. */
interface FieldState {
  error?: string;
  locked?: boolean;
  /** A note that is not an error of the agent's (an ignored policy value, brands that did not load). */
  note?: string;
}

const fieldStates = new Map<SettingKey, FieldState>();

function control(key: SettingKey): HTMLInputElement | HTMLSelectElement {
  return document.getElementById(key) as HTMLInputElement | HTMLSelectElement;
}

/** A message paragraph under a field, created on demand, removed when empty. */
function message(key: SettingKey, kind: 'error' | 'lock' | 'note', text: string | undefined): string | undefined {
  const id = `${key}-${kind}`;
  let p = document.getElementById(id);
  if (!text) {
    p?.remove();
    return undefined;
  }
  if (!p) {
    p = document.createElement('p');
    p.id = id;
    p.className = kind;
    // Errors go first, right under the input, where the eye is.
    const field = control(key).closest('.field')!;
    if (kind === 'error') control(key).after(p);
    else field.append(p);
  }
  p.textContent = text;
  return id;
}

/** Draws a field's messages, `aria-describedby`, `aria-invalid` and disabled state. */
function renderField(key: SettingKey, state: FieldState): void {
  fieldStates.set(key, state);
  const input = control(key);
  const ids = [
    message(key, 'error', state.error),
    message(key, 'lock', state.locked ? 'Set by your organisation' : undefined),
    message(key, 'note', state.note),
    `${key}-hint`,
  ].filter((id): id is string => !!id);
  input.setAttribute('aria-describedby', ids.join(' '));
  if (state.error) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  input.disabled = !!state.locked;
}

function updateField(key: SettingKey, change: Partial<FieldState>): void {
  renderField(key, { ...fieldStates.get(key), ...change });
}

/** Fills the form from the effective settings; locked fields take the policy's value. */
function applySettings(next: ResolvedSettings, options: { lockedOnly: boolean }): void {
  for (const key of SETTING_KEYS) {
    const locked = next.locked.includes(key);
    if (!options.lockedOnly || locked) control(key).value = next.settings[key] ?? '';
    const policyError = next.policyErrors[key];
    updateField(key, {
      locked,
      ...(locked ? { error: undefined } : {}),
      note: policyError ? `Your organisation's value was ignored: ${policyError}` : undefined,
    });
  }
  document.getElementById('policy-note')!.hidden = next.locked.length === 0;
  saveButton.disabled = next.locked.length === SETTING_KEYS.length;
}

/** Checks one field and shows or clears its error. */
function check(key: SettingKey): string | undefined {
  if (fieldStates.get(key)?.locked) return undefined;
  const result = validateField(key, control(key).value);
  updateField(key, { error: result.ok ? undefined : result.message });
  return result.ok ? result.value : undefined;
}

async function save(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  saveStatus.textContent = '';
  const values: Record<string, string> = {};
  let firstInvalid: SettingKey | undefined;
  for (const key of SETTING_KEYS) {
    if (fieldStates.get(key)?.locked) continue;
    const value = check(key);
    if (value === undefined) firstInvalid ??= key;
    else values[key] = value;
  }
  if (firstInvalid) {
    saveStatus.textContent = 'Not saved: please correct the fields marked in red.';
    control(firstInvalid).focus();
    return;
  }
  const previous = await readUserSettings();
  await writeUserSettings({ ...(typeof previous === 'object' && previous !== null ? (previous as Record<string, string>) : {}), ...values });
  for (const key of Object.keys(values) as SettingKey[]) control(key).value = values[key]!;
  saveStatus.textContent = 'Saved.';
  await refreshAccount();
}

// --- Brand picker -------------------------------------------------------------------------------------

function brandLabel(brand: BrandChoice): string {
  return `${brand.name}${brand.parentName ? ` — ${brand.parentName}` : ''}${brand.role ? ` (${brand.role})` : ''}`;
}

/** Swaps the brand text field for a list of the agent's brands (same id, label and messages). */
function showBrandPicker(brands: BrandChoice[]): void {
  const current = control('brand');
  const value = current.value.trim();
  const select = document.createElement('select');
  select.id = 'brand';
  select.name = 'brand';
  if (value && !brands.some((b) => b.id === value)) {
    select.append(new Option(`${value} (not one of your brands)`, value));
  }
  for (const brand of brands) select.append(new Option(brandLabel(brand), brand.id));
  select.value = value;
  current.replaceWith(select);
  renderField('brand', fieldStates.get('brand') ?? {});
}

function showBrandInput(): void {
  const current = control('brand');
  if (current instanceof HTMLInputElement) return;
  const input = document.createElement('input');
  Object.assign(input, { id: 'brand', name: 'brand', type: 'text', autocomplete: 'off', spellcheck: false, required: true, value: current.value });
  current.replaceWith(input);
  renderField('brand', fieldStates.get('brand') ?? {});
}

async function loadBrands(): Promise<void> {
  if (fieldStates.get('brand')?.locked) return showBrandInput();
  try {
    const brands = await call('listBrands');
    if (brands.length > 1) showBrandPicker(brands);
    else showBrandInput();
    updateField('brand', { note: undefined });
  } catch (error) {
    showBrandInput();
    updateField('brand', { note: `Your brands could not be listed: ${(error as Error).message}` });
  }
}

// --- Account ------------------------------------------------------------------------------------------

async function refreshAccount(): Promise<void> {
  try {
    const status = await call('status');
    if (status.status === 'signed-in') {
      accountStatus.textContent = `Signed in as ${status.email ?? 'an unknown user'} at ${status.apiBase}.`;
    } else if (status.status === 'mfa-required') {
      accountStatus.textContent = `Signing in as ${status.email ?? 'an unknown user'}: waiting for the verification code.`;
    } else {
      accountStatus.textContent = 'Not signed in. Sign in from the SSO Launcher button in the toolbar.';
    }
    signOutButton.hidden = status.status === 'signed-out';
    if (status.status === 'signed-in') await loadBrands();
    else showBrandInput();
  } catch (error) {
    accountStatus.textContent = `The account could not be checked: ${(error as Error).message}`;
  }
}

async function signOut(): Promise<void> {
  signOutButton.disabled = true;
  try {
    await call('signOut');
  } catch (error) {
    accountStatus.textContent = `Could not sign out: ${(error as Error).message}`;
  } finally {
    signOutButton.disabled = false;
  }
  await refreshAccount();
  // The button is gone: keep the focus on the news rather than dropping it on <body>.
  accountStatus.tabIndex = -1;
  accountStatus.focus();
}

// --- Start ------------------------------------------------------------------------------------------------

form.addEventListener('submit', (event) => {
  pressingSave = false;
  void save(event);
});
// Check a field when the agent leaves it after editing it, and once it shows an error, as they type.
// Not when they leave it for the Save button: the message would push the button down between the press
// and the release, and the click would miss it. Save checks every field anyway.
const edited = new Set<SettingKey>();
let pressingSave = false;
saveButton.addEventListener('pointerdown', () => (pressingSave = true));
document.addEventListener('pointerup', () => setTimeout(() => (pressingSave = false)));
form.addEventListener('input', (event) => {
  const key = (event.target as HTMLElement).id as SettingKey;
  if (!SETTING_KEYS.includes(key)) return;
  edited.add(key);
  if (fieldStates.get(key)?.error) check(key);
});
form.addEventListener('focusout', (event) => {
  const key = (event.target as HTMLElement).id as SettingKey;
  if (!SETTING_KEYS.includes(key) || !edited.has(key)) return;
  if (pressingSave || event.relatedTarget === saveButton) return;
  check(key);
});
signOutButton.addEventListener('click', () => void signOut());
// A policy pushed while the page is open: lock (or unlock) at once, without touching what is being typed.
onSettingsChanged(() => void readSettings().then((next) => applySettings(next, { lockedOnly: true })));

// Paint from storage.local at once, then lock what the policy (read now, maybe slowly) says.
void readSettingsFast().then(async (settings) => {
  applySettings(settings, { lockedOnly: false });
  applySettings(await readSettings(), { lockedOnly: true });
  await refreshAccount();
});
