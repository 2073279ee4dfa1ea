import { expect, fixture, html } from '@open-wc/testing';
import { TaskStatus } from '@lit/task';
import { LitElement } from 'lit';
import { AdminList } from './list.ts';

interface Call {
  key: string;
  resolve(items: string[]): void;
  reject(error: unknown): void;
}

/** A host whose loads wait until the test answers them, one call at a time. */
class ListHost extends LitElement {
  key = 'a';
  calls: Call[] = [];
  errors: unknown[] = [];
  list = new AdminList(this, {
    args: () => [this.key] as const,
    load: ([key]) => new Promise<string[]>((resolve, reject) => this.calls.push({ key, resolve, reject })),
    onError: (error) => this.errors.push(error),
  });
  /** What the list renders as, in words. */
  shown(): string {
    return this.list.render({ none: 'none', loading: () => 'loading', empty: () => 'empty', rows: (items) => items.join(',') });
  }
}
customElements.define('test-admin-list-host', ListHost);

const settle = async (host: ListHost) => {
  await host.list.task.taskComplete.catch(() => undefined);
  await host.updateComplete;
};

describe('AdminList (a panel list on @lit/task)', () => {
  it('drops the answer of a superseded load, even when it comes last, and reports only the latest error', async () => {
    const host = await fixture<ListHost>(html`<test-admin-list-host></test-admin-list-host>`);
    expect(host.shown()).to.equal('loading');
    for (const key of ['b', 'c']) {
      host.key = key;
      host.requestUpdate();
      await host.updateComplete;
    }
    expect(host.calls.map((c) => c.key)).to.deep.equal(['a', 'b', 'c']);
    host.calls[2]!.resolve(['C']);
    await settle(host);
    host.calls[0]!.resolve(['A']);
    host.calls[1]!.reject(new Error('late failure of an old load'));
    await settle(host);
    expect(host.list.task.status).to.equal(TaskStatus.COMPLETE);
    expect(host.shown()).to.equal('C');
    expect(host.errors).to.deep.equal([]);
  });

  it('a failed reload keeps the list on screen with the error; "Try again" that works clears it', async () => {
    const host = await fixture<ListHost>(html`<test-admin-list-host></test-admin-list-host>`);
    host.calls[0]!.resolve(['x']);
    await settle(host);
    const failed = host.list.reload();
    const offline = new Error('offline');
    host.calls[1]!.reject(offline);
    await failed;
    expect(host.shown()).to.equal('x');
    expect(host.list.loadError).to.equal(offline);
    expect(host.errors).to.deep.equal([offline]);
    // While the retry runs, the error stays the latest word (its alert and its button stay up).
    const retry = host.list.reload();
    expect(host.list.loadError).to.equal(offline);
    host.calls[2]!.resolve(['x', 'y']);
    await retry;
    expect(host.list.loadError).to.equal(undefined);
    expect(host.shown()).to.equal('x,y');
  });

  it("an action's alert outlives the reload it asked for, and goes with the next successful one", async () => {
    const host = await fixture<ListHost>(html`<test-admin-list-host></test-admin-list-host>`);
    host.calls[0]!.resolve([]);
    await settle(host);
    expect(host.shown()).to.equal('empty');
    host.list.fail('Only admins may change apps.');
    const kept = host.list.reload(true);
    host.calls[1]!.resolve(['x']);
    await kept;
    expect(host.list.actionError).to.equal('Only admins may change apps.');
    const cleared = host.list.reload();
    host.calls[2]!.resolve(['x']);
    await cleared;
    expect(host.list.actionError).to.equal('');
  });

  it('a change shown before it is saved replaces the list at once', async () => {
    const host = await fixture<ListHost>(html`<test-admin-list-host></test-admin-list-host>`);
    host.calls[0]!.resolve(['a', 'b']);
    await settle(host);
    host.list.set(['b', 'a']);
    expect(host.shown()).to.equal('b,a');
  });
});
