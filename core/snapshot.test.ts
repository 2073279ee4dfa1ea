import { expect } from '@open-wc/testing';
import { AppsCache, HEAD_SIZE } from './apps-cache.ts';
import { appsHeadKey, appsKey, prefsKey, sessionKey } from './keys.ts';
import type { SsoApp } from './rechat/schemas.ts';
import { readCachedApps, readSnapshot } from './snapshot.ts';
import { idbStore, memoryStore, type KeyValueStore } from './storage.ts';
import { API_BASE, CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, USERS, coreHarness, signedInHarness } from '../test/helpers/core.ts';

const config = { clientId: CLIENT_ID, apiBase: API_BASE, brand: CHILD_BRAND_ID };

describe('readSnapshot', () => {
  it('reads who is signed in, their cached grid and their preferences, without a request', async () => {
    const h = await signedInHarness('agent');
    const apps = await h.client.refreshApps();
    await h.client.preferences.toggleFavourite(USERS.agent.id, apps[2]!.id);
    const before = h.sim.requests.length;
    const snapshot = await readSnapshot(h.store, config);
    expect(h.sim.requests.length).to.equal(before);
    expect(snapshot!.status).to.equal('signed-in');
    expect(snapshot!.user.email).to.equal(USERS.agent.email);
    expect(snapshot!.apps).to.deep.equal(apps);
    expect(snapshot!.prefs).to.deep.equal({ favourites: [apps[2]!.id], recent: [] });
    // Another brand has no cached grid yet.
    expect((await readSnapshot(h.store, { ...config, brand: 'other' }))!.apps).to.equal(undefined);
  });

  it('says mfa-required for a pair waiting for its code, and nothing once signed out', async () => {
    const h = coreHarness();
    expect(await readSnapshot(h.store, config)).to.equal(undefined);
    await h.session.signIn(USERS.mfaAgent.email, DEMO_PASSWORD);
    expect((await readSnapshot(h.store, config))!.status).to.equal('mfa-required');
    await h.session.signOut();
    expect(await readSnapshot(h.store, config)).to.equal(undefined);
  });

  it('never throws: a corrupt record reads as nobody, a broken store as no answer', async () => {
    const store = memoryStore();
    for (const corrupt of ['junk', 42, null, { user: 'x' }, { user: { id: 1, email: 'e' } }, { user: { id: 'u' } }]) {
      await store.set(sessionKey(CLIENT_ID, API_BASE), corrupt);
      expect(await readSnapshot(store, config), JSON.stringify(corrupt)).to.equal(undefined);
    }
    const broken: KeyValueStore = { get: () => Promise.reject(new Error('blocked')), set: async () => {}, del: async () => {} };
    expect(await readSnapshot(broken, config)).to.equal(null);
  });

  it('in IndexedDB, reads the session, the apps and the preferences in one read-only transaction', async () => {
    const store = idbStore(`snapshot-test-${Math.random()}`);
    const user = { id: 'u1', email: 'a@example.com' };
    await store.set(sessionKey(CLIENT_ID, API_BASE), { accessToken: 'a', refreshToken: 'r', expiresAt: 0, mfaPending: false, user });
    await store.set(appsKey('u1', CHILD_BRAND_ID), { apps: [{ id: 'x' }], fetchedAt: 1 });
    await store.set(prefsKey('u1'), { favourites: ['x'], recent: 'junk' });
    const transaction = IDBDatabase.prototype.transaction;
    const modes: string[] = [];
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      modes.push(String(args[1] ?? 'readonly'));
      return transaction.apply(this, args);
    };
    try {
      const snapshot = await readSnapshot(store, config);
      expect(snapshot).to.deep.equal({ status: 'signed-in', user, apps: [{ id: 'x' }], prefs: { favourites: ['x'], recent: [] } });
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
    expect(modes).to.deep.equal(['readonly']);
  });

  it('a long list paints its first screen from the head record, unless the Pinned or Recent list needs an app past it', async () => {
    const store = memoryStore();
    const user = { id: 'u1', email: 'a@example.com' };
    const apps = Array.from({ length: 5000 }, (_, i) => ({ id: `a${i}`, name: `App ${i}` }) as SsoApp);
    await store.set(sessionKey(CLIENT_ID, API_BASE), { accessToken: 'a', refreshToken: 'r', expiresAt: 0, mfaPending: false, user });
    await new AppsCache(store).set('u1', CHILD_BRAND_ID, apps, 1);
    // What the cache writes: the list, and its first HEAD_SIZE apps with the count.
    expect(await store.get(appsHeadKey('u1', CHILD_BRAND_ID))).to.deep.equal({ apps: apps.slice(0, HEAD_SIZE), total: 5000, fetchedAt: 1 });
    const reads: string[] = [];
    const counting: KeyValueStore = { ...store, get: (key) => (reads.push(key), store.get(key)) };

    await store.set(prefsKey('u1'), { favourites: ['a3'], recent: ['a7'] });
    const head = (await readSnapshot(counting, config))!;
    expect(head.apps).to.deep.equal(apps.slice(0, HEAD_SIZE));
    expect(head.appsTotal).to.equal(5000);
    expect(reads).to.not.include(appsKey('u1', CHILD_BRAND_ID));
    expect(await readCachedApps(store, 'u1', CHILD_BRAND_ID)).to.deep.equal(apps);

    // A pinned app past the head: the whole list, so the Pinned list is whole on the first paint.
    await store.set(prefsKey('u1'), { favourites: ['a4000'], recent: [] });
    const whole = (await readSnapshot(store, config))!;
    expect(whole.apps).to.deep.equal(apps);
    expect(whole.appsTotal).to.equal(undefined);

    // A short list: its head is all of it.
    await new AppsCache(store).set('u1', CHILD_BRAND_ID, apps.slice(0, 20), 2);
    const short = (await readSnapshot(store, config))!;
    expect(short.apps).to.deep.equal(apps.slice(0, 20));
    expect(short.appsTotal).to.equal(undefined);

    // Cleared (sign-out): neither record is left.
    await new AppsCache(store).clear('u1', CHILD_BRAND_ID);
    expect(await store.get(appsHeadKey('u1', CHILD_BRAND_ID))).to.equal(undefined);
    expect((await readSnapshot(store, config))!.apps).to.equal(undefined);
  });

  it('hands the stored session to onSession as soon as it is read, before the apps and preferences, and only for a signed-in agent', async () => {
    const store = memoryStore();
    const user = { id: 'u1', email: 'a@example.com' };
    const record = { accessToken: 'a', refreshToken: 'r', expiresAt: 0, mfaPending: false, user };
    const events: string[] = [];
    const counting: KeyValueStore = { ...store, get: (key) => (events.push(`get ${key}`), store.get(key)) };
    const onSession = (stored: unknown) => events.push(`session ${JSON.stringify(stored)}`);

    expect(await readSnapshot(counting, config, onSession)).to.equal(undefined);
    expect(events, 'nobody signed in').to.deep.equal([`get ${sessionKey(CLIENT_ID, API_BASE)}`]);

    events.length = 0;
    await store.set(sessionKey(CLIENT_ID, API_BASE), record);
    await store.set(appsKey('u1', CHILD_BRAND_ID), { apps: [{ id: 'x' }], fetchedAt: 1 });
    const snapshot = await readSnapshot(counting, config, onSession);
    expect(snapshot!.apps).to.deep.equal([{ id: 'x' }]);
    expect(events[0]).to.equal(`get ${sessionKey(CLIENT_ID, API_BASE)}`);
    expect(events[1]).to.equal(`session ${JSON.stringify(record)}`);
    expect(events.slice(2)).to.include(`get ${appsKey('u1', CHILD_BRAND_ID)}`);

    // Its failure is its own: the snapshot still reads.
    const throwing = await readSnapshot(store, config, () => {
      throw new Error('boom');
    });
    expect(throwing!.status).to.equal('signed-in');
  });

  it('uses the same keys as the session, the cache and the preferences', () => {
    expect(sessionKey('c', 'https://a')).to.equal('session:c@https://a');
    expect(appsKey('u', 'b')).to.equal('apps:u:b');
    expect(prefsKey('u')).to.equal('prefs:u');
  });
});
