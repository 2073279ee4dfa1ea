/**
 * A copy of the first screen in Web Storage (`localStorage`): who is signed in, the head of their
 * cached grid and their preferences, never a token. It is read synchronously as the element starts,
 * so a cached grid paints in the element's first render instead of after IndexedDB's first open in
 * the page, which costs 5–15 ms (issue 15). IndexedDB stays the truth: its snapshot
 * (core/snapshot.ts), read right after, confirms what the copy painted or replaces it, and whatever
 * signs the agent out removes the copy (components/snapshot-copy-keeper.ts).
 *
 * Nothing here is more exposed than in IndexedDB: both are readable by any script of the origin, and
 * the same user, apps and preferences are stored there.
 * @module
 */
import { firstScreenKey as copyKey } from './keys.ts';
import { preferencesFrom, type Preferences } from './preferences-record.ts';
import type { SsoApp, User } from './rechat/schemas.ts';
import type { LauncherSnapshot } from './snapshot.ts';

/** Which launcher a copy belongs to: one session (client and API) and one brand, like its grid. */
export interface SnapshotCopyConfig {
  clientId: string;
  apiBase: string;
  brand: string;
}

/** What is kept: a signed-in agent's first screen. */
export interface FirstScreen {
  user: User;
  /** The whole cached list or its head; the copy keeps the head. */
  apps: readonly SsoApp[];
  /** How many apps there are in all. */
  total: number;
  prefs: Preferences;
}

export interface StoredCopy extends FirstScreen {
  v: 1;
}

// Its key: core/keys.ts firstScreenKey, beside every other key (and shared with its writer).
export { COPY_PREFIX } from './keys.ts';

/** The page's `localStorage`, or undefined where there is none or it is blocked (reading it may throw). */
export function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

const isApp = (app: unknown): app is SsoApp =>
  !!app && typeof (app as SsoApp).id === 'string' && typeof (app as SsoApp).name === 'string';

/** The copy as a snapshot, or undefined when there is none or it is not one this version wrote. Never throws. */
export function readSnapshotCopy(storage: Storage | undefined, config: SnapshotCopyConfig): LauncherSnapshot | undefined {
  try {
    const raw = storage?.getItem(copyKey(config));
    if (!raw) return undefined;
    const copy = JSON.parse(raw) as Partial<StoredCopy> | null;
    const user = copy?.user;
    if (copy?.v !== 1 || typeof user?.id !== 'string' || typeof user.email !== 'string') return undefined;
    if (!Array.isArray(copy.apps) || !copy.apps.every(isApp) || typeof copy.total !== 'number') return undefined;
    const apps = copy.apps as SsoApp[];
    const snapshot: LauncherSnapshot = { status: 'signed-in', user, apps, prefs: preferencesFrom(copy.prefs) };
    if (copy.total > apps.length) snapshot.appsTotal = copy.total;
    return snapshot;
  } catch {
    return undefined;
  }
}

/** Removes the copy. Never throws. */
export function clearSnapshotCopy(storage: Storage | undefined, config: SnapshotCopyConfig): void {
  try {
    storage?.removeItem(copyKey(config));
  } catch {
    // A blocked storage holds no copy that could be read either.
  }
}

/** The copy of one configuration's first screen in one storage: where it is, and what the launcher reads and removes. */
export interface SnapshotCopy {
  storage: Storage | undefined;
  config: SnapshotCopyConfig;
  read(): LauncherSnapshot | undefined;
  clear(): void;
}

/** {@link readSnapshotCopy} and {@link clearSnapshotCopy}, for `config` in `storage` (writing it is ./snapshot-copy-write.ts). */
export function snapshotCopy(storage: Storage | undefined, config: SnapshotCopyConfig): SnapshotCopy {
  return { storage, config, read: () => readSnapshotCopy(storage, config), clear: () => clearSnapshotCopy(storage, config) };
}
