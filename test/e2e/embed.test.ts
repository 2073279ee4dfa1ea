/**
 * End-to-end tests of the embed: the demo intranet page (demo/intranet/index.html) loading the built
 * `dist/sso-launcher.js` with one script tag, against the local API simulator, in real Chromium.
 * Needs `npm run build` first (`npm test` does it).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { CHILD_BRAND_ID, DEMO_PASSWORD, MFA_SECRET, SEED_APPS, USERS } from '../../demo/simulator/index.ts';
import {
  alert,
  appLinks,
  appNames,
  landedHeading,
  launcher,
  signIn,
  totp,
  useDemo,
  verify,
  wrongTotp,
} from './harness.ts';

/** What an agent of the team sees: the team's apps (never the office-only ones), by `order`, then name. */
const AGENT_APPS = SEED_APPS.filter((app) => app.brands.includes(CHILD_BRAND_ID))
  .slice()
  .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
  .map((app) => app.name);
const OFFICE_ONLY_APPS = SEED_APPS.filter((app) => !app.brands.includes(CHILD_BRAND_ID)).map((app) => app.name);

const TEST = { timeout: 60_000 };

const demo = useDemo();

/** The session mode of the describe block running: every test passes in both. */
let sessionMode: 'broker' | 'bearer' = 'broker';
/** A demo page's path in the current mode (the demo serves the bearer twin at `?session=bearer`). */
const inMode = (path: string) => (sessionMode === 'bearer' ? `${path}?session=bearer` : path);

/** A fresh context on the demo page, signed out. */
async function openIntranet(path = '/'): Promise<Page> {
  const context = await demo.newContext();
  const page = await context.newPage();
  await page.goto(inMode(path));
  return page;
}

/** A fresh context on the demo page, signed in as the agent without MFA, grid shown. */
async function openSignedIn(): Promise<Page> {
  const page = await openIntranet();
  await signIn(page, USERS.agent.email, DEMO_PASSWORD);
  await appNames(page);
  return page;
}

for (const mode of ['broker', 'bearer'] as const) describe(`<sso-launcher> on the intranet page (${mode} sessions)`, () => {
  before(() => {
    sessionMode = mode;
  });
  it('signs an agent in and shows the team’s apps in order', TEST, async () => {
    const page = await openIntranet();
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);

    assert.deepEqual(await appNames(page), AGENT_APPS);
    for (const name of OFFICE_ONLY_APPS) {
      assert.equal(await launcher(page).getByRole('link', { name, exact: true }).count(), 0, `${name} is for the office only`);
    }
    // Each tile opens the app's open_url in a new tab.
    const first = launcher(page).getByRole('link', { name: AGENT_APPS[0]!, exact: true });
    assert.equal(await first.getAttribute('target'), '_blank');
    assert.match((await first.getAttribute('href')) ?? '', /^https?:\/\//);
    assert.equal(await alert(page).count(), 0);
  });

  it('shows an alert for a wrong password and stays on the sign-in form', TEST, async () => {
    const page = await openIntranet();
    await signIn(page, USERS.agent.email, 'not-the-password');

    await alert(page).waitFor();
    const message = await alert(page).innerText();
    assert.ok(!message.includes('not-the-password'), 'the password must never be echoed');
    assert.ok(await launcher(page).getByLabel('Password', { exact: true }).isVisible());
    assert.equal(await appLinks(page).count(), 0);
  });

  it('asks for the verification code of an MFA account, refuses a wrong one, accepts the right one', TEST, async () => {
    const page = await openIntranet();
    await signIn(page, USERS.mfaAgent.email, DEMO_PASSWORD);

    const code = launcher(page).getByLabel('Verification code', { exact: true });
    await code.waitFor();
    await verify(page, wrongTotp(MFA_SECRET));
    await alert(page).waitFor();
    assert.ok(await code.isVisible(), 'the prompt stays after a wrong code');
    assert.equal(await appLinks(page).count(), 0);

    await verify(page, totp(MFA_SECRET));
    assert.deepEqual(await appNames(page), AGENT_APPS);
    assert.equal(await code.count(), 0);
  });

  it('filters by search, clears with Escape, and opens the first match with Enter, signed in', TEST, async () => {
    const page = await openSignedIn();
    const search = launcher(page).getByLabel('Search apps', { exact: true });

    await search.fill('zzz-no-such-app');
    await appLinks(page).first().waitFor({ state: 'detached' });
    await search.press('Escape');
    assert.equal(await search.inputValue(), '');
    assert.deepEqual(await appNames(page), AGENT_APPS);

    // "ow": ShowingTime (order 5) and Zillow Premier Agent (order 6); Enter takes the first.
    const matches = AGENT_APPS.filter((name) => name.toLowerCase().includes('ow'));
    assert.deepEqual(matches, ['ShowingTime', 'Zillow Premier Agent']);
    await search.fill('ow');
    await launcher(page).getByRole('link', { name: AGENT_APPS[0]!, exact: true }).waitFor({ state: 'detached' });
    assert.deepEqual(await appNames(page), matches);

    const [tab] = await Promise.all([page.context().waitForEvent('page'), search.press('Enter')]);
    assert.equal(await landedHeading(tab), `Signed in to ShowingTime as ${USERS.agent.email}`);
  });

  it('opens a clicked tile in a new tab that lands signed in', TEST, async () => {
    const page = await openSignedIn();
    const tile = launcher(page).getByRole('link', { name: 'Rechat CRM', exact: true });

    const [tab] = await Promise.all([page.context().waitForEvent('page'), tile.click()]);
    assert.equal(await landedHeading(tab), `Signed in to Rechat CRM as ${USERS.agent.email}`);
    // The launcher page stays where it was (the app may now also be listed under "recently used").
    assert.ok(await tile.first().isVisible());
    assert.equal(page.url(), `${demo.url}${inMode('/')}`);
  });

  it('keyboard: no focus taken on load; after sign-in the search box; Tab reaches the grid in one press and leaves it in the next; Enter launches', TEST, async () => {
    /** What has focus: inside the launcher, its search box or a tile's name; else "outside: <tag>". */
    const focusedItem = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        const inner = active?.shadowRoot?.activeElement;
        if (active?.localName !== 'sso-launcher') return `outside: ${active?.localName}`;
        return inner?.getAttribute('name') ?? inner?.getAttribute('title') ?? inner?.localName ?? '(the host)';
      });
    const page = await openIntranet();
    await launcher(page).getByLabel('Email', { exact: true }).waitFor();
    assert.equal(await focusedItem(), 'outside: body', 'the first paint takes no focus');
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    await appNames(page);
    await launcher(page).locator('[data-bot]').first().waitFor(); // chatbot tiles and their links are in the grid too
    await page.waitForFunction(() => document.querySelector('sso-launcher')?.shadowRoot?.activeElement?.getAttribute('name') === 'search');

    await page.keyboard.press('Tab');
    assert.equal(await focusedItem(), AGENT_APPS[0]);
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedItem(), AGENT_APPS[1]);
    await page.keyboard.press('Tab');
    assert.match(await focusedItem(), /^outside: /, 'one Tab leaves the grid, and the launcher');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedItem(), AGENT_APPS[1], 'back on the tile last focused');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedItem(), 'search');

    await page.keyboard.press('Tab');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Enter')]);
    assert.equal(await landedHeading(tab), `Signed in to ${AGENT_APPS[1]} as ${USERS.agent.email}`);
  });

  it('signs out back to the sign-in form, and stays signed out after a reload', TEST, async () => {
    const page = await openSignedIn();
    await launcher(page).getByRole('button', { name: 'Sign out', exact: true }).click();

    await launcher(page).getByLabel('Email', { exact: true }).waitFor();
    assert.equal(await appLinks(page).count(), 0);

    await page.reload();
    await launcher(page).getByLabel('Email', { exact: true }).waitFor();
    assert.equal(await appLinks(page).count(), 0);
  });

  it('asks to sign in again over the grid when the session expires, then brings the grid back', TEST, async () => {
    const page = await openSignedIn();
    // The chatbots load beside the grid, a moment after it: wait for them, or their late request meets
    // the expired token below and its refresh, not the reload's, takes the one refused answer.
    await launcher(page).locator('[data-bot]').first().waitFor();

    // Every access token expires, and the next refresh is refused the way the real token endpoint
    // refuses a dead refresh token (RFC 6749 §5.2 invalid_grant): an authoritative sign-out.
    await demo.sim('expire-tokens');
    await demo.sim('faults', {
      kind: 'body',
      status: 400,
      body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' },
      match: '/oauth2/token',
      count: 1,
    });
    // The agent comes back to the page: the cached grid shows, its revalidation finds the session dead.
    await page.reload();

    const email = launcher(page).getByLabel('Email', { exact: true });
    await email.waitFor();
    // The prompt is over the grid: the agent's apps are still on the page behind it.
    const behind = launcher(page).locator('a[target="_blank"]').filter({ hasText: 'Rechat CRM' });
    assert.ok(await behind.isVisible(), 'the grid stays behind the sign-in prompt');

    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    await email.waitFor({ state: 'detached' });
    assert.deepEqual(await appNames(page), AGENT_APPS);
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      launcher(page).getByRole('link', { name: 'DocuSign', exact: true }).click(),
    ]);
    assert.equal(await landedHeading(tab), `Signed in to DocuSign as ${USERS.agent.email}`);
  });

  it('shows the cached grid on reload before the network answers', TEST, async () => {
    const page = await openSignedIn();
    const listPath = `brands/${CHILD_BRAND_ID}/sso_applications`;
    // Only the list is slow (icons live under /sso_applications/<id>/, not under /brands/).
    await demo.sim('faults', { kind: 'delay', ms: 3000, match: listPath, count: 1 });

    const listAnswered = page.waitForResponse((response) => response.url().includes(listPath), { timeout: 15_000 });
    await page.reload({ waitUntil: 'commit' });
    const started = Date.now();
    const names = await appNames(page, 1000);
    const elapsed = Date.now() - started;

    assert.deepEqual(names, AGENT_APPS);
    assert.ok(elapsed < 1000, `grid shown after ${elapsed} ms`);
    // It still revalidates in the background, and keeps the grid when the answer comes.
    const response = await listAnswered;
    assert.equal(response.status(), 200);
    const answeredAfter = Date.now() - started;
    assert.ok(answeredAfter >= 2000, `the list was delayed (answered after ${answeredAfter} ms), so the grid came from the cache`);
    assert.deepEqual(await appNames(page), AGENT_APPS);
  });

  it('works on the strict-CSP copy of the page, without a single violation', TEST, async () => {
    const context = await demo.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`pageerror: ${error.message}`));

    const response = await page.goto(inMode('/strict-csp.html'));
    assert.equal(response?.headers()['content-security-policy'], "script-src 'self'; object-src 'none'");
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    assert.deepEqual(await appNames(page), AGENT_APPS);

    // The MFA prompt too: a different code path (and QR code rendering lives nearby).
    await launcher(page).getByRole('button', { name: 'Sign out', exact: true }).click();
    await signIn(page, USERS.mfaAgent.email, DEMO_PASSWORD);
    await verify(page, totp(MFA_SECRET));
    assert.deepEqual(await appNames(page), AGENT_APPS);

    assert.deepEqual(violations, []);
  });
});
