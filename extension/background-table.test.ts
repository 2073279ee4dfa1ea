import { expect } from '@open-wc/testing';
import { ErrorCode, isSsoError } from '../core/errors.ts';
import type { LauncherClient } from '../core/launcher.ts';
import { rejection } from '../test/helpers/assert.ts';
import { CHILD_BRAND_ID, DEMO_PASSWORD, PARENT_BRAND_ID, USERS, coreHarness, signedInHarness, type CoreHarness } from '../test/helpers/core.ts';
import { createBackgroundTable, type BackgroundTable } from './background-table.ts';
import { CHANNEL, createCaller, dispatch, type ExtensionSelf, type SenderLike } from './messages.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const SELF: ExtensionSelf = { id: ID, baseUrl: `chrome-extension://${ID}/` };
const OPTIONS_PAGE: SenderLike = { id: ID, url: `chrome-extension://${ID}/extension/options.html`, origin: `chrome-extension://${ID}`, frameId: 0 };

/** The table over a harness, a caller wired through dispatch from `sender`, and what the table did. */
function setup(h: CoreHarness, sender: SenderLike = OPTIONS_PAGE) {
  const changes: LauncherClient[] = [];
  const table = createBackgroundTable({
    client: async () => h.client,
    afterSessionChange: async (client) => void changes.push(client),
  });
  const call = createCaller<BackgroundTable>(async (message) => (await dispatch(table, message, sender, SELF)) ?? undefined);
  return { table, call, changes };
}

describe('background message table', () => {
  it('reports the account', async () => {
    const h = await signedInHarness();
    const { call } = setup(h);
    expect(await call('status')).to.deep.equal({
      status: 'signed-in',
      email: USERS.agent.email,
      expiresAt: h.session.expiresAt,
      apiBase: h.client.config.apiBase,
    });
  });

  it('reports a signed-out account', async () => {
    const { call } = setup(coreHarness());
    expect(await call('status')).to.deep.equal({ status: 'signed-out', apiBase: 'https://rechat.sim.test' });
  });

  it("lists the user's brands for the picker", async () => {
    const h = await signedInHarness('agent');
    const { call } = setup(h);
    const brands = await call('listBrands');
    expect(brands.map((b) => b.id)).to.deep.equal([CHILD_BRAND_ID]);
    expect(brands[0]).to.include({ name: 'Child Brand', role: 'Agent' });
  });

  it('lists several brands, sorted by name, tolerating extra fields', async () => {
    // No demo account belongs to two brands, so the simulator answers this one call with two.
    const h = await signedInHarness();
    h.sim.faults.inject({
      kind: 'body',
      match: '/users/self/brands',
      body: {
        code: 'OK',
        data: [
          { id: CHILD_BRAND_ID, name: 'Child Brand', brand_type: 'Team', role: 'Agent', parent: { id: PARENT_BRAND_ID, name: 'Admin Brand Parent' }, extra: 1 },
          { id: PARENT_BRAND_ID, name: 'Admin Brand Parent', brand_type: 'Office', role: 'Admin', parent: null },
        ],
      },
    });
    const { call } = setup(h);
    expect(await call('listBrands')).to.deep.equal([
      { id: PARENT_BRAND_ID, name: 'Admin Brand Parent', role: 'Admin' },
      { id: CHILD_BRAND_ID, name: 'Child Brand', role: 'Agent', parentName: 'Admin Brand Parent' },
    ]);
  });

  it('reports a malformed brand list as a validation error', async () => {
    const h = await signedInHarness();
    h.sim.faults.inject({ kind: 'body', match: '/users/self/brands', body: { code: 'OK', data: [{ id: 7 }] } });
    const { call } = setup(h);
    const error = await rejection(call('listBrands'));
    expect(isSsoError(error, ErrorCode.Validation)).to.equal(true);
  });

  it('rebuilds a session error on the page side, where isSsoError still holds', async () => {
    const { call } = setup(coreHarness());
    const error = await rejection(call('listBrands'));
    expect(isSsoError(error, ErrorCode.SessionExpired)).to.equal(true);
    expect((error as Error).message).to.equal('Not signed in.');
  });

  it('rebuilds an HTTP error with its status', async () => {
    const h = await signedInHarness();
    h.sim.faults.inject({ kind: 'status', status: 404, match: '/users/self/brands' });
    const { call } = setup(h);
    const error = await rejection(call('listBrands'));
    expect(isSsoError(error, ErrorCode.Http)).to.equal(true);
    expect(error).to.include({ name: 'HttpError', status: 404 });
  });

  it('signs out, forgets the cached apps, and reschedules', async () => {
    const h = await signedInHarness();
    await h.client.refreshApps();
    const { call, changes } = setup(h);
    expect(await call('signOut')).to.deep.equal({ status: 'signed-out', apiBase: 'https://rechat.sim.test' });
    expect(h.session.state.status).to.equal('signed-out');
    expect(await h.store.get(`apps:${USERS.agent.id}:${CHILD_BRAND_ID}`)).to.equal(undefined);
    expect(changes).to.deep.equal([h.client]);
  });

  it('learns of a sign-in made by the popup on the shared store', async () => {
    const background = coreHarness();
    await background.session.ready;
    const popup = coreHarness({ simulator: background.sim, clock: background.clock, store: background.store });
    await popup.session.signIn(USERS.agent.email, DEMO_PASSWORD);
    const { call, changes } = setup(background, { id: ID, url: `chrome-extension://${ID}/extension/popup.html` });
    const status = await call('sessionChanged');
    expect(status).to.include({ status: 'signed-in', email: USERS.agent.email });
    expect(changes).to.deep.equal([background.client]);
  });

  for (const [why, sender] of [
    ['a web page', { id: ID, url: 'https://evil.example/', origin: 'https://evil.example' }],
    ['a look-alike extension origin', { id: ID, url: `chrome-extension://${ID}.evil.com/extension/options.html` }],
    ['another extension', { id: 'zyxwvutsrqponmlkzyxwvutsrqponmlk', url: 'chrome-extension://zyxwvutsrqponmlkzyxwvutsrqponmlk/x.html' }],
    ['a data: URL', { id: ID, url: 'data:text/html,hi' }],
    ['a file: URL', { id: ID, url: 'file:///tmp/evil.html' }],
    ['our options page framed by a site', { ...OPTIONS_PAGE, frameId: 2 }],
  ] as Array<[string, SenderLike]>) {
    it(`does not sign out, nor answer, for ${why}`, async () => {
      const h = await signedInHarness();
      const { table, changes } = setup(h);
      for (const name of ['signOut', 'status', 'listBrands', 'sessionChanged']) {
        expect(dispatch(table, { channel: CHANNEL, name }, sender, SELF)).to.equal(undefined);
      }
      expect(h.session.state.status).to.equal('signed-in');
      expect(changes).to.deep.equal([]);
      expect(h.log().filter((line) => !line.startsWith('POST /oauth2/token'))).to.deep.equal([]);
    });
  }
});
