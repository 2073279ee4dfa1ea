import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TOTP } from 'otpauth';
import { DEMO_PASSWORD, MFA_SECRET } from '../demo/simulator/index.ts';
import { $, $$, focused, label, mountLauncher, waitForFocus, waitForGrid, type Launcher } from '../test/helpers/launcher.ts';

const press = (key: string) => sendKeys({ press: key });
const button = (l: Launcher, text: string) => $$<HTMLButtonElement>(l.root, 'button').find((b) => b.textContent!.trim() === text)!;
/** Lets a few renders and session changes pass. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Types into the sign-in form with the keyboard, and submits with Enter in the password field. */
async function typeSignIn(l: Launcher, email: string, password = DEMO_PASSWORD): Promise<void> {
  await waitUntil(() => $(l.root, 'input[name="email"]'), 'sign-in form');
  $<HTMLInputElement>(l.root, 'input[name="email"]')!.focus();
  await sendKeys({ type: email });
  await press('Tab');
  await sendKeys({ type: password });
  await press('Enter');
}

describe('<sso-launcher> focus follows the state', () => {
  it('never takes focus on the first load: signed out, or a restored session', async () => {
    document.body.focus();
    const out = await mountLauncher();
    await waitUntil(() => $(out.root, 'input[name="email"]'), 'sign-in form');
    await settle();
    expect(label(document.activeElement)).to.equal(label(document.body));
    const restored = await mountLauncher({ signIn: 'agent@example.com' });
    await waitForGrid(restored);
    await settle();
    expect(label(document.activeElement)).to.equal(label(document.body));
  });

  it('after sign-in it goes to the search box, once the grid has loaded', async () => {
    const l = await mountLauncher();
    l.sim.faults.inject({ kind: 'delay', ms: 300, match: 'sso_applications' });
    await typeSignIn(l, 'agent@example.com');
    await waitForGrid(l);
    await waitForFocus(l, 'input[name="search"]');
    await expect(l.el).to.be.accessible();
  });

  it('with the Sign in button pressed (it turns busy and drops focus) too', async () => {
    const l = await mountLauncher();
    await waitUntil(() => $(l.root, 'input[name="email"]'), 'sign-in form');
    $<HTMLInputElement>(l.root, 'input[name="email"]')!.value = 'agent@example.com';
    $<HTMLInputElement>(l.root, 'input[name="password"]')!.value = DEMO_PASSWORD;
    button(l, 'Sign in').focus();
    await press('Enter');
    await waitForFocus(l, 'input[name="search"]');
  });

  it('MFA: the prompt takes focus in the code field; a wrong code empties it and keeps focus there; the right one goes to the search box', async () => {
    const l = await mountLauncher();
    await typeSignIn(l, 'mfa.agent@example.com');
    await waitForFocus(l, 'input[name="code"]');
    const good = new TOTP({ secret: MFA_SECRET }).generate();
    await sendKeys({ type: good === '000000' ? '111111' : '000000' });
    await press('Enter');
    await waitUntil(() => $(l.root, '[role="alert"]')?.textContent, 'wrong-code alert');
    await waitForFocus(l, 'input[name="code"]');
    expect($<HTMLInputElement>(l.root, 'input[name="code"]')!.value).to.equal('');
    await sendKeys({ type: new TOTP({ secret: MFA_SECRET }).generate() });
    await press('Enter');
    await waitForGrid(l);
    await waitForFocus(l, 'input[name="search"]');
  });

  it('after sign-out it goes to the email field', async () => {
    const l = await mountLauncher({ signIn: 'agent@example.com' });
    await waitForGrid(l);
    button(l, 'Sign out').focus();
    await press('Enter');
    await waitForFocus(l, 'input[name="email"]');
  });

  it('after an error it goes to the field to fix, or stays where it was while the alert is read', async () => {
    const l = await mountLauncher();
    await typeSignIn(l, 'agent@example.com', 'wrong');
    await waitUntil(() => $(l.root, '[role="alert"]')?.textContent, 'wrong-password alert');
    await waitForFocus(l, 'input[name="password"]', 'the password, to fix');
    // No email: the email field.
    $<HTMLInputElement>(l.root, 'input[name="email"]')!.value = '';
    await press('Enter');
    await waitUntil(() => $(l.root, '[role="alert"]')?.textContent === 'Enter your email.', 'the email alert');
    await waitForFocus(l, 'input[name="email"]', 'the email, to fix');
    // Offline: no field is wrong; focus stays on the button that was pressed.
    $<HTMLInputElement>(l.root, 'input[name="email"]')!.value = 'agent@example.com';
    l.sim.faults.inject({ kind: 'offline' });
    button(l, 'Sign in').focus();
    await press('Enter');
    await waitUntil(() => $(l.root, '[role="alert"]')?.textContent?.includes('offline'), 'the offline alert');
    await waitForFocus(l, 'button[type="submit"]', 'focus back on Sign in');
  });

  it('the session expiring under a focused tile moves focus to the sign-in prompt over the grid', async () => {
    const l = await mountLauncher({ signIn: 'agent@example.com' });
    await waitForGrid(l);
    $(l.root, 'a.tile')!.focus();
    l.sim.reset(); // the server forgets every token: the next call's refresh is refused (invalid_grant)
    await l.client.refreshApps().catch(() => undefined);
    await waitUntil(() => $(l.root, '.overlay input[name="email"]'), 'sign-in over the grid', { timeout: 5000 });
    await waitForFocus(l, '.overlay input[name="email"]');
  });

  it('never moves focus that is elsewhere on the page', async () => {
    const l = await mountLauncher();
    await waitUntil(() => $(l.root, 'input[name="email"]'), 'sign-in form');
    l.before.focus();
    await l.client.session.signIn('agent@example.com', DEMO_PASSWORD); // another tab signed in, say
    await waitForGrid(l);
    await settle();
    expect(label(document.activeElement)).to.equal(label(l.before));
    await l.client.signOut();
    await waitUntil(() => $(l.root, 'input[name="email"]'), 'signed out');
    await settle();
    expect(label(document.activeElement)).to.equal(label(l.before));
    expect(label(focused(l))).to.equal(label(l.before));
  });
});
