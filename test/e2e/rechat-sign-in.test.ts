/**
 * End-to-end tests of "Sign in with Rechat" in real Chromium against the simulator: the demo page's
 * element opens the broker's popup, the agent signs in on the simulated Rechat page, the broker runs the
 * authorization code flow (state, PKCE S256, client secret) and starts the broker session. Then the
 * attacks of issue 11, each refused with a plain page.
 * Needs `npm run build` first (`npm test` does it). Run: node --import tsx --test test/e2e/rechat-sign-in.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { createBroker } from '../../broker/index.ts';
import { demoBrokerConfig } from '../../demo/broker.ts';
import { CLIENT_ID, DEMO_PASSWORD, MFA_SECRET, USERS } from '../../demo/simulator/index.ts';
import { appNames, launcher, totp, useDemo, verify, WAIT_MS } from './harness.ts';

const TEST = { timeout: 60_000 };
const demo = useDemo();

/** The demo page in a fresh context, signed out; every authorization request it makes is recorded. */
async function openIntranet(context?: BrowserContext): Promise<{ page: Page; authorizeRequests: URL[] }> {
  const ctx = context ?? (await demo.newContext());
  const authorizeRequests: URL[] = [];
  ctx.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/oauth2/auth' && request.method() === 'GET') authorizeRequests.push(url);
  });
  const page = await ctx.newPage();
  await page.goto('/');
  return { page, authorizeRequests };
}

/** Clicks the primary button; answers the popup window. */
async function clickSignInWithRechat(page: Page): Promise<Page> {
  const popup = page.waitForEvent('popup');
  await launcher(page).getByRole('button', { name: 'Sign in with Rechat', exact: true }).click();
  return popup;
}

/** Signs in on the simulated Rechat page (in the popup or the page itself). */
async function signInOnRechat(rechat: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await rechat.getByLabel('Email', { exact: true }).fill(email);
  await rechat.getByLabel('Password', { exact: true }).fill(password);
  await rechat.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The broker session of a page's browser context, as the broker says (never a token). */
async function sessionStatus(page: Page): Promise<string> {
  // The context's own cookies, sent from outside any page (the broker's error page forbids fetch by its CSP).
  const response = await page.context().request.get(`${demo.url}/broker/session`, { headers: { 'x-sso-launcher': '1' } });
  return ((await response.json()) as { data: { status: string } }).data.status;
}

/**
 * Runs the flow in a page up to Rechat's redirect back, and answers the callback URL without letting
 * the browser load it (the code still unused, the attempt still pending). The browser starts the flow
 * (so it holds the attempt's cookie) and shows Rechat's page; its form is then submitted from here, so
 * that the 303 to the callback is read rather than followed.
 */
async function callbackUrl(page: Page, email: string = USERS.agent.email): Promise<string> {
  await page.goto(`/broker/login?return_to=${encodeURIComponent(`${demo.url}/`)}`);
  await page.getByLabel('Password', { exact: true }).waitFor();
  const fields = await page.locator('form:has(input[name="password"]) input[type="hidden"]').evaluateAll((inputs) =>
    inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value]),
  );
  const form = new URLSearchParams(fields as Array<[string, string]>);
  form.set('email', email);
  form.set('password', DEMO_PASSWORD);
  form.set('action', 'sign-in');
  const response = await fetch(`${demo.url}/api/oauth2/auth`, { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(response.status, 303);
  const location = response.headers.get('location')!;
  assert.ok(location.startsWith(`${demo.url}/broker/callback?`), location);
  return location;
}

/** Opens a URL and answers the page's h1 and its alert, for the broker's plain error page. */
async function refusal(page: Page, url: string): Promise<{ status: number | undefined; heading: string; message: string; tryAgain: boolean }> {
  const response = await page.goto(url);
  return {
    status: response?.status(),
    heading: (await page.getByRole('heading', { level: 1 }).innerText()).trim(),
    message: (await page.getByRole('alert').innerText()).trim(),
    tryAgain: await page.getByRole('link', { name: 'Try again' }).isVisible(),
  };
}

const AGENT_FIRST_APP = 'Rechat CRM';

describe('Sign in with Rechat on the demo page (broker sessions)', () => {
  it('is the primary sign-in; the popup signs the agent in, and the authorization request carries state and PKCE S256', TEST, async () => {
    const { page, authorizeRequests } = await openIntranet();
    const button = launcher(page).getByRole('button', { name: 'Sign in with Rechat', exact: true });
    assert.match((await button.getAttribute('class')) ?? '', /\bprimary\b/);
    // The password form stays, secondary, with its labels.
    assert.ok(await launcher(page).getByLabel('Password', { exact: true }).isVisible());

    const popup = await clickSignInWithRechat(page);
    const closed = popup.waitForEvent('close', { timeout: WAIT_MS });
    await signInOnRechat(popup, USERS.agent.email);
    await closed;
    assert.equal((await appNames(page))[0], AGENT_FIRST_APP);
    assert.equal(await sessionStatus(page), 'signed-in');

    assert.equal(authorizeRequests.length, 1);
    const request = authorizeRequests[0]!.searchParams;
    assert.equal(request.get('response_type'), 'code');
    assert.equal(request.get('client_id'), CLIENT_ID);
    assert.equal(request.get('redirect_uri'), `${demo.url}/broker/callback`);
    assert.equal(request.get('code_challenge_method'), 'S256');
    assert.match(request.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43,}$/);
    // At least 128 bits of state: 22 base64url characters (oauth4webapi's are 32 bytes, 43 characters).
    assert.match(request.get('state') ?? '', /^[A-Za-z0-9_-]{22,}$/);
    // The page never saw a token: neither in its URL nor in its storage.
    assert.equal(page.url(), `${demo.url}/`);
  });

  it('a second sign-in needs no password: Rechat remembers the browser ("Continue as")', TEST, async () => {
    const { page } = await openIntranet();
    let popup = await clickSignInWithRechat(page);
    let closed = popup.waitForEvent('close', { timeout: WAIT_MS });
    await signInOnRechat(popup, USERS.agent.email);
    await closed;
    await appNames(page);
    await launcher(page).getByRole('button', { name: 'Sign out', exact: true }).click();
    await launcher(page).getByRole('button', { name: 'Sign in with Rechat', exact: true }).waitFor();

    popup = await clickSignInWithRechat(page);
    const name = `${USERS.agent.first_name} ${USERS.agent.last_name}`;
    await popup.getByRole('button', { name: `Continue as ${name}`, exact: true }).waitFor();
    assert.equal(await popup.getByLabel('Password', { exact: true }).count(), 0);
    closed = popup.waitForEvent('close', { timeout: WAIT_MS });
    await popup.getByRole('button', { name: `Continue as ${name}`, exact: true }).click();
    await closed;
    assert.equal((await appNames(page))[0], AGENT_FIRST_APP);
  });

  it('falls back to a full-page redirect when the popup is blocked, and comes back to the same page signed in', TEST, async () => {
    // Headless Chromium under Playwright opens every window.open, even without a user gesture and
    // without --disable-popup-blocking (tried: --block-new-web-contents does not block either). So the
    // blocker's answer is played by the page: window.open answers null, as it does for a blocked popup.
    const context = await demo.newContext();
    await context.addInitScript(() => {
      window.open = () => null;
    });
    const page = await context.newPage();
    await page.goto('/#apps');
    let popups = 0;
    context.on('page', () => popups++);
    await launcher(page).getByRole('button', { name: 'Sign in with Rechat', exact: true }).click();
    await page.waitForURL(/\/api\/oauth2\/auth\?/);
    await signInOnRechat(page, USERS.agent.email);
    await page.waitForURL(`${demo.url}/#apps`);
    assert.equal((await appNames(page))[0], AGENT_FIRST_APP);
    assert.equal(popups, 0);
  });

  it('an MFA account reaches the code prompt, then the grid', TEST, async () => {
    const { page } = await openIntranet();
    const popup = await clickSignInWithRechat(page);
    const closed = popup.waitForEvent('close', { timeout: WAIT_MS });
    await signInOnRechat(popup, USERS.mfaAgent.email);
    await closed;
    await launcher(page).getByLabel('Verification code', { exact: true }).waitFor();
    assert.equal(await sessionStatus(page), 'mfa-required');
    await verify(page, totp(MFA_SECRET));
    assert.equal((await appNames(page))[0], AGENT_FIRST_APP);
  });

  it('with password-sign-in="off" only "Sign in with Rechat" is offered', TEST, async () => {
    const { page } = await openIntranet();
    await page.evaluate(() => document.querySelector('sso-launcher')!.setAttribute('password-sign-in', 'off'));
    await launcher(page).getByRole('button', { name: 'Sign in with Rechat', exact: true }).waitFor();
    assert.equal(await launcher(page).getByLabel('Password', { exact: true }).count(), 0);
    assert.equal(await launcher(page).getByRole('button', { name: 'Sign in', exact: true }).count(), 0);
  });
});

describe('Sign in with Rechat: attacks, each refused with a plain page', () => {
  it('a wrong or a missing state is refused, and spends the attempt', TEST, async () => {
    const page = await (await demo.newContext()).newPage();
    const url = new URL(await callbackUrl(page));
    const wrong = new URL(url);
    wrong.searchParams.set('state', `${url.searchParams.get('state')!.slice(0, -2)}xx`);
    const refused = await refusal(page, wrong.href);
    assert.deepEqual(refused, { status: 400, heading: 'Sign-in failed', message: 'This sign-in could not be checked, so it was stopped.', tryAgain: true });
    assert.equal(await sessionStatus(page), 'signed-out');
    // The genuine callback, after a tampered one, finds its attempt gone.
    assert.equal((await refusal(page, url.href)).message, 'This sign-in link has expired or was already used.');

    const second = new URL(await callbackUrl(page));
    second.searchParams.delete('state');
    assert.equal((await refusal(page, second.href)).message, 'This sign-in could not be checked, so it was stopped.');
    assert.equal(await sessionStatus(page), 'signed-out');
  });

  it('a callback replayed in another browser context does not sign that browser in', TEST, async () => {
    const victim = await (await demo.newContext()).newPage();
    const url = await callbackUrl(victim);
    const attacker = await (await demo.newContext()).newPage();
    const refused = await refusal(attacker, url);
    assert.equal(refused.status, 400);
    assert.equal(refused.message, 'This sign-in link has expired or was already used.');
    assert.equal(await sessionStatus(attacker), 'signed-out');
    // The browser that started it is unaffected: its own callback still signs it in.
    await victim.goto(url);
    await victim.waitForURL(`${demo.url}/`);
    assert.equal(await sessionStatus(victim), 'signed-in');
  });

  it('a code used twice is refused: replaying the callback in the same browser', TEST, async () => {
    const page = await (await demo.newContext()).newPage();
    const url = await callbackUrl(page);
    await page.goto(url);
    await page.waitForURL(`${demo.url}/`);
    const refused = await refusal(page, url);
    assert.equal(refused.message, 'This sign-in link has expired or was already used.');
    assert.ok(refused.tryAgain);
  });

  it('return_to on another origin is refused with a page, never a redirect', TEST, async () => {
    const page = await (await demo.newContext()).newPage();
    for (const returnTo of ['https://evil.example/', `${demo.url}.evil.example/`, 'javascript:alert(1)', `//evil.example/`]) {
      const response = await fetch(`${demo.url}/broker/login?return_to=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
      assert.equal(response.status, 400, returnTo);
      assert.equal(response.headers.get('location'), null, returnTo);
      assert.equal(response.headers.get('set-cookie'), null, returnTo);
    }
    const refused = await refusal(page, `/broker/login?return_to=${encodeURIComponent('https://evil.example/')}`);
    assert.equal(refused.message, 'This sign-in link is not valid: it does not return to an allowed address.');
  });

  it('a redirect_uri not registered with Rechat gets Rechat’s error page, not a redirect', TEST, async () => {
    const page = await (await demo.newContext()).newPage();
    const params = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: 'https://evil.example/callback', state: 'x' });
    const response = await page.goto(`/api/oauth2/auth?${params}`);
    assert.equal(response?.status(), 400);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'This sign-in link is not valid');
    assert.equal(await page.getByLabel('Password', { exact: true }).count(), 0);
  });

  it('the token proxy exchanges a code only with the right PKCE verifier and an allow-listed redirect URI', TEST, async () => {
    // The extension's half: its redirect URL is registered with Rechat and on the broker's allow-list.
    const redirect = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
    await demo.sim('redirect-uris', { redirect_uri: redirect });
    const config = demoBrokerConfig(demo.url);
    const broker = createBroker({ ...config, signIn: { ...config.signIn!, extensionRedirectUris: [redirect] } }, { fetch: demo.server.simulator.fetch, logger: { info() {}, warn() {}, error() {} } });
    const verifier = 'x'.repeat(20) + 'verifier-of-the-extension-0123456789';
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const challenge = Buffer.from(digest).toString('base64url');

    async function code(redirectUri = redirect): Promise<string> {
      const form = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri, state: 's', code_challenge: challenge, code_challenge_method: 'S256', email: USERS.agent.email, password: DEMO_PASSWORD, action: 'sign-in' });
      const response = await fetch(`${demo.url}/api/oauth2/auth`, { method: 'POST', body: form, redirect: 'manual' });
      return new URL(response.headers.get('location')!).searchParams.get('code')!;
    }
    const exchange = async (fields: Record<string, string>) => {
      const response = await broker.handle(new Request('http://broker.test/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: redirect, ...fields }) }));
      return { status: response.status, body: (await response.json()) as { error?: string; access_token?: string } };
    };

    const wrong = await exchange({ code: await code(), code_verifier: `${verifier.slice(0, -1)}X` });
    assert.deepEqual([wrong.status, wrong.body.error], [400, 'invalid_grant']);
    const missing = await exchange({ code: await code() });
    assert.deepEqual([missing.status, missing.body.error], [400, 'invalid_request']);
    const unlisted = await exchange({ code: await code(`${demo.url}/broker/callback`), code_verifier: verifier, redirect_uri: `${demo.url}/broker/callback` });
    assert.deepEqual([unlisted.status, unlisted.body.error], [400, 'invalid_grant']);
    const good = await code();
    const ok = await exchange({ code: good, code_verifier: verifier });
    assert.equal(ok.status, 200);
    assert.equal(typeof ok.body.access_token, 'string');
    const twice = await exchange({ code: good, code_verifier: verifier });
    assert.deepEqual([twice.status, twice.body.error], [400, 'invalid_grant']);
  });
});
