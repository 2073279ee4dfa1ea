import { expect } from '@open-wc/testing';
import { HEAD_SIZE } from './apps-cache.ts';
import type { SsoApp } from './rechat/schemas.ts';
import { clearSnapshotCopy, readSnapshotCopy } from './snapshot-copy.ts';
import { COPY_SIZE, writeSnapshotCopy } from './snapshot-copy-write.ts';

const user = { id: 'u1', email: 'agent@example.com', first_name: 'Alex', last_name: 'Agent' } as never;
const apps = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `a${i}`, name: `App ${i}`, open_url: `https://a${i}.example/` }) as unknown as SsoApp);
const noPrefs = { favourites: [], recent: [] };
const config = () => ({ clientId: `c-${Math.random()}`, apiBase: 'https://api.example/', brand: 'b1' });

/** A Storage whose every call throws, as a blocked one does. */
const blocked = {
  getItem: () => { throw new DOMException('blocked', 'SecurityError'); },
  setItem: () => { throw new DOMException('full', 'QuotaExceededError'); },
  removeItem: () => { throw new DOMException('blocked', 'SecurityError'); },
} as unknown as Storage;

describe('snapshot copy', () => {
  it('keeps as many apps as the cache\'s head', () => {
    expect(COPY_SIZE).to.equal(HEAD_SIZE);
  });

  it('keeps the head of the list, the count, the agent and the preferences, per session and brand', () => {
    const c = config();
    writeSnapshotCopy(localStorage, c, { user, apps: apps(250), total: 250, prefs: { favourites: ['a3'], recent: ['a7'] } });
    const copy = readSnapshotCopy(localStorage, c)!;
    expect(copy.status).to.equal('signed-in');
    expect(copy.user).to.deep.equal(user);
    expect(copy.apps!.map((a) => a.id)).to.deep.equal(apps(HEAD_SIZE).map((a) => a.id));
    expect(copy.appsTotal).to.equal(250);
    expect(copy.prefs).to.deep.equal({ favourites: ['a3'], recent: ['a7'] });
    // The same API written another way is the same session; another brand has no copy.
    expect(readSnapshotCopy(localStorage, { ...c, apiBase: 'https://API.example' })?.user.id).to.equal('u1');
    expect(readSnapshotCopy(localStorage, { ...c, brand: 'b2' })).to.equal(undefined);
    clearSnapshotCopy(localStorage, c);
    expect(readSnapshotCopy(localStorage, c)).to.equal(undefined);
  });

  it('a short list has no count of its own', () => {
    const c = config();
    writeSnapshotCopy(localStorage, c, { user, apps: apps(3), total: 3, prefs: noPrefs });
    expect(readSnapshotCopy(localStorage, c)!.appsTotal).to.equal(undefined);
  });

  it('no copy when a pinned or recent app of the list is past the head (the first screen needs it); an app no longer listed does not count', () => {
    const c = config();
    writeSnapshotCopy(localStorage, c, { user, apps: apps(250), total: 250, prefs: noPrefs });
    writeSnapshotCopy(localStorage, c, { user, apps: apps(250), total: 250, prefs: { favourites: [`a${HEAD_SIZE + 5}`], recent: [] } });
    expect(readSnapshotCopy(localStorage, c), 'the older copy removed too').to.equal(undefined);
    writeSnapshotCopy(localStorage, c, { user, apps: apps(250), total: 250, prefs: { favourites: ['removed-app'], recent: ['a1'] } });
    expect(readSnapshotCopy(localStorage, c)?.prefs.recent).to.deep.equal(['a1']);
  });

  it('reads anything else as no copy, and never throws', () => {
    const c = config();
    const key = () => Object.keys(localStorage).find((k) => k.includes(c.clientId))!;
    writeSnapshotCopy(localStorage, c, { user, apps: apps(2), total: 2, prefs: noPrefs });
    const good = localStorage.getItem(key())!;
    for (const bad of ['{', 'null', '"x"', good.replace('"v":1', '"v":2'), good.replace('"id":"u1"', '"id":7'), good.replace('"name":"App 0"', '"name":null'), good.replace('"total":2', '"total":"2"')]) {
      localStorage.setItem(key(), bad);
      expect(readSnapshotCopy(localStorage, c), bad).to.equal(undefined);
    }
    expect(readSnapshotCopy(blocked, c)).to.equal(undefined);
    expect(() => writeSnapshotCopy(blocked, c, { user, apps: apps(2), total: 2, prefs: noPrefs })).to.not.throw();
    expect(() => clearSnapshotCopy(blocked, c)).to.not.throw();
    expect(readSnapshotCopy(undefined, c)).to.equal(undefined);
    clearSnapshotCopy(localStorage, c);
  });
});
