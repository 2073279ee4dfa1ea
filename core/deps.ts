/**
 * The dependencies the core takes instead of reaching for globals, so that tests, the extension's
 * service worker and the Node broker can pass their own.
 * @module
 */
import { canUseLeaseLocks, leaseLocks } from './lease-lock.ts';

/** Same signature as the global `fetch`. */
export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Time, injectable so tests can move it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * An exclusive lock across every context that shares storage (tabs, the extension's popup and
 * service worker). The default uses the Web Locks API where it exists.
 */
export type LockManagerLike = <T>(name: string, task: () => Promise<T>) => Promise<T>;

/**
 * The Web Locks API when the platform has it (browsers on secure pages, extension workers); on a
 * non-secure page (an `http://` intranet) a lease in IndexedDB that every tab shares
 * ({@link leaseLocks}); otherwise a lock that only serialises within this JavaScript context (Node 20
 * has no `navigator.locks`), which is all a single server process needs.
 * @see https://developer.mozilla.org/docs/Web/API/Web_Locks_API
 */
export function defaultLocks(): LockManagerLike {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) return <T>(name: string, task: () => Promise<T>) => locks.request(name, task) as Promise<T>;
  if (canUseLeaseLocks()) return leaseLocks({ fallback: contextLocks() });
  return contextLocks();
}

/** A lock within this JavaScript context only: callers of one name run one after the other. */
export function contextLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  return (name, task) => {
    const previous = tails.get(name) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}
