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
import { sessionKey } from './keys.ts';
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

interface StoredCopy extends FirstScreen {
  v: 1;
}

/**
 * Apps kept in the copy: as many as the cache's head (core/apps-cache.ts HEAD_SIZE, which a test checks
 * this against), more than any first screen shows. Not imported from there: the apps cache is the
 * client's code, and importing it into the first module made Rolldown split the bundle into more files.
 */
export const COPY_SIZE = 100;

/** What every copy's key starts with. */
export const COPY_PREFIX = 'sso-launcher:first-screen:';
const copyKey = (config: SnapshotCopyConfig) => `${COPY_PREFIX}${sessionKey(config.clientId, config.apiBase)}:${config.brand}`;

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
    if (!shown.every((id) => inHead.has(id) || !inList.has(id))) return clearSnapshotCopy(storage, config);
  }
  const copy: StoredCopy = { v: 1, user: screen.user, apps: head, total: screen.total, prefs: screen.prefs };
  try {
    storage?.setItem(copyKey(config), JSON.stringify(copy));
  } catch {
    clearSnapshotCopy(storage, config);
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

/** The copy of one configuration's first screen in one storage: what the launcher reads, keeps and removes. */
export interface SnapshotCopy {
  read(): LauncherSnapshot | undefined;
  write(screen: FirstScreen): void;
  clear(): void;
}

/** {@link readSnapshotCopy}, {@link writeSnapshotCopy} and {@link clearSnapshotCopy}, for `config` in `storage`. */
export function snapshotCopy(storage: Storage | undefined, config: SnapshotCopyConfig): SnapshotCopy {
  return {
    read: () => readSnapshotCopy(storage, config),
    write: (screen) => writeSnapshotCopy(storage, config, screen),
    clear: () => clearSnapshotCopy(storage, config),
  };
}
