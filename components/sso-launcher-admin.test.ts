import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createBroker } from '../broker/index.ts';
import { LauncherClient } from '../core/launcher.ts';
import { listApps } from '../core/rechat/apps.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, CLIENT_SECRET, DEMO_PASSWORD, PARENT_BRAND_ID, USERS, createSimulator, type Simulator } from '../demo/simulator/index.ts';
import {
  MOSAIC_AGENT_GROUP_ID,
  MOSAIC_CLIENT_ID,
  MOSAIC_CLIENT_SECRET,
  MOSAIC_GROUPS,
  MOSAIC_LIMITED_CLIENT_ID,
  MOSAIC_LIMITED_CLIENT_SECRET,
} from '../demo/simulator/mosaic.ts';
import { tinyPng } from '../test/helpers/core.ts';
import { iconError, validateAppForm, validateGroupForm } from './sso-launcher-admin.form.ts';
import { adminEn as m } from './sso-launcher-admin.messages.ts';
import './sso-launcher-admin.ts';
import type { SsoLauncherAdmin } from './sso-launcher-admin.component.ts';
import { $$, button, choose, control, text, type } from '../test/helpers/form-dom.ts';

const API = 'https://rechat.sim.test/api';
const BROKER = 'https://broker.test/broker';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Setup {
  el: SsoLauncherAdmin;
  root: ShadowRoot;
  sim: Simulator;
  client: LauncherClient;
  /** An agent of the team, on the same simulator, to see what agents see. */
  agent(): Promise<LauncherClient>;
}

async function setup(options: { user?: keyof typeof USERS; brand?: string; limitedMosaic?: boolean; broker?: boolean } = {}): Promise<Setup> {
  const sim = createSimulator({ basePath: '/api' });
  const broker = createBroker(
    {
      rechat: { apiBase: API, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      allowedOrigins: [],
      brands: {},
      mosaic: {
        apiBase: `${API}/mosaic`,
        clientId: options.limitedMosaic ? MOSAIC_LIMITED_CLIENT_ID : MOSAIC_CLIENT_ID,
        clientSecret: options.limitedMosaic ? MOSAIC_LIMITED_CLIENT_SECRET : MOSAIC_CLIENT_SECRET,
        adminBrand: PARENT_BRAND_ID,
      },
    },
    { fetch: sim.fetch, basePath: '/broker', logger: silent },
  );
  // Broker URLs to the broker, everything else to the simulator: nothing reaches the network.
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.startsWith(BROKER) ? broker.handle(new Request(input, init)) : sim.fetch(input, init);
  };
  const signedIn = async (user: keyof typeof USERS, brand: string) => {
    const client = new LauncherClient({ apiBase: API, clientId: CLIENT_ID, brand }, { fetch, store: memoryStore() });
    await client.session.signIn(USERS[user].email, DEMO_PASSWORD);
    return client;
  };
  const client = await signedIn(options.user ?? 'admin', options.brand ?? CHILD_BRAND_ID);
  const el = await fixture<SsoLauncherAdmin>(
    options.broker === false
      ? html`<sso-launcher-admin .client=${client}></sso-launcher-admin>`
      : html`<sso-launcher-admin .client=${client} broker=${BROKER}></sso-launcher-admin>`,
  );
  return { el, root: el.shadowRoot!, sim, client, agent: () => signedIn('agent', CHILD_BRAND_ID) };
}

const $ = <T extends Element = HTMLElement>(root: ParentNode, selector: string) => root.querySelector<T>(selector);

/** The message an input's `aria-describedby` points to, error first. */
function describedBy(root: ShadowRoot, input: HTMLElement): string[] {
  return (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => text(root.getElementById(id)));
}
function setFile(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
const appNames = (root: ShadowRoot) => $$(root, 'li.app .app-name .title').map(text);
/** The apps listed, and the brand tree loaded (the picker needs it). */
const waitForApps = (root: ShadowRoot) =>
  waitUntil(() => $$(root, 'li.app').length > 0 && (root.host as SsoLauncherAdmin)['tree'].length > 0, 'the apps', { timeout: 5000 });
const waitForGroups = (root: ShadowRoot) => waitUntil(() => $$(root, 'li.group').length > 0, 'the groups', { timeout: 5000 });
const status = (root: ShadowRoot) => $$(root, '[role="status"]').map(text).filter(Boolean).join(' | ');
const alerts = (root: ShadowRoot) => $$(root, '[role="alert"]').map(text);
const focused = (root: ShadowRoot) => root.activeElement as HTMLElement | null;

describe('<sso-launcher-admin>', () => {
  describe('form checks', () => {
    const empty = { name: '', authentication_type: 'None' as const, url: '', acs_url: '', entity_id: '', brands: [] };

    it('a name is required; a link needs an http(s) URL; at least one brand', () => {
      expect(validateAppForm(empty, m)).to.deep.equal({ name: m.nameRequired, url: m.urlRequired, brands: m.brandsRequired });
      expect(validateAppForm({ ...empty, name: 'x', url: 'javascript:alert(1)', brands: ['b'] }, m)).to.deep.equal({ url: m.urlInvalid });
      expect(validateAppForm({ ...empty, name: 'x', url: 'http://intranet.example/app', brands: ['b'] }, m)).to.deep.equal({});
      expect(validateAppForm({ ...empty, name: 'n'.repeat(201), url: 'https://a.example', brands: ['b'] }, m)).to.deep.equal({ name: m.nameTooLong });
    });

    it('SAML needs an https ACS URL and an entity ID (an https URL or a URN)', () => {
      const saml = { ...empty, name: 'x', authentication_type: 'SAML' as const, brands: ['b'] };
      expect(validateAppForm(saml, m)).to.deep.equal({ acs_url: m.acsRequired, entity_id: m.entityRequired });
      expect(validateAppForm({ ...saml, acs_url: 'http://sp.example/acs', entity_id: 'urn:sp' }, m)).to.deep.equal({
        acs_url: m.httpsRequired,
        entity_id: m.entityInvalid,
      });
      expect(validateAppForm({ ...saml, acs_url: 'https://sp.example/acs', entity_id: 'https://sp.example/meta', url: '' }, m)).to.deep.equal({});
    });

    it('an icon must be a PNG, JPEG, SVG or WebP of at most 512 KB', () => {
      expect(iconError(tinyPng(), m)).to.equal(undefined);
      expect(iconError(new Blob(['GIF89a'], { type: 'image/gif' }), m)).to.equal(m.iconType);
      expect(iconError(new Blob([new Uint8Array(512 * 1024 + 1)], { type: 'image/png' }), m)).to.equal(m.iconSize);
    });

    it('a group needs a name and a whole-number timeout', () => {
      const base = { name: 'G', description: '', journey: '', allowSilentLogin: true, sessionTimeout: '2', granularity: 'days' };
      expect(validateGroupForm(base, m).input).to.deep.equal({
        name: 'G',
        description: '',
        configuration: { journey: '', allowSilentLogin: true, sessionTimeout: 2, sessionTimeoutGranularity: 'days' },
      });
      expect(validateGroupForm({ ...base, name: ' ', sessionTimeout: '1.5' }, m).errors).to.deep.equal({ name: m.nameRequired, sessionTimeout: m.timeoutRequired });
      expect(validateGroupForm({ ...base, sessionTimeout: '0' }, m).errors).to.deep.equal({ sessionTimeout: m.timeoutRequired });
    });
  });

  describe('apps', () => {
    it("lists the brand's apps in the order agents see, each with labelled controls; accessible", async () => {
      const { el, root } = await setup();
      await waitForApps(root);
      expect(appNames(root)).to.deep.equal(['Rechat CRM', 'MLS Matrix', 'DocuSign', 'Dotloop', 'Google Workspace', 'ShowingTime', 'Zillow Premier Agent', 'Canva']);
      for (const name of ['Add app', 'Edit Rechat CRM', 'Delete Rechat CRM', 'Move Rechat CRM up', 'Move Rechat CRM down']) button(root, name);
      expect(button(root, 'Move Rechat CRM up').getAttribute('aria-disabled')).to.equal('true');
      expect(button(root, 'Move Canva down').getAttribute('aria-disabled')).to.equal('true');
      await waitForGroups(root);
      await expect(el).to.be.accessible();
    });

    it('"Add app" opens the form with focus on Name; saving it empty puts a message next to each field', async () => {
      const { el, root } = await setup();
      await waitForApps(root);
      const add = button(root, 'Add app');
      add.click();
      await el.updateComplete;
      expect(add.getAttribute('aria-expanded')).to.equal('true');
      await waitUntil(() => focused(root)?.id === 'app-name', 'focus on Name');
      // The team's brand is ticked by default; untick it to see that message too.
      const team = control(root, 'Child Brand');
      expect(team.checked).to.equal(true);
      choose(team);
      button(root, 'Save').click();
      await el.updateComplete;

      const name = control(root, 'Name');
      expect(name.getAttribute('aria-invalid')).to.equal('true');
      expect(describedBy(root, name)).to.deep.equal([m.nameRequired]);
      const url = control(root, 'Web address');
      expect(url.getAttribute('aria-invalid')).to.equal('true');
      expect(describedBy(root, url)).to.deep.equal([m.urlHint, m.urlRequired]);
      expect(text($(root, '#brands-error'))).to.equal(m.brandsRequired);
      expect(alerts(root)).to.deep.equal([m.fixErrors(3)]);
      await waitUntil(() => focused(root) === name, 'focus on the first invalid field');
      await expect(el).to.be.accessible();

      // SAML: ACS URL and entity ID, https only.
      choose(control(root, m.typeSaml));
      await el.updateComplete;
      type(control(root, 'Name'), 'Brokermint');
      type(control(root, 'ACS URL'), 'http://brokermint.example/saml/acs');
      type(control(root, 'Entity ID'), 'brokermint');
      button(root, 'Save').click();
      await el.updateComplete;
      expect(describedBy(root, control(root, 'ACS URL'))).to.deep.equal([m.acsUrlHint, m.httpsRequired]);
      expect(describedBy(root, control(root, 'Entity ID'))).to.deep.equal([m.entityIdHint, m.entityInvalid]);
      expect(control(root, 'Name').getAttribute('aria-invalid')).to.equal('false');
      await expect(el).to.be.accessible();

      button(root, 'Cancel').click();
      await el.updateComplete;
      // (Booleans, not elements: chai's message for a failing element comparison can hang the page.)
      expect($(root, 'form.panel') === null, 'the form is closed').to.equal(true);
      await waitUntil(() => focused(root) === add, 'focus back on "Add app"');
    });

    it('creates an app for the team: listed, announced, an event for the launcher, and the agent sees it', async () => {
      const s = await setup();
      await waitForApps(s.root);
      button(s.root, 'Add app').click();
      await s.el.updateComplete;
      type(control(s.root, 'Name'), 'Brokermint');
      type(control(s.root, 'Web address'), 'https://my.brokermint.example/');
      const changed = oneEvent(s.el, 'sso-apps-changed');
      button(s.root, 'Save').click();
      const event = await changed;
      expect(event.detail.reason).to.equal('created');
      expect(event.bubbles && event.composed).to.equal(true);
      await waitUntil(() => appNames(s.root).includes('Brokermint'), 'the new app listed');
      expect(status(s.root)).to.equal('Brokermint was added.');
      const agentApps = await listApps((await s.agent()).session, CHILD_BRAND_ID);
      expect(agentApps.map((a) => a.name)).to.include('Brokermint');
    });

    it('saves an app with a plain http:// address, and warns that it opens without encryption', async () => {
      const s = await setup();
      await waitForApps(s.root);
      button(s.root, 'Add app').click();
      await s.el.updateComplete;
      type(control(s.root, 'Name'), 'Old Intranet Tool');
      type(control(s.root, 'Web address'), 'http://tools.brokerage.example/');
      button(s.root, 'Save').click();
      await waitUntil(() => appNames(s.root).includes('Old Intranet Tool'), 'the new app listed');
      expect(status(s.root)).to.equal(`Old Intranet Tool was added. ${m.plainHttpWarning}`);
      // It is saved as typed, and agents get it (its open_url is Rechat's launch address, which leads there).
      const agentApps = await listApps((await s.agent()).session, CHILD_BRAND_ID);
      expect(agentApps.find((a) => a.name === 'Old Intranet Tool')?.url).to.equal('http://tools.brokerage.example/');
    });

    it("edits an app's brands with the tree picker: without the team, the agent no longer sees it", async () => {
      const s = await setup();
      await waitForApps(s.root);
      button(s.root, 'Edit Canva').click();
      await s.el.updateComplete;
      // The tree: the office, and the team inside it (indented one level).
      const items = $$(s.root, 'ul.tree li');
      expect(items.map(text)).to.deep.equal(['Admin Brand Parent', 'Child Brand']);
      expect(items.map((li) => li.style.getPropertyValue('--depth'))).to.deep.equal(['0', '1']);
      expect(control(s.root, 'Admin Brand Parent').checked).to.equal(true);
      expect(control(s.root, 'Child Brand').checked).to.equal(true);
      choose(control(s.root, 'Child Brand'));
      const changed = oneEvent(s.el, 'sso-apps-changed');
      button(s.root, 'Save').click();
      expect((await changed).detail.reason).to.equal('updated');
      await waitUntil(() => !appNames(s.root).includes('Canva'), 'Canva no longer listed for the team');
      expect(status(s.root)).to.equal(m.notInBrand('Canva'));
      expect((await listApps((await s.agent()).session, CHILD_BRAND_ID)).map((a) => a.name)).not.to.include('Canva');
      expect((await listApps(s.client.session, PARENT_BRAND_ID)).map((a) => a.name)).to.include('Canva');
    });

    it('an icon is checked before upload, previewed, and uploaded with the save', async () => {
      const s = await setup();
      await waitForApps(s.root);
      button(s.root, 'Edit Canva').click();
      await s.el.updateComplete;
      const input = control(s.root, 'Icon');
      setFile(input, new File(['GIF89a'], 'icon.gif', { type: 'image/gif' }));
      await s.el.updateComplete;
      expect(describedBy(s.root, input)).to.deep.equal([m.iconHint, m.iconType]);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect($(s.root, 'img.preview') === null, 'no preview').to.equal(true);

      setFile(input, new File([tinyPng()], 'canva.png', { type: 'image/png' }));
      await s.el.updateComplete;
      expect(input.getAttribute('aria-invalid')).to.equal('false');
      const preview = $<HTMLImageElement>(s.root, 'img.preview')!;
      expect(preview.alt).to.equal(m.iconPreview);
      expect(preview.src).to.match(/^blob:/);
      await expect(s.el).to.be.accessible();

      button(s.root, 'Save').click();
      await waitUntil(() => status(s.root) === 'Canva was saved.', 'saved');
      const canva = (await listApps(s.client.session, CHILD_BRAND_ID)).find((a) => a.name === 'Canva')!;
      expect(canva.icon).to.match(/\/icon\.png\?v=\d+$/);
      expect($$<HTMLImageElement>(s.root, 'li.app img.icon').some((img) => img.src === canva.icon)).to.equal(true);
    });

    it('deletes after a confirmation in a modal dialog; Cancel keeps the app and returns focus', async () => {
      const s = await setup();
      await waitForApps(s.root);
      const remove = button(s.root, 'Delete Canva');
      remove.click();
      const dialog = $<HTMLDialogElement>(s.root, 'dialog')!;
      await waitUntil(() => dialog.open, 'the dialog');
      expect(text(s.root.getElementById(dialog.getAttribute('aria-labelledby')!))).to.equal('Delete Canva?');
      expect(text(s.root.getElementById(dialog.getAttribute('aria-describedby')!))).to.equal(m.confirmDeleteAppText);
      expect(focused(s.root) === button(dialog, 'Cancel'), 'focus on Cancel').to.equal(true);
      await expect(s.el).to.be.accessible();

      button(dialog, 'Cancel').click();
      await waitUntil(() => !dialog.open && focused(s.root) === remove, 'closed, focus back on Delete Canva');
      expect(appNames(s.root)).to.include('Canva');

      remove.click();
      await waitUntil(() => dialog.open);
      const changed = oneEvent(s.el, 'sso-apps-changed');
      button(dialog, 'Delete').click();
      expect((await changed).detail.reason).to.equal('deleted');
      await waitUntil(() => !appNames(s.root).includes('Canva'), 'Canva gone');
      expect(status(s.root)).to.equal('Canva was deleted.');
      expect((await listApps(s.client.session, CHILD_BRAND_ID)).map((a) => a.name)).not.to.include('Canva');
      await waitUntil(() => focused(s.root)?.id === 'add-app', 'focus on "Add app"');
    });

    it('"Move up" reorders, saves only the apps that moved, keeps focus and announces the place', async () => {
      const s = await setup();
      await waitForApps(s.root);
      const changed = oneEvent(s.el, 'sso-apps-changed');
      button(s.root, 'Move MLS Matrix up').focus();
      button(s.root, 'Move MLS Matrix up').click();
      expect((await changed).detail.reason).to.equal('reordered');
      expect(appNames(s.root).slice(0, 2)).to.deep.equal(['MLS Matrix', 'Rechat CRM']);
      expect(status(s.root)).to.equal('MLS Matrix moved to position 1 of 8.');
      await waitUntil(() => focused(s.root) === button(s.root, 'Move MLS Matrix up'), 'focus kept on the moved app');
      expect(button(s.root, 'Move MLS Matrix up').getAttribute('aria-disabled')).to.equal('true');
      const puts = s.sim.requests.filter((r) => r.method === 'PUT');
      expect(puts).to.have.length(2);
      const agentApps = await listApps((await s.agent()).session, CHILD_BRAND_ID);
      expect(agentApps.slice(0, 2).map((a) => a.name)).to.deep.equal(['MLS Matrix', 'Rechat CRM']);

      // An aria-disabled move does nothing.
      button(s.root, 'Move MLS Matrix up').click();
      await s.el.updateComplete;
      expect(s.sim.requests.filter((r) => r.method === 'PUT')).to.have.length(2);
    });

    it('dragging an app onto another moves it there', async () => {
      const s = await setup();
      await waitForApps(s.root);
      const row = (name: string) => $$(s.root, 'li.app').find((li) => text(li.querySelector('.app-name .title')) === name)!;
      const transfer = new DataTransfer();
      row('Canva').dispatchEvent(new DragEvent('dragstart', { dataTransfer: transfer, bubbles: true }));
      row('DocuSign').dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      await s.el.updateComplete;
      expect(row('DocuSign').classList.contains('drop-target')).to.equal(true);
      const changed = oneEvent(s.el, 'sso-apps-changed');
      row('DocuSign').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      await changed;
      expect(appNames(s.root).slice(0, 4)).to.deep.equal(['Rechat CRM', 'MLS Matrix', 'Canva', 'DocuSign']);
      const agentApps = await listApps((await s.agent()).session, CHILD_BRAND_ID);
      expect(agentApps.map((a) => a.name).slice(0, 4)).to.deep.equal(['Rechat CRM', 'MLS Matrix', 'Canva', 'DocuSign']);
    });

    it('an agent who somehow gets the tools is told plainly that only admins may change apps', async () => {
      const s = await setup({ user: 'agent', broker: false });
      await waitForApps(s.root);
      button(s.root, 'Delete Canva').click();
      const dialog = $<HTMLDialogElement>(s.root, 'dialog')!;
      await waitUntil(() => dialog.open);
      button(dialog, 'Delete').click();
      await waitUntil(() => alerts(s.root).length > 0, 'an alert');
      expect(alerts(s.root)).to.deep.equal([m.notAdmin]);
      expect(appNames(s.root)).to.include('Canva');
      expect(s.client.session.state.status).to.equal('signed-in');
    });
  });

  describe('Mosaic SSO clients groups', () => {
    it('lists the groups with their settings, and shows a group\'s clients on request', async () => {
      const { el, root } = await setup();
      await waitForGroups(root);
      expect($$(root, 'li.group h3').map(text)).to.deep.equal(MOSAIC_GROUPS.map((g) => g.name));
      expect(text($(root, 'li.group .muted'))).to.equal('Session: 8 hours · silent login on · Journey: agent_sso_journey');
      const toggle = button(root, 'Clients of Agent apps (2)');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const panel = root.getElementById(toggle.getAttribute('aria-controls')!)!;
      expect($$(panel, 'li strong').map(text)).to.deep.equal(['Rechat CRM', 'DocuSign']);
      expect(text(panel)).to.contain('https://app.rechat.com/oauth/callback');
      expect(text(panel)).not.to.contain('secret');
      await expect(el).to.be.accessible();
    });

    it('creates, edits and deletes a group, with messages next to the fields', async () => {
      const { el, root } = await setup();
      await waitForGroups(root);
      button(root, 'Add group').click();
      await waitUntil(() => focused(root)?.id === 'group-name', 'focus on Name');
      type(control(root, 'Session timeout'), '0');
      button(root, 'Save').click();
      await el.updateComplete;
      expect(describedBy(root, control(root, 'Name'))).to.deep.equal([m.nameRequired]);
      expect(describedBy(root, control(root, 'Session timeout'))).to.deep.equal([m.timeoutRequired]);
      expect(alerts(root)).to.deep.equal([m.fixErrors(2)]);
      await expect(el).to.be.accessible();

      type(control(root, 'Name'), 'Listing tools');
      type(control<HTMLTextAreaElement>(root, 'Description'), 'MLS and showing apps');
      type(control(root, 'Journey'), 'listing_journey');
      choose(control(root, 'Allow silent login'));
      type(control(root, 'Session timeout'), '45');
      choose(control<HTMLSelectElement>(root, 'Unit') as unknown as HTMLInputElement, 'minutes');
      const created = oneEvent(el, 'sso-groups-changed');
      button(root, 'Save').click();
      expect((await created).detail.reason).to.equal('created');
      await waitUntil(() => $$(root, 'li.group h3').map(text).includes('Listing tools'), 'the new group');
      expect(status(root)).to.equal('The group Listing tools was added.');
      const row = () => $$(root, 'li.group').find((li) => text(li.querySelector('h3')) === 'Listing tools')!;
      expect(text(row().querySelector('.muted'))).to.equal('Session: 45 minutes · silent login on · Journey: listing_journey');

      button(root, 'Edit Listing tools').click();
      await el.updateComplete;
      expect(control(root, 'Name').value).to.equal('Listing tools');
      expect(control(root, 'Allow silent login').checked).to.equal(true);
      type(control(root, 'Session timeout'), '2');
      choose(control<HTMLSelectElement>(root, 'Unit') as unknown as HTMLInputElement, 'hours');
      button(root, 'Save').click();
      await waitUntil(() => status(root) === 'The group Listing tools was saved.', 'saved');
      expect(text(row().querySelector('.muted'))).to.contain('Session: 2 hours');

      button(root, 'Delete Listing tools').click();
      const dialog = $<HTMLDialogElement>(root, 'dialog')!;
      await waitUntil(() => dialog.open);
      expect(text(root.getElementById('confirm-title'))).to.equal('Delete the group Listing tools?');
      button(dialog, 'Delete').click();
      await waitUntil(() => !$$(root, 'li.group h3').map(text).includes('Listing tools'), 'the group gone');
      expect(status(root)).to.equal('The group Listing tools was deleted.');
    });

    it('a management client without sso-service:delete: the alert names the permission, and the group stays', async () => {
      const { root } = await setup({ limitedMosaic: true });
      await waitForGroups(root);
      button(root, 'Delete Back office').click();
      const dialog = $<HTMLDialogElement>(root, 'dialog')!;
      await waitUntil(() => dialog.open);
      button(dialog, 'Delete').click();
      await waitUntil(() => alerts(root).length > 0, 'an alert');
      expect(alerts(root)).to.deep.equal([m.mosaicPermission('sso-service:delete')]);
      expect($$(root, 'li.group h3').map(text)).to.include('Back office');
    });

    it('an agent is refused by the broker, with a plain message, and stays signed in', async () => {
      const { root, client } = await setup({ user: 'agent' });
      await waitUntil(() => alerts(root).length > 0, 'an alert');
      expect(alerts(root)).to.deep.equal([m.notMosaicAdmin]);
      expect(client.session.state.status).to.equal('signed-in');
    });

    it('a group deleted meanwhile: "not found", and the list is refreshed', async () => {
      const s = await setup();
      await waitForGroups(s.root);
      button(s.root, 'Edit Agent apps').click();
      await s.el.updateComplete;
      // Someone else deletes it in Mosaic's console.
      const token = await (await s.sim.fetch(`${API}/mosaic/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: MOSAIC_CLIENT_ID, client_secret: MOSAIC_CLIENT_SECRET, grant_type: 'client_credentials' }),
      })).json();
      await s.sim.fetch(`${API}/mosaic/cis/v1/sso-service/sso-group/${MOSAIC_AGENT_GROUP_ID}`, { method: 'DELETE', headers: { authorization: `Bearer ${token.access_token}` } });
      button(s.root, 'Save').click();
      await waitUntil(() => alerts(s.root).includes(m.groupNotFound), 'not found');
      await waitUntil(() => !$$(s.root, 'li.group h3').map(text).includes('Agent apps'), 'refreshed');
    });
  });
});
