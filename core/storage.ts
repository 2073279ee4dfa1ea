/**
 * Where tokens, the apps cache and preferences are kept. IndexedDB (idb-keyval) by default; a page
 * that would rather sign in again than store a token picks `session` (this tab only) or `none` (memory).
 * @module
 */
import { createStore, del, get, promisifyRequest, set, type UseStore } from 'idb-keyval';

/** A minimal async key-value store. Values must be structured-cloneable. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /**
   * Several reads in one read-only transaction, where the store has transactions (IndexedDB): `read`
   * may chain a read on an earlier answer (awaiting only `get` inside it). One transaction costs one
   * set-up instead of one per key; a store without it reads key by key.
   */
  batch?<T>(read: (get: <V>(key: string) => Promise<V | undefined>) => Promise<T>): Promise<T>;
}

/** How long the session is kept: across visits (`local`), for this tab (`session`) or in memory (`none`). */
export type Persist = 'local' | 'session' | 'none';

const idbStores = new Map<string, UseStore>();

/** IndexedDB through idb-keyval. One database per name, shared by every context of the origin. */
export function idbStore(dbName = 'sso-launcher'): KeyValueStore {
  let store = idbStores.get(dbName);
  if (!store) {
    store = createStore(dbName, 'kv');
    idbStores.set(dbName, store);
  }
  const s = store;
  return {
    get: (key) => get(key, s),
    set: (key, value) => set(key, value, s),
    del: (key) => del(key, s),
    batch: (read) => s('readonly', (store) => read(<V>(key: string) => promisifyRequest(store.get(key) as IDBRequest<V | undefined>))),
  };
}

/**
 * Opens the launcher's database now, without reading, where there is IndexedDB: its first open in a
 * page costs 5–15 ms, and a read started later finds it open. Never throws.
 */
export function openIdbEarly(dbName = 'sso-launcher'): void {
  if (globalThis.indexedDB) idbStore(dbName).batch!(async () => undefined).catch(() => undefined);
}

/** Memory only: gone with the page. Values are cloned, like IndexedDB does. */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => structuredClone(map.get(key)) as T | undefined,
    set: async (key, value) => void map.set(key, structuredClone(value)),
    del: async (key) => void map.delete(key),
  };
}

/** A Web Storage area (sessionStorage), as JSON under a prefix. */
export function webStorageStore(storage: Storage, prefix = 'sso-launcher:'): KeyValueStore {
  return {
    get: async <T>(key: string) => {
      const raw = storage.getItem(prefix + key);
      if (raw === null) return undefined;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return undefined;
      }
    },
    set: async (key, value) => storage.setItem(prefix + key, JSON.stringify(value)),
    del: async (key) => storage.removeItem(prefix + key),
  };
}

/** The store for a {@link Persist} setting. `session` falls back to memory where there is no sessionStorage. */
export function storeFor(persist: Persist): KeyValueStore {
  if (persist === 'none') return memoryStore();
  if (persist === 'session') {
    const storage = (globalThis as { sessionStorage?: Storage }).sessionStorage;
    return storage ? webStorageStore(storage) : memoryStore();
  }
  return idbStore();
}
