/**
 * End to end: Xenioo chatbots from the launcher on the demo intranet page, through the token broker,
 * against the simulator. Launch without and with embedding; a second launch within the hour makes no
 * request; a token past its hour is fetched again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { WAIT_MS, launcher, signIn, useDemo } from './harness.ts';

for (const mode of ['broker', 'bearer'] as const) describe(`chatbots on the intranet page (${mode} sessions)`, () => {
  const demo = useDemo();
  const home = mode === 'bearer' ? '/?session=bearer' : '/';

  const authorizeCount = async () => {
    const log = (await demo.sim('requests', undefined, 'GET')) as { data: Array<{ method: string; path: string }> };
    return log.data.filter((r) => r.method === 'POST' && r.path === '/xenioo/sso/authorize').length;
  };

  async function openSignedIn(): Promise<Page> {
    const context = await demo.newContext();
    const page = await context.newPage();
    await page.goto(home);
    await signIn(page, 'agent@example.com', 'demo-password');
    await launcher(page).getByRole('button', { name: 'Listing Assistant Chatbot' }).waitFor({ timeout: WAIT_MS });
    return page;
  }

  /** Clicks and returns the tab the click opened, once it has loaded the bot. */
  async function launchTab(page: Page, name: string): Promise<Page> {
    const [tab] = await Promise.all([
      page.context().waitForEvent('page', { timeout: WAIT_MS }),
      launcher(page).getByRole('button', { name }).click(),
    ]);
    await tab.waitForURL(/\/xenioo\/auth\/sso\//, { timeout: WAIT_MS });
    await tab.waitForLoadState();
    return tab;
  }

  it('opens a bot in a new tab, signed in as the agent; a second launch within the hour makes no request', async () => {
    const page = await openSignedIn();
    const first = await launchTab(page, 'Listing Assistant Chatbot');
    assert.equal(await first.locator('h1').textContent(), 'Chatbot Listing Assistant — signed in as agent@example.com');
    assert.match((await first.textContent('body')) ?? '', /Embedded: no/);
    assert.equal(await first.evaluate(() => window.opener), null, 'the bot tab has no opener');
    assert.equal(await authorizeCount(), 1);

    const second = await launchTab(page, 'Listing Assistant Chatbot');
    assert.equal(await second.locator('h1').textContent(), 'Chatbot Listing Assistant — signed in as agent@example.com');
    assert.equal(await authorizeCount(), 1, 'the cached token was used: no request to Xenioo');
    assert.equal(second.url(), first.url());
  });

  it('a section link deep-links into the bot', async () => {
    const page = await openSignedIn();
    const tab = await launchTab(page, 'Listing Assistant: Contacts');
    assert.match(tab.url(), /\/contacts$/);
    assert.match((await tab.locator('h1').textContent()) ?? '', /Listing Assistant — contacts — signed in as agent@example\.com/i);
  });

  it('a token past its hour is fetched again', async () => {
    const context = await demo.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(home);
    await signIn(page, 'agent@example.com', 'demo-password');
    await launcher(page).getByRole('button', { name: 'Listing Assistant Chatbot' }).waitFor({ timeout: WAIT_MS });
    await launchTab(page, 'Listing Assistant Chatbot');
    assert.equal(await authorizeCount(), 1);
    // An hour later in the page (less the one-minute margin, plus a little): the cached token is stale.
    await page.clock.fastForward('59:30');
    const tab = await launchTab(page, 'Listing Assistant Chatbot');
    assert.equal(await authorizeCount(), 2, 'a new token was fetched');
    assert.equal(await tab.locator('h1').textContent(), 'Chatbot Listing Assistant — signed in as agent@example.com');
  });

  it('with embedding on, the bot opens inside the page in a dialog; Escape closes it', async () => {
    const page = await openSignedIn();
    await page.getByLabel('Open chatbots inside this page').check();
    let opened = false;
    page.context().on('page', () => (opened = true));
    const tile = launcher(page).getByRole('button', { name: 'Listing Assistant Chatbot' });
    await tile.click();
    const dialog = launcher(page).getByRole('dialog', { name: 'Listing Assistant' });
    await dialog.waitFor({ timeout: WAIT_MS });
    const frame = page.frameLocator('sso-launcher >> dialog.bot iframe');
    await frame.locator('h1').waitFor({ timeout: WAIT_MS });
    assert.equal(await frame.locator('h1').textContent(), 'Chatbot Listing Assistant — signed in as agent@example.com');
    assert.match((await frame.locator('body').textContent()) ?? '', /Embedded: yes/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: WAIT_MS });
    assert.equal(await tile.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true, 'focus is back on the tile');
    assert.equal(opened, false, 'no tab was opened');
  });
});
