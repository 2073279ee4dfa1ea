/**
 * A lock across tabs for pages that have no Web Locks API: `navigator.locks` exists only in secure
 * contexts, so an `http://` intranet page has none. Without a lock shared by its tabs, two tabs refresh
 * the same rotating refresh token at once, and the loser's `invalid_grant` signs the agent out.
 *
 * How it works:
 * - A **lease** `{owner, expires}` is kept in the same IndexedDB database as the session
 *   (idb-keyval's `kv` store, key `lease:<name>`), so every context that shares the session shares it.
 * - Taking it is a **compare-and-set in one readwrite transaction** (idb-keyval's `update`: a get and a
 *   put in one transaction). IndexedDB runs readwrite transactions on the same store one after the
 *   other, across every connection of the origin, so two tabs can never both see the lease free.
 * - The holder renews the lease while its task runs; a tab that is closed or crashes mid-task stops
 *   renewing, and its lease lapses after {@link LeaseLockOptions.leaseMs}.
 * - Releasing posts on a **BroadcastChannel**, which wakes the waiters at once; they also look again
 *   when the lease would lapse, so a lost message costs time, never correctness.
 *
 * Written here rather than taken from npm: `browser-tabs-lock` (the best known) keeps its lock in
 * localStorage with a timing-based protocol that is known to let two tabs in
 * (supertokens/browser-tabs-lock#9); IndexedDB gives a real compare-and-set instead.
 * @see https://developer.mozilla.org/docs/Web/API/Web_Locks_API (secure contexts only)
 * @see https://w3c.github.io/IndexedDB/#transaction-scheduling (readwrite transactions do not overlap)
 * @module
 */
import { createStore, update, type UseStore } from 'idb-keyval';
import type { LockManagerLike } from './deps.ts';

/** Options of {@link leaseLocks}. */
export interface LeaseLockOptions {
  /** The IndexedDB database the session lives in; default `sso-launcher` (see `idbStore`). */
  dbName?: string;
  /**
   * How long a lease lasts without renewal, in ms; default 10 s. The holder renews it every third of
   * this, so it only matters when a holder dies: then the waiters go on after at most this long.
   * Long enough that a background tab's throttled timers (once a second, and slower after minutes
   * hidden) still renew it in time.
   */
  leaseMs?: number;
  /**
   * Runs the task when IndexedDB cannot be used (storage blocked by the browser's settings). Then the
   * session cannot be shared between tabs either, so a lock within this context is enough.
   */
  fallback?: LockManagerLike;
}

/** The stored lease. `expires` is epoch ms; a released lease has `expires: 0`. */
interface Lease {
  owner: string;
  expires: number;
}

/** The channel on which a release is announced, with the lock's name as the message. */
const CHANNEL = 'sso-launcher:lease-released';
/** A waiter looks again at least this often, whatever the lease says (a lost broadcast, a renewal). */
const MAX_WAIT_MS = 1000;

const stores = new Map<string, UseStore>();
function storeOf(dbName: string): UseStore {
  let store = stores.get(dbName);
  if (!store) {
    store = createStore(dbName, 'kv');
    stores.set(dbName, store);
  }
  return store;
}

/** A random owner id. Not `crypto.randomUUID()`: like Web Locks, it exists only in secure contexts. */
function newOwnerId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isLease(value: unknown): value is Lease {
  return typeof value === 'object' && value !== null && typeof (value as Lease).owner === 'string' && typeof (value as Lease).expires === 'number';
}

/** Whether this platform can run {@link leaseLocks}: IndexedDB and BroadcastChannel. */
export function canUseLeaseLocks(): boolean {
  return typeof indexedDB !== 'undefined' && typeof BroadcastChannel !== 'undefined';
}

/**
 * An exclusive lock shared by every tab of the origin, for pages without `navigator.locks`.
 * Same contract as {@link LockManagerLike}: `task` runs alone under `name`, and its result or error is
 * returned. Each call is its own owner, so two callers in one tab exclude each other too.
 * @example
 * const locks = navigator.locks ? webLocks : leaseLocks();
 * await locks('sso-launcher:refresh:…', () => refreshOnce());
 */
export function leaseLocks(options: LeaseLockOptions = {}): LockManagerLike {
  const store = storeOf(options.dbName ?? 'sso-launcher');
  const leaseMs = options.leaseMs ?? 10_000;
  const announce = new BroadcastChannel(CHANNEL);
  const fallback: LockManagerLike = options.fallback ?? ((_name, task) => task());

  /** Takes or renews the lease for `owner`; resolves with 0 when taken, else with when it lapses. */
  const tryTake = async (key: string, owner: string): Promise<number> => {
    let lapsesAt = 0;
    await update<unknown>(
      key,
      (current) => {
        const now = Date.now();
        if (isLease(current) && current.owner !== owner && current.expires > now) {
          lapsesAt = current.expires;
          return current; // someone else's, still live: written back unchanged
        }
        return { owner, expires: now + leaseMs } satisfies Lease;
      },
      store,
    );
    return lapsesAt;
  };

  return async <T>(name: string, task: () => Promise<T>): Promise<T> => {
    const key = `lease:${name}`;
    const owner = newOwnerId();
    // Listening from before the first try: a release announced while a try is under way marks
    // `released`, so the next wait does not start (and a message is never lost to a listener added late).
    const listener = new BroadcastChannel(CHANNEL);
    let released = false;
    let wake: (() => void) | undefined;
    listener.onmessage = (event: MessageEvent) => {
      if (event.data !== name) return;
      released = true;
      wake?.();
    };
    try {
      for (;;) {
        released = false;
        const lapsesAt = await tryTake(key, owner);
        if (!lapsesAt) break;
        if (released) continue;
        // Until a release, the lease's lapse, or MAX_WAIT_MS (a lost message, a renewal), whichever is first.
        let timer: ReturnType<typeof setTimeout> | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, Math.max(0, Math.min(MAX_WAIT_MS, lapsesAt - Date.now() + 5)));
        });
        clearTimeout(timer);
        wake = undefined;
      }
    } catch {
      return fallback(name, task);
    } finally {
      listener.close();
    }
    const renew = setInterval(() => void tryTake(key, owner).catch(() => undefined), Math.max(1, Math.floor(leaseMs / 3)));
    try {
      return await task();
    } finally {
      clearInterval(renew);
      // Only our own lease is released: if it lapsed and another context holds it now, it stays theirs.
      await update<unknown>(key, (current) => (isLease(current) && current.owner === owner ? { owner: '', expires: 0 } : current), store).catch(
        () => undefined, // it lapses on its own
      );
      announce.postMessage(name);
    }
  };
}
