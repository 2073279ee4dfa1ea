/**
 * The options page: API base URL, client id, brand (a picker when the agent belongs to several),
 * token endpoint, broker URL, and sign out; for brand admins, the admin tools (apps and Mosaic groups).
 * The form itself is options-form.ts; this file wires it to storage and to the background.
 *
 * Fields set by enterprise policy are locked: policy wins over what is saved here (settings.ts).
 * @module
 */
import type { BackgroundTable } from './background-table.ts';
import { toLauncherConfig } from './client-config.ts';
import { identityRedirectUrl, sendMessage } from './browser.ts';
import { createCaller } from './messages.ts';
import { SettingsForm } from './options-form.ts';
import { onSettingsChanged, readSettings, readSettingsFast, readUserSettings, writeUserSettings } from './settings-store.ts';

const call = createCaller<BackgroundTable>(sendMessage);

const form = new SettingsForm(document);
const saveStatus = document.getElementById('save-status')!;
const accountStatus = document.getElementById('account-status')!;
const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
const adminSection = document.getElementById('admin-section')!;

async function save(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  saveStatus.textContent = '';
  const result = form.submit();
  if (!result.ok) {
    saveStatus.textContent = 'Not saved: please correct the fields marked in red.';
    return;
  }
  // Keep what was saved for fields now locked: it applies again if the policy is lifted.
  const previous = await readUserSettings();
  await writeUserSettings({ ...(typeof previous === 'object' && previous !== null ? (previous as Record<string, string>) : {}), ...result.values });
  saveStatus.textContent = 'Saved.';
  await refreshAccount();
}

/** Lists the agent's brands; a picker when there are several. */
async function loadBrands(): Promise<void> {
  if (form.isLocked('brand')) return form.showBrandInput();
  try {
    const brands = await call('listBrands');
    if (brands.length > 1) form.showBrandPicker(brands);
    else form.showBrandInput();
    form.update('brand', { note: undefined });
  } catch (error) {
    form.showBrandInput();
    form.update('brand', { note: `Your brands could not be listed: ${(error as Error).message}` });
  }
}

async function refreshAccount(): Promise<void> {
  try {
    const status = await call('status');
    const who = status.email ?? 'an unknown user';
    accountStatus.textContent =
      status.status === 'signed-in'
        ? `Signed in as ${who} at ${status.apiBase}.`
        : status.status === 'mfa-required'
          ? `Signing in as ${who}: waiting for the verification code.`
          : 'Not signed in. Sign in from the SSO Launcher button in the toolbar.';
    signOutButton.hidden = status.status === 'signed-out';
    if (status.status === 'signed-in') await Promise.all([loadBrands(), showAdminTools()]);
    else {
      form.showBrandInput();
      adminSection.hidden = true;
    }
  } catch (error) {
    accountStatus.textContent = `The account could not be checked: ${(error as Error).message}`;
  }
}

/**
 * For an admin of the brand: the same `<sso-launcher-admin>` as the launcher's "Manage apps", on a
 * client built from the same settings and the same IndexedDB as the popup's and the background's
 * (so the same session). Its code loads only for admins. The server enforces who may change apps.
 */
async function showAdminTools(): Promise<void> {
  try {
    await mountAdminTools();
  } catch {
    adminSection.hidden = true; // not knowing is not being an admin: the launcher works as before
  }
}

async function mountAdminTools(): Promise<void> {
  const { settings } = await readSettings();
  const config = toLauncherConfig(settings);
  const [{ LauncherClient }, { checkBrandAdmin }] = await Promise.all([import('../core/launcher.ts'), import('../core/rechat/brands.ts')]);
  const client = new LauncherClient(config);
  await client.session.ready;
  const { admin, brands } = client.session.state.status === 'signed-in' ? await checkBrandAdmin(client.session, config.brand) : { admin: false, brands: [] };
  adminSection.hidden = !admin;
  if (!admin) return;
  await import('../components/sso-launcher-admin.ts');
  const tools = document.createElement('sso-launcher-admin');
  tools.client = client;
  tools.broker = settings.broker ?? '';
  tools.brands = brands;
  document.getElementById('admin')!.replaceChildren(tools);
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

form.form.addEventListener('submit', (event) => void save(event));
signOutButton.addEventListener('click', () => void signOut());
// A policy pushed while the page is open: lock (or unlock) at once, without touching what is being typed.
onSettingsChanged(() => void readSettings().then((next) => form.apply(next, { lockedOnly: true })));

// Paint from storage.local at once, then lock what the policy (read now, maybe slowly) says.
void readSettingsFast().then(async (settings) => {
  form.apply(settings, { lockedOnly: false });
  form.apply(await readSettings(), { lockedOnly: true });
  await refreshAccount();
});

// The exact redirect URL of this install's "Sign in with Rechat" (identity.getRedirectURL()), to register.
document.getElementById('redirect-url')!.textContent = identityRedirectUrl();
