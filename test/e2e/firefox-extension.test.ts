/**
 * End-to-end tests of the Firefox extension: the built dist/extension-firefox/ installed (temporarily,
 * as about:debugging does) into the system firefox-esr, against the demo server. Set up exactly as the
 * README says: API, token endpoint and broker of the demo, saved from the options page.
 *
 * The permission prompt: nobody can answer it under automation, so Firefox is launched with
 * `extensions.webextOptionalPermissionPrompts` = false, which grants what `permissions.request` asks
 * for without a prompt. The request is still made by the shipped code, from the Save click (Firefox
 * still refuses a request made outside a user's input), and the build is the shipped one. Without a
 * grant (before Save, after `permissions.remove`), the tests check the errors name the host.
 *
 * Needs `npm run build` first (`npm test` does it).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { CHILD_BRAND_ID, DEMO_PASSWORD, SEED_APPS, USERS } from '../../demo/simulator/index.ts';
import { startDemoServer, type DemoServer } from '../../demo/server.ts';
import { GECKO_ID } from '../../extension/manifest.ts';
import {
  alertText,
  appNames,
  botNames,
  homeWithPolicy,
  inLauncher,
  launchFirefox,
  openedTab,
  shown,
  signIn,
  waitForText,
  type Firefox,
} from './firefox-harness.ts';

const DIST = process.env.EXTENSION_FIREFOX_DIST ?? fileURLToPath(new URL('../../dist/extension-firefox/', import.meta.url));
/** The add-on's moz-extension:// host, pinned (it is random per install otherwise). */
const UUID = '7d5b0c1e-3f4a-4b6c-9d8e-1a2b3c4d5e6f';
const POPUP = 'extension/popup.html';
const OPTIONS = 'extension/options.html';
const TEST = { timeout: 60_000 };
const NOT_SIGNED_IN = 'Not signed in. Sign in from the SSO Launcher button in the toolbar.';

const AGENT_APPS = SEED_APPS.filter((app) => app.brands.includes(CHILD_BRAND_ID))
  .slice()
  .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
  .map((app) => app.name);

/** Firefox for the add-on: its host pinned, and optional permissions granted without a prompt. */
const PREFS = {
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
  'extensions.webextOptionalPermissionPrompts': false,
};

let server: DemoServer;
let host: string;

before(async () => {
  assert.ok(existsSync(join(DIST, 'manifest.json')), `${DIST} has no manifest.json: run npm run build first.`);
  server = await startDemoServer({ port: 0 });
  host = new URL(server.url).host;
});
after(async () => {
  await server?.close();
});

/** The options page, once it has read the settings (its fields are disabled until then). */
async function openOptions(firefox: Firefox): Promise<Page> {
  const page = await firefox.openExtensionPage(UUID, OPTIONS);
  await page.waitForSelector('#settings-fields:not([disabled])');
  return page;
}

/** Replaces a field's value as an agent would: select all, type. */
async function setField(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id}`).fill(value);
}

/** Whether the add-on holds the host permission for the demo, asked from one of its pages. */
function hasDemoPermission(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { browser: { permissions: { contains(p: object): Promise<boolean> } } }).browser.permissions.contains({ origins: ['http://127.0.0.1/*'] }));
}

describe('the Firefox extension, set up as the README says', { concurrency: false }, () => {
  let firefox: Firefox;

  before(async () => {
    firefox = await launchFirefox({ prefs: PREFS });
    assert.equal(await firefox.browser.installExtension(DIST), GECKO_ID);
  });
  after(async () => {
    await firefox?.close();
  });

  it('unconfigured, it says which host it may not reach, not "offline"', TEST, async () => {
    const popup = await firefox.openExtensionPage(UUID, POPUP);
    await waitForText(popup, '#hint', 'Using the local demo; open settings to configure.');
    await signIn(popup, USERS.agent.email, DEMO_PASSWORD);
    assert.equal(await alertText(popup), 'Cannot reach localhost:5173: permission not granted. Allow access to it in the settings.');
    await popup.close();
  });

  it('saves the API, token endpoint and broker from the options page, and asks for their host on Save', TEST, async () => {
    const options = await openOptions(firefox);
    assert.equal(await hasDemoPermission(options), false);
    // The demo's host is not allowed yet: the options page offers it (the saved settings are the demo's).
    await waitForText(options, '#access-list button', 'Allow access to localhost:5173');
    await setField(options, 'apiBase', `${server.url}/api`);
    await setField(options, 'tokenEndpoint', `${server.url}/broker/oauth2/token`);
    await setField(options, 'broker', `${server.url}/broker`);
    await options.locator('button[type="submit"]').click();
    await waitForText(options, '#save-status', 'Saved.');
    assert.equal(await options.$eval('#save-status', (el) => el.textContent), 'Saved.');
    assert.equal(await hasDemoPermission(options), true);
    await options.waitForSelector('#access-section', { hidden: true });
    await waitForText(options, '#account-status', NOT_SIGNED_IN);
    await options.close();
  });

  it('signs in from the popup: the apps and the chatbots, with no error', TEST, async () => {
    const popup = await firefox.openExtensionPage(UUID, POPUP);
    assert.equal(await popup.$eval('#hint', (el) => (el as HTMLElement).hidden), true, 'configured: no demo hint');
    await signIn(popup, USERS.agent.email, DEMO_PASSWORD);
    assert.deepEqual(await appNames(popup), AGENT_APPS);
    assert.deepEqual(await botNames(popup), ['Listing Assistant', 'Lead Qualifier']);
    assert.equal(await popup.$$eval(inLauncher('[role="alert"]'), (alerts) => alerts.map((a) => a.textContent?.trim()).filter(Boolean).length), 0);
    await popup.close();
  });

  it('launches an app from the popup in a new tab that lands signed in', TEST, async () => {
    const popup = await firefox.openExtensionPage(UUID, POPUP);
    const context = firefox.browser.defaultBrowserContext();
    const { page: tab, heading } = await openedTab(context, async () => (await shown(popup, inLauncher('a.tile[title="Rechat CRM"]'))).click());
    assert.equal(heading, `Signed in to Rechat CRM as ${USERS.agent.email}`);
    assert.equal(await tab.evaluate(() => window.opener), null);
    await tab.close();
    await popup.close();
  });

  it('launches a chatbot from the popup, signed in as the agent', TEST, async () => {
    const popup = await firefox.openExtensionPage(UUID, POPUP);
    await botNames(popup);
    const { url, heading } = await firefox.openedTabHeading(async () => (await shown(popup, inLauncher('button.tile[data-bot="listing-assistant"]'))).click());
    assert.match(url, /\/xenioo\/auth\/sso\//);
    assert.equal(heading, `Chatbot Listing Assistant — signed in as ${USERS.agent.email}`);
    await popup.close();
  });

  it('without the host permission, names the host; "Allow access to <host>" grants it', TEST, async () => {
    const options = await openOptions(firefox);
    // Withdrawn, as an agent may do from the add-ons manager.
    await options.evaluate(() => (globalThis as unknown as { browser: { permissions: { remove(p: object): Promise<boolean> } } }).browser.permissions.remove({ origins: ['http://127.0.0.1/*'] }));
    const button = `Allow access to ${host}`;
    await waitForText(options, '#access-list button', button);

    const popup = await firefox.openExtensionPage(UUID, POPUP);
    assert.equal(await alertText(popup), `Cannot reach ${host}: permission not granted. Allow access to it in the settings.`);
    await popup.close();

    await options.bringToFront();
    await options.locator('#access-list button').click();
    await options.waitForSelector('#access-section', { hidden: true });
    assert.equal(await hasDemoPermission(options), true);
    await waitForText(options, '#account-status', `Signed in as ${USERS.agent.email} at ${server.url}/api.`);
    await options.close();

    const again = await firefox.openExtensionPage(UUID, POPUP);
    assert.deepEqual(await botNames(again), ['Listing Assistant', 'Lead Qualifier']);
    assert.equal(await again.$$eval(inLauncher('[role="alert"]'), (alerts) => alerts.map((a) => a.textContent?.trim()).filter(Boolean).length), 0);
    await again.close();
  });

  it('shows an admin the admin tools on the options page: apps and Mosaic groups', TEST, async () => {
    const popup = await firefox.openExtensionPage(UUID, POPUP);
    await appNames(popup);
    await (await shown(popup, inLauncher('.header button:last-of-type'))).click(); // Sign out
    await signIn(popup, USERS.admin.email, DEMO_PASSWORD);
    await appNames(popup);
    await popup.close();

    const options = await openOptions(firefox);
    await waitForText(options, '#account-status', `Signed in as ${USERS.admin.email}`);
    await options.waitForSelector('#admin-section:not([hidden])');
    const admin = 'sso-launcher-admin >>> ';
    await waitForText(options, `${admin}h2`, 'SSO clients groups (Mosaic)');
    await options.waitForFunction(() => {
      const root = document.querySelector('sso-launcher-admin')?.shadowRoot;
      const text = root?.textContent ?? '';
      return text.includes('Rechat CRM') && text.includes('Agent apps') && text.includes('Back office');
    });
    const buttons = await options.$$eval(`${admin}button`, (els) => els.map((el) => el.textContent?.trim()));
    assert.ok(buttons.includes('Add app') && buttons.includes('Add group'), `admin buttons: ${buttons.join(', ')}`);
    assert.equal(await options.evaluate(() => document.querySelector('sso-launcher-admin')?.shadowRoot?.textContent?.includes('offline')), false);

    await options.locator('#sign-out').click();
    await waitForText(options, '#account-status', NOT_SIGNED_IN);
    await options.waitForSelector('#admin-section', { hidden: true });
    await options.close();
  });

  it('logs no error from the extension in the Browser Console', TEST, async () => {
    const ours = (await firefox.browserConsole()).filter(
      (entry) => entry.level === 'error' && (entry.source.startsWith(`moz-extension://${UUID}/`) || entry.message.includes(GECKO_ID)),
    );
    assert.deepEqual(ours, []);
    // console.error of pages (extension pages and the demo's, which log none) reaches stdout with its
    // first argument quoted: `console.error: "[sso-launcher] …"`. Firefox's own loggers print a bare
    // prefix instead (`console.error: RSLoader: …`) and are not ours.
    assert.deepEqual(firefox.stdout.filter((line) => line.startsWith('console.error: "')), []);
  });
});

describe('the Firefox extension under a managed-storage policy', { concurrency: false }, () => {
  let firefox: Firefox;
  let policy: Awaited<ReturnType<typeof homeWithPolicy>>;

  before(async () => {
    // Firefox reads $HOME/.mozilla/managed-storage/<gecko id>.json: a temporary HOME holds one.
    policy = await homeWithPolicy(GECKO_ID, {
      apiBase: `${server.url}/api`,
      tokenEndpoint: `${server.url}/broker/oauth2/token`,
      broker: 'http://broker.example.com/broker', // http:// off this machine: ignored, with a note
    });
    firefox = await launchFirefox({ prefs: PREFS, home: policy.home });
    await firefox.browser.installExtension(DIST);
  });
  after(async () => {
    await firefox?.close();
    await policy?.remove();
  });

  it('locks the fields the policy sets, ignores a bad value with its note, and offers "Allow access to <host>"', TEST, async () => {
    const options = await openOptions(firefox);
    await options.waitForSelector('#apiBase[disabled]');
    assert.equal(await options.$eval('#apiBase', (el) => (el as HTMLInputElement).value), `${server.url}/api`);
    assert.equal(await options.$eval('#tokenEndpoint', (el) => (el as HTMLInputElement).disabled), true);
    assert.equal(await options.$eval('#apiBase-lock', (el) => el.textContent), 'Set by your organisation');
    assert.equal(await options.$eval('#broker', (el) => (el as HTMLInputElement).disabled), false);
    assert.equal(
      await options.$eval('#broker-note', (el) => el.textContent),
      "Your organisation's value was ignored: Use https:// (http:// is allowed only for localhost).",
    );
    assert.equal(await options.$eval('#policy-note', (el) => (el as HTMLElement).hidden), false);

    // The agent never saves the policy's hosts: the button is how they are allowed.
    const buttons = await waitForText(options, '#access-list button', `Allow access to ${host}`);
    assert.equal(buttons, `Allow access to ${host}`);
    const popup = await firefox.openExtensionPage(UUID, POPUP);
    await signIn(popup, USERS.agent.email, DEMO_PASSWORD);
    assert.equal(await alertText(popup), `Cannot reach ${host}: permission not granted. Allow access to it in the settings.`);

    await options.bringToFront();
    await options.locator('#access-list button').click();
    await options.waitForSelector('#access-section', { hidden: true });
    assert.equal(await hasDemoPermission(options), true);
    await options.close();

    await popup.bringToFront();
    await signIn(popup, USERS.agent.email, DEMO_PASSWORD);
    assert.deepEqual(await appNames(popup), AGENT_APPS);
    await popup.close();
  });
});
