import { expect } from '@open-wc/testing';
import { AppsCache } from './apps-cache.ts';
import { PreferencesStore, RECENT_LIMIT } from './preferences.ts';
import { memoryStore, type KeyValueStore } from './storage.ts';
import { validApp } from '../test/helpers/fixtures.ts';

/** A store whose every call fails, as a blocked or full IndexedDB does. */
const brokenStore: KeyValueStore = {
  get: () => Promise.reject(new DOMException('blocked', 'InvalidStateError')),
  set: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
  del: () => Promise.reject(new DOMException('blocked', 'InvalidStateError')),
};

describe('PreferencesStore', () => {
  it('starts empty, and pins and unpins favourites per user', async () => {
    const prefs = new PreferencesStore(memoryStore());
    expect(await prefs.get('u1')).to.deep.equal({ favourites: [], recent: [] });
    await prefs.toggleFavourite('u1', 'a');
    expect(await prefs.toggleFavourite('u1', 'b')).to.deep.equal({ favourites: ['a', 'b'], recent: [] });
    expect(await prefs.toggleFavourite('u1', 'a')).to.deep.equal({ favourites: ['b'], recent: [] });
    expect(await prefs.get('u1')).to.deep.equal({ favourites: ['b'], recent: [] });
    expect(await prefs.get('u2')).to.deep.equal({ favourites: [], recent: [] });
  });

  it(`keeps the ${RECENT_LIMIT} most recently launched apps, most recent first, without duplicates`, async () => {
    const prefs = new PreferencesStore(memoryStore());
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await prefs.recordLaunch('u', id);
    expect((await prefs.get('u')).recent).to.deep.equal(['g', 'f', 'e', 'd', 'c', 'b']);
    expect((await prefs.recordLaunch('u', 'd')).recent).to.deep.equal(['d', 'g', 'f', 'e', 'c', 'b']);
    expect(RECENT_LIMIT).to.equal(6);
  });

  it('reads a corrupt record as empty, field by field', async () => {
    const store = memoryStore();
    const prefs = new PreferencesStore(store);
    await store.set('prefs:u', { favourites: ['a', 5], recent: ['x'] });
    expect(await prefs.get('u')).to.deep.equal({ favourites: [], recent: ['x'] });
    await store.set('prefs:u', 'garbage');
    expect(await prefs.get('u')).to.deep.equal({ favourites: [], recent: [] });
    await store.set('prefs:u', null);
    expect(await prefs.get('u')).to.deep.equal({ favourites: [], recent: [] });
  });

  it('never throws when the store is broken', async () => {
    const prefs = new PreferencesStore(brokenStore);
    expect(await prefs.get('u')).to.deep.equal({ favourites: [], recent: [] });
    expect(await prefs.toggleFavourite('u', 'a')).to.deep.equal({ favourites: ['a'], recent: [] });
    expect(await prefs.recordLaunch('u', 'a')).to.deep.equal({ favourites: [], recent: ['a'] });
  });
});

describe('AppsCache', () => {
  const app = validApp as unknown as Parameters<AppsCache['set']>[2][number];

  it('keeps the last list per user and brand, with when it was fetched', async () => {
    const cache = new AppsCache(memoryStore());
    expect(await cache.get('u', 'b')).to.equal(undefined);
    await cache.set('u', 'b', [app], 1234);
    expect(await cache.get('u', 'b')).to.deep.equal({ apps: [app], fetchedAt: 1234 });
    expect(await cache.get('u', 'other')).to.equal(undefined);
    expect(await cache.get('other', 'b')).to.equal(undefined);
    await cache.clear('u', 'b');
    expect(await cache.get('u', 'b')).to.equal(undefined);
  });

  it('reads a corrupt entry as missing, and never throws when the store is broken', async () => {
    const store = memoryStore();
    await store.set('apps:u:b', { apps: 'nope', fetchedAt: 1 });
    expect(await new AppsCache(store).get('u', 'b')).to.equal(undefined);
    const broken = new AppsCache(brokenStore);
    expect(await broken.get('u', 'b')).to.equal(undefined);
    await broken.set('u', 'b', [app], 1);
    await broken.clear('u', 'b');
  });
});
