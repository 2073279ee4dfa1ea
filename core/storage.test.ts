import { expect } from '@open-wc/testing';
import { idbStore, memoryStore, openIdbEarly, storeFor, webStorageStore, type KeyValueStore } from './storage.ts';

/** The contract every store keeps. */
async function behavesAsAStore(store: KeyValueStore) {
  expect(await store.get('missing')).to.equal(undefined);
  const value = { accessToken: 'a', nested: { list: [1, 2, 3] }, n: 1.5, flag: true };
  await store.set('k', value);
  expect(await store.get('k')).to.deep.equal(value);
  // Values are copies: changing what was stored or read does not change the store.
  value.nested.list.push(4);
  const read = await store.get<typeof value>('k');
  expect(read!.nested.list).to.deep.equal([1, 2, 3]);
  read!.nested.list.length = 0;
  expect((await store.get<typeof value>('k'))!.nested.list).to.deep.equal([1, 2, 3]);
  await store.set('k', 'replaced');
  expect(await store.get('k')).to.equal('replaced');
  await store.del('k');
  expect(await store.get('k')).to.equal(undefined);
  await store.del('never-set'); // deleting a missing key is fine
}

describe('storage', () => {
  it('openIdbEarly opens the database at once, and the store reads through that connection', async () => {
    const name = `sso-launcher-early-${Math.random()}`;
    const opened: string[] = [];
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      opened.push(args[0]);
      return open.apply(this, args);
    };
    try {
      openIdbEarly(name);
      expect(opened, 'opened before any read').to.deep.equal([name]);
      await idbStore(name).set('k', 1);
      expect(await idbStore(name).get('k')).to.equal(1);
      expect(opened, 'no second open').to.deep.equal([name]);
    } finally {
      IDBFactory.prototype.open = open;
      indexedDB.deleteDatabase(name);
    }
  });

  it('memoryStore keeps values (as copies) and forgets them', async () => {
    await behavesAsAStore(memoryStore());
  });

  it('two memory stores are separate', async () => {
    const a = memoryStore();
    const b = memoryStore();
    await a.set('k', 1);
    expect(await b.get('k')).to.equal(undefined);
  });

  it('idbStore keeps values in IndexedDB, shared by every store of the same name, apart from other names', async () => {
    const name = `sso-launcher-test-${crypto.randomUUID()}`;
    await behavesAsAStore(idbStore(name));
    await idbStore(name).set('shared', { x: 1 });
    expect(await idbStore(name).get('shared')).to.deep.equal({ x: 1 });
    expect(await idbStore(`${name}-other`).get('shared')).to.equal(undefined);
  });

  it('webStorageStore keeps JSON under a prefix, and reads a corrupt entry as missing', async () => {
    sessionStorage.clear();
    const store = webStorageStore(sessionStorage, 'test:');
    await behavesAsAStore(store);
    await store.set('k', { a: 1 });
    expect(sessionStorage.getItem('test:k')).to.equal('{"a":1}');
    sessionStorage.setItem('test:bad', '{not json');
    expect(await store.get('bad')).to.equal(undefined);
    sessionStorage.clear();
  });

  it('storeFor picks memory, sessionStorage or IndexedDB', async () => {
    sessionStorage.clear();
    const none = storeFor('none');
    await none.set('k', 1);
    expect(sessionStorage.length).to.equal(0);
    expect(await storeFor('none').get('k')).to.equal(undefined);

    await storeFor('session').set('k', 2);
    expect(sessionStorage.getItem('sso-launcher:k')).to.equal('2');
    expect(await storeFor('session').get('k')).to.equal(2);
    sessionStorage.clear();

    const local = storeFor('local');
    const key = `test-${crypto.randomUUID()}`;
    await local.set(key, 3);
    expect(await idbStore().get(key)).to.equal(3);
    await local.del(key);
  });
});
