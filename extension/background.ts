/**
 * The background (a service worker in Chrome, an event page in Firefox). It keeps the session fresh
 * with an alarm ahead of expiry, prefetches the app list so the popup opens on a warm cache, answers the
 * pages through one message table, and serves the omnibox keyword "sso".
 *
 * MV3 rule: every listener is registered synchronously at the top level, so the browser can wake the
 * worker for it. State lives in IndexedDB and storage, never only in these variables.
 * @module
 */
import { LauncherClient } from '../core/launcher.ts';
import { safeHttpUrl } from '../core/urls.ts';
import { createBackgroundTable } from './background-table.ts';
import {
  clearAlarm,
  identityRedirectUrl,
  launchWebAuthFlow,
  onAlarm,
  onInstalledOrStartup,
  onOmniboxEnter,
  onOmniboxInput,
  omniboxMarkup,
  openForDisposition,
  reportMissingHostPermissions,
  serveMessages,
  setAlarm,
  setOmniboxDefault,
  uiLanguage,
  setRepeatingAlarm,
} from './browser.ts';
import { keepFresh } from './freshness.ts';
import { signInWithRechat } from './rechat-sign-in.ts';
import { MAX_SUGGESTIONS, bestMatch, describeApp, escapeXml, matchApps } from './omnibox.ts';
import { toLauncherConfig } from './client-config.ts';
import { extensionMessages, pageLanguage } from './i18n.ts';
import { onSettingsChanged, readSettings } from './settings-store.ts';

/** One-shot: refresh the token pair just before it expires. */
const REFRESH_ALARM = 'sso-launcher:refresh';
/** Repeating: revalidate the app list and catch up after sleep. */
const SYNC_ALARM = 'sso-launcher:sync';
const SYNC_PERIOD_MINUTES = 15;

let current: { key: string; client: LauncherClient } | undefined;

// A host the agent has not allowed is not asked; the pages then read "permission not granted", not "offline".
reportMissingHostPermissions();

/**
 * The client for the current settings. The settings are read on every call (two small storage reads):
 * a page that just saved new settings may ask before `storage.onChanged` has reached this worker.
 */
async function getClient(): Promise<LauncherClient> {
  const { settings } = await readSettings();
  const config = toLauncherConfig(settings);
  const key = JSON.stringify(config);
  if (current?.key !== key) current = { key, client: new LauncherClient(config) };
  return current.client;
}

/** Refreshes when due, optionally prefetches, and sets the next refresh alarm. */
async function tick(prefetch: boolean): Promise<void> {
  const client = await getClient();
  const result = await keepFresh(client, { prefetch, now: Date.now });
  if (result.nextAt === undefined) await clearAlarm(REFRESH_ALARM);
  else await setAlarm(REFRESH_ALARM, result.nextAt);
  if (result.error) console.warn('[sso-launcher] background refresh failed; will retry', result.error);
}

const table = createBackgroundTable({
  client: getClient,
  afterSessionChange: () => tick(true),
  rechatSignIn: (client) => signInWithRechat({ client, redirectUrl: identityRedirectUrl(), launch: launchWebAuthFlow }),
});
serveMessages(table);

onAlarm((name) => {
  if (name === REFRESH_ALARM) void tick(false);
  if (name === SYNC_ALARM) void tick(true);
});

onInstalledOrStartup(() => {
  void setRepeatingAlarm(SYNC_ALARM, SYNC_PERIOD_MINUTES);
  void tick(true);
});

onSettingsChanged(() => void tick(true));

// --- Omnibox: "sso <app name>" ---------------------------------------------------------------------------

async function cachedApps() {
  const client = await getClient();
  await client.session.reload();
  return { client, apps: (await client.cachedApps()) ?? [] };
}

/** The address bar's words, in the browser's language (i18n.ts). */
const words = extensionMessages(pageLanguage(uiLanguage()));
void words.then((t) => setOmniboxDefault(t.omniboxDefault));

onOmniboxInput((text, suggest) => {
  void Promise.all([cachedApps(), words]).then(
    ([{ client, apps }, t]) => {
      const markup = omniboxMarkup();
      const plain = (s: string) => (markup ? escapeXml(s) : s);
      if (client.session.state.status !== 'signed-in') {
        setOmniboxDefault(plain(t.omniboxSignIn));
        suggest([]);
        return;
      }
      const matches = matchApps(apps, text);
      const best = matches[0];
      setOmniboxDefault(best ? t.omniboxOpen(describeApp(best, text, markup)) : plain(t.omniboxNoMatch(text)));
      suggest(matches.slice(1, MAX_SUGGESTIONS + 1).map((app) => ({ content: app.name, description: describeApp(app, text, markup) })));
    },
    () => suggest([]),
  );
});

onOmniboxEnter((text, disposition) => {
  void cachedApps().then(async ({ client, apps }) => {
    const app = bestMatch(apps, text);
    const url = app && safeHttpUrl(app.open_url);
    if (!app || !url) return;
    await openForDisposition(url, disposition);
    const user = client.session.user;
    if (user) await client.preferences.recordLaunch(user.id, app.id);
  });
});
