/**
 * The README's pictures, taken from the real thing: the demo intranet page (demo/server.ts, with the
 * built embed) and the built Chrome extension, in the system Chromium driven by playwright-core.
 *
 * ```sh
 * npm run build
 * npx tsx scripts/screenshots.ts                   # docs/screenshot.png, docs/screenshot-dark.png, docs/popup.png
 * npx tsx scripts/screenshots.ts --inspect /tmp/x  # also every screen at 320 px and 1280 px, light and dark, to look at
 * ```
 *
 * `--inspect` is for a person about to change the look: it writes one full-page picture per screen
 * (signed out, signed in, the account panel, the admin tools and their form; the popup and the options
 * page), so each can be opened and checked by eye before a commit.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import { startDemoServer, type DemoServer } from '../demo/server.ts';
import { chromiumArgs, chromiumPath } from '../test/chromium.js';
import { loadChromeExtension } from '../test/e2e/chrome-test-build.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = join(ROOT, 'docs');
const EXTENSION_DIST = join(ROOT, 'dist/extension-chrome');
const WAIT_MS = 15_000;

type Scheme = 'light' | 'dark';

/** The element's shadow DOM is pierced by playwright's CSS and role locators. */
const launcher = (page: Page) => page.locator('sso-launcher');

async function signIn(page: Page, email: string): Promise<void> {
  const root = launcher(page);
  await root.getByLabel('Email', { exact: true }).fill(email);
  await root.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await root.getByRole('button', { name: 'Sign in', exact: true }).click();
  await root.getByRole('link').first().waitFor({ timeout: WAIT_MS });
}

/** Waits for the chatbot tiles too (they come from the broker after the apps). */
async function chatbotsShown(page: Page): Promise<void> {
  await launcher(page).locator('button.tile').first().waitFor({ timeout: WAIT_MS });
}

/** Lets fonts, icons and transitions settle, and takes the pointer's hover and the focus ring off the tiles. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    await document.fonts.ready;
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
  });
  await page.waitForTimeout(300);
}

async function openAdmin(page: Page): Promise<void> {
  await launcher(page).getByRole('button', { name: 'Manage apps', exact: true }).click();
  await launcher(page).locator('sso-launcher-admin').getByRole('list', { name: 'Apps of this brand' }).waitFor({ timeout: WAIT_MS });
}

/** The demo page at a width, in a scheme, as one agent; the context is closed by the caller. */
async function demoPage(browser: Browser, demo: DemoServer, width: number, scheme: Scheme): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: demo.url, viewport: { width, height: 1000 }, colorScheme: scheme });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  await page.goto('/');
  return { context, page };
}

/** docs/screenshot.png and docs/screenshot-dark.png: the demo page at 1280 px, Alex Agent signed in. */
async function readmeShots(browser: Browser, demo: DemoServer): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    demo.simulator.reset();
    const { context, page } = await demoPage(browser, demo, 1280, scheme);
    await signIn(page, USERS.agent.email);
    await chatbotsShown(page);
    await settle(page);
    const file = join(DOCS, scheme === 'light' ? 'screenshot.png' : 'screenshot-dark.png');
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await context.close();
  }
}

/** Every screen of the demo page, at 320 and 1280 px, light and dark, into `dir`. */
async function inspectDemo(browser: Browser, demo: DemoServer, dir: string): Promise<void> {
  for (const width of [320, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      const shot = (page: Page, name: string) => page.screenshot({ path: join(dir, `demo-${width}-${scheme}-${name}.png`), fullPage: true });
      demo.simulator.reset();
      let { context, page } = await demoPage(browser, demo, width, scheme);
      await launcher(page).getByLabel('Email', { exact: true }).waitFor();
      await settle(page);
      await shot(page, '1-signed-out');
      await signIn(page, USERS.agent.email);
      await chatbotsShown(page);
      await settle(page);
      await shot(page, '2-agent');
      await launcher(page).getByRole('button', { name: 'Account', exact: true }).click();
      await page.waitForTimeout(500);
      await shot(page, '3-account');
      await context.close();

      ({ context, page } = await demoPage(browser, demo, width, scheme));
      await signIn(page, USERS.admin.email);
      await openAdmin(page);
      await settle(page);
      await shot(page, '4-admin');
      await launcher(page).locator('sso-launcher-admin').getByRole('button', { name: 'Add app', exact: true }).click();
      await page.waitForTimeout(300);
      await shot(page, '5-admin-add');
      await context.close();
    }
  }
}

/**
 * The extension, pointed at the demo's API and broker from its options page: docs/popup.png (the popup
 * at its 380 px, Alex Agent signed in), and with `dir`, the popup and options page in both schemes.
 */
async function extensionShots(demo: DemoServer, dir: string | undefined): Promise<void> {
  const loaded = await loadChromeExtension(EXTENSION_DIST);
  const { context, extensionId } = loaded;
  const url = (path: string) => `chrome-extension://${extensionId}/extension/${path}`;
  try {
    const options = await context.newPage();
    await options.goto(url('options.html'));
    await options.locator('#settings-fields:not([disabled])').waitFor();
    await options.getByLabel('API base URL').fill(`${demo.url}/api`);
    await options.getByLabel('Token endpoint').fill(`${demo.url}/broker/oauth2/token`);
    await options.getByLabel('Broker URL').fill(`${demo.url}/broker`);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('#save-status').getByText('Saved.').waitFor();
    await options.close();

    const popupAs = async (email: string, scheme: Scheme): Promise<Page> => {
      const popup = await context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 380, height: 600 });
      await popup.goto(url('popup.html'));
      const signOut = launcher(popup).getByRole('button', { name: 'Sign out', exact: true });
      const email_ = launcher(popup).getByLabel('Email', { exact: true });
      await Promise.race([signOut.waitFor(), email_.waitFor()]);
      if (await signOut.isVisible()) {
        await signOut.click();
        await email_.waitFor();
      }
      await signIn(popup, email);
      await chatbotsShown(popup);
      await settle(popup);
      return popup;
    };

    const popup = await popupAs(USERS.agent.email, 'light');
    const file = join(DOCS, 'popup.png');
    await popup.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await popup.close();
    if (!dir) return;

    for (const scheme of ['light', 'dark'] as const) {
      let page = await popupAs(USERS.agent.email, scheme);
      await page.screenshot({ path: join(dir, `popup-${scheme}-1-agent.png`) });
      await page.close();
      page = await popupAs(USERS.admin.email, scheme);
      await page.screenshot({ path: join(dir, `popup-${scheme}-2-admin.png`) });
      await openAdmin(page);
      await settle(page);
      await page.screenshot({ path: join(dir, `popup-${scheme}-3-admin-open.png`), fullPage: true });
      await page.close();
      for (const width of [320, 1280]) {
        const options = await context.newPage();
        await options.emulateMedia({ colorScheme: scheme });
        await options.setViewportSize({ width, height: 1000 });
        await options.goto(url('options.html'));
        await options.locator('#admin-section sso-launcher-admin').getByRole('list', { name: 'Apps of this brand' }).waitFor();
        await settle(options);
        await options.screenshot({ path: join(dir, `options-${width}-${scheme}.png`), fullPage: true });
        await options.close();
      }
    }
  } finally {
    await loaded.close();
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--inspect');
  const inspect = at >= 0 ? process.argv[at + 1] : undefined;
  if (at >= 0 && !inspect) throw new Error('--inspect needs a folder: npx tsx scripts/screenshots.ts --inspect /tmp/shots');
  if (inspect) await mkdir(inspect, { recursive: true });

  const demo = await startDemoServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  try {
    await readmeShots(browser, demo);
    if (inspect) await inspectDemo(browser, demo, inspect);
    await extensionShots(demo, inspect);
    if (inspect) console.log(`inspection pictures in ${inspect}`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
