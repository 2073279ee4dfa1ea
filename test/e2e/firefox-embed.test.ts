/**
 * End-to-end tests of the embed in Firefox: the demo intranet page loading the built
 * `dist/sso-launcher.js`, against the local API simulator, in the system firefox-esr (puppeteer-core
 * over WebDriver BiDi). The same journeys as embed.test.ts and chatbots.test.ts run in Chromium, all
 * through the UI (the sign-in form, the tiles), so they hold whichever session mode the page uses.
 * Needs `npm run build` first (`npm test` does it).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { bearerLauncher, closedPort } from './network-helpers.ts';
import type { BrowserContext, Frame, Page } from 'puppeteer-core';
import { CHILD_BRAND_ID, DEMO_PASSWORD, MFA_SECRET, SEED_APPS, USERS } from '../../demo/simulator/index.ts';
import { startDemoServer, STRICT_CSP, type DemoServer } from '../../demo/server.ts';
import { alertText, appNames, botNames, inLauncher, launchFirefox, openedTab, shown, signIn, verify, WAIT_MS, type Firefox } from './firefox-harness.ts';
import { totp, wrongTotp } from './harness.ts';

const AGENT_APPS = SEED_APPS.filter((app) => app.brands.includes(CHILD_BRAND_ID))
  .slice()
  .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
  .map((app) => app.name);

const TEST = { timeout: 60_000 };

let server: DemoServer;
let firefox: Firefox;
let context: BrowserContext;

before(async () => {
  server = await startDemoServer({ port: 0 });
  firefox = await launchFirefox();
});
after(async () => {
  await firefox?.close();
  await server?.close();
});
beforeEach(async () => {
  server.simulator.faults.clear();
  await fetch(`${server.url}/api/__sim/reset`, { method: 'POST' });
  // A context of its own per test (Firefox's user contexts): its own IndexedDB, so its own session and cache.
  context = await firefox.browser.createBrowserContext();
});
afterEach(async () => {
  await context.close().catch(() => undefined);
});

const sim = async (path: string, body: unknown) => {
  const response = await fetch(`${server.url}/api/__sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(response.ok, `simulator ${path}: ${response.status}`);
};


async function openIntranet(path = '/'): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(`${server.url}${path}`);
  return page;
}

async function openSignedIn(): Promise<Page> {
  const page = await openIntranet();
  await signIn(page, USERS.agent.email, DEMO_PASSWORD);
  await appNames(page);
  return page;
}

describe('<sso-launcher> on the intranet page, in Firefox', () => {
  it('signs an agent in and shows the team’s apps and chatbots', TEST, async () => {
    const page = await openIntranet();
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    assert.deepEqual(await appNames(page), AGENT_APPS);
    assert.deepEqual(await botNames(page), ['Listing Assistant', 'Lead Qualifier']);
  });

  it('asks for the verification code, refuses a wrong one, accepts the right one', TEST, async () => {
    const page = await openIntranet();
    await signIn(page, USERS.mfaAgent.email, DEMO_PASSWORD);
    await page.waitForSelector(inLauncher('input[name="code"]'), { visible: true });
    await verify(page, wrongTotp(MFA_SECRET));
    assert.equal(await alertText(page), 'That code is not right, or it has expired. Enter the current code from your app.');
    assert.ok(await page.$(inLauncher('input[name="code"]')), 'the prompt stays after a wrong code');
    assert.equal(await page.$(inLauncher('a.tile')), null);

    await verify(page, totp(MFA_SECRET));
    assert.deepEqual(await appNames(page), AGENT_APPS);
    assert.equal(await page.$(inLauncher('input[name="code"]')), null);
  });

  it('filters by search and opens the first match with Enter, signed in', TEST, async () => {
    const page = await openSignedIn();
    await (await shown(page, inLauncher('input[name="search"]'))).fill('ow');
    await page.waitForFunction((n: number) => document.querySelector('sso-launcher')?.shadowRoot?.querySelectorAll('a.tile').length === n, {}, 2);
    assert.deepEqual(await appNames(page), ['ShowingTime', 'Zillow Premier Agent']);
    const { heading } = await openedTab(context, () => page.keyboard.press('Enter'));
    assert.equal(heading, `Signed in to ShowingTime as ${USERS.agent.email}`);
  });

  it('opens a clicked tile in a new tab that lands signed in, without an opener', TEST, async () => {
    const page = await openSignedIn();
    const { page: tab, heading } = await openedTab(context, async () => (await shown(page, inLauncher('a.tile[title="Rechat CRM"]'))).click());
    assert.equal(heading, `Signed in to Rechat CRM as ${USERS.agent.email}`);
    assert.equal(await tab.evaluate(() => window.opener), null);
    assert.equal(page.url(), `${server.url}/`);
  });

  it('asks to sign in again over the grid when the session expires mid-use, then brings the grid back', TEST, async () => {
    const page = await openSignedIn();
    await sim('expire-tokens', {});
    await sim('faults', {
      kind: 'body',
      status: 400,
      body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or expired.' },
      match: '/oauth2/token',
      count: 1,
    });
    // The agent comes back to the tab: the cached grid shows, its revalidation finds the session dead.
    await page.reload();
    await page.waitForSelector(inLauncher('input[name="email"]'), { visible: true });
    assert.ok(await page.$(inLauncher('a.tile[title="Rechat CRM"]')), 'the grid stays behind the sign-in prompt');
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    await page.waitForSelector(inLauncher('input[name="email"]'), { hidden: true });
    assert.deepEqual(await appNames(page), AGENT_APPS);
    const { heading } = await openedTab(context, async () => (await shown(page, inLauncher('a.tile[title="DocuSign"]'))).click());
    assert.equal(heading, `Signed in to DocuSign as ${USERS.agent.email}`);
  });

  it('works on the strict-CSP copy of the page, without a single violation', TEST, async () => {
    const violations: string[] = [];
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on('pageerror', (error) => violations.push(`pageerror: ${(error as Error).message}`));
    // Each violation fires `securitypolicyviolation` (composed, so from the shadow root too); a preload
    // script is not subject to the page's CSP.
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        void (window as unknown as { reportViolation(t: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const response = await page.goto(`${server.url}/strict-csp.html`);
    assert.equal(response?.headers()['content-security-policy'], STRICT_CSP);
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    assert.deepEqual(await appNames(page), AGENT_APPS);
    await (await shown(page, inLauncher('.header button:last-of-type'))).click();
    await signIn(page, USERS.mfaAgent.email, DEMO_PASSWORD);
    await verify(page, totp(MFA_SECRET));
    assert.deepEqual(await appNames(page), AGENT_APPS);
    // Firefox also writes CSP violations to the Browser Console (category CSP).
    const csp = (await firefox.browserConsole()).filter((entry) => entry.category.startsWith('CSP') && entry.source.startsWith(server.url));
    assert.deepEqual([...violations, ...csp.map((entry) => entry.message)], []);
  });

  it('opens a chatbot in a new tab, and with embedding on, inside the page in a dialog', TEST, async () => {
    const page = await openSignedIn();
    await botNames(page);
    const { page: tab, heading } = await openedTab(context, async () => (await shown(page, inLauncher('button.tile[data-bot="listing-assistant"]'))).click());
    assert.equal(heading, `Chatbot Listing Assistant — signed in as ${USERS.agent.email}`);
    // Back to the intranet tab: a background tab gets no animation frames, which the locators wait for.
    await tab.close();
    await page.bringToFront();

    await page.locator('#embed-bots').click();
    const pagesBefore = (await context.pages()).length;
    await (await shown(page, inLauncher('button.tile[data-bot="listing-assistant"]'))).click();
    await page.waitForSelector(inLauncher('dialog.bot[open] iframe'), { visible: true });
    // Polled: puppeteer's waitForFrame over BiDi misses a frame inside a shadow root that navigates.
    let frame: Frame | undefined;
    for (let i = 0; !frame && i < WAIT_MS / 100; i++) {
      frame = page.frames().find((f) => /\/xenioo\/auth\/sso\//.test(f.url()));
      if (!frame) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(frame, 'the bot is in a frame of the page');
    const inner = await frame.waitForFunction(() => document.querySelector('h1')?.textContent?.trim() && document.body.textContent);
    const text = (await inner.jsonValue()) as string;
    assert.match(text, new RegExp(`Chatbot Listing Assistant — signed in as ${USERS.agent.email.replace('.', '\\.')}`));
    assert.match(text, /Embedded: yes/);
    await page.keyboard.press('Escape');
    await page.waitForSelector(inLauncher('dialog.bot'), { hidden: true });
    assert.equal((await context.pages()).length, pagesBefore, 'no tab was opened');
  });

  it('names the server when the network fails: a CORS refusal is not "offline", nor is a server that does not answer', TEST, async () => {
    // The page from http://localhost:<port>, an origin the demo broker does not allow; its token
    // endpoint on 127.0.0.1: the broker answers, without allowing this page (CORS).
    const port = new URL(server.url).port;
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`http://localhost:${port}/`);
    await page.evaluate(bearerLauncher, `${server.url}/broker/oauth2/token`);
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    assert.equal(await alertText(page), `127.0.0.1:${port} refused this page: it does not accept requests from here. Please tell your IT team.`);

    // A token endpoint where nothing listens (a port that was free a moment ago), on a fresh page.
    const closed = await closedPort();
    const second = await context.newPage();
    second.setDefaultTimeout(WAIT_MS);
    await second.goto(`${server.url}/`);
    await second.evaluate(bearerLauncher, `http://127.0.0.1:${closed}/oauth2/token`);
    await signIn(second, USERS.agent.email, DEMO_PASSWORD);
    assert.equal(await alertText(second), `Cannot reach 127.0.0.1:${closed}: it did not answer. Check the address, or try again in a moment.`);
  });
});
