/**
 * Per-user launcher preferences: pinned favourites and recently used apps (ids only).
 * @module
 */
import type { KeyValueStore } from './storage.ts';
import { prefsKey as key } from './keys.ts';
import { preferencesFrom, type Preferences } from './preferences-record.ts';

export type { Preferences };

/** How many recently used apps are remembered. */
export const RECENT_LIMIT = 6;

/** Reads and writes {@link Preferences}; a missing or corrupt record reads as empty. */
export class PreferencesStore {
  constructor(private readonly store: KeyValueStore) {}

  async get(userId: string): Promise<Preferences> {
    try {
      return preferencesFrom(await this.store.get<Partial<Preferences>>(key(userId)));
    } catch {
      return { favourites: [], recent: [] };
    }
  }

  async #update(userId: string, change: (p: Preferences) => Preferences): Promise<Preferences> {
    const next = change(await this.get(userId));
    try {
      await this.store.set(key(userId), next);
    } catch {
      // Preferences are a convenience: a failed write is not worth an error.
    }
    return next;
  }

  /** Pins or unpins an app. */
  toggleFavourite(userId: string, appId: string): Promise<Preferences> {
    return this.#update(userId, (p) => ({
      ...p,
      favourites: p.favourites.includes(appId) ? p.favourites.filter((id) => id !== appId) : [...p.favourites, appId],
    }));
  }

  /** Moves an app to the front of the recently used list. */
  recordLaunch(userId: string, appId: string): Promise<Preferences> {
    return this.#update(userId, (p) => ({ ...p, recent: [appId, ...p.recent.filter((id) => id !== appId)].slice(0, RECENT_LIMIT) }));
  }
}
