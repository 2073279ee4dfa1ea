/**
 * Shared by the extension's end-to-end test and the popup benchmark: fill the extension's cache with
 * many apps, and time a popup open until its grid is usable.
 * @module
 */
import type { Page } from 'playwright-core';
import { AppsCache } from '../core/apps-cache.ts';
import { appsHeadKey, appsKey } from '../core/keys.ts';
import { memoryStore } from '../core/storage.ts';

/** The IndexedDB entries of a cached app list, by key, exactly as core/apps-cache.ts writes them. */
export async function cachedAppsEntries(userId: string, brand: string, apps: unknown[]): Promise<Record<string, unknown>> {
  const store = memoryStore();
  await new AppsCache(store).set(userId, brand, apps as never, Date.now());
  const keys = [appsKey(userId, brand), appsHeadKey(userId, brand)];
  return Object.fromEntries(await Promise.all(keys.map(async (key) => [key, await store.get(key)] as const)));
}

/**
 * Writes an app list straight into the launcher's IndexedDB cache, from `page`, as the launcher and the
 * background write it (core/apps-cache.ts: the list under `apps:<user>:<brand>`, and its head).
 */
export async function seedCachedApps(page: Page, userId: string, brand: string, apps: unknown[]): Promise<void> {
  const entries = Object.entries(await cachedAppsEntries(userId, brand, apps));
  await page.evaluate(
    (entries) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('sso-launcher');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite');
          for (const [key, value] of entries) tx.objectStore('kv').put(value, key);
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        };
      }),
    entries,
  );
}

/**
 * Opens `url` in `page` and resolves with the time from navigation start to the first frame with a
 * usable grid: the search box and at least one tile.
 */
export async function timeToUsableGrid(page: Page, url: string): Promise<number> {
  // A string, not a function: tsx would wrap a named function in its `__name` helper, unknown in the page.
  await page.addInitScript(`
    requestAnimationFrame(function tick() {
      const root = document.querySelector('sso-launcher')?.shadowRoot;
      if (root?.querySelector('input[name="search"]') && root.querySelector('a.tile')) window.gridAt = performance.now();
      else requestAnimationFrame(tick);
    });`);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { gridAt?: number }).gridAt !== undefined, undefined, { timeout: 10_000 });
  return page.evaluate(() => (window as unknown as { gridAt: number }).gridAt);
}
