/**
 * The IndexedDB lease lock, in real Chromium. Two `leaseLocks()` instances stand for two tabs: they
 * share nothing but the database and the BroadcastChannel, exactly as two tabs do. The end-to-end test
 * (test/e2e/lease-lock.test.ts) runs the real element in two real tabs of a non-secure origin.
 */
import { expect } from '@open-wc/testing';
import { set } from 'idb-keyval';
import { createStore } from 'idb-keyval';
import { leaseLocks } from './lease-lock.ts';
import { contextLocks } from './deps.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let n = 0;
const uniqueName = () => `test-lock-${Date.now()}-${n++}`;

describe('leaseLocks (IndexedDB lease + BroadcastChannel)', () => {
  it('lets one task run at a time across two instances (two tabs), and runs every task once', async () => {
    const tabA = leaseLocks();
    const tabB = leaseLocks();
    const name = uniqueName();
    let active = 0;
    let maxActive = 0;
    const ran: number[] = [];
    const task = (i: number) => async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await sleep(i % 3); // yields, so a second holder would overlap
      active--;
      ran.push(i);
      return i;
    };
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? tabA : tabB)(name, task(i))));
    expect(maxActive).to.equal(1);
    expect(results).to.deep.equal(Array.from({ length: 30 }, (_, i) => i));
    expect([...ran].sort((a, b) => a - b)).to.deep.equal(results);
  });

  it('fails when the lock is only per instance: the test above can tell', async () => {
    // The old fallback (a lock inside one context) lets two "tabs" in at once.
    const tabA = contextLocks();
    const tabB = contextLocks();
    let active = 0;
    let maxActive = 0;
    const task = async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await sleep(5);
      active--;
    };
    await Promise.all([tabA('x', task), tabB('x', task)]);
    expect(maxActive).to.equal(2);
  });

  it('wakes a waiter as soon as the holder releases (a broadcast, not a poll)', async () => {
    const tabA = leaseLocks();
    const tabB = leaseLocks();
    const name = uniqueName();
    let releasedAt = 0;
    const holder = tabA(name, async () => {
      await sleep(150);
      releasedAt = performance.now();
    });
    await sleep(20);
    const startedAt = await tabB(name, async () => performance.now());
    await holder;
    // Polling would wait up to a second (MAX_WAIT_MS); the broadcast takes a few ms.
    expect(startedAt - releasedAt).to.be.within(0, 250);
  });

  it('renews the lease while a long task runs: a waiter never overtakes a live holder', async () => {
    const tabA = leaseLocks({ leaseMs: 150 });
    const tabB = leaseLocks({ leaseMs: 150 });
    const name = uniqueName();
    const events: string[] = [];
    const holder = tabA(name, async () => {
      events.push('A start');
      await sleep(700); // more than four leases
      events.push('A end');
    });
    await sleep(20);
    await tabB(name, async () => void events.push('B'));
    await holder;
    expect(events).to.deep.equal(['A start', 'A end', 'B']);
  });

  it("takes over a dead holder's lease once it lapses", async () => {
    const name = uniqueName();
    // A tab that took the lease and was then closed: nobody renews it, nobody releases it.
    await set(`lease:${name}`, { owner: 'closed-tab', expires: Date.now() + 400 }, createStore('sso-launcher', 'kv'));
    const started = performance.now();
    await leaseLocks()(name, async () => undefined);
    const waited = performance.now() - started;
    expect(waited).to.be.within(350, 1500);
  });

  it('releases the lock when the task throws, and passes the error on', async () => {
    const locks = leaseLocks();
    const name = uniqueName();
    const boom = new Error('boom');
    let caught: unknown;
    try {
      await locks(name, async () => {
        throw boom;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.equal(boom);
    const started = performance.now();
    expect(await leaseLocks()(name, async () => 'next')).to.equal('next');
    expect(performance.now() - started).to.be.below(250);
  });

  it('falls back to the given lock when IndexedDB cannot be opened (storage blocked)', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function () {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    try {
      let fallbackUsed = 0;
      const context = contextLocks();
      const locks = leaseLocks({
        dbName: `blocked-${uniqueName()}`,
        fallback: (name, task) => {
          fallbackUsed++;
          return context(name, task);
        },
      });
      expect(await locks('x', async () => 42)).to.equal(42);
      expect(fallbackUsed).to.equal(1);
    } finally {
      IDBFactory.prototype.open = open;
    }
  });
});
