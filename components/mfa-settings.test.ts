import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { TOTP } from 'otpauth';
import { LauncherClient } from '../core/launcher.ts';
import { memoryStore } from '../core/storage.ts';
import { CHILD_BRAND_ID, CLIENT_ID, DEMO_PASSWORD, createSimulator } from '../demo/simulator/index.ts';
import './sso-launcher.ts';
import type { SsoLauncher } from './sso-launcher.component.ts';

/** The account area's two-step verification, from the launcher, against the simulator. */
describe('<sso-launcher> account: two-step verification on and off', () => {
  let el: SsoLauncher;
  let client: LauncherClient;
  const settings = () => el.shadowRoot!.querySelector('sso-mfa-settings')!.shadowRoot!;
  const button = (root: ShadowRoot, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === text);

  beforeEach(async () => {
    const sim = createSimulator();
    client = new LauncherClient({ apiBase: 'http://sim.test', clientId: CLIENT_ID, brand: CHILD_BRAND_ID }, { fetch: sim.fetch, store: memoryStore() });
    await client.session.signIn('agent@example.com', DEMO_PASSWORD);
    el = await fixture<SsoLauncher>(html`<sso-launcher .client=${client}></sso-launcher>`);
    await waitUntil(() => button(el.shadowRoot!, 'Account'), 'account button');
    const account = button(el.shadowRoot!, 'Account')!;
    account.click();
    await waitUntil(() => el.shadowRoot!.querySelector('sso-mfa-settings')?.shadowRoot?.querySelector('button'), 'MFA settings (lazy)');
    expect(account.getAttribute('aria-expanded')).to.equal('true');
  });

  it('turns it on with the QR code or the setup key and a first code (a wrong one first), then off', async () => {
    expect(settings().textContent).to.contain('Two-step verification is off.');
    button(settings(), 'Turn on two-step verification')!.click();
    await waitUntil(() => settings().querySelector('svg.qr'), 'QR code');
    const qr = settings().querySelector('svg.qr')!;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('aria-label')).to.equal('QR code for Rechat:agent@example.com');
    expect(qr.querySelectorAll('rect').length).to.be.greaterThan(100);
    const secret = settings().querySelector('code')!.textContent!.replace(/ /g, ''); // shown in groups of four
    expect(secret).to.match(/^[A-Z2-7]{16,}$/);
    await expect(el).to.be.accessible();

    const code = settings().querySelector<HTMLInputElement>('input[name="code"]')!;
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    const good = new TOTP({ secret }).generate();
    code.value = good === '000000' ? '111111' : '000000';
    button(settings(), 'Verify')!.click();
    await waitUntil(() => settings().querySelector('[role="alert"]'), 'wrong-code alert');
    expect(settings().querySelector('[role="alert"]')!.textContent).to.contain('not right');
    expect(code.value).to.equal('');

    code.value = new TOTP({ secret }).generate();
    button(settings(), 'Verify')!.click();
    await waitUntil(() => settings().textContent!.includes('Two-step verification is now on.'), 'on');
    expect(client.session.user?.mfa_enabled).to.equal(true);
    expect(client.session.state.status).to.equal('signed-in'); // verify also validated this pair

    // Off: it asks for a current code.
    await waitUntil(() => button(settings(), 'Turn off two-step verification'), 'turn-off button');
    button(settings(), 'Turn off two-step verification')!.click();
    await waitUntil(() => settings().querySelector('input[name="code"]'), 'code for turning off');
    expect(settings().textContent).to.contain('Enter a current code');
    await expect(el).to.be.accessible();
    settings().querySelector<HTMLInputElement>('input[name="code"]')!.value = new TOTP({ secret }).generate();
    button(settings(), 'Turn off two-step verification')!.click();
    await waitUntil(() => settings().textContent!.includes('Two-step verification is now off.'), 'off');
    expect(client.session.user?.mfa_enabled).to.equal(false);
  });

  it('a code of the wrong shape is refused before any request', async () => {
    button(settings(), 'Turn on two-step verification')!.click();
    await waitUntil(() => settings().querySelector('input[name="code"]'));
    settings().querySelector<HTMLInputElement>('input[name="code"]')!.value = '12ab';
    button(settings(), 'Verify')!.click();
    await waitUntil(() => settings().querySelector('[role="alert"]'));
    expect(settings().querySelector('[role="alert"]')!.textContent).to.equal('Enter the 6-digit code from your authenticator app.');
  });
});
