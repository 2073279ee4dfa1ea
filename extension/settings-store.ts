/**
 * Where the settings live: what the options page saved (`storage.local`), what the brokerage pushed
 * (`storage.managed`), resolved by settings.ts (policy over options over the demo defaults).
 *
 * Chromium's first `storage.managed.get()` of a browser session took about 3 s on our machines (later
 * ones take a millisecond). So every resolution also keeps two copies in `storage.local`: the last
 * policy read (for the options page's first paint) and the popup's configuration (client-config.ts),
 * from which the popup draws at once, without this module or zod.
 * @module
 */
import { POPUP_CONFIG_KEY, popupConfigFor } from './client-config.ts';
import { onStorageChanged, readLocal, readManaged, writeLocal } from './browser.ts';
import { keepCopy, pageStorage } from './popup-copy.ts';
import { USER_SETTINGS_KEY, resolveSettings, type ResolvedSettings } from './settings.ts';

/** The last policy read. Written only by {@link readSettings}. */
const POLICY_COPY_KEY = 'policyCopy';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the options page saved, or undefined. */
export async function readUserSettings(): Promise<unknown> {
  return (await readLocal([USER_SETTINGS_KEY]))[USER_SETTINGS_KEY];
}

/** Saves the options page's settings. */
export function writeUserSettings(values: Record<string, string>): Promise<void> {
  return writeLocal({ [USER_SETTINGS_KEY]: values });
}

/** The effective settings, with the policy read now; refreshes the copies. */
export async function readSettings(): Promise<ResolvedSettings> {
  const [managed, stored] = await Promise.all([readManaged(), readLocal([USER_SETTINGS_KEY, POLICY_COPY_KEY, POPUP_CONFIG_KEY])]);
  const resolved = resolveSettings(managed, stored[USER_SETTINGS_KEY]);
  const popup = popupConfigFor(resolved);
  const changes: Record<string, unknown> = {};
  if (!same(stored[POLICY_COPY_KEY], managed)) changes[POLICY_COPY_KEY] = managed;
  if (!same(stored[POPUP_CONFIG_KEY], popup)) changes[POPUP_CONFIG_KEY] = popup;
  // And the popup's own copy (popup-copy.ts), where there is a page (the options page after a save;
  // the background's worker has no localStorage): the next popup then starts from these settings.
  keepCopy(pageStorage(), popup);
  if (Object.keys(changes).length) await writeLocal(changes);
  return resolved;
}

/**
 * The effective settings from `storage.local` alone, with the last policy read: a few milliseconds,
 * for a first paint. Call {@link readSettings} next for the policy as it is now. When the policy has
 * never been read (the very first run), this reads it: a form must not be shown for an API that a
 * policy is about to replace.
 */
export async function readSettingsFast(): Promise<ResolvedSettings> {
  const stored = await readLocal([USER_SETTINGS_KEY, POLICY_COPY_KEY]);
  if (stored[POLICY_COPY_KEY] === undefined) return readSettings();
  return resolveSettings(stored[POLICY_COPY_KEY], stored[USER_SETTINGS_KEY]);
}

/** Calls `listener` when the saved settings or the policy change. Returns the function that stops it. */
export function onSettingsChanged(listener: () => void): () => void {
  return onStorageChanged((keys, area) => {
    if (area === 'managed' || (area === 'local' && keys.includes(USER_SETTINGS_KEY))) listener();
  });
}
