/**
 * End to end, on the demo intranet page (built embed, broker, simulator): at 320, 380 and 1280 px,
 * nothing scrolls sideways in any state, the admin tools and their form included; and the launcher as
 * the page themes it has no contrast problem in light or dark. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, USERS } from '../../demo/simulator/index.ts';
import { appNames, launcher, signIn, useDemo } from './harness.ts';
import { axeViolations, sidewaysScroll } from './look-helpers.ts';

const TEST = { timeout: 90_000 };
const demo = useDemo();

async function pageAt(width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await demo.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  await page.goto('/');
  await launcher(page).getByLabel('Email', { exact: true }).waitFor();
  return page;
}

/** The admin signed in, with the admin tools open and loaded. */
async function adminTools(page: Page): Promise<void> {
  await signIn(page, USERS.admin.email, DEMO_PASSWORD);
  await appNames(page);
  await launcher(page).getByRole('button', { name: 'Manage apps', exact: true }).click();
  await launcher(page).locator('sso-launcher-admin li.group').first().waitFor();
}

describe('the demo page on small screens', () => {
  for (const width of [320, 380, 1280]) {
    it(`${width} px: nothing scrolls sideways, signed out, signed in, in the admin tools and their forms`, TEST, async () => {
      const page = await pageAt(width);
      const fits = async (state: string) => assert.deepEqual(await sidewaysScroll(page, 'sso-launcher'), [], state);
      await fits('signed out');
      await adminTools(page);
      await fits('the admin tools');
      const admin = launcher(page).locator('sso-launcher-admin');
      await admin.getByRole('button', { name: 'Add app', exact: true }).click();
      await admin.locator('#app-name').waitFor();
      await admin.getByLabel('SAML single sign-on').check();
      await admin.locator('#app-acs').waitFor();
      await fits('the app form, SAML');
      await admin.getByRole('button', { name: 'Add group', exact: true }).click();
      await admin.locator('#group-name').waitFor();
      await fits('the group form');
      await launcher(page).getByRole('button', { name: 'Account', exact: true }).click();
      await launcher(page).locator('sso-mfa-settings button').first().waitFor();
      await fits('the account panel');
    });
  }
});

describe('the demo page, light and dark', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: no contrast problem in the launcher, signed out and in the admin tools`, TEST, async () => {
      const page = await pageAt(1280, scheme);
      assert.deepEqual(await axeViolations(page, 'sso-launcher'), [], 'signed out');
      await adminTools(page);
      await launcher(page).locator('sso-launcher-admin').getByRole('button', { name: 'Add app', exact: true }).click();
      await launcher(page).locator('sso-launcher-admin #app-name').waitFor();
      assert.deepEqual(await axeViolations(page, 'sso-launcher'), [], 'the admin tools');
      // The page and the launcher are in the same scheme: its native controls (the form's radios) too.
      const schemes = await launcher(page).locator('sso-launcher-admin input[type="radio"]').first().evaluate((radio) => ({
        radio: getComputedStyle(radio).colorScheme,
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
        page: getComputedStyle(document.documentElement).colorScheme,
      }));
      assert.deepEqual(schemes, { radio: 'light dark', dark: scheme === 'dark', page: 'light dark' });
    });
  }
});
