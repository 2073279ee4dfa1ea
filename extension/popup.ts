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
import '../components/sso-launcher.ts';
import { idbStore } from '../core/storage.ts';
import { safeHttpUrl } from '../core/urls.ts';
import type { BackgroundTable } from './background-table.ts';
import { closeIfPopup, openOptionsPage, openTab, readSettings, readSettingsFast, sendMessage } from './browser.ts';
import { createCaller } from './messages.ts';
import { toLauncherConfig, type ResolvedSettings } from './settings.ts';

const call = createCaller<BackgroundTable>(sendMessage);

/** Focuses the element's first field as soon as it is drawn (the grid waits for IndexedDB). */
function focusWhenReady(el: HTMLElement & { focus(): void }, root: ShadowRoot | null): void {
  const selector = 'input[name="search"], input[name="email"], input[name="code"]';
  if (!root) return;
  if (root.querySelector(selector)) return el.focus();
  const observer = new MutationObserver(() => {
    if (!root.querySelector(selector)) return;
    observer.disconnect();
    // Only if the agent has not moved on (to the Settings button, say) in the meantime.
    if (document.activeElement === document.body || document.activeElement === el) el.focus();
  });
  observer.observe(root, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), 5_000);
}

/** The demo hint, or a word about a broken policy. */
function showHint(resolved: ResolvedSettings): void {
  const hint = document.getElementById('hint')!;
  hint.textContent = resolved.usingDemo
    ? 'Using the local demo; open settings to configure.'
    : Object.keys(resolved.policyErrors).length
      ? 'Some settings from your organisation are invalid; see Settings.'
      : '';
  hint.hidden = !hint.textContent;
}

const clientKey = (resolved: ResolvedSettings) => JSON.stringify([toLauncherConfig(resolved.settings), resolved.settings.broker ?? '']);

async function main(): Promise<void> {
  // Opens the shared IndexedDB now, while the settings are read: the element reuses this connection.
  idbStore();
  // From storage.local only: Chromium's first read of the policy can take seconds (see browser.ts).
  const resolved = await readSettingsFast();

  const el = document.createElement('sso-launcher');
  // Configured by attributes rather than a ready-made `client`: the element then paints the signed-in
  // agent's cached grid straight from IndexedDB while it loads the session, HTTP and zod code, which
  // keeps that code off the popup's critical path. It builds the same LauncherClient as the background
  // (same settings, same IndexedDB), so both see one session and one cache.
  const configure = (settings: ResolvedSettings) => {
    const config = toLauncherConfig(settings.settings);
    el.apiBase = config.apiBase;
    el.clientId = config.clientId;
    el.brand = config.brand;
    el.tokenEndpoint = config.tokenEndpoint ?? '';
    el.persist = 'local';
    el.broker = settings.settings.broker ?? '';
    showHint(settings);
  };
  configure(resolved);

  el.addEventListener('sso-request-launch', (event) => {
    // Opened through the tabs API (no opener, and the popup may close at once), not by the element.
    event.preventDefault();
    const url = safeHttpUrl(event.detail.url);
    if (!url) return;
    void openTab(url).then(closeIfPopup, (error: unknown) => console.error('[sso-launcher] could not open the app', error));
  });
  // Tell the background, so it reads the new session, sets its refresh alarm and prefetches.
  const sessionChanged = () => void call('sessionChanged').catch(() => undefined);
  el.addEventListener('sso-sign-in', sessionChanged);
  el.addEventListener('sso-sign-out', sessionChanged);

  document.getElementById('launcher')!.append(el);
  focusWhenReady(el, el.shadowRoot);
  document.getElementById('settings')!.addEventListener('click', () => {
    void openOptionsPage().then(closeIfPopup);
  });

  // A policy pushed since the background last read it: switch to it (rare; normally identical).
  const current = await readSettings();
  if (clientKey(current) !== clientKey(resolved)) configure(current);
  else showHint(current);
}

void main();
