/**
 * How `<sso-launcher>` starts, after its first render and before it has a client: it reads the snapshot
 * from storage (the signed-in agent, their cached grid and preferences, core/snapshot.ts), which
 * confirms or replaces the first screen painted from its copy in localStorage; it sends the app list
 * request with the stored session as soon as that is read (core/early-apps.ts); then it loads the client's
 * code and builds the client. From here on the first screen's copy is kept in step too
 * (snapshot-copy-keeper.ts).
 *
 * A chunk of its own, with the storage code, requested as the script tag's module runs: a returning
 * agent's grid paints from the copy without it, and IndexedDB's code and reads come after (issue 15).
 * A first visit, or one without a copy, waits for it before its first read.
 * @module
 */
import type { ReactiveControllerHost } from 'lit';
import { requestAppsEarly, type EarlyRequest } from '../core/early-apps.ts';
import type { LauncherClient, LauncherConfig } from '../core/launcher.ts';
import type { Preferences } from '../core/preferences-record.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import type { SessionState } from '../core/session.ts';
import type { SnapshotCopy } from '../core/snapshot-copy.ts';
import { readCachedApps, readSnapshot, type LauncherSnapshot } from '../core/snapshot.ts';
import { openIdbEarly, storeFor } from '../core/storage.ts';
import { SnapshotCopyKeeper } from './snapshot-copy-keeper.ts';

/** The element's state the start reads and changes (sso-launcher.component.ts). */
export interface StartHost extends ReactiveControllerHost {
  session: SessionState | undefined;
  apps: SsoApp[] | undefined;
  prefs: Preferences;
  /** The agent whose cached grid and preferences the start has read: the connection does not read them again. */
  readFor: string | undefined;
  /** The head of the cached list that painted the first screen, and how many apps there are in all. */
  readonly appsHead: { apps: SsoApp[]; total: number } | undefined;
  /** The first screen's copy in localStorage (persist="local" only). */
  readonly firstScreenCopy: SnapshotCopy | undefined;
  /** The keeper of that copy, made by the first start. */
  copyKeeper: SnapshotCopyKeeper | undefined;
  appsTotal(): number | undefined;
  showSnapshot(snapshot: LauncherSnapshot): void;
  resetAgent(): void;
}

/** The client's code, and what the element does with a client (launcher-connection.ts): two chunks, fetched side by side. */
const clientCode = () => Promise.all([import('../core/launcher.ts'), import('./launcher-connection.ts')]).then(([client]) => client);

/**
 * Reads the snapshot of `config`'s store and shows it (or keeps the copy's grid, `copy`, for the same
 * agent), then answers the client. `current()` says whether this start is still the element's.
 */
export async function startLauncher(
  host: StartHost,
  config: LauncherConfig,
  copy: LauncherSnapshot | undefined,
  current: () => boolean,
): Promise<LauncherClient> {
  host.copyKeeper ??= new SnapshotCopyKeeper(host, {
    copy: () => host.firstScreenCopy,
    user: () => (host.session ? (host.session.status === 'signed-in' ? host.session.user : undefined) : null),
    apps: () => host.apps,
    appsTotal: () => host.appsTotal(),
    prefs: () => host.prefs,
  });
  // The keeper looks at the first screen now (and writes the copy when the page is idle), not only at the next change.
  host.requestUpdate();
  const store = storeFor(config.persist ?? 'local');
  let early: EarlyRequest | undefined;
  const copied = host.session;
  // No copy on screen: most likely a first visit, which needs the network code before anything shows.
  // It is fetched beside the snapshot's read rather than after it (a cached list without a copy, the rare
  // case, then paints a little later).
  let code = copy ? undefined : clientCode();
  code?.catch(() => undefined); // reported by the element, from the client below
  // The app list request leaves with the stored session as soon as it is read: a first visit waits for
  // its answer, and a cached grid revalidates with it (launcher-connection.ts), a few ms sooner either way.
  const snapshot = await readSnapshot(store, config, (stored) => (early = requestAppsEarly(config, stored)));
  if (current() && host.session === copied) {
    // The network code (session, HTTP, zod) is loaded after a cached grid is on screen: evaluating it
    // takes the main thread for a while, and the cached grid should not wait behind it. With no grid to
    // paint, nothing waits: it loads at once, and the app list request (sent above) is on its way.
    if (!snapshot?.apps) (code ??= clientCode()).catch(() => undefined);
    if (copy && snapshot === null) {
      // IndexedDB did not answer (blocked, or the page is closing): no word on the session. The copy's
      // grid, and the copy, stay until the session itself answers (launcher-connection.ts).
    } else if (copy && snapshot?.status === 'signed-in' && snapshot.user.id === copy.user.id) {
      // The same agent: the copy's grid stays, with IndexedDB's preferences should they differ.
      if (JSON.stringify(snapshot.prefs) !== JSON.stringify(host.prefs)) host.prefs = snapshot.prefs;
    } else {
      // Another agent, or signed out since the copy was kept (in another tab, or storage cleared).
      if (copy) host.resetAgent();
      if (snapshot) host.showSnapshot(snapshot);
      else host.session = { status: 'signed-out', reason: 'restored' };
    }
    host.readFor = snapshot?.user.id ?? undefined;
    await host.updateComplete;
    // The first screen came from the list's head (core/snapshot.ts): the rest now, for search and scrolling.
    const head = host.appsHead?.apps;
    if (snapshot && head) {
      void readCachedApps(store, snapshot.user.id, config.brand).then((all) => {
        if (all && current() && host.apps === head) host.apps = all;
      });
    }
  }
  const { LauncherClient } = await (code ?? clientCode());
  return new LauncherClient(config, { store, earlyApps: early });
}

// With no element in the page yet (one a script or a framework adds later), the database opens now,
// without reading: a page's first open takes 5–15 ms, which the element's first read then does not wait
// for (issue 15).
if (globalThis.document && !document.querySelector('sso-launcher')) openIdbEarly();
