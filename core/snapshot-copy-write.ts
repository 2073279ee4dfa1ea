/**
 * Writing the first screen's copy (core/snapshot-copy.ts, whose format this writes). Apart from its
 * reading, which the script tag's first module does as the element starts: the copy is written when
 * the page is idle after the grid (components/snapshot-copy-keeper.ts), by code loaded after the first
 * paint (issue 15).
 * @module
 */
import { firstScreenKey } from './keys.ts';
import type { FirstScreen, SnapshotCopyConfig, StoredCopy } from './snapshot-copy.ts';

/**
 * Apps kept in the copy: as many as the cache's head (core/apps-cache.ts HEAD_SIZE, which a test checks
 * this against), more than any first screen shows.
 */
export const COPY_SIZE = 100;

/**
 * Removes the copy, as core/snapshot-copy.ts clearSnapshotCopy does. Not imported from there: importing
 * any value of that first-module file from here made Rolldown split core/urls.ts out of the script tag's
 * entry into a file of its own (test/e2e/first-module.test.ts catches it). Never throws.
 */
function removeCopy(storage: Storage | undefined, config: SnapshotCopyConfig): void {
  try {
    storage?.removeItem(firstScreenKey(config));
  } catch {
    // A blocked storage holds no copy that could be read either.
  }
}

/**
 * Keeps `screen` as the copy: its first {@link COPY_SIZE} apps, the count, the user and preferences.
 * When a pinned or recent app of the list is past the head, the first screen needs more than the copy
 * holds: the copy is removed instead, and the next start paints from IndexedDB as before. Never throws:
 * a full or blocked storage only costs the next start its head start.
 */
export function writeSnapshotCopy(storage: Storage | undefined, config: SnapshotCopyConfig, screen: FirstScreen): void {
  const head = screen.apps.slice(0, COPY_SIZE);
  const shown = [...screen.prefs.favourites, ...screen.prefs.recent];
  if (shown.length) {
    // Only apps still listed count: a pin of a removed app needs nothing from the copy.
    const inHead = new Set(head.map((app) => app.id));
    const inList = new Set(screen.apps.map((app) => app.id));
    if (!shown.every((id) => inHead.has(id) || !inList.has(id))) return removeCopy(storage, config);
  }
  const copy: StoredCopy = { v: 1, user: screen.user, apps: head, total: screen.total, prefs: screen.prefs };
  try {
    storage?.setItem(firstScreenKey(config), JSON.stringify(copy));
  } catch {
    removeCopy(storage, config);
  }
}

