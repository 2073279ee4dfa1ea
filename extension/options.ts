/**
 * The options page: API base URL, client id, brand (a picker when the agent belongs to several),
 * token endpoint, broker URL, and sign out; for brand admins, the admin tools (apps and Mosaic groups).
 * The form itself is options-form.ts; this file wires it to storage and to the background.
 *
 * Fields set by enterprise policy are locked: policy wins over what is saved here (settings.ts).
 * @module
 */
import { adoptThemeTokens } from '../components/theme.styles.ts';
import type { BackgroundTable } from './background-table.ts';
import { toLauncherConfig } from './client-config.ts';
import { describeError } from '../components/describe-error.ts';
import { isSsoError } from '../core/errors.ts';
import { loadMessages, messagesFor } from '../components/messages.ts';
import { hasHostPermissions, identityRedirectUrl, onHostPermissionsChanged, reportMissingHostPermissions, requestHostPermissions, sendMessage, uiLanguage } from './browser.ts';
import { neededHosts, type ReachedUrls } from './host-permissions.ts';
import { extensionMessages, localizePage, pageLanguage, translateStored } from './i18n.ts';
import { createCaller } from './messages.ts';
import { AccessSection } from './options-access.ts';
import { SettingsForm } from './options-form.ts';
import { onSettingsChanged, readSettings, readSettingsFast, readUserSettings, writeUserSettings } from './settings-store.ts';

// The launcher's palette on this page (options.css uses its --sso-* properties).
adoptThemeTokens();
const call = createCaller<BackgroundTable>(sendMessage);

// The browser's language, on <html lang> (the admin tools read it there); the page's static text is
// rewritten in it before the form is used. The launcher's table words the errors (describe below).
const lang = pageLanguage(uiLanguage());
document.documentElement.lang = lang;
const [t] = await Promise.all([extensionMessages(lang), loadMessages(lang).catch(() => undefined)]);
localizePage(document, t);

/** The plain sentence for an error from the background (it names the host and the problem), as the popup shows it. */
function describe(error: unknown): string {
  return isSsoError(error) ? describeError(error, 'apps', messagesFor(lang)) : translateStored((error as Error).message, t);
}

const form = new SettingsForm(document, t);
const saveStatus = document.getElementById('save-status')!;
const accountStatus = document.getElementById('account-status')!;
const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
const adminSection = document.getElementById('admin-section')!;

reportMissingHostPermissions();
const access = new AccessSection(document, {
  has: (pattern) => hasHostPermissions([pattern]),
  request: requestHostPermissions,
  granted: () => void refreshAccount(),
}, t);

/** The URLs the effective settings reach (policy values included), for the Access section. */
async function reachedUrls(): Promise<ReachedUrls> {
  const { settings } = await readSettings();
  return { apiBase: settings.apiBase, tokenEndpoint: settings.tokenEndpoint, broker: settings.broker };
}

function save(event: SubmitEvent): void {
  event.preventDefault();
  saveStatus.textContent = '';
  const result = form.submit();
  if (!result.ok) {
    saveStatus.textContent = t.notSaved;
    return;
  }
  // Ask for the hosts now, before any await: the browser grants a permission request only inside the
  // click that submitted (Firefox checks it is handling user input). The fields show every effective
  // value, policy ones included, already checked and normalised by submit().
  const value = (key: 'apiBase' | 'tokenEndpoint' | 'broker') => form.control(key).value.trim() || undefined;
  const hosts = neededHosts({ apiBase: value('apiBase'), tokenEndpoint: value('tokenEndpoint'), broker: value('broker') });
  const granted = hosts.length ? requestHostPermissions(hosts.map((needed) => needed.pattern)).catch(() => false) : Promise.resolve(true);
  void finishSave(result.values, granted, hosts.map((needed) => needed.host));
}

async function finishSave(values: Record<string, string>, granted: Promise<boolean>, hosts: string[]): Promise<void> {
  // Keep what was saved for fields now locked: it applies again if the policy is lifted.
  const previous = await readUserSettings();
  await writeUserSettings({ ...(typeof previous === 'object' && previous !== null ? (previous as Record<string, string>) : {}), ...values });
  saveStatus.textContent = (await granted) ? t.saved : t.savedNoAccess(hosts.join(', '));
  await access.update(await reachedUrls());
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
    form.update('brand', { note: t.brandsFailed(describe(error)) });
  }
}

async function refreshAccount(): Promise<void> {
  try {
    const status = await call('status');
    const who = status.email ?? t.unknownUser;
    accountStatus.textContent =
      status.status === 'signed-in'
        ? t.signedInAs(who, status.apiBase)
        : status.status === 'mfa-required'
          ? t.waitingForCode(who)
          : t.notSignedIn;
    signOutButton.hidden = status.status === 'signed-out';
    if (status.status === 'signed-in') await Promise.all([loadBrands(), showAdminTools()]);
    else {
      form.showBrandInput();
      adminSection.hidden = true;
    }
  } catch (error) {
    accountStatus.textContent = t.accountFailed(describe(error));
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
    accountStatus.textContent = t.signOutFailed(describe(error));
  } finally {
    signOutButton.disabled = false;
  }
  await refreshAccount();
  // The button is gone: keep the focus on the news rather than dropping it on <body>.
  accountStatus.tabIndex = -1;
  accountStatus.focus();
}

form.form.addEventListener('submit', save);
// Granted or withdrawn elsewhere (the browser's add-ons page, another options tab): redraw the buttons.
onHostPermissionsChanged(() => void reachedUrls().then((urls) => access.update(urls)));
signOutButton.addEventListener('click', () => void signOut());
// A policy pushed while the page is open: lock (or unlock) at once, without touching what is being typed.
onSettingsChanged(() => void readSettings().then((next) => form.apply(next, { lockedOnly: true })));

// Paint from storage.local at once, then lock what the policy (read now, maybe slowly) says.
void readSettingsFast().then(async (settings) => {
  form.apply(settings, { lockedOnly: false });
  form.apply(await readSettings(), { lockedOnly: true });
  await access.update(await reachedUrls());
  await refreshAccount();
});

// The exact redirect URL of this install's "Sign in with Rechat" (identity.getRedirectURL()), to register.
document.getElementById('redirect-url')!.textContent = identityRedirectUrl();
