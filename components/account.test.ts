// Issue 14, "Messages and small things", in the account area: who is signed in, and the MFA setup key
// in groups of four with a "Copy" button.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { TOTP } from 'otpauth';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, USERS, createSimulator } from '../demo/simulator/index.ts';
import { groupsOfFour } from './mfa-settings.ts';
import { en as m } from './messages.ts';
import './locales/en-more.ts'; // the whole English table
import './sso-launcher.ts';
import type { SsoLauncher } from './sso-launcher.component.ts';

const text = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (root: ShadowRoot, name: string) =>
  [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? text(b)) === name);

/** The launcher signed in as `email`, with its account area open and the MFA settings loaded. */
async function openAccount(email: string): Promise<{ el: SsoLauncher; root: ShadowRoot; settings: () => ShadowRoot }> {
  const sim = createSimulator();
  const client = new LauncherClient({ apiBase: 'http://sim.test', clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: sim.fetch, store: memoryStore() });
  await client.session.signIn(email, DEMO_PASSWORD);
  const el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client}></sso-launcher>`);
  const root = el.shadowRoot!;
  await waitUntil(() => button(root, 'Account'), 'account button');
  button(root, 'Account')!.click();
  const settings = () => root.querySelector('sso-mfa-settings')!.shadowRoot!;
  await waitUntil(() => root.querySelector('sso-mfa-settings')?.shadowRoot?.querySelector('button'), 'MFA settings (lazy)');
  return { el, root, settings };
}

describe('<sso-launcher> account area (issue 14)', () => {
  it("shows the agent's name and email above the two-step verification settings", async () => {
    const { el, root } = await openAccount(USERS.agent.email);
    const profile = root.querySelector('.account dl.profile')!;
    expect([...profile.querySelectorAll('dt')].map(text)).to.deep.equal([m.name, m.email]);
    expect([...profile.querySelectorAll('dd')].map(text)).to.deep.equal(['Alex Agent', 'agent@example.com']);
    // Before the MFA settings, in the same area.
    expect(profile.nextElementSibling?.localName).to.equal('sso-mfa-settings');
    await expect(el).to.be.accessible();
  });

  it('shows the setup key in groups of four, and "Copy" copies it without the spaces', async () => {
    const { el, settings } = await openAccount(USERS.agent.email);
    button(settings(), m.turnOnMfa)!.click();
    await waitUntil(() => settings().querySelector('code'), 'the setup key');
    const shown = text(settings().querySelector('code'));
    expect(shown).to.match(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const secret = shown.replace(/ /g, '');
    expect(secret.length).to.be.at.least(16);

    const copied: string[] = [];
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    // The real Clipboard API needs a focused, permitted page; the element's part is what it hands over.
    clipboard.writeText = (data: string) => (copied.push(data), Promise.resolve());
    try {
      const copy = button(settings(), m.copyKey)!;
      expect(text(copy)).to.equal(m.copy);
      copy.click();
      await waitUntil(() => text(settings().querySelector('.key [role="status"]')) === m.keyCopied, 'copied');
      expect(copied).to.deep.equal([secret]);
      await expect(el).to.be.accessible();

      // The copied key is the one that works: a code from it turns MFA on.
      settings().querySelector<HTMLInputElement>('input[name="code"]')!.value = new TOTP({ secret: copied[0]! }).generate();
      button(settings(), m.verify)!.click();
      await waitUntil(() => text(settings()).includes(m.mfaEnabled), 'on');
    } finally {
      clipboard.writeText = original;
    }
  });

  it('says plainly when the clipboard refuses', async () => {
    const { settings } = await openAccount(USERS.agent.email);
    button(settings(), m.turnOnMfa)!.click();
    await waitUntil(() => settings().querySelector('code'), 'the setup key');
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    clipboard.writeText = () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError'));
    try {
      button(settings(), m.copyKey)!.click();
      await waitUntil(() => text(settings().querySelector('.key [role="status"]')) === m.copyFailed, 'the failure said');
    } finally {
      clipboard.writeText = original;
    }
  });

  it('groupsOfFour', () => {
    expect(groupsOfFour('JBSWY3DPEHPK3PXP')).to.equal('JBSW Y3DP EHPK 3PXP');
    expect(groupsOfFour('ABCDEFGHIJ')).to.equal('ABCD EFGH IJ');
    expect(groupsOfFour('ab cd\nef')).to.equal('abcd ef');
    expect(groupsOfFour('')).to.equal('');
  });
});
