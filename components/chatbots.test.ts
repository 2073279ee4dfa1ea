import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD } from '../demo/simulator/index.ts';
import { BROKER_URL, RECHAT_URL, brokerHarness, type BrokerHarness } from '../test/helpers/broker.ts';
import { mockOpen } from '../test/helpers/window-open.ts';
import './sso-launcher.ts';
import type { SsoLauncher } from './sso-launcher.component.ts';

describe('<sso-launcher> chatbots', () => {
  let h: BrokerHarness;
  let el: SsoLauncher;
  let root: ShadowRoot;
  let open: ReturnType<typeof mockOpen>;
  const authorizeCalls = () => h.log().filter((line) => line === 'POST /xenioo/sso/authorize').length;
  const botTile = (name: string) => [...root.querySelectorAll<HTMLButtonElement>('button.tile')].find((b) => b.title === name)!;

  beforeEach(async () => {
    h = brokerHarness();
    const client = new LauncherClient({ apiBase: RECHAT_URL, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: h.fetch, clock: h.clock, store: memoryStore() });
    await client.session.signIn('agent@example.com', DEMO_PASSWORD);
    el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client} broker=${BROKER_URL}></sso-launcher>`);
    root = el.shadowRoot!;
    await waitUntil(() => root.querySelectorAll('button.tile').length === 3, 'three chatbot tiles', { timeout: 5000 });
    open = mockOpen();
  });

  afterEach(() => open.restore());

  it('shows the brand’s chatbots beside the apps, marked "Chatbot", with their sections; accessible', async () => {
    expect(root.querySelectorAll('a.tile').length).to.equal(8);
    const tile = botTile('Listing Assistant');
    expect(tile.closest('ul')).to.equal(root.querySelector('a.tile')!.closest('ul'));
    expect(tile.textContent).to.contain('Chatbot');
    const sections = [...tile.parentElement!.querySelectorAll('.sections button')].map((b) => b.textContent);
    expect(sections).to.deep.equal(['Conversations', 'Contacts']);
    await expect(el).to.be.accessible();
  });

  it('opens the tab inside the click, then points it at the bot; a second launch within the hour makes no request', async () => {
    const launched = oneEvent(el, 'sso-launch');
    botTile('Listing Assistant').click();
    // Synchronously inside the click: a neutral tab, its opener cut.
    expect(open.calls).to.have.length(1);
    expect(open.calls[0]![0]).to.equal('about:blank');
    expect(open.tabs[0]!.opener).to.equal(null);
    const { detail } = await launched;
    expect(open.tabs[0]!.replaced).to.equal(detail.url);
    expect(detail.url).to.match(/^https:\/\/rechat\.sim\.test\/api\/xenioo\/auth\/sso\/[^/]+$/);
    expect(authorizeCalls()).to.equal(1);

    botTile('Listing Assistant').click();
    expect(open.calls).to.have.length(2);
    expect(open.calls[1]![0]).to.equal(detail.url); // straight to the bot: the token was cached
    expect(String(open.calls[1]![2])).to.contain('noopener');
    expect(authorizeCalls()).to.equal(1);
  });

  it('hovering fetches the token ahead, so the click opens the bot directly', async () => {
    botTile('Lead Qualifier').dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await waitUntil(() => authorizeCalls() === 1, 'prefetch');
    botTile('Lead Qualifier').click();
    expect(open.calls).to.have.length(1);
    expect(open.calls[0]![0]).to.match(/\/auth\/sso\/[^/]+$/);
  });

  it('deep-links a section', async () => {
    const contacts = [...root.querySelectorAll<HTMLButtonElement>('.sections button')].find((b) => b.textContent === 'Contacts')!;
    expect(contacts.getAttribute('aria-label')).to.equal('Listing Assistant: Contacts');
    const launched = oneEvent(el, 'sso-launch');
    contacts.click();
    expect((await launched).detail.url).to.match(/\/auth\/sso\/[^/]+\/contacts$/);
  });

  it('a bot Xenioo refuses: the tab is closed and the launcher says so plainly', async () => {
    botTile('Open House Concierge').click();
    expect(open.tabs).to.have.length(1);
    await waitUntil(() => root.querySelector('[role="alert"]'), 'alert');
    expect(root.querySelector('[role="alert"]')!.textContent).to.equal('This chatbot was not found. Ask your administrator.');
    expect(open.tabs[0]!.closed).to.equal(true);
    expect(root.querySelectorAll('a.tile').length).to.equal(8);
  });

  it('embedding: the bot opens in an accessible dialog inside the page; Escape closes it and focus returns', async () => {
    el.embedding = true;
    await el.updateComplete;
    const tile = botTile('Listing Assistant');
    tile.focus();
    tile.click();
    expect(open.calls).to.have.length(0);
    await waitUntil(() => root.querySelector('dialog.bot iframe'), 'iframe in the dialog');
    const dialog = root.querySelector<HTMLDialogElement>('dialog.bot')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    const iframe = dialog.querySelector('iframe')!;
    expect(iframe.title).to.equal('Listing Assistant');
    expect(iframe.src).to.match(/\/auth\/sso\/[^/]+$/);
    await expect(el).to.be.accessible();
    dialog.dispatchEvent(new Event('cancel'));
    dialog.close(); // what the browser does on Escape
    await waitUntil(() => !root.querySelector('dialog.bot'), 'dialog gone');
    await waitUntil(() => root.activeElement?.getAttribute('title') === 'Listing Assistant', 'focus back on the tile');
  });

  it('search finds bots too, and Enter launches one when it is the first match', async () => {
    const box = root.querySelector<HTMLInputElement>('input[name="search"]')!;
    box.value = 'qualif';
    box.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect(root.querySelectorAll('a.tile').length).to.equal(0);
    expect([...root.querySelectorAll<HTMLElement>('button.tile')].map((b) => b.title)).to.deep.equal(['Lead Qualifier']);
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect(open.calls).to.have.length(1);
    expect(open.calls[0]![0]).to.equal('about:blank');
  });

  it('signing out signs out of the bots opened from the launcher', async () => {
    const launched = oneEvent(el, 'sso-launch');
    botTile('Listing Assistant').click();
    const { detail } = await launched;
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.header button')[1]!.click(); // Sign out
    await waitUntil(() => document.querySelector('iframe[title="sign-out"]'), 'logout frame');
    const frame = document.querySelector<HTMLIFrameElement>('iframe[title="sign-out"]')!;
    expect(frame.src).to.equal(`${detail.url}/logout`);
    expect(frame.hidden).to.equal(true);
    await waitUntil(() => root.querySelector('input[name="email"]'), 'signed out');
    expect(root.querySelectorAll('button.tile').length).to.equal(0);
    frame.remove();
  });
});
