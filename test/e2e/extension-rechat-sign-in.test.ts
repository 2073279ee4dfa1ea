/**
 * End to end: "Sign in with Rechat" in the Chrome extension. The built dist/extension-chrome/ in the
 * system Chromium; the popup page asks the background, which runs `identity.launchWebAuthFlow` with
 * PKCE; the browser's sign-in window (headless Chromium under Playwright shows it as a page of the
 * context, which the test drives) ends at `identity.getRedirectURL()`; the code is exchanged through the
 * broker's token proxy. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { createBroker } from '../../broker/index.ts';
import { demoBrokerConfig } from '../../demo/broker.ts';
import { startDemoServer, type DemoServer } from '../../demo/server.ts';
import { DEMO_PASSWORD, USERS } from '../../demo/simulator/index.ts';
import { loadChromeExtension, type LoadedExtension } from './chrome-test-build.ts';
import { appNames, launcher } from './harness.ts';

const DIST = process.env.EXTENSION_DIST ?? fileURLToPath(new URL('../../dist/extension-chrome/', import.meta.url));
const TEST = { timeout: 60_000 };

let server: DemoServer;
let loaded: LoadedExtension;
let context: BrowserContext;
let worker: Worker;
let extensionId: string;
let redirectUrl: string;
/** The broker mounted by the demo server, built once the extension's id (its redirect URL) is known. */
let broker: ((request: Request) => Promise<Response>) | undefined;
/** Token requests that reached the broker's proxy. */
let proxiedTokenRequests = 0;

const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;

before(async () => {
  server = await startDemoServer({ port: 0, broker: (request) => (broker ? broker(request) : Promise.resolve(new Response('not ready', { status: 503 }))) });
  loaded = await loadChromeExtension(DIST);
  ({ context, worker, extensionId } = loaded);
  redirectUrl = await worker.evaluate(() => (globalThis as unknown as { chrome: { identity: { getRedirectURL(): string } } }).chrome.identity.getRedirectURL());
  // What a brokerage does: register the extension's redirect URL with Rechat, allow it on the broker's
  // token proxy, and let the extension's origin call the broker.
  server.simulator.registerRedirectUri(redirectUrl);
  const config = demoBrokerConfig(server.url);
  const created = createBroker(
    { ...config, allowedOrigins: [...config.allowedOrigins, `chrome-extension://${extensionId}`], signIn: { ...config.signIn!, extensionRedirectUris: [redirectUrl] } },
    { fetch: server.simulator.fetch, basePath: '/broker', logger: { info() {}, warn() {}, error() {} } },
  );
  broker = (request) => {
    if (request.method === 'POST' && new URL(request.url).pathname === '/broker/oauth2/token') proxiedTokenRequests++;
    return created.handle(request);
  };
});

after(async () => {
  await loaded?.close();
  await server?.close();
});

describe('Sign in with Rechat in the Chrome extension (identity.launchWebAuthFlow)', { concurrency: false }, () => {
  it('the options page shows the exact redirect URL to register', TEST, async () => {
    const options = await context.newPage();
    await options.goto(extensionUrl('extension/options.html'));
    assert.equal(await options.locator('#redirect-url').innerText(), redirectUrl);
    assert.equal(redirectUrl, `https://${extensionId}.chromiumapp.org/`);
    // Configure: the demo's API, the broker's token proxy (it adds the secret), the broker.
    await options.locator('#settings-fields:not([disabled])').waitFor();
    await options.getByLabel('API base URL').fill(`${server.url}/api`);
    await options.getByLabel(/^Token endpoint/).fill(`${server.url}/broker/oauth2/token`);
    await options.getByLabel(/^Broker URL/).fill(`${server.url}/broker`);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('#save-status').getByText('Saved.').waitFor();
    await options.close();
  });

  it('signs in through the browser’s sign-in window with state and PKCE, the code exchanged at the broker', TEST, async () => {
    await fetch(`${server.url}/api/__sim/reset`, { method: 'POST' }); // empties the simulator's request log
    proxiedTokenRequests = 0;
    const popup = await context.newPage();
    await popup.goto(extensionUrl('extension/popup.html'));
    const authWindow = context.waitForEvent('page', { predicate: (page: Page) => page.url().includes('/api/oauth2/auth') });
    await launcher(popup).getByRole('button', { name: 'Sign in with Rechat', exact: true }).click();
    const rechat = await authWindow;
    const authorizeUrl = rechat.url();
    await rechat.getByLabel('Email', { exact: true }).fill(USERS.agent.email);
    await rechat.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await rechat.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The popup page reloads once the background has the session, and shows the grid.
    assert.equal((await appNames(popup))[0], 'Rechat CRM');

    // The sign-in window's first URL is the authorization request.
    const request = new URL(authorizeUrl).searchParams;
    assert.equal(request.get('redirect_uri'), redirectUrl);
    assert.equal(request.get('code_challenge_method'), 'S256');
    assert.match(request.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43,}$/);
    assert.match(request.get('state') ?? '', /^[A-Za-z0-9_-]{22,}$/);
    // One token request reached Rechat, and it came through the broker's proxy (which adds the secret).
    assert.equal(server.simulator.requests.filter((r) => r.method === 'POST' && r.path === '/oauth2/token').length, 1);
    assert.equal(proxiedTokenRequests, 1);
    await popup.close();
  });

  it('a sign-in window closed by the agent says so in the popup and signs nobody in', TEST, async () => {
    const popup = await context.newPage();
    await popup.goto(extensionUrl('extension/popup.html'));
    await appNames(popup);
    await launcher(popup).getByRole('button', { name: 'Sign out', exact: true }).click();
    const authWindow = context.waitForEvent('page', { predicate: (page: Page) => page.url().includes('/api/oauth2/auth') });
    await launcher(popup).getByRole('button', { name: 'Sign in with Rechat', exact: true }).click();
    await (await authWindow).close();
    await popup.getByText('Sign-in was cancelled.').waitFor();
    assert.ok(await launcher(popup).getByRole('button', { name: 'Sign in with Rechat', exact: true }).isVisible());
    await popup.close();
  });
});
