/**
 * The last good app list per user and brand: served at once, then revalidated in the background
 * (stale-while-revalidate). A failed revalidation leaves the cached list in place.
 * @module
 */
import type { SsoApp } from './rechat/schemas.ts';
import type { KeyValueStore } from './storage.ts';
import { appsKey as key } from './keys.ts';

interface CachedApps {
  apps: SsoApp[];
  /** Epoch ms of the fetch that produced them. */
  fetchedAt: number;
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
      await this.store.set(key(userId, brand), { apps, fetchedAt } satisfies CachedApps);
    } catch {
      // A full or blocked store only costs the next visit its instant grid.
    }
  }

  async clear(userId: string, brand: string): Promise<void> {
    try {
      await this.store.del(key(userId, brand));
    } catch {
      // as above
    }
  }
}
