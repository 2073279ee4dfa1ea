/**
 * End to end, on the built demo page (broker sessions): issue 14's "Messages and small things" as an
 * agent meets them. Sign-out is confirmed; an agent off a bot's team is told whom to ask and loses the
 * tile; the embedded bot opens in a tab of its own; an admin's save is a banner; the account area
 * says who is signed in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { MFA_SECRET } from '../../demo/simulator/index.ts';
import { WAIT_MS, alert, launcher, signIn, totp, useDemo, verify } from './harness.ts';

describe('messages and small things (issue 14), on the intranet page', () => {
  const demo = useDemo();

  async function signedIn(email: string): Promise<Page> {
    const page = await (await demo.newContext()).newPage();
    await page.goto('/');
    await signIn(page, email, 'demo-password');
    if (email.startsWith('mfa.')) await verify(page, totp(MFA_SECRET));
    await launcher(page).getByRole('button', { name: 'Listing Assistant Chatbot' }).waitFor({ timeout: WAIT_MS });
    return page;
  }

  it('"Sign out" is confirmed with "You\'re signed out." in a status region of the sign-in form', async () => {
    const page = await signedIn('agent@example.com');
    await launcher(page).getByRole('button', { name: 'Sign out', exact: true }).click();
    const status = launcher(page).locator('form').getByRole('status');
    await status.filter({ hasText: "You're signed out." }).waitFor({ timeout: WAIT_MS });
    assert.equal(await launcher(page).getByLabel('Email', { exact: true }).isVisible(), true);
  });

  it("an agent off a bot's team is told to ask their brokerage's admin, and is not offered the bot again", async () => {
    const page = await signedIn('mfa.agent@example.com');
    const tile = launcher(page).getByRole('button', { name: 'Lead Qualifier Chatbot' });
    const opened = page.context().waitForEvent('page', { timeout: WAIT_MS });
    await tile.click();
    const tab = await opened;
    await alert(page).filter({ hasText: "You do not have access to Lead Qualifier. Ask your brokerage's admin to add you to its team." }).waitFor({ timeout: WAIT_MS });
    await tab.waitForEvent('close', { timeout: WAIT_MS }).catch(() => undefined);
    assert.equal(tab.isClosed(), true, 'the tab opened in the click is closed');
    assert.equal(await tile.count(), 0, 'the tile is gone');
    await page.reload();
    await launcher(page).getByRole('button', { name: 'Listing Assistant Chatbot' }).waitFor({ timeout: WAIT_MS });
    assert.equal(await tile.count(), 0, 'the broker no longer lists it for Morgan');
  });

  it('the embedded bot has "Open in a new tab": its own tab, with Xenioo\'s header; the dialog closes', async () => {
    const page = await signedIn('agent@example.com');
    await page.getByLabel('Open chatbots inside this page').check();
    await launcher(page).getByRole('button', { name: 'Listing Assistant Chatbot' }).click();
    const dialog = launcher(page).getByRole('dialog', { name: 'Listing Assistant' });
    await page.frameLocator('sso-launcher >> dialog.bot iframe').locator('h1').waitFor({ timeout: WAIT_MS });
    const [tab] = await Promise.all([
      page.context().waitForEvent('page', { timeout: WAIT_MS }),
      dialog.getByRole('button', { name: 'Open in a new tab' }).click(),
    ]);
    await tab.waitForURL(/\/xenioo\/auth\/sso\//, { timeout: WAIT_MS });
    await tab.waitForLoadState();
    assert.equal(await tab.locator('h1').textContent(), 'Chatbot Listing Assistant — signed in as agent@example.com');
    assert.match((await tab.textContent('body')) ?? '', /Embedded: no/);
    assert.equal(await tab.evaluate(() => window.opener), null, 'the bot tab has no opener');
    await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
  });

  it("an admin's save is a visible banner under the heading; the account area shows name and email", async () => {
    const page = await signedIn('admin@example.com');
    const toggle = launcher(page).getByRole('button', { name: 'Manage apps', exact: true });
    await toggle.waitFor({ timeout: WAIT_MS });
    await toggle.click();
    const admin = launcher(page).locator('sso-launcher-admin');
    await admin.getByRole('list', { name: 'Apps of this brand' }).waitFor({ timeout: WAIT_MS });
    await admin.getByRole('button', { name: 'Edit Canva' }).click();
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    const banner = admin.locator('sso-admin-apps .notice.shown');
    await banner.filter({ hasText: 'Canva was saved.' }).waitFor({ timeout: WAIT_MS });
    const box = await banner.boundingBox();
    assert.ok(box && box.height >= 30, `a banner, not a line of small text (height ${box?.height})`);
    if (process.env.SCREENSHOTS) await launcher(page).screenshot({ path: `${process.env.SCREENSHOTS}/admin-banner.png` });

    await launcher(page).getByRole('button', { name: 'Account', exact: true }).click();
    const profile = launcher(page).locator('.account dl.profile');
    await profile.waitFor({ timeout: WAIT_MS });
    assert.deepEqual(await profile.locator('dt, dd').allTextContents(), ['Name', 'Avery Admin', 'Email', 'admin@example.com']);
    if (process.env.SCREENSHOTS) await launcher(page).screenshot({ path: `${process.env.SCREENSHOTS}/account.png` });
  });
});
