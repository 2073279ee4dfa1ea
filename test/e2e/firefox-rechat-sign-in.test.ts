/**
 * End to end: "Sign in with Rechat" in the Firefox build, in Firefox ESR driven by puppeteer-core over
 * WebDriver BiDi (see the README, "Tests and benchmarks"). Headless Firefox shows
 * `identity.launchWebAuthFlow`'s window as a page, which the test drives, and the flow ends at Firefox's
 * redirect URL (`https://<hash>.extensions.allizom.org/`). Needs `npm run build` and /usr/bin/firefox-esr
 * (FIREFOX_PATH overrides). Run: node --import tsx --test test/e2e/firefox-rechat-sign-in.test.ts
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createBroker } from '../../broker/index.ts';
import { demoBrokerConfig } from '../../demo/broker.ts';
import { startDemoServer, type DemoServer } from '../../demo/server.ts';
import { DEMO_PASSWORD, USERS } from '../../demo/simulator/index.ts';
import { firefoxPath, firefoxPrefs } from '../firefox.js';

const DIST = fileURLToPath(new URL('../../dist/extension-firefox', import.meta.url));
const GECKO_ID = 'sso-launcher@sso-launcher.dev';
/** Pins the moz-extension:// host (else random per install), so the broker can allow its origin. */
const UUID = '3b0c9d5e-7a1f-4e2b-8c6d-5f4e3d2c1b0a';
const TEST = { timeout: 90_000 };

let server: DemoServer;
let browser: Browser;
let broker: ((request: Request) => Promise<Response>) | undefined;

/** Opens an extension page: `page.goto` never resolves for moz-extension pages (puppeteer#14314). */
async function openExtensionPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `moz-extension://${UUID}/${path}`;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  // The raw BiDi command (not typed on Browser): navigate and wait for the document.
  const bidi = (browser as unknown as { connection: { send(method: string, params: unknown): Promise<unknown> } }).connection;
  await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
  await page.waitForFunction((u: string) => location.href === u && document.readyState === 'complete', {}, url);
  return page;
}

before(async () => {
  assert.ok(existsSync(`${DIST}/manifest.json`), `${DIST} has no manifest.json: run npm run build first.`);
  server = await startDemoServer({ port: 0, broker: (request) => (broker ? broker(request) : Promise.resolve(new Response('not ready', { status: 503 }))) });
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      ...firefoxPrefs,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      // Nobody can answer the host-permission prompt of Save under automation: grant what it asks for
      // (the shipped build, unchanged; firefox-extension.test.ts does the same).
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  await browser.installExtension(DIST);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('Sign in with Rechat in the Firefox extension', () => {
  it('runs launchWebAuthFlow with PKCE and exchanges the code at the broker', TEST, async () => {
    const options = await openExtensionPage('extension/options.html');
    await options.waitForSelector('#settings-fields:not([disabled])');
    const redirectUrl = await options.$eval('#redirect-url', (el) => el.textContent ?? '');
    assert.match(redirectUrl, /^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/);
    // What a brokerage does with that URL: register it with Rechat and allow it on the broker's proxy.
    server.simulator.registerRedirectUri(redirectUrl);
    const config = demoBrokerConfig(server.url);
    const created = createBroker(
      { ...config, allowedOrigins: [...config.allowedOrigins, `moz-extension://${UUID}`], signIn: { ...config.signIn!, extensionRedirectUris: [redirectUrl] } },
      { fetch: server.simulator.fetch, basePath: '/broker', logger: { info() {}, warn() {}, error() {} } },
    );
    broker = (request) => created.handle(request);
    for (const [id, value] of [['apiBase', `${server.url}/api`], ['tokenEndpoint', `${server.url}/broker/oauth2/token`], ['broker', `${server.url}/broker`]]) {
      await options.$eval(`#${id}`, (el) => ((el as HTMLInputElement).value = ''));
      await options.type(`#${id}`, value!);
    }
    await options.click('button[type="submit"]');
    await options.waitForFunction(() => document.querySelector('#save-status')?.textContent?.includes('Saved'));
    await options.close();

    const popup = await openExtensionPage('extension/popup.html');
    await popup.waitForSelector('sso-launcher >>> button.rechat', { visible: true });
    const before = new Set(await browser.pages());
    await popup.click('sso-launcher >>> button.rechat');
    let rechat: Page | undefined;
    for (let i = 0; i < 100 && !rechat; i++) {
      rechat = (await browser.pages()).find((page) => !before.has(page) && page.url().includes('/api/oauth2/auth'));
      if (!rechat) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(rechat, 'the sign-in window opened');
    const request = new URL(rechat.url()).searchParams;
    assert.equal(request.get('redirect_uri'), redirectUrl);
    assert.equal(request.get('code_challenge_method'), 'S256');
    assert.match(request.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43,}$/);
    assert.match(request.get('state') ?? '', /^[A-Za-z0-9_-]{22,}$/);
    await rechat.waitForSelector('input[name="password"]');
    await rechat.type('input[name="email"]', USERS.agent.email);
    await rechat.type('input[name="password"]', DEMO_PASSWORD);
    await rechat.click('button[value="sign-in"]');
    // The popup page reloads once the background has the session, and shows the grid.
    await popup.waitForSelector('sso-launcher >>> a.tile', { visible: true, timeout: 20_000 });
    const tokenCalls = server.simulator.requests.filter((r) => r.method === 'POST' && r.path === '/oauth2/token');
    assert.equal(tokenCalls.length, 1);
  });
});
