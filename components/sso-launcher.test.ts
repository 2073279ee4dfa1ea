import { expect, fixture, html, waitUntil, oneEvent } from '@open-wc/testing';
import { TOTP } from 'otpauth';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, MFA_SECRET, createSimulator, type Simulator } from '../demo/simulator/index.ts';
import { registerMessages } from './sso-launcher.ts';
import type { SsoLauncher } from './sso-launcher.component.ts';

const API = 'http://sim.test';

interface Setup {
  el: SsoLauncher;
  sim: Simulator;
  client: LauncherClient;
  root: ShadowRoot;
}

async function setup(options: { signIn?: string } = {}): Promise<Setup> {
  const sim = createSimulator();
  const client = new LauncherClient({ apiBase: API, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: sim.fetch, store: memoryStore() });
  if (options.signIn) {
    await client.session.signIn(options.signIn, DEMO_PASSWORD);
  }
  const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client}></sso-launcher>`);
  // Launches in these tests must not open real tabs: the host cancels the link's navigation after
  // the element has handled the click (a listener on the host runs after the shadow tree's).
  el.addEventListener('click', (e) => {
    if (e.composedPath().some((n) => n instanceof HTMLAnchorElement)) e.preventDefault();
  });
  return { el, sim, client, root: el.shadowRoot! };
}

const $ = <T extends Element = HTMLElement>(root: ShadowRoot, selector: string) => root.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(root: ShadowRoot, selector: string) => [...root.querySelectorAll<T>(selector)];
const tileNames = (root: ShadowRoot, grid = 'ul.grid:last-of-type') => $$(root, `${grid} .tile .name`).map((n) => n.textContent);

/** The input inside the label whose text starts with `text`. */
function field(root: ShadowRoot, text: string): HTMLInputElement {
  const label = $$(root, 'label').find((l) => l.textContent!.trim().startsWith(text));
  if (!label) throw new Error(`no field labelled ${text}`);
  return label.querySelector('input')!;
}
function button(root: ShadowRoot, text: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(root, 'button').find((b) => b.textContent!.trim() === text);
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

async function signInThroughForm(s: Setup, email: string, password = DEMO_PASSWORD): Promise<void> {
  await waitUntil(() => $(s.root, 'input[name="email"]'), 'sign-in form');
  field(s.root, 'Email').value = email;
  field(s.root, 'Password').value = password;
  button(s.root, 'Sign in').click();
}

const waitForGrid = (root: ShadowRoot) => waitUntil(() => $$(root, 'a.tile').length > 0, 'grid of apps', { timeout: 5000 });

function mockOpen(): { calls: unknown[][]; restore(): void } {
  const original = window.open;
  const calls: unknown[][] = [];
  window.open = ((...args: unknown[]) => (calls.push(args), null)) as typeof window.open;
  return { calls, restore: () => void (window.open = original) };
}

const keydown = (target: Element, key: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));

describe('<sso-launcher>', () => {
  it('signed out: a labelled sign-in form, accessible', async () => {
    const { el, root } = await setup();
    await waitUntil(() => $(root, 'form'));
    expect(field(root, 'Email').type).to.equal('email');
    expect(field(root, 'Password').type).to.equal('password');
    expect(button(root, 'Sign in').type).to.equal('submit');
    await expect(el).to.be.accessible();
  });

  it('signs in and shows the grid sorted by order, as real links to open_url', async () => {
    const s = await setup();
    const signedIn = oneEvent(s.el, 'sso-sign-in');
    await signInThroughForm(s, 'agent@example.com');
    expect((await signedIn).detail.user.email).to.equal('agent@example.com');
    await waitForGrid(s.root);
    const links = $$<HTMLAnchorElement>(s.root, 'a.tile');
    expect(tileNames(s.root)).to.deep.equal(['Rechat CRM', 'MLS Matrix', 'DocuSign', 'Dotloop', 'Google Workspace', 'ShowingTime', 'Zillow Premier Agent', 'Canva']);
    for (const a of links) {
      expect(a.target).to.equal('_blank');
      expect(a.rel.split(' ')).to.include('noopener');
      expect(a.href).to.match(/^http:\/\/sim\.test\/sso_applications\/open\?hash=/);
      expect(a.title).to.equal(a.querySelector('.name')!.textContent);
    }
    expect($(s.root, '.header')!.textContent).to.contain('Alex Agent');
    await expect(s.el).to.be.accessible();
  });

  it('a wrong password gets a plain alert and keeps the form', async () => {
    const s = await setup();
    await signInThroughForm(s, 'agent@example.com', 'wrong');
    await waitUntil(() => $(s.root, '[role="alert"]')?.textContent);
    expect($(s.root, '[role="alert"]')!.textContent).to.equal('The email or password is not right. Check them and try again.');
    expect(field(s.root, 'Email').value).to.equal('agent@example.com');
    expect(s.client.session.state.status).to.equal('signed-out');
    await expect(s.el).to.be.accessible();
  });

  it('offline and a bad client id get their own messages', async () => {
    const s = await setup();
    s.sim.faults.inject({ kind: 'offline' });
    await signInThroughForm(s, 'agent@example.com');
    await waitUntil(() => $(s.root, '[role="alert"]')?.textContent);
    expect($(s.root, '[role="alert"]')!.textContent).to.contain('offline');

    const sim = createSimulator();
    const client = new LauncherClient({ apiBase: API, clientId: 'not-a-client', brand: CHILD_BRAND_ID }, { fetch: sim.fetch, store: memoryStore() });
    const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client}></sso-launcher>`);
    await signInThroughForm({ el, sim, client, root: el.shadowRoot! }, 'agent@example.com');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]')?.textContent);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('not set up correctly');
  });

  it('MFA: a wrong code keeps the prompt with a message, the right code shows the grid', async () => {
    const s = await setup();
    await signInThroughForm(s, 'mfa.agent@example.com');
    await waitUntil(() => $(s.root, 'input[name="code"]'), 'MFA prompt');
    const code = field(s.root, 'Verification code');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.getAttribute('inputmode')).to.equal('numeric');
    await expect(s.el).to.be.accessible();

    const good = new TOTP({ secret: MFA_SECRET }).generate();
    code.value = good === '000000' ? '111111' : '000000';
    button(s.root, 'Verify').click();
    await waitUntil(() => $(s.root, '[role="alert"]')?.textContent, 'wrong-code alert');
    expect($(s.root, '[role="alert"]')!.textContent).to.contain('not right');
    expect($(s.root, 'input[name="code"]')).to.exist;

    field(s.root, 'Verification code').value = '12';
    button(s.root, 'Verify').click();
    await waitUntil(() => $(s.root, '[role="alert"]')?.textContent?.includes('6-digit'), 'shape message');

    field(s.root, 'Verification code').value = new TOTP({ secret: MFA_SECRET }).generate();
    button(s.root, 'Verify').click();
    await waitForGrid(s.root);
    expect(s.client.session.state.status).to.equal('signed-in');
  });

  it('loading shows skeleton tiles, never a blank box', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    s.sim.faults.inject({ kind: 'delay', ms: 400, match: 'sso_applications' });
    s.el.client = new LauncherClient(s.client.config, { fetch: s.sim.fetch, store: s.client.store });
    await waitUntil(() => $(s.root, '.skeleton'), 'skeleton');
    expect($$(s.root, '.skeleton .tile').length).to.be.greaterThan(3);
    expect($(s.root, '.skeleton')!.getAttribute('aria-busy')).to.equal('true');
    await expect(s.el).to.be.accessible();
    await waitForGrid(s.root);
  });

  it('empty: a helpful message when the brand has no apps', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    s.sim.faults.inject({ kind: 'body', body: { code: 'OK', data: [], info: { count: 0, total: 0 } }, match: 'sso_applications' });
    s.el.client = new LauncherClient(s.client.config, { fetch: s.sim.fetch, store: memoryStore() });
    await s.client.session.ready;
    // the new client has an empty store: sign in through it
    await s.el.client.session.signIn('agent@example.com', DEMO_PASSWORD);
    await waitUntil(() => $(s.root, '.empty'), 'empty message');
    expect($(s.root, '.empty')!.textContent).to.contain('not added any apps');
    await expect(s.el).to.be.accessible();
  });

  it('error: an alert and "Try again"; the cached grid stays visible; Try again recovers', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    await waitForGrid(s.root);
    s.sim.faults.inject({ kind: 'status', status: 503, count: 3, match: 'sso_applications' });
    // a fresh view of the same signed-in session: cached grid, then a failing revalidation
    s.el.client = new LauncherClient(s.client.config, { fetch: s.sim.fetch, store: s.client.store });
    await waitUntil(() => $(s.root, '[role="alert"]'), 'error alert', { timeout: 5000 });
    expect($(s.root, '[role="alert"]')!.textContent).to.contain('The server had a problem');
    expect(tileNames(s.root)).to.have.length(8);
    expect(s.el.client.session.state.status).to.equal('signed-in');
    await expect(s.el).to.be.accessible();
    button(s.root, 'Try again').click();
    await waitUntil(() => !$(s.root, '[role="alert"]'), 'alert gone');
    expect(tileNames(s.root)).to.have.length(8);
  });

  it('search filters as you type, case- and accent-insensitively; Escape clears; Enter launches the first match', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    await waitForGrid(s.root);
    const box = $<HTMLInputElement>(s.root, 'input[aria-label="Search apps"]')!;
    box.value = 'DÓC';
    box.dispatchEvent(new InputEvent('input'));
    await s.el.updateComplete;
    expect(tileNames(s.root)).to.deep.equal(['DocuSign']);
    expect($(s.root, '[role="status"]')!.textContent).to.equal('1 app');

    box.value = 'zzz';
    box.dispatchEvent(new InputEvent('input'));
    await s.el.updateComplete;
    expect($(s.root, '[role="status"]')!.textContent).to.contain('No app matches');

    keydown(box, 'Escape');
    await s.el.updateComplete;
    expect(box.value).to.equal('');
    expect(tileNames(s.root)).to.have.length(8);

    box.value = 'o';
    box.dispatchEvent(new InputEvent('input'));
    await s.el.updateComplete;
    const firstMatch = tileNames(s.root)[0];
    const open = mockOpen();
    try {
      const launched = oneEvent(s.el, 'sso-launch');
      keydown(box, 'Enter');
      const { detail } = await launched;
      expect(detail.app.name).to.equal(firstMatch); // read before: a launch clears the search
      expect(open.calls).to.have.length(1);
      expect(open.calls[0]![0]).to.equal(detail.url);
      expect(open.calls[0]![1]).to.equal('_blank');
      expect(String(open.calls[0]![2])).to.contain('noopener');
    } finally {
      open.restore();
    }
  });

  it('arrow keys move between tiles; ArrowDown from search goes to the first tile', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    await waitForGrid(s.root);
    const box = $<HTMLInputElement>(s.root, 'input[name="search"]')!;
    box.focus();
    keydown(box, 'ArrowDown');
    const tiles = $$(s.root, 'a.tile');
    expect(s.root.activeElement).to.equal(tiles[0]);
    keydown(tiles[0]!, 'ArrowRight');
    expect(s.root.activeElement).to.equal(tiles[1]);
    keydown(tiles[1]!, 'ArrowLeft');
    expect(s.root.activeElement).to.equal(tiles[0]);
    keydown(tiles[0]!, 'End');
    expect(s.root.activeElement).to.equal(tiles.at(-1));
    keydown(tiles.at(-1)!, 'Home');
    expect(s.root.activeElement).to.equal(tiles[0]);
    keydown(tiles[0]!, 'ArrowDown');
    const perRow = tiles.filter((t) => t.getBoundingClientRect().top === tiles[0]!.getBoundingClientRect().top).length;
    expect(s.root.activeElement).to.equal(tiles[Math.min(perRow, tiles.length - 1)]);
    keydown(tiles[0]!, 'ArrowUp');
    expect(s.root.activeElement).to.equal(box);
  });

  it('a click is a launch: sso-request-launch, then sso-launch, and the app goes to "Recently used"', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    await waitForGrid(s.root);
    const requested: string[] = [];
    s.el.addEventListener('sso-request-launch', (e) => requested.push(e.detail.app?.name ?? '(not an app)'));
    const launched = oneEvent(s.el, 'sso-launch');
    $$(s.root, 'a.tile')[2]!.click();
    expect((await launched).detail.app.name).to.equal('DocuSign');
    expect(requested).to.deep.equal(['DocuSign']);
    await waitUntil(() => $$(s.root, 'h3').some((h) => h.textContent === 'Recently used'));
    expect(tileNames(s.root, 'ul.grid:first-of-type')).to.deep.equal(['DocuSign']);
  });

  it('the host can veto a launch with preventDefault()', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    await waitForGrid(s.root);
    s.el.addEventListener('sso-request-launch', (e) => e.preventDefault());
    let launched = false;
    s.el.addEventListener('sso-launch', () => (launched = true));
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    $$(s.root, 'a.tile')[0]!.dispatchEvent(click);
    expect(click.defaultPrevented).to.equal(true);
    expect(launched).to.equal(false);
  });

  it('pins favourites to the top, per user', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    await waitForGrid(s.root);
    // The grid's one pin button comes to the tile under the pointer.
    expect($$(s.root, 'button.pin')).to.have.length(0);
    const canva = $(s.root, 'a.tile[title="Canva"]')!;
    canva.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    const pin = $$<HTMLButtonElement>(s.root, 'button.pin').find((b) => b.getAttribute('aria-label') === 'Pin Canva')!;
    expect(pin.parentElement).to.equal(canva.parentElement);
    pin.click();
    await waitUntil(() => $$(s.root, 'h3').some((h) => h.textContent === 'Pinned'));
    expect(tileNames(s.root, 'ul.grid:first-of-type')).to.deep.equal(['Canva']);
    expect((await s.client.preferences.get(s.client.session.user!.id)).favourites).to.have.length(1);
    // Pinned: a star on both of Canva's tiles, and the button, still under the pointer, now unpins.
    expect($$(s.root, 'li.pinned a.tile').map((t) => t.title)).to.deep.equal(['Canva', 'Canva']);
    const unpin = $$<HTMLButtonElement>(s.root, 'button.pin').find((b) => b.getAttribute('aria-label') === 'Unpin Canva')!;
    expect(unpin.getAttribute('aria-pressed')).to.equal('true');
    unpin.click();
    await waitUntil(() => !$$(s.root, 'h3').some((h) => h.textContent === 'Pinned'));
    expect($$(s.root, 'li.pinned')).to.have.length(0);
  });

  it('signs out: back to the form, cache forgotten', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    await waitForGrid(s.root);
    const out = oneEvent(s.el, 'sso-sign-out');
    button(s.root, 'Sign out').click();
    expect((await out).detail.reason).to.equal('signed-out');
    await waitUntil(() => $(s.root, 'input[name="email"]'));
    expect(await s.client.cachedApps()).to.equal(undefined);
  });

  it('signs out while the app list is on its way: the list that lands later shows nothing, and what the next agent types stays', async () => {
    const s = await setup();
    s.sim.faults.inject({ kind: 'delay', ms: 800, match: 'sso_applications' });
    await signInThroughForm(s, 'agent@example.com');
    await waitUntil(() => $$(s.root, 'button').some((b) => b.textContent!.trim() === 'Sign out'), 'signed in, apps still loading');
    button(s.root, 'Sign out').click();
    await waitUntil(() => $(s.root, 'input[name="email"]'), 'the sign-in form');
    const email = field(s.root, 'Email');
    email.value = 'next.agent@example.com';
    await new Promise((resolve) => setTimeout(resolve, 1200)); // the delayed list has landed by now
    await s.el.updateComplete;
    expect($$(s.root, 'a.tile')).to.have.length(0);
    expect(field(s.root, 'Email')).to.equal(email);
    expect(email.value).to.equal('next.agent@example.com');
  });

  it('a page that goes away drops the app list still on its way, quietly; one kept in the back/forward cache keeps it', async () => {
    // The browser cancels what a leaving page has in flight; reported as a failure, that would run the
    // network probe and the retries while the page is torn down, on the next page's time (issue 15).
    const sim = createSimulator();
    const signals: AbortSignal[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('sso_applications') && init?.signal) signals.push(init.signal);
      return sim.fetch(input, init);
    };
    const client = new LauncherClient({ apiBase: API, clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch, store: memoryStore() });
    await client.session.signIn('agent@example.com', DEMO_PASSWORD);
    sim.faults.inject({ kind: 'delay', ms: 3000, match: 'sso_applications' });
    const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client}></sso-launcher>`);
    const errors: Event[] = [];
    el.addEventListener('sso-error', (e) => errors.push(e));
    await waitUntil(() => signals.length === 1, 'the app list request');
    dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    expect(signals[0]!.aborted, 'kept for the back/forward cache').to.equal(false);
    dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(signals[0]!.aborted, 'dropped').to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).to.deep.equal([]);
    expect(signals).to.have.length(1); // not asked again
  });

  it('session expiry mid-use: the sign-in prompt appears over the grid, then the grid is back', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    await waitForGrid(s.root);
    s.sim.reset(); // the server forgets every token: the refresh is rejected with invalid_grant
    button(s.root, 'Sign out'); // still there
    s.el.client = new LauncherClient(s.client.config, { fetch: s.sim.fetch, store: s.client.store });
    await waitUntil(() => $(s.root, '.overlay input[name="email"]'), 'sign-in over the grid', { timeout: 5000 });
    expect(tileNames(s.root)).to.have.length(8);
    expect($(s.root, '.overlay')!.textContent).to.contain('session has expired');
    expect(field(s.root, 'Email').value).to.equal('agent@example.com');
    field(s.root, 'Password').value = DEMO_PASSWORD;
    button(s.root, 'Sign in').click();
    await waitUntil(() => !$(s.root, '.overlay'), 'overlay gone');
    await waitForGrid(s.root);
    expect(tileNames(s.root)).to.have.length(8);
  });

  describe('hostile data', () => {
    const hostile = (apps: unknown[]) => ({ kind: 'body' as const, body: { code: 'OK', data: apps }, match: 'sso_applications', count: 5 });
    const app = (id: string, extra: Record<string, unknown>) => ({ id, name: `App ${id}`, authentication_type: 'None', open_url: 'https://ok.example/', order: Number(id.replace(/\D/g, '') || 0), ...extra });

    it('never links or opens javascript: or data: URLs; names are text; long names fit; a broken icon shows initials', async () => {
      const s = await setup({ signIn: 'agent@example.com' });
      await waitForGrid(s.root);
      window.__pwned = false;
      s.sim.faults.inject(
        hostile([
          app('a1', { open_url: 'javascript:window.__pwned=true' }),
          app('a2', { open_url: 'data:text/html,<script>parent.__pwned=true</script>' }),
          app('a3', { name: '<img src=x onerror="window.__pwned=true">' }),
          app('a4', { name: 'N'.repeat(300) }),
          app('a5', { icon: 'http://127.0.0.1:9/missing.png' }),
          app('a6', { icon: 'javascript:alert(1)' }),
        ]),
      );
      s.el.client = new LauncherClient(s.client.config, { fetch: s.sim.fetch, store: memoryStore() });
      await s.el.client.session.signIn('agent@example.com', DEMO_PASSWORD);
      await waitUntil(() => $$(s.root, '.tile').length === 6, 'six tiles');
      const hrefs = $$<HTMLAnchorElement>(s.root, 'a').map((a) => a.getAttribute('href'));
      expect(hrefs.every((h) => h === 'https://ok.example/')).to.equal(true);
      expect($$(s.root, '.tile.disabled')).to.have.length(2);
      const open = mockOpen();
      try {
        $$(s.root, '.tile.disabled')[0]!.click();
        keydown($(s.root, 'input[name="search"]')!, 'Enter'); // first visible is a1: not opened
        expect(open.calls).to.have.length(0);
      } finally {
        open.restore();
      }
      expect($$(s.root, 'img').every((img) => (img as HTMLImageElement).src.startsWith('http'))).to.equal(true);
      expect($(s.root, '[data-id="a3"] .name')!.textContent).to.equal('<img src=x onerror="window.__pwned=true">');
      expect($(s.root, '[data-id="a4"] .name')!.textContent).to.have.length(300);
      const longTile = $(s.root, 'a[data-id="a4"]')!;
      expect(longTile.getBoundingClientRect().height).to.be.lessThan(150);
      // The tile's face stays; its image gives way to initials.
      await waitUntil(() => !$(s.root, 'a[data-id="a5"] span.icon img'), 'initials after the icon failed', { timeout: 5000 });
      expect($(s.root, 'a[data-id="a5"] span.icon')!.textContent).to.equal('AA');
      expect($(s.root, 'a[data-id="a6"] img')).to.equal(null);
      await new Promise((r) => setTimeout(r, 50));
      expect(window.__pwned).to.equal(false);
      await expect(s.el).to.be.accessible();
    });

    it('5,000 apps: a first page, the rest on demand; search and the keyboard reach every app', async () => {
      const s = await setup({ signIn: 'agent@example.com' });
      await waitForGrid(s.root);
      const many = Array.from({ length: 5000 }, (_, i) => app(`m${i}`, { name: `App number ${i}`, order: i }));
      s.sim.faults.inject(hostile(many));
      s.el.client = new LauncherClient(s.client.config, { fetch: s.sim.fetch, store: memoryStore() });
      await s.el.client.session.signIn('agent@example.com', DEMO_PASSWORD);
      await waitUntil(() => $$(s.root, 'a.tile').length >= 12, 'first page', { timeout: 10000 });
      expect($$(s.root, 'a.tile').length).to.be.lessThan(5000);
      // End on the last rendered tile renders the rest and lands on the very last app.
      const rendered = $$(s.root, 'a.tile');
      rendered.at(-1)!.focus();
      keydown(rendered.at(-1)!, 'End');
      await waitUntil(() => $$(s.root, 'a.tile').length === 5000, 'all tiles after End', { timeout: 10000 });
      await waitUntil(() => (s.root.activeElement as HTMLElement | null)?.textContent?.includes('App number 4999'), 'focus on the last app');
      const box = $<HTMLInputElement>(s.root, 'input[name="search"]')!;
      box.value = 'number 4999';
      box.dispatchEvent(new InputEvent('input'));
      await s.el.updateComplete;
      expect(tileNames(s.root)).to.deep.equal(['App number 4999']);
      box.value = '';
      box.dispatchEvent(new InputEvent('input'));
      await s.el.updateComplete;
      const more = button(s.root, 'Show all 5000 apps');
      more.click();
      await s.el.updateComplete;
      expect($$(s.root, 'a.tile')).to.have.length(5000);
    });
  });

  it('says so when it is not configured', async () => {
    const el = await fixture<SsoLauncher>(html`<sso-launcher></sso-launcher>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('api-base, client-id and brand');
    await expect(el).to.be.accessible();
  });

  it('paints the cached grid from storage before the network answers', async () => {
    const s = await setup({ signIn: 'agent@example.com' });
    await waitForGrid(s.root);
    s.sim.faults.inject({ kind: 'delay', ms: 3000, match: 'sso_applications' });
    const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${new LauncherClient(s.client.config, { fetch: s.sim.fetch, store: s.client.store })}></sso-launcher>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('a.tile').length === 8, 'cached grid', { timeout: 1000 });
  });

  it('speaks the language of its lang attribute, falling back to English', async () => {
    registerMessages('fr', { signIn: 'Se connecter', email: 'Courriel' });
    const s = await setup();
    await waitUntil(() => $(s.root, 'form'));
    s.el.setAttribute('lang', 'fr-CA');
    await s.el.updateComplete;
    expect(button(s.root, 'Se connecter')).to.exist;
    expect(field(s.root, 'Courriel')).to.exist;
    expect(field(s.root, 'Password')).to.exist; // not translated: English
    s.el.removeAttribute('lang');
    await s.el.updateComplete;
    expect(button(s.root, 'Sign in')).to.exist;
  });

  it('themes: light and dark through the theme attribute, and the host page can override a colour', async () => {
    const s = await setup();
    const base = () => getComputedStyle($(s.root, '.base')!).backgroundColor;
    s.el.setAttribute('theme', 'dark');
    await s.el.updateComplete;
    expect(base()).to.equal('rgb(21, 24, 29)');
    s.el.setAttribute('theme', 'light');
    await s.el.updateComplete;
    expect(base()).to.equal('rgb(255, 255, 255)');
    s.el.style.setProperty('--sso-bg', 'rgb(1, 2, 3)');
    expect(base()).to.equal('rgb(1, 2, 3)');
  });
});

declare global {
  interface Window {
    __pwned: boolean;
  }
}
