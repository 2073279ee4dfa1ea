// Issue 14, "Messages and small things", in the admin tools: the error summary tells the truth after
// every change, SAML entity IDs may be URNs, initials have the grid's colour, and a success is a banner.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createBroker } from '../../broker/index.ts';
import { LauncherClient } from '../../core/launcher.ts';
import { listApps } from '../../core/rechat/apps.ts';
import { memoryStore } from '../../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, CLIENT_SECRET, DEMO_PASSWORD, PARENT_BRAND_ID, USERS, createSimulator } from '../../demo/simulator/index.ts';
import { MOSAIC_CLIENT_ID, MOSAIC_CLIENT_SECRET } from '../../demo/simulator/mosaic.ts';
import { tinyPng } from '../../test/helpers/core.ts';
import { hueClassFor } from '../initial-icon.ts';
import { isEntityId, validateAppForm } from '../sso-launcher-admin.form.ts';
import { adminEn as m } from '../sso-launcher-admin.messages.ts';
import '../sso-launcher-admin.ts';
import '../sso-launcher.ts';
import type { SsoLauncherAdmin } from '../sso-launcher-admin.component.ts';
import type { SsoLauncher } from '../sso-launcher.component.ts';
import { $$, button, choose, control, text, type } from '../../test/helpers/form-dom.ts';

const API = 'https://rechat.sim.test/api';
const BROKER = 'https://broker.test/broker';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Signed-in clients on one simulator, with a broker in front of Mosaic; nothing reaches the network. */
function world() {
  const sim = createSimulator({ basePath: '/api' });
  const mosaic = { apiBase: `${API}/mosaic`, clientId: MOSAIC_CLIENT_ID, clientSecret: MOSAIC_CLIENT_SECRET, adminBrand: PARENT_BRAND_ID };
  const broker = createBroker(
    { rechat: { apiBase: API, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, allowedOrigins: [], brands: {}, mosaic },
    { fetch: sim.fetch, basePath: '/broker', logger: silent },
  );
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.startsWith(BROKER) ? broker.handle(new Request(input, init)) : sim.fetch(input, init);
  };
  const signIn = async (user: keyof typeof USERS) => {
    const client = new LauncherClient({ apiBase: API, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch, store: memoryStore() });
    await client.session.signIn(USERS[user].email, DEMO_PASSWORD);
    return client;
  };
  return Object.assign(signIn, { sim });
}

const alerts = (root: ShadowRoot) => $$(root, '[role="alert"]').map(text);
const banners = (root: ShadowRoot) => $$(root, '[role="status"]').map(text).filter(Boolean);

function setFile(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

async function adminTools(client: LauncherClient, broker = true): Promise<{ el: SsoLauncherAdmin; root: ShadowRoot }> {
  const el = await fixture<SsoLauncherAdmin>(
    broker ? html`<sso-launcher-admin .client=${client} broker=${BROKER}></sso-launcher-admin>` : html`<sso-launcher-admin .client=${client}></sso-launcher-admin>`,
  );
  const root = el.shadowRoot!;
  await waitUntil(() => $$(root, 'li.app').length > 0 && el['tree'].length > 0, 'the apps and the brand tree', { timeout: 5000 });
  return { el, root };
}

describe('admin tools: messages and small things (issue 14)', () => {
  describe('the error summary follows the fields', () => {
    it('counts down as fields are fixed, and goes when none is left', async () => {
      const { el, root } = await adminTools(await world()('admin'), false);
      button(root, 'Add app').click();
      await el.updateComplete;
      choose(control(root, 'Child Brand')); // unticked: three fields wrong (name, address, brands)
      button(root, 'Save').click();
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([m.fixErrors(3)]);

      type(control(root, 'Name'), 'Brokermint');
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([m.fixErrors(2)]);
      choose(control(root, 'Child Brand'));
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([m.fixErrors(1)]);
      type(control(root, 'Web address'), 'https://my.brokermint.example/');
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('switching to SAML drops the hidden address from the count; back to a link, it counts again', async () => {
      const { el, root } = await adminTools(await world()('admin'), false);
      button(root, 'Add app').click();
      await el.updateComplete;
      button(root, 'Save').click(); // name and address
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([m.fixErrors(2)]);
      choose(control(root, m.typeSaml));
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([m.fixErrors(1)]);
      type(control(root, 'Name'), 'Brokermint');
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([]);
      choose(control(root, m.typeNone));
      await el.updateComplete;
      expect(alerts(root), 'the address is still empty, and its message shows again').to.deep.equal([]);
      expect(text(root.getElementById('app-url-error'))).to.equal(m.urlRequired);
    });

    it('a valid icon after a wrong one takes the icon out of the count', async () => {
      const { el, root } = await adminTools(await world()('admin'), false);
      button(root, 'Add app').click();
      await el.updateComplete;
      type(control(root, 'Name'), 'Brokermint');
      type(control(root, 'Web address'), 'https://my.brokermint.example/');
      setFile(control(root, 'Icon'), new File(['GIF89a'], 'logo.gif', { type: 'image/gif' }));
      await el.updateComplete;
      button(root, 'Save').click();
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([m.fixErrors(1)]);
      setFile(control(root, 'Icon'), new File([tinyPng()], 'logo.png', { type: 'image/png' }));
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([]);
    });

    it('a failed save is not a summary: it stays while the admin edits', async () => {
      const signIn = world();
      const { sim } = signIn;
      const { el, root } = await adminTools(await signIn('admin'), false);
      button(root, 'Add app').click();
      await el.updateComplete;
      type(control(root, 'Name'), 'x'.repeat(10));
      type(control(root, 'Web address'), 'https://my.brokermint.example/');
      sim.faults.inject({ kind: 'status', status: 503, count: 5, match: '/sso_applications' });
      button(root, 'Save').click();
      await waitUntil(() => alerts(root).length === 1, 'the save failed');
      const failure = alerts(root)[0];
      expect(failure).to.equal('The server had a problem. Try again in a moment.');
      type(control(root, 'Name'), 'Brokermint');
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([failure]);
    });

    it('the group form too', async () => {
      const { el, root } = await adminTools(await world()('admin'));
      await waitUntil(() => $$(root, 'li.group').length > 0, 'the groups', { timeout: 5000 });
      button(root, 'Add group').click();
      await el.updateComplete;
      type(control(root, 'Session timeout'), '0');
      button(root, 'Save').click();
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([m.fixErrors(2)]);
      type(control(root, 'Name'), 'Listing tools');
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([m.fixErrors(1)]);
      type(control(root, 'Session timeout'), '8');
      await el.updateComplete;
      expect(alerts(root)).to.deep.equal([]);
    });
  });

  describe('SAML entity IDs', () => {
    it('may be https URLs or URNs (RFC 8141), nothing else', () => {
      for (const ok of ['https://sp.example/meta', 'urn:amazon:webservices', 'urn:oasis:names:tc:SAML:2.0:entity', 'URN:example:app']) {
        expect(isEntityId(ok), ok).to.equal(true);
      }
      for (const bad of ['urn:sp', 'urn:x:', 'urn:-bad:app', 'urn: example:app', 'http://sp.example/meta', 'sp.example', 'urn:example:a b']) {
        expect(isEntityId(bad), bad).to.equal(false);
      }
      const saml = { name: 'x', authentication_type: 'SAML' as const, url: '', acs_url: 'https://sp.example/acs', entity_id: 'urn:amazon:webservices', brands: ['b'] };
      expect(validateAppForm(saml, m)).to.deep.equal({});
      expect(validateAppForm({ ...saml, entity_id: 'brokermint' }, m)).to.deep.equal({ entity_id: m.entityInvalid });
    });

    it('an app with a URN entity ID is saved, and agents get it', async () => {
      const signIn = world();
      const { el, root } = await adminTools(await signIn('admin'), false);
      button(root, 'Add app').click();
      await el.updateComplete;
      type(control(root, 'Name'), 'AWS Console');
      choose(control(root, m.typeSaml));
      await el.updateComplete;
      type(control(root, 'ACS URL'), 'https://signin.aws.example/saml');
      type(control(root, 'Entity ID'), 'urn:amazon:webservices');
      button(root, 'Save').click();
      await waitUntil(() => banners(root).includes('AWS Console was added.'), 'saved', { timeout: 5000 });
      const apps = await listApps((await signIn('agent')).session, CHILD_BRAND_ID);
      expect(apps.find((a) => a.name === 'AWS Console')?.entity_id).to.equal('urn:amazon:webservices');
    });
  });

  it('initial-letter icons: the same colour in the grid and in the admin list, for every app without an icon', async () => {
    const signIn = world();
    const client = await signIn('admin');
    const { root } = await adminTools(client, false);
    const launcher = await fixture<SsoLauncher>(html`<sso-launcher .client=${await signIn('admin')}></sso-launcher>`);
    const grid = launcher.shadowRoot!;
    await waitUntil(() => $$(grid, 'a.tile').length > 0, 'the grid', { timeout: 5000 });
    const colours = (rows: Element[], name: (row: Element) => string) =>
      Object.fromEntries(rows.filter((row) => row.querySelector('span.icon')).map((row) => [name(row), getComputedStyle(row.querySelector('span.icon')!).backgroundColor]));
    const inGrid = colours($$(grid, 'a.tile'), (tile) => text(tile.querySelector('.name')));
    const inAdmin = colours($$(root, 'li.app'), (row) => text(row.querySelector('.title')));
    expect(Object.keys(inAdmin)).to.include.members(['ShowingTime', 'Canva']);
    for (const [name, colour] of Object.entries(inAdmin)) if (name in inGrid) expect(colour, name).to.equal(inGrid[name]);
    expect(Object.keys(inGrid).filter((name) => name in inAdmin)).to.include.members(['ShowingTime', 'Canva']);
    // And they are not all one colour (the admin list used the accent colour for every app).
    expect(new Set(Object.values(inAdmin)).size).to.be.greaterThan(1);
    expect(hueClassFor('0a4f6c1e-2b3d-4e5f-8a9b-000000000009')).to.match(/^h([0-9]|1[01])$/);
  });

  describe('success banners', () => {
    it('a banner with role="status" under the panel heading, that stays until the next action', async () => {
      const { el, root } = await adminTools(await world()('admin'));
      await waitUntil(() => $$(root, 'li.group').length > 0, 'the groups', { timeout: 5000 });
      button(root, 'Edit Canva').click();
      await el.updateComplete;
      button(root, 'Save').click();
      await waitUntil(() => banners(root).length > 0, 'the banner', { timeout: 5000 });
      expect(banners(root)).to.deep.equal(['Canva was saved.']);
      const banner = $$(root, 'sso-admin-apps .notice.shown')[0]!;
      expect(text(banner)).to.equal('✓Canva was saved.');
      // Near the action: in the apps panel, right under its heading bar, above the list.
      expect(banner.previousElementSibling?.classList.contains('bar')).to.equal(true);
      const style = getComputedStyle(banner);
      expect(style.display).to.equal('flex');
      expect(parseFloat(style.borderInlineStartWidth)).to.be.at.least(3);
      expect(parseFloat(style.fontSize)).to.be.at.least(14);
      expect(style.color).to.not.equal(getComputedStyle(root.querySelector('.hint')!).color, 'not the grey of the hints');
      await expect(el).to.be.accessible();

      // It stays while the admin reads on, and goes when the next action starts.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(banners(root)).to.deep.equal(['Canva was saved.']);
      button(root, 'Add group').click();
      await el.updateComplete;
      expect(banners(root)).to.deep.equal([]);
    });

    it("one banner at a time: a group's success hides the apps panel's", async () => {
      const { el, root } = await adminTools(await world()('admin'));
      await waitUntil(() => $$(root, 'li.group').length > 0, 'the groups', { timeout: 5000 });
      button(root, 'Move MLS Matrix up').click();
      await waitUntil(() => banners(root).length === 1, 'the move announced', { timeout: 5000 });
      const firstGroup = text(root.querySelector('li.group h3'));
      button(root, `Edit ${firstGroup}`).click();
      await el.updateComplete;
      expect(banners(root)).to.deep.equal([]);
      button(root, 'Save').click();
      await waitUntil(() => banners(root).length === 1, 'saved', { timeout: 5000 });
      expect(banners(root)).to.deep.equal([m.groupSaved(firstGroup)]);
      expect($$(root, 'sso-admin-groups [role="status"]').map(text)).to.deep.equal([m.groupSaved(firstGroup)]);
    });
  });
});
