/**
 * What the launcher can show before any network call or schema library is loaded: who is signed in
 * and their cached grid, read straight from storage. The element paints this first and loads the
 * session, HTTP and zod code in parallel (see components/sso-launcher.component.ts), which keeps the
 * script tag's payload small and the cached grid instant.
 * @module
 */
import type { AppsHead } from './apps-cache.ts';
import { appsHeadKey, appsKey, prefsKey, sessionKey } from './keys.ts';
import { preferencesFrom, type Preferences } from './preferences-record.ts';
import type { SsoApp, User } from './rechat/schemas.ts';
import type { KeyValueStore } from './storage.ts';
import { storedSessionInfo, type StoredTokens } from './stored-session.ts';

/** A signed-in (or MFA-pending) agent's last known view. */
export interface LauncherSnapshot {
  status: 'signed-in' | 'mfa-required';
  user: User;
  apps: SsoApp[] | undefined;
  /**
   * Set when `apps` is only the head of the cached list (core/apps-cache.ts AppsHead): how many apps
   * there are in all. The rest is read with {@link readCachedApps} once the first screen is painted.
   */
  appsTotal?: number;
  prefs: Preferences;
}

/** The whole cached list (as core/apps-cache.ts reads it: a list or nothing). Never throws. */
export async function readCachedApps(store: Pick<KeyValueStore, 'get'>, userId: string, brand: string): Promise<SsoApp[] | undefined> {
  try {
    const cached = await store.get<{ apps?: unknown }>(appsKey(userId, brand));
    return cached && Array.isArray(cached.apps) ? (cached.apps as SsoApp[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the snapshot for a client and brand: undefined when nobody is signed in (a corrupt record
 * reads as nobody), null when the store could not be read at all (blocked, or its page is closing),
 * which is no answer about the session. Never throws. Only what the session itself stored is read back.
 *
 * In IndexedDB it is one read-only transaction (the session, then the apps and preferences of its
 * user, chained inside it): each transaction costs a few ms of set-up on a cold page (issue 15).
 *
 * `onSession` is given the stored record of a signed-in agent as soon as it is read, before the apps
 * and preferences are: the start sends the app list request with it (core/early-apps.ts), which a
 * cached grid revalidates with too. The record, tokens included, goes nowhere else.
 */
export async function readSnapshot(
  store: KeyValueStore,
  config: { clientId: string; apiBase: string; brand: string },
  onSession?: (stored: Partial<StoredTokens>) => void,
): Promise<LauncherSnapshot | undefined | null> {
  const read = async (get: <V>(key: string) => Promise<V | undefined>): Promise<LauncherSnapshot | undefined> => {
    const record = await get<Partial<StoredTokens>>(sessionKey(config.clientId, config.apiBase));
    const stored = storedSessionInfo(record);
    if (!stored) return undefined;
    try {
      onSession?.(record!);
    } catch {
      // Its failure is its own: the snapshot still paints.
    }
    const { user } = stored;
    const status = stored.mfaPending ? 'mfa-required' : 'signed-in';
    const [head, storedPrefs] = await Promise.all([get<Partial<AppsHead>>(appsHeadKey(user.id, config.brand)), get<Partial<Preferences>>(prefsKey(user.id))]);
    const snapshot: LauncherSnapshot = { status, user, apps: undefined, prefs: preferencesFrom(storedPrefs) };
    // The head alone paints the first screen when it has every app the Pinned and Recent lists show.
    if (head && Array.isArray(head.apps) && typeof head.total === 'number') {
      const ids = new Set(head.apps.map((app) => app.id));
      if (head.total <= head.apps.length) snapshot.apps = head.apps;
      else if ([...snapshot.prefs.favourites, ...snapshot.prefs.recent].every((id) => ids.has(id))) Object.assign(snapshot, { apps: head.apps, appsTotal: head.total });
    }
    if (!snapshot.apps) {
      const cached = await get<{ apps?: unknown }>(appsKey(user.id, config.brand));
      // As core/apps-cache.ts reads it: a list or nothing.
      snapshot.apps = cached && Array.isArray(cached.apps) ? (cached.apps as SsoApp[]) : undefined;
    }
    return snapshot;
  };
  try {
    return await (store.batch ? store.batch(read) : read((key) => store.get(key)));
  } catch {
    return null;
  }
}
