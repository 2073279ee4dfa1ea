/**
 * The toolbar popup: `<sso-launcher>` on the shared core, with the extension's settings.
 *
 * - The grid comes from the cache at once: the element reads the session and the app list from the
 *   extension origin's IndexedDB, the same database the background keeps warm.
 * - Launches go through the tabs API: the element asks (`sso-request-launch`), the popup says no to the
 *   element's own `window.open` and opens the tab itself.
 * - The focus lands in the search box (or the email field), so the keyboard command opens the popup,
 *   the agent types a few letters and Enter launches.
 * @module
 */
// First: puts the configured element in the page before its module runs (see popup-early.ts).
import { copied, earlyLauncher } from './popup-early.ts';
import '../components/sso-launcher.ts';
import { idbStore } from '../core/storage.ts';
import { safeHttpUrl } from '../core/urls.ts';
import type { BackgroundTable } from './background-table.ts';
import { closeIfPopup, openOptionsPage, openTab, readLocal, reportMissingHostPermissions, sendMessage } from './browser.ts';
import { POPUP_CONFIG_KEY, isPopupConfig, popupConfigFor, type PopupConfig } from './client-config.ts';
import { extensionMessages, localizePage, translateStored } from './i18n.ts';
import { createCaller } from './messages.ts';
import { configureLauncher, keepCopy, pageStorage } from './popup-copy.ts';
import type { SsoLauncher } from '../components/sso-launcher.ts';
import { adoptThemeTokens } from '../components/theme.styles.ts';

// The launcher's palette on the popup's own parts too (popup.css uses its --sso-* properties).
adoptThemeTokens();
const call = createCaller<BackgroundTable>(sendMessage);

/**
 * Focuses the element's first field as soon as it is drawn (the grid waits for IndexedDB). Resolves
 * once the element has drawn more than its skeleton (a field, or an alert), or after 5 s.
 */
function focusWhenReady(el: HTMLElement & { focus(): void }, root: ShadowRoot | null): Promise<void> {
  const field = 'input[name="search"], input[name="email"], input[name="code"]';
  if (!root) return Promise.resolve();
  if (root.querySelector(field)) return Promise.resolve(el.focus());
  return new Promise((drawn) => {
    const observer = new MutationObserver(() => {
      if (root.querySelector('[role="alert"]')) drawn();
      if (!root.querySelector(field)) return;
      observer.disconnect();
      drawn();
      // Only if the agent has not moved on (to the Settings button, say) in the meantime.
      if (document.activeElement === document.body || document.activeElement === el) el.focus();
    });
    observer.observe(root, { childList: true, subtree: true });
    setTimeout(() => (observer.disconnect(), drawn()), 5_000);
  });
}

/**
 * The settings as they are now: policy, options and defaults resolved by settings-store.ts, which is
 * loaded only now, so that zod stays off the path to the first paint.
 */
async function currentConfig(): Promise<PopupConfig> {
  const { readSettings } = await import('./settings-store.ts');
  return popupConfigFor(await readSettings());
}

async function main(): Promise<void> {
  // The browser's language is on <html lang> already (popup-early.ts), where the element reads it too
  // (it loads its own table). English is inline; another language's words are a small chunk, loaded
  // while the settings are read.
  const words = extensionMessages(document.documentElement.lang);
  void words.then((t) => localizePage(document, t));
  // A request to a host the agent has not allowed is not made, and says "permission not granted".
  reportMissingHostPermissions();
  // Opens the shared IndexedDB now, while the settings are read: the element reuses this connection.
  idbStore();
  // Configured by attributes rather than a ready-made `client`: the element then paints the signed-in
  // agent's cached grid straight from IndexedDB while it loads the session, HTTP and zod code. It builds
  // the same LauncherClient as the background (same settings, same IndexedDB), so both see one session
  // and one cache. Usually it is in the page already, from the last popup's configuration.
  const el = (earlyLauncher as SsoLauncher | undefined) ?? document.createElement('sso-launcher');
  const hint = document.getElementById('hint')!;

  el.addEventListener('sso-request-launch', (event) => {
    // A chatbot's URL needs a token from the broker first: the element opens its tab inside the click.
    if (event.detail.chatbot) return;
    // Opened through the tabs API (no opener, and the popup may close at once), not by the element.
    event.preventDefault();
    const url = safeHttpUrl(event.detail.url);
    if (!url) return;
    void openTab(url).then(closeIfPopup, (error: unknown) => console.error('[sso-launcher] could not open the app', error));
  });
  // "Sign in with Rechat" runs in the background (identity.launchWebAuthFlow), not in a window.open
  // popup: Chrome closes this popup when the sign-in window opens; reopened, it finds the new session.
  el.addEventListener('sso-request-rechat-sign-in', (event) => {
    event.preventDefault();
    void call('signInWithRechat').then(
      () => el.client?.session.reload() ?? location.reload(),
      async (error: unknown) => {
        // The agent reads why (cancelled, refused): the messages of rechat-sign-in.ts are plain words.
        hint.textContent = translateStored(error instanceof Error ? error.message : String(error), await words);
        hint.hidden = false;
      },
    );
  });
  // Tell the background, so it reads the new session, sets its refresh alarm and prefetches.
  const sessionChanged = () => void call('sessionChanged').catch(() => undefined);
  el.addEventListener('sso-sign-in', sessionChanged);
  el.addEventListener('sso-sign-out', sessionChanged);

  // The configuration saved the last time the settings were resolved (client-config.ts); on the very
  // first run there is none yet, and the settings are resolved now.
  const stored = (await readLocal([POPUP_CONFIG_KEY]))[POPUP_CONFIG_KEY];
  const loading = document.getElementById('loading')!;
  // Said only when nothing is shown: the element from the copy draws its skeleton meanwhile.
  const slow = setTimeout(() => (loading.hidden = Boolean(copied)), 200);
  const initial = isPopupConfig(stored) ? stored : await currentConfig();
  clearTimeout(slow);
  loading.remove();
  const t = await words;

  const configure = (config: PopupConfig) => {
    configureLauncher(el, config);
    keepCopy(pageStorage(), config);
    hint.textContent = translateStored(config.hint, t);
    hint.hidden = !config.hint;
  };
  configure(initial);

  if (!el.isConnected) document.getElementById('launcher')!.append(el);
  const drawn = focusWhenReady(el, el.shadowRoot);
  document.getElementById('settings')!.addEventListener('click', () => {
    void openOptionsPage().then(closeIfPopup);
  });

  // Settings or a policy changed since the copy was saved: switch (rare; normally identical). Once the
  // grid is painted: this loads zod and reads the policy, which would compete with the first paint. Idle
  // alone is not enough: the main thread is idle while the element waits for IndexedDB, and measured,
  // the idle callback often came before the grid (issue 15).
  await drawn;
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 500 }));
  const current = await currentConfig();
  if (JSON.stringify(current) !== JSON.stringify(initial)) configure(current);
}

void main();
