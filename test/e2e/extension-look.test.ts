/**
 * The Chrome extension's popup and options page in light and dark: the launcher's own palette, no
 * contrast problem (axe, every rule), text at the launcher's sizes, and nothing scrolling sideways, the
 * admin tools included. The built dist/extension-chrome/ against the demo server's simulator; needs
 * `npm run build` first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, USERS } from '../../demo/simulator/index.ts';
import { startDemoServer, type DemoServer } from '../../demo/server.ts';
import { loadChromeExtension, type LoadedExtension } from './chrome-test-build.ts';
import { launcher, signIn } from './harness.ts';
import { axeViolations, sidewaysScroll } from './look-helpers.ts';

const DIST = process.env.EXTENSION_DIST ?? fileURLToPath(new URL('../../dist/extension-chrome/', import.meta.url));
const TEST = { timeout: 90_000 };

let server: DemoServer;
let loaded: LoadedExtension;
let context: BrowserContext;
const url = (path: string) => `chrome-extension://${loaded.extensionId}/extension/${path}`;

async function open(path: string, scheme: 'light' | 'dark', width: number): Promise<Page> {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width, height: path === 'popup.html' ? 600 : 900 });
  await page.goto(url(path));
  return page;
}

/** The options page with the admin tools' lists loaded. */
async function optionsWithAdminTools(scheme: 'light' | 'dark', width: number): Promise<Page> {
  const page = await open('options.html', scheme, width);
  await page.locator('#admin-section sso-launcher-admin li.group').first().waitFor();
  return page;
}

/** Computed colours of the page's background and of a few texts on it, in the page. */
function colours(page: Page): Promise<Record<string, string>> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(() => {
    const admin = document.querySelector('sso-launcher-admin')!.shadowRoot!;
    return {
      page: getComputedStyle(document.body).backgroundColor,
      title: getComputedStyle(document.querySelector('h1')!).color,
      manageApps: getComputedStyle(admin.querySelector('sso-admin-apps h2')!).color,
      groups: getComputedStyle(admin.querySelector('sso-admin-groups h2')!).color,
      appRow: getComputedStyle(admin.querySelector('li.app')!).backgroundColor,
    };
  });
}

before(async () => {
  server = await startDemoServer({ port: 0 });
  loaded = await loadChromeExtension(DIST);
  context = loaded.context;
  // Pointed at the demo, and an admin signed in from the popup.
  const options = await open('options.html', 'light', 1280);
  await options.locator('#settings-fields:not([disabled])').waitFor();
  await options.getByLabel('API base URL').fill(`${server.url}/api`);
  await options.getByLabel('Token endpoint').fill(`${server.url}/broker/oauth2/token`);
  await options.getByLabel('Broker URL').fill(`${server.url}/broker`);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.locator('#save-status').getByText('Saved.').waitFor();
  await options.close();
  const popup = await open('popup.html', 'light', 380);
  await signIn(popup, USERS.admin.email, DEMO_PASSWORD);
  await launcher(popup).getByRole('button', { name: 'Manage apps', exact: true }).waitFor();
  await popup.close();
});

after(async () => {
  await loaded?.close();
  await server?.close();
});

describe("the extension's pages, light and dark", { concurrency: false }, () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: the options page has the launcher's palette, readable headings and rows in the page's scheme; axe finds nothing`, TEST, async () => {
      const page = await optionsWithAdminTools(scheme, 1280);
      const dark = scheme === 'dark';
      // The launcher's --sso-bg and --sso-text (theme.styles.ts), on the page and in the admin tools alike.
      const bg = dark ? 'rgb(21, 24, 29)' : 'rgb(255, 255, 255)';
      const text = dark ? 'rgb(232, 235, 239)' : 'rgb(27, 31, 36)';
      assert.deepEqual(await colours(page), { page: bg, title: text, manageApps: text, groups: text, appRow: bg });
      assert.deepEqual(await axeViolations(page), []);
      await page.close();
    });

    it(`${scheme}: the popup, with the admin tools open, has no contrast problem and fits its 380 px`, TEST, async () => {
      const popup = await open('popup.html', scheme, 380);
      await launcher(popup).getByRole('button', { name: 'Manage apps', exact: true }).click();
      await launcher(popup).locator('sso-launcher-admin li.group').first().waitFor();
      assert.equal(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor), scheme === 'dark' ? 'rgb(21, 24, 29)' : 'rgb(255, 255, 255)');
      // Every rule but "page-has-heading-one", a best practice for documents, not for a toolbar popup.
      assert.deepEqual(await axeViolations(popup, undefined, ['page-has-heading-one']), []);
      assert.deepEqual(await sidewaysScroll(popup, 'main, sso-launcher'), []);
      // The admin's name whole, not "A…".
      const who = launcher(popup).locator('.header .who');
      assert.equal(await who.innerText(), 'Avery Admin');
      assert.ok(await who.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the name is not cut');
      await popup.close();
    });
  }

  it("the options page's labels, fields and buttons are the launcher's 14 px, not Chrome's 75 % for extension pages", TEST, async () => {
    const page = await optionsWithAdminTools('light', 1280);
    const sizes = await page.evaluate(() =>
      ['label[for="apiBase"]', '#apiBase', 'button[type="submit"]', '#account-status'].map((s) => getComputedStyle(document.querySelector(s)!).fontSize),
    );
    assert.deepEqual(sizes, ['14px', '14px', '14px', '14px']);
    await page.close();
  });

  for (const width of [320, 380, 1280]) {
    it(`${width} px: the options page, admin tools and their forms included, does not scroll sideways`, TEST, async () => {
      const page = await optionsWithAdminTools('light', width);
      assert.deepEqual(await sidewaysScroll(page, 'main, sso-launcher-admin'), [], 'the lists');
      const admin = page.locator('sso-launcher-admin');
      await admin.getByRole('button', { name: 'Add app', exact: true }).click();
      await admin.getByLabel('SAML single sign-on').check();
      await admin.locator('#app-acs').waitFor();
      assert.deepEqual(await sidewaysScroll(page, 'main, sso-launcher-admin'), [], 'the app form');
      await admin.getByRole('button', { name: 'Add group', exact: true }).click();
      await admin.locator('#group-name').waitFor();
      assert.deepEqual(await sidewaysScroll(page, 'main, sso-launcher-admin'), [], 'the group form');
      await page.close();
    });
  }
});
