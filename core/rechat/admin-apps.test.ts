import { expect } from '@open-wc/testing';
import { APP_SERVER_FIELDS, appUpdateBody, listAdminApps, listApps, reorderPlan, updateApp, type AdminApp } from './apps.ts';
import { rejection, thrown } from '../../test/helpers/assert.ts';
import { CHILD_BRAND_ID, signedInHarness } from '../../test/helpers/core.ts';

/** An app as the server lists it to an admin, with fields the admin tools do not show. */
const listed: AdminApp = {
  id: 'app-1',
  name: 'Brokermint',
  authentication_type: 'SAML',
  open_url: 'https://rechat.example/sso/app-1',
  url: null,
  acs_url: 'https://brokermint.example/acs',
  entity_id: 'https://brokermint.example/meta',
  order: 4,
  icon: 'https://cdn.example/icon.png',
  brands: ['b1', { id: 'b2' }],
  created_at: 1,
  updated_at: 2,
  name_id: 'email',
  mappings: [{ from: 'email', to: 'mail' }],
  deleted_at: null,
  type: 'sso_application',
  issuer: 'idp-1',
};

const orders = (apps: Array<{ id: string; order?: number | null }>) => apps.map((a) => `${a.id}:${a.order}`);

describe('Rechat SSO applications, the admin side', () => {
  describe('listAdminApps', () => {
    it('lists like listApps (same apps, same order) but keeps every field the server sent', async () => {
      const admin = await signedInHarness('admin');
      const apps = await listAdminApps(admin.session, CHILD_BRAND_ID);
      const plain = await listApps(admin.session, CHILD_BRAND_ID);
      expect(apps.map((a) => a.id)).to.deep.equal(plain.map((a) => a.id));
      const saml = apps.find((a) => a.authentication_type === 'SAML')!;
      // The simulator sends SAML's name_id and mappings, which SsoAppSchema drops and an edit must send back.
      expect(saml).to.include.keys('name_id', 'mappings', 'issuer');
      expect(plain.find((a) => a.id === saml.id)).not.to.have.any.keys('name_id', 'mappings');
      expect(await rejection(listAdminApps(admin.session, ''))).to.be.instanceOf(TypeError).with.property('message', '"brand" must be a non-empty string');
    });
  });

  describe('appUpdateBody', () => {
    it('sends the app back without the server-owned fields, with the changes on top, and leaves the app alone', () => {
      const copy = structuredClone(listed);
      const body = appUpdateBody(listed, { name: 'Brokermint 2', url: null });
      expect(body).to.deep.equal({
        name: 'Brokermint 2',
        authentication_type: 'SAML',
        url: null,
        acs_url: 'https://brokermint.example/acs',
        entity_id: 'https://brokermint.example/meta',
        order: 4,
        name_id: 'email',
        mappings: [{ from: 'email', to: 'mail' }],
      });
      for (const key of APP_SERVER_FIELDS) expect(body).not.to.have.property(key);
      expect(listed).to.deep.equal(copy);
    });

    it('an edit built with it keeps the fields the form does not show', async () => {
      const admin = await signedInHarness('admin');
      const [app] = (await listAdminApps(admin.session, CHILD_BRAND_ID)).filter((a) => a.authentication_type === 'SAML');
      await updateApp(admin.session, CHILD_BRAND_ID, app!.id, appUpdateBody(app!, { name: 'Renamed' }));
      const after = (await listAdminApps(admin.session, CHILD_BRAND_ID)).find((a) => a.id === app!.id)!;
      expect(after.name).to.equal('Renamed');
      expect(appUpdateBody(after, {})).to.deep.equal(appUpdateBody(app!, { name: 'Renamed' }));
    });
  });

  describe('reorderPlan', () => {
    const apps = [
      { id: 'a', order: 10 },
      { id: 'b', order: 20 },
      { id: 'c', order: 30 },
      { id: 'd', order: 40 },
    ];

    it('moves one app and hands the same order values out again: only the apps that moved are saved', () => {
      const copy = structuredClone(apps);
      const up = reorderPlan(apps, 1, 0);
      expect(up.moved).to.equal(apps[1]);
      expect(orders(up.apps)).to.deep.equal(['b:10', 'a:20', 'c:30', 'd:40']);
      expect(up.changes.map((c) => `${c.app.id}:${c.order}`)).to.deep.equal(['b:10', 'a:20']);
      // Dragging the last to the second place shifts the ones between.
      const drag = reorderPlan(apps, 3, 1);
      expect(orders(drag.apps)).to.deep.equal(['a:10', 'd:20', 'b:30', 'c:40']);
      expect(drag.changes.map((c) => c.app.id)).to.deep.equal(['d', 'b', 'c']);
      expect(apps).to.deep.equal(copy);
    });

    it('makes equal or missing orders distinct, so the new sequence is the one agents see', () => {
      const plan = reorderPlan([{ id: 'a' }, { id: 'b', order: null }, { id: 'c', order: 0 }, { id: 'd', order: 7 }], 3, 0);
      expect(orders(plan.apps)).to.deep.equal(['d:0', 'a:1', 'b:2', 'c:7']);
      // 'a' had no order and now has 1: saved; 'c' had 0 and now 7: saved.
      expect(plan.changes.map((c) => `${c.app.id}:${c.order}`)).to.deep.equal(['d:0', 'a:1', 'b:2', 'c:7']);
      expect(reorderPlan(apps, 2, 2).changes).to.deep.equal([]);
    });

    it('refuses an index outside the list with a RangeError naming it', () => {
      expect(thrown(() => reorderPlan(apps, 0, 4))).to.be.instanceOf(RangeError).with.property('message', '"to" must be an index of "apps" (0 to 3), not 4');
      expect(thrown(() => reorderPlan(apps, -1, 0))).to.be.instanceOf(RangeError).with.property('message', '"from" must be an index of "apps" (0 to 3), not -1');
      expect(thrown(() => reorderPlan(apps, 0.5, 0))).to.be.instanceOf(RangeError);
    });
  });
});
