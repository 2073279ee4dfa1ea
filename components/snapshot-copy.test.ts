// Issue 15: a cached grid paints in the element's first render from its copy in localStorage
// (core/snapshot-copy.ts), IndexedDB confirms or replaces it, and a sign-out leaves no copy behind.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { AppsCache, HEAD_SIZE } from '../core/apps-cache.ts';
import { firstScreenKey, sessionKey } from '../core/keys.ts';
import type { SsoApp } from '../core/rechat/schemas.ts';
import { readSnapshotCopy } from '../core/snapshot-copy.ts';
import { writeSnapshotCopy } from '../core/snapshot-copy-write.ts';
import { idbStore, webStorageStore, type KeyValueStore } from '../core/storage.ts';
import { $, $$ } from '../test/helpers/launcher.ts';
import { en as m } from './messages.ts';
import './sso-launcher.ts';
import type { SsoLauncher } from './sso-launcher.component.ts';

/** Nothing answers there: what is stored is all the launcher has. */
const API = 'http://127.0.0.1:9/api';
const TOKEN = 'access-token-that-must-stay-in-indexeddb';

const userNamed = (id: string, first: string) => ({ id, email: `${id}@example.com`, first_name: first, last_name: 'Agent' });
const appsOf = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, name: `${prefix.toUpperCase()} App ${i}`, open_url: `https://${prefix}${i}.example/`, order: i, icon: null }) as unknown as SsoApp);

/** A signed-in agent with a cached grid, in `store`, for a launcher of its own (a client id no other test uses). */
async function stored(store: KeyValueStore, user = userNamed('u-copy', 'Casey'), apps = appsOf('c', 250)) {
  const config = { clientId: `copy-${Math.random()}`, apiBase: API, brand: 'b1' };
  await store.set(sessionKey(config.clientId, API), { accessToken: TOKEN, refreshToken: 'r', expiresAt: Date.now() + 3_600_000, mfaPending: false, user });
  await new AppsCache(store).set(user.id, 'b1', apps, Date.now());
  return { config, user, apps };
}

/** Adds a launcher for `config` and resolves after its first update, with the tiles that update drew. */
async function start(config: { clientId: string }, persist = 'local') {
  const el = document.createElement('sso-launcher') as SsoLauncher;
  for (const [name, value] of [['api-base', API], ['client-id', config.clientId], ['brand', 'b1'], ['persist', persist]]) el.setAttribute(name!, value!);
  document.body.append(el);
  await el.updateComplete;
  return { el, root: el.shadowRoot!, firstTiles: $$(el.shadowRoot!, 'a.tile').length };
}

const tilesOf = (root: ShadowRoot) => $$(root, 'a.tile').map((tile) => tile.title);

describe('<sso-launcher> first-screen copy', () => {
  afterEach(() => document.querySelectorAll('sso-launcher').forEach((el) => el.remove()));

  it('paints a cached grid in its first render from the copy, which holds the head of the list and no token', async () => {
    const { config, user } = await stored(idbStore());
    const first = await start(config);
    expect(first.firstTiles, 'no copy yet: the first render waits for IndexedDB').to.equal(0);
    await waitUntil(() => readSnapshotCopy(localStorage, config)?.user.id === user.id, 'the copy written once the page is idle', { timeout: 5000 });
    const copy = readSnapshotCopy(localStorage, config)!;
    expect(copy.apps!.length).to.equal(HEAD_SIZE);
    expect(copy.appsTotal).to.equal(250);
    const raw = Object.keys(localStorage).map((key) => localStorage.getItem(key)).join();
    expect(raw).to.not.include(TOKEN);
    expect(raw).to.not.include('refreshToken');
    first.el.remove();

    const again = await start(config);
    expect(again.firstTiles, 'the grid, in the first render').to.be.greaterThan(0);
    expect(tilesOf(again.root)[0]).to.equal('C App 0');
    // The rest of the list is read right after: "Show all" counts every app, and search finds the last.
    expect($$(again.root, '.more button').map((b) => b.textContent)).to.deep.equal(['Show all 250 apps']);
    const box = $<HTMLInputElement>(again.root, 'input[name="search"]')!;
    box.value = 'C App 249';
    box.dispatchEvent(new InputEvent('input'));
    await waitUntil(() => tilesOf(again.root).join() === 'C App 249', 'an app past the head', { timeout: 5000 });
  });

  it('"Sign out" removes the copy in the update that shows the sign-in form', async () => {
    const { config, user } = await stored(idbStore());
    writeSnapshotCopy(localStorage, config, { user, apps: appsOf('c', 250), total: 250, prefs: { favourites: [], recent: [] } });
    const { el, root, firstTiles } = await start(config);
    expect(firstTiles).to.be.greaterThan(0);
    const out = oneEvent(el, 'sso-sign-out');
    $$<HTMLButtonElement>(root, 'button').find((b) => b.textContent?.trim() === m.signOut)!.click();
    await out;
    await el.updateComplete;
    expect($(root, 'input[name="email"]'), 'the sign-in form').to.not.equal(null);
    expect(readSnapshotCopy(localStorage, config)).to.equal(undefined);
  });

  it('a copy whose agent was signed out elsewhere: the sign-in form replaces its grid and the copy goes', async () => {
    const config = { clientId: `copy-${Math.random()}`, apiBase: API, brand: 'b1' };
    writeSnapshotCopy(localStorage, config, { user: userNamed('u-gone', 'Gone'), apps: appsOf('g', 5), total: 5, prefs: { favourites: [], recent: [] } });
    const { root, firstTiles } = await start(config);
    expect(firstTiles).to.equal(5);
    await waitUntil(() => $(root, 'input[name="email"]'), 'the sign-in form', { timeout: 5000 });
    expect(tilesOf(root)).to.deep.equal([]);
    expect(readSnapshotCopy(localStorage, config)).to.equal(undefined);
  });

  it('another agent in IndexedDB: their grid and name replace the copy\'s, and become the copy', async () => {
    const { config } = await stored(idbStore(), userNamed('u-now', 'Robin'), appsOf('n', 3));
    writeSnapshotCopy(localStorage, config, { user: userNamed('u-before', 'Morgan'), apps: appsOf('b', 4), total: 4, prefs: { favourites: [], recent: [] } });
    const { root, firstTiles } = await start(config);
    expect(firstTiles).to.equal(4);
    await waitUntil(() => tilesOf(root).join() === 'N App 0,N App 1,N App 2', 'the agent of IndexedDB', { timeout: 5000 });
    expect($(root, '.who')!.textContent).to.include('Robin');
    await waitUntil(() => readSnapshotCopy(localStorage, config)?.user.id === 'u-now', 'the copy rewritten', { timeout: 5000 });
  });

  it('IndexedDB not answering (blocked, or the page closing) is no word on the session: the grid and its copy stay', async () => {
    const { config, user } = await stored(idbStore());
    writeSnapshotCopy(localStorage, config, { user, apps: appsOf('c', 250), total: 250, prefs: { favourites: [], recent: [] } });
    const key = firstScreenKey(config);
    const writes: string[] = [];
    const { removeItem, setItem } = Storage.prototype;
    const { transaction } = IDBDatabase.prototype;
    Storage.prototype.removeItem = function (k: string) {
      if (k === key) writes.push('removed');
      return removeItem.call(this, k);
    };
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k === key) writes.push('written');
      return setItem.call(this, k, v);
    };
    // The snapshot's one read-only transaction fails, as in a page being closed; the session's reads after it work.
    IDBDatabase.prototype.transaction = function () {
      IDBDatabase.prototype.transaction = transaction;
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    };
    try {
      const { root, firstTiles } = await start(config);
      expect(firstTiles).to.be.greaterThan(0);
      // Once the session has answered (from IndexedDB, signed in), the keeper writes the copy again.
      await waitUntil(() => writes.length, 'the copy written again', { timeout: 5000 });
      expect(writes, 'never removed on the way').to.not.include('removed');
      expect(tilesOf(root)[0]).to.equal('C App 0');
      expect($(root, 'input[name="email"]'), 'no sign-in form').to.equal(null);
    } finally {
      Object.assign(Storage.prototype, { removeItem, setItem });
      IDBDatabase.prototype.transaction = transaction;
    }
  });

  it('persist="session" writes no copy: the page asked for nothing to outlive the tab', async () => {
    const { config } = await stored(webStorageStore(sessionStorage), userNamed('u-tab', 'Tab'), appsOf('t', 3));
    const { root } = await start(config, 'session');
    await waitUntil(() => tilesOf(root).length === 3, 'the grid', { timeout: 5000 });
    for (let i = 0; i < 3; i++) await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2500 }));
    expect(readSnapshotCopy(localStorage, config)).to.equal(undefined);
  });
});
