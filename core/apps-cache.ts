/**
 * The last good app list per user and brand: served at once, then revalidated in the background
 * (stale-while-revalidate). A failed revalidation leaves the cached list in place.
 * @module
 */
import type { SsoApp } from './rechat/schemas.ts';
import type { KeyValueStore } from './storage.ts';
import { appsHeadKey, appsKey as key } from './keys.ts';

interface CachedApps {
  apps: SsoApp[];
  /** Epoch ms of the fetch that produced them. */
  fetchedAt: number;
}

/**
 * Apps in the head record: more than any first screen shows (the launcher renders at most 96 tiles
 * before the agent scrolls).
 */
export const HEAD_SIZE = 100;

/**
 * The first {@link HEAD_SIZE} apps of the cached list, and how many there are in all: a brand with
 * thousands of apps paints its first screen from this small record (core/snapshot.ts), since reading
 * the whole list from IndexedDB costs milliseconds per thousand apps, then reads the rest.
 */
export interface AppsHead extends CachedApps {
  total: number;
}

/** The apps cache over a store. */
export class AppsCache {
  constructor(private readonly store: KeyValueStore) {}

  /** The cached list, or undefined. Never throws: a broken cache is an empty one. */
  async get(userId: string, brand: string): Promise<CachedApps | undefined> {
    try {
      const value = await this.store.get<CachedApps>(key(userId, brand));
      return value && Array.isArray(value.apps) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  async set(userId: string, brand: string, apps: SsoApp[], fetchedAt: number): Promise<void> {
    try {
      // The head goes first and comes back last: if a write fails, no head is left that the list
      // does not start with.
      await this.store.del(appsHeadKey(userId, brand));
      await this.store.set(key(userId, brand), { apps, fetchedAt } satisfies CachedApps);
      await this.store.set(appsHeadKey(userId, brand), { apps: apps.slice(0, HEAD_SIZE), total: apps.length, fetchedAt } satisfies AppsHead);
    } catch {
      // A full or blocked store only costs the next visit its instant grid.
    }
  }

  async clear(userId: string, brand: string): Promise<void> {
    try {
      await this.store.del(appsHeadKey(userId, brand));
      await this.store.del(key(userId, brand));
    } catch {
      // as above
    }
  }
}
