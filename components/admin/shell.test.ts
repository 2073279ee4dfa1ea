import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createBroker } from '../../broker/index.ts';
import { LauncherClient } from '../../core/launcher.ts';
import { memoryStore } from '../../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, CLIENT_SECRET, DEMO_PASSWORD, PARENT_BRAND_ID, USERS, createSimulator } from '../../demo/simulator/index.ts';
import { MOSAIC_CLIENT_ID, MOSAIC_CLIENT_SECRET } from '../../demo/simulator/mosaic.ts';
import '../sso-launcher-admin.ts';
import type { SsoLauncherAdmin } from '../sso-launcher-admin.component.ts';

const API = 'https://rechat.sim.test/api';
const BROKER = 'https://broker.test/broker';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A signed-in admin's client, on a simulator with a broker in front of Mosaic. */
async function adminClient(options: { slowApps?: Promise<void> } = {}): Promise<LauncherClient> {
  const sim = createSimulator({ basePath: '/api' });
  const mosaic = { apiBase: `${API}/mosaic`, clientId: MOSAIC_CLIENT_ID, clientSecret: MOSAIC_CLIENT_SECRET, adminBrand: PARENT_BRAND_ID };
  const broker = createBroker(
    { rechat: { apiBase: API, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, allowedOrigins: [], brands: {}, mosaic },
    { fetch: sim.fetch, basePath: '/broker', logger: silent },
  );
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(BROKER)) return broker.handle(new Request(input, init));
    if (options.slowApps && url.includes('/sso_applications')) await options.slowApps;
    return sim.fetch(input, init);
  };
  const client = new LauncherClient({ apiBase: API, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch, store: memoryStore() });
  await client.session.signIn(USERS.admin.email, DEMO_PASSWORD);
  return client;
}

const names = (root: ShadowRoot) => [...root.querySelectorAll('li.app .title')].map((n) => n.textContent);
const click = (root: ShadowRoot, selector: string) => root.querySelector<HTMLButtonElement>(selector)!.click();

describe('<sso-launcher-admin>, the shell around its panels', () => {
  it('one form at a time: opening the group form closes the app form, and clears the status line', async () => {
    const el = await fixture<SsoLauncherAdmin>(html`<sso-launcher-admin .client=${await adminClient()} broker=${BROKER}></sso-launcher-admin>`);
    const root = el.shadowRoot!;
    await waitUntil(() => names(root).length > 0 && root.querySelectorAll('li.group').length > 0, 'both lists', { timeout: 5000 });
    click(root, '#add-app');
    await waitUntil(() => root.querySelector('#app-name') !== null, 'the app form');
    click(root, '#add-group');
    await waitUntil(() => root.querySelector('#group-name') !== null, 'the group form');
    await el.updateComplete;
    expect(root.querySelectorAll('form.panel').length).to.equal(1);
    expect(root.querySelector('#add-app')!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('a new client starts afresh: its own list, and the answer of the old one dropped when it comes late', async () => {
    let release!: () => void;
    const slow = await adminClient({ slowApps: new Promise<void>((resolve) => (release = resolve)) });
    const el = await fixture<SsoLauncherAdmin>(html`<sso-launcher-admin .client=${slow}></sso-launcher-admin>`);
    const root = el.shadowRoot!;
    const fresh = await adminClient();
    el.client = fresh;
    await waitUntil(() => names(root).length > 0, "the new client's apps", { timeout: 5000 });
    const listed = names(root);
    click(root, '#add-app');
    await el.updateComplete;
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await el.updateComplete;
    expect(names(root)).to.deep.equal(listed);
    expect(root.querySelectorAll('sso-admin-apps').length).to.equal(1);
    expect(root.querySelector('#app-name') !== null, 'the form is still open').to.equal(true);
  });

  it("the panels render in the shell's shadow root, so the host page's ::part rules reach their controls", async () => {
    const style = document.createElement('style');
    style.textContent = 'sso-launcher-admin::part(button) { outline-offset: 7px; }';
    document.head.append(style);
    try {
      const el = await fixture<SsoLauncherAdmin>(html`<sso-launcher-admin .client=${await adminClient()}></sso-launcher-admin>`);
      const root = el.shadowRoot!;
      await waitUntil(() => names(root).length > 0, 'the apps', { timeout: 5000 });
      const edit = root.querySelector('sso-admin-apps button[data-action="edit"]')!;
      expect(edit.getRootNode()).to.equal(root);
      expect(getComputedStyle(edit).outlineOffset).to.equal('7px');
    } finally {
      style.remove();
    }
  });
});
