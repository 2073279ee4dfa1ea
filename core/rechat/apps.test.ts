import { expect } from '@open-wc/testing';
import { HttpError, ValidationError } from '../errors.ts';
import {
  ICON_MAX_BYTES,
  checkIcon,
  createApp,
  deleteApp,
  listApps,
  setAppBrands,
  setAppIcon,
  sortApps,
  updateApp,
  type SsoAppInput,
} from './apps.ts';
import { appBrandIds, type SsoApp } from './schemas.ts';
import { rejection } from '../../test/helpers/assert.ts';
import { CHILD_BRAND_ID, PARENT_BRAND_ID, signedInHarness, tinyPng, type CoreHarness } from '../../test/helpers/core.ts';
import { SEED_APPS } from '../../demo/simulator/index.ts';
import type { AuthorizedApi } from '../session.ts';

const PARENT_ONLY = SEED_APPS.filter((a) => !a.brands.includes(CHILD_BRAND_ID)).map((a) => a.id);
const linkApp = (name: string, extra: Partial<SsoAppInput> = {}): SsoAppInput => ({
  name,
  authentication_type: 'None',
  url: 'https://example.com/' + encodeURIComponent(name),
  ...extra,
});

/** Checks that apps come sorted by `order`, then by name. */
function expectSorted(apps: SsoApp[]) {
  for (let i = 1; i < apps.length; i++) {
    const [a, b] = [apps[i - 1]!, apps[i]!];
    const ok = (a.order ?? 0) < (b.order ?? 0) || ((a.order ?? 0) === (b.order ?? 0) && a.name.localeCompare(b.name) <= 0);
    expect(ok, `${a.name} (${a.order}) before ${b.name} (${b.order})`).to.equal(true);
  }
}

describe('Rechat SSO applications', () => {
  describe('sortApps', () => {
    it('sorts by order, then by name, without changing the input; a missing order counts as 0', () => {
      const input = [
        { name: 'b', order: 2 },
        { name: 'B', order: 1 },
        { name: 'a', order: 1 },
        { name: 'z', order: null },
        { name: 'y' },
      ];
      const copy = structuredClone(input);
      expect(sortApps(input).map((a) => a.name)).to.deep.equal(['y', 'z', 'a', 'B', 'b']);
      expect(input).to.deep.equal(copy);
    });
  });

  describe('argument checks (before any request)', () => {
    const api: AuthorizedApi = {
      request: () => {
        throw new Error('no request may be made');
      },
    };

    it('brand and id must be non-empty strings', async () => {
      expect(await rejection(listApps(api, ''))).to.be.instanceOf(TypeError).with.property('message', '"brand" must be a non-empty string');
      expect(await rejection(updateApp(api, 'b', '', linkApp('x')))).to.be.instanceOf(TypeError).with.property('message', '"id" must be a non-empty string');
      expect(await rejection(deleteApp(api, 'b', undefined as unknown as string))).to.be.instanceOf(TypeError);
      expect(await rejection(setAppBrands(api, 'b', 'i', ['ok', ''])))
        .to.be.instanceOf(TypeError)
        .with.property('message', '"brands" must be an array of brand ids');
      expect(await rejection(setAppBrands(api, 'b', 'i', 'b' as unknown as string[]))).to.be.instanceOf(TypeError);
    });

    it('an icon must be a PNG, JPEG, SVG or WebP of at most 512 KB', async () => {
      expect(() => checkIcon(tinyPng())).not.to.throw();
      expect(() => checkIcon(new Blob(['GIF89a'], { type: 'image/gif' }))).to.throw(ValidationError, 'use a PNG, JPEG, SVG or WebP image');
      expect(() => checkIcon(new Blob([new Uint8Array(ICON_MAX_BYTES + 1)], { type: 'image/png' }))).to.throw(ValidationError, 'at most 512 KB');
      expect(await rejection(setAppIcon(api, 'b', 'i', new Blob(['<svg/>'], { type: 'text/html' })))).to.be.instanceOf(ValidationError);
    });
  });

  describe('against the simulator', () => {
    let agent: CoreHarness;
    let admin: CoreHarness;
    beforeEach(async () => {
      agent = await signedInHarness('agent');
      admin = await signedInHarness('admin', { simulator: agent.sim, clock: agent.clock });
    });

    it("an agent sees the team's apps, sorted by order then name, and never the office-only ones", async () => {
      const apps = await listApps(agent.session, CHILD_BRAND_ID);
      const expected = SEED_APPS.filter((a) => a.brands.includes(CHILD_BRAND_ID));
      expect(apps.map((a) => a.id).sort()).to.deep.equal(expected.map((a) => a.id).sort());
      for (const id of PARENT_ONLY) expect(apps.map((a) => a.id)).not.to.include(id);
      expect(apps.map((a) => a.name).slice(0, 3)).to.deep.equal(['Rechat CRM', 'MLS Matrix', 'DocuSign']);
      expectSorted(apps);
      for (const app of apps) expect(new URL(app.open_url).protocol).to.equal('https:');
    });

    it("an agent cannot list the office's apps, nor create, change or delete any: 403", async () => {
      const list = (await rejection(listApps(agent.session, PARENT_BRAND_ID))) as HttpError;
      expect(list).to.be.instanceOf(HttpError);
      expect([list.status, list.serverCode]).to.deep.equal([403, 'Forbidden']);
      const create = (await rejection(createApp(agent.session, CHILD_BRAND_ID, linkApp('Mine')))) as HttpError;
      expect(create).to.be.instanceOf(HttpError);
      expect(create.status).to.equal(403);
      const seedId = SEED_APPS[1]!.id;
      expect(((await rejection(updateApp(agent.session, CHILD_BRAND_ID, seedId, linkApp('x')))) as HttpError).status).to.equal(403);
      expect(((await rejection(deleteApp(agent.session, CHILD_BRAND_ID, seedId))) as HttpError).status).to.equal(403);
      // A 403 is not a reason to sign out, and nothing changed.
      expect(agent.session.state.status).to.equal('signed-in');
      expect((await listApps(agent.session, CHILD_BRAND_ID)).map((a) => a.name)).not.to.include('Mine');
      // 403s are not retried.
      expect(agent.count('POST', '/sso_applications')).to.equal(1);
    });

    it('an admin sees the office-only apps', async () => {
      const apps = await listApps(admin.session, PARENT_BRAND_ID);
      for (const id of PARENT_ONLY) expect(apps.map((a) => a.id)).to.include(id);
      expect(apps).to.have.length(SEED_APPS.length);
      expectSorted(apps);
    });

    it('an admin creates, updates, sets brands, sets the icon and deletes an app', async () => {
      // Create: for the office only, so the team does not see it yet.
      const created = await createApp(admin.session, PARENT_BRAND_ID, linkApp('Brokermint', { order: 3 }));
      expect(created.name).to.equal('Brokermint');
      expect(created.authentication_type).to.equal('None');
      expect(created.order).to.equal(3);
      expect(appBrandIds(created)).to.deep.equal([PARENT_BRAND_ID]);
      expect(created.icon ?? null).to.equal(null);
      expect((await listApps(agent.session, CHILD_BRAND_ID)).map((a) => a.id)).not.to.include(created.id);

      // Set brands: now the team sees it (answered with brand objects, read as ids).
      const shared = await setAppBrands(admin.session, PARENT_BRAND_ID, created.id, [PARENT_BRAND_ID, CHILD_BRAND_ID]);
      expect(appBrandIds(shared).sort()).to.deep.equal([PARENT_BRAND_ID, CHILD_BRAND_ID].sort());
      expect(shared.brands!.every((b) => typeof b === 'object')).to.equal(true);
      let teamApps = await listApps(agent.session, CHILD_BRAND_ID);
      expect(teamApps.map((a) => a.id)).to.include(created.id);
      // Same order as Dotloop (3): sorted by name within the order.
      const order3 = teamApps.filter((a) => a.order === 3).map((a) => a.name);
      expect(order3).to.deep.equal(['Brokermint', 'Dotloop']);

      // Update: the name changes, and the sort follows it.
      const updated = await updateApp(admin.session, PARENT_BRAND_ID, created.id, linkApp('Zipforms', { order: 3 }));
      expect(updated.id).to.equal(created.id);
      expect(updated.name).to.equal('Zipforms');
      teamApps = await listApps(agent.session, CHILD_BRAND_ID);
      expect(teamApps.filter((a) => a.order === 3).map((a) => a.name)).to.deep.equal(['Dotloop', 'Zipforms']);
      expectSorted(teamApps);

      // Icon: a small PNG, uploaded as multipart.
      const iconCall = admin.calls.length;
      const withIcon = await setAppIcon(admin.session, PARENT_BRAND_ID, created.id, tinyPng(), 'icon.png');
      expect(admin.calls[iconCall]!.body).to.equal('[FormData]');
      expect(withIcon.icon).to.be.a('string');
      const iconUrl = new URL(withIcon.icon!);
      expect(iconUrl.protocol).to.equal('https:');
      expect(iconUrl.pathname).to.match(/\/icon\.png$/);
      const served = await agent.sim.fetch(withIcon.icon!);
      expect(served.headers.get('content-type')).to.equal('image/png');
      expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(new Uint8Array(await tinyPng().arrayBuffer()));

      // Delete: gone for everyone.
      await deleteApp(admin.session, PARENT_BRAND_ID, created.id);
      expect((await listApps(admin.session, PARENT_BRAND_ID)).map((a) => a.id)).not.to.include(created.id);
      expect((await listApps(agent.session, CHILD_BRAND_ID)).map((a) => a.id)).not.to.include(created.id);
      const again = (await rejection(deleteApp(admin.session, PARENT_BRAND_ID, created.id))) as HttpError;
      expect([again.status, again.serverCode]).to.deep.equal([404, 'ResourceNotFound']);
    });

    it("the server's validation comes back as an HttpError 400 naming the field", async () => {
      const error = (await rejection(
        createApp(admin.session, PARENT_BRAND_ID, { name: 'No ACS', authentication_type: 'SAML', entity_id: 'https://sp.example/meta' }),
      )) as HttpError;
      expect(error).to.be.instanceOf(HttpError);
      expect([error.status, error.serverCode]).to.deep.equal([400, 'Validation']);
      expect(error.serverMessage).to.match(/^acs_url/);
      expect(admin.session.state.status).to.equal('signed-in');
    });
  });
});
