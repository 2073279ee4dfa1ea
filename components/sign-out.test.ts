// Issue 14: signing out is confirmed with "You're signed out." in a polite live region of the sign-in
// form, after the agent's own sign-out only (an expiry says why instead).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, USERS, createSimulator } from '../demo/simulator/index.ts';
import { en as m } from './messages.ts';
import './locales/en-more.ts'; // the whole English table
import './sso-launcher.ts';
import type { SsoLauncher } from './sso-launcher.component.ts';

const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (root: ShadowRoot, name: string) => [...root.querySelectorAll('button')].find((b) => text(b) === name);
const status = (root: ShadowRoot) => root.querySelector('form [role="status"]');

async function signedIn() {
  const sim = createSimulator();
  const client = new LauncherClient({ apiBase: 'http://sim.test', clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: sim.fetch, store: memoryStore() });
  await client.session.signIn(USERS.agent.email, DEMO_PASSWORD);
  const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client}></sso-launcher>`);
  const root = el.shadowRoot!;
  await waitUntil(() => root.querySelectorAll('a.tile').length > 0, 'the grid', { timeout: 5000 });
  return { sim, client, el, root };
}

describe('<sso-launcher> sign-out confirmation (issue 14)', () => {
  it('"Sign out": the sign-in form says "You\'re signed out." in a polite status region, written after the form is up', async () => {
    const { el, root } = await signedIn();
    // What the region held at each render: empty first, then the sentence (so a screen reader hears it).
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      const region = status(root);
      if (region && seen.at(-1) !== text(region)) seen.push(text(region));
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    const out = oneEvent(el, 'sso-sign-out');
    button(root, m.signOut)!.click();
    expect((await out).detail.reason).to.equal('signed-out');
    await waitUntil(() => text(status(root)) === m.signedOut, 'the confirmation');
    observer.disconnect();
    expect(seen).to.deep.equal(['', m.signedOut]);
    const region = status(root)!;
    expect(region.getAttribute('role')).to.equal('status'); // polite
    expect(region.closest('form')!.querySelector('input[name="email"]')).to.not.equal(null);
    expect(getComputedStyle(region).display).to.not.equal('none');
    await expect(el).to.be.accessible();

    // It goes when the agent starts signing in again.
    root.querySelector<HTMLInputElement>('input[name="email"]')!.value = USERS.agent.email;
    root.querySelector<HTMLInputElement>('input[name="password"]')!.value = 'wrong-password';
    button(root, m.signIn)!.click();
    await waitUntil(() => text(root.querySelector('[role="alert"]')) === m.wrongCredentials, 'the wrong password said');
    expect(text(status(root))).to.equal('');
  });

  it('not after an expiry: that prompt says the session expired, and nothing else', async () => {
    const { sim, client, el, root } = await signedIn();
    button(root, m.signOut)!.click();
    await waitUntil(() => text(status(root)) === m.signedOut, 'signed out first');
    // Signed in again elsewhere (another tab of the same storage), then the session ends on its own.
    await client.session.signIn(USERS.agent.email, DEMO_PASSWORD);
    await waitUntil(() => root.querySelectorAll('a.tile').length > 0, 'the grid again', { timeout: 5000 });
    sim.reset(); // the server forgets every token: the refresh is refused (invalid_grant)
    const out = oneEvent(el, 'sso-sign-out');
    el.client = new LauncherClient(client.config, { fetch: sim.fetch, store: client.store });
    await waitUntil(() => root.querySelector('.overlay input[name="email"]'), 'sign-in over the grid', { timeout: 5000 });
    expect((await out).detail.reason).to.equal('expired');
    expect(text(root.querySelector('.overlay'))).to.contain(m.sessionExpired);
    expect(text(status(root))).to.equal('');
    expect(text(root.querySelector('.overlay'))).to.not.contain(m.signedOut);
  });
});
