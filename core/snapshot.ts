/**
 * What the launcher can show before any network call or schema library is loaded: who is signed in
 * and their cached grid, read straight from storage. The element paints this first and loads the
 * session, HTTP and zod code in parallel (see components/sso-launcher.component.ts), which keeps the
 * script tag's payload small and the cached grid instant.
 * @module
 */
import { AppsCache } from './apps-cache.ts';
import { PreferencesStore, type Preferences } from './preferences.ts';
import type { SsoApp, User } from './rechat/schemas.ts';
import type { KeyValueStore } from './storage.ts';
import { readStoredSession } from './stored-session.ts';

/** A signed-in (or MFA-pending) agent's last known view. */
export interface LauncherSnapshot {
  status: 'signed-in' | 'mfa-required';
  user: User;
  apps: SsoApp[] | undefined;
  prefs: Preferences;
}

/**
 * Reads the snapshot for a client and brand, or undefined when nobody is signed in. Never throws:
 * an unreadable store is an empty one. Only what the session itself stored is read back.
 */
export async function readSnapshot(
  store: KeyValueStore,
  config: { clientId: string; apiBase: string; brand: string },
): Promise<LauncherSnapshot | undefined> {
  try {
    const stored = await readStoredSession(store, config);
    if (!stored) return undefined;
    const { user } = stored;
    const [cached, prefs] = await Promise.all([new AppsCache(store).get(user.id, config.brand), new PreferencesStore(store).get(user.id)]);
    return { status: stored.mfaPending ? 'mfa-required' : 'signed-in', user, apps: cached?.apps, prefs };
  } catch {
    return undefined;
  }
}
