import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { AppsCache, HEAD_SIZE } from '../core/apps-cache.ts';
import { appsHeadKey, appsKey, sessionKey } from '../core/keys.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import { LauncherClient } from '../core/launcher.ts';
import { idbStore, memoryStore, type KeyValueStore } from '../core/storage.ts';
import { START_SKELETON_DELAY_MS } from './app-grid.ts';
import { signInCode } from './sign-in-loader.ts';
import { $, $$ } from '../test/helpers/launcher.ts';
import './sso-launcher.ts';

/** Nothing answers there: the cached grid is all the launcher has. */
const API = 'http://127.0.0.1:9/api';

describe('<sso-launcher> first screen', () => {
  /** Mounts a signed-out launcher whose storage answers after `delayMs`; notes when a skeleton first shows. */
  async function start(delayMs: number) {
    const store = memoryStore();
    const slow: KeyValueStore = { ...store, get: async (key) => (await new Promise((r) => setTimeout(r, delayMs)), store.get(key)) };
    const client = new LauncherClient({ apiBase: API, clientId: `c-${Math.random()}`, brand: 'b1' }, { store: slow });
    const t0 = performance.now();
    const el = await fixture(html`<sso-launcher .client=${client}></sso-launcher>`);
    const root = el.shadowRoot!;
    let skeletonAt = 0;
    const watch = new MutationObserver(() => void (skeletonAt ||= root.querySelector('.skeleton') ? performance.now() - t0 : 0));
    watch.observe(root, { childList: true, subtree: true });
    const busyAtFirst = !!$(root, '.starting[aria-busy="true"]') && !$(root, '.skeleton');
    await waitUntil(() => $(root, 'input[name="email"]'), 'the sign-in form', { timeout: 5000 });
    watch.disconnect();
    return { busyAtFirst, skeletonAt };
  }

  it('starts with an empty busy box; the skeleton shows only when the start is slow', async () => {
    await signInCode; // the forms' chunk, as a page has it by then: this times the start alone
    const quick = await start(0);
    expect(quick.busyAtFirst).to.equal(true);
    expect(quick.skeletonAt, 'no skeleton flashes before a quick start').to.equal(0);
    const slow = await start(600);
    expect(slow.busyAtFirst).to.equal(true);
    expect(slow.skeletonAt).to.be.at.least(START_SKELETON_DELAY_MS - 5);
  });

  it('a long cached list paints from the head record, then reads the whole list: search and "Show all" count every app', async () => {
    const client = `client-${Math.random()}`;
    const user = { id: 'u-head', email: 'agent@example.com', first_name: 'Alex', last_name: 'Agent' };
    const store = idbStore();
    await store.set(sessionKey(client, API), { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000, mfaPending: false, user });
    const apps = Array.from({ length: 3000 }, (_, i) => ({ id: `h${i}`, name: `App ${i}`, open_url: `https://app${i}.example/`, order: i, icon: null }) as unknown as SsoApp);
    await new AppsCache(store).set(user.id, 'b1', apps, Date.now());

    // When each record is asked for, and when the grid is first on screen.
    const asked = new Map<string, number>();
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      if (typeof key === 'string' && !asked.has(key)) asked.set(key, performance.now());
      return get.call(this, key);
    };
    let painted = 0;
    const observer = new PerformanceObserver((list) => {
      painted ||= list.getEntriesByName('sso-launcher:grid')[0]?.startTime ?? 0;
    });
    observer.observe({ entryTypes: ['mark'] });
    try {
      const el = await fixture(html`<sso-launcher api-base=${API} client-id=${client} brand="b1"></sso-launcher>`);
      await waitUntil(() => painted && asked.has(appsKey(user.id, 'b1')), 'the grid, then the whole list', { timeout: 5000 });
      expect(asked.get(appsHeadKey(user.id, 'b1'))).to.be.lessThan(painted);
      expect(asked.get(appsKey(user.id, 'b1'))).to.be.greaterThan(painted);
      const root = el.shadowRoot!;
      // "Show all" counts the whole list from the first paint on.
      expect($$(root, '.more button').map((b) => b.textContent)).to.deep.equal(['Show all 3000 apps']);
      // An app past the head is found.
      const box = $<HTMLInputElement>(root, 'input[name="search"]')!;
      box.value = 'App 2999';
      box.dispatchEvent(new InputEvent('input'));
      await waitUntil(() => $$(root, 'a.tile').map((t) => t.title).join() === 'App 2999', 'the app past the head');
      expect(HEAD_SIZE).to.be.lessThan(3000);
    } finally {
      IDBObjectStore.prototype.get = get;
      observer.disconnect();
    }
  });

  it('a signed-in start with nothing cached reads the cache once: the app list request does not wait for a second read', async () => {
    const client = `client-${Math.random()}`;
    const user = { id: `u-empty-${Math.random()}`, email: 'agent@example.com', first_name: 'Alex', last_name: 'Agent' };
    await idbStore().set(sessionKey(client, API), { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3_600_000, mfaPending: false, user });
    const reads: string[] = [];
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      if (typeof key === 'string') reads.push(key);
      return get.call(this, key);
    };
    const fetched: string[] = [];
    const fetch = window.fetch;
    window.fetch = (input, init) => (fetched.push(String(input instanceof Request ? input.url : input)), fetch(input, init));
    try {
      await fixture(html`<sso-launcher api-base=${API} client-id=${client} brand="b1"></sso-launcher>`);
      await waitUntil(() => fetched.some((url) => url.includes('/sso_applications')), 'the app list requested', { timeout: 5000 });
      expect(reads.filter((key) => key === appsKey(user.id, 'b1'))).to.have.length(1);
    } finally {
      IDBObjectStore.prototype.get = get;
      window.fetch = fetch;
    }
  });
});
