/**
 * End to end, in Chromium: when the embed's requests get no answer, the message names the server and
 * says why, as far as a browser lets a page tell (core/network-diagnosis.ts): a CORS refusal is not
 * "offline", nor is a server that does not answer. firefox-embed.test.ts checks the same in Firefox.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bearerLauncher, closedPort } from './network-helpers.ts';
import { DEMO_PASSWORD, USERS } from '../../demo/simulator/index.ts';
import { alert, signIn, useDemo } from './harness.ts';


describe('network errors on the intranet page', () => {
  const demo = useDemo();

  it('a token endpoint that refuses this page (CORS) is named, and not called "offline"', { timeout: 60_000 }, async () => {
    // The page from http://localhost:<port>, an origin the demo broker does not allow; its token
    // endpoint on 127.0.0.1, where the broker answers without allowing this page.
    const port = new URL(demo.url).port;
    const page = await (await demo.newContext()).newPage();
    await page.goto(`http://localhost:${port}/`);
    await page.evaluate(bearerLauncher, `${demo.url}/broker/oauth2/token`);
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    await alert(page).waitFor();
    assert.equal(await alert(page).innerText(), `127.0.0.1:${port} refused this page: it does not accept requests from here. Please tell your IT team.`);
  });

  it('a token endpoint where nothing answers is named, and not called "offline"', { timeout: 60_000 }, async () => {
    const closed = await closedPort();
    const page = await (await demo.newContext()).newPage();
    await page.goto('/');
    await page.evaluate(bearerLauncher, `http://127.0.0.1:${closed}/oauth2/token`);
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    await alert(page).waitFor();
    assert.equal(await alert(page).innerText(), `Cannot reach 127.0.0.1:${closed}: it did not answer. Check the address, or try again in a moment.`);
  });

  it('offline is still "offline"', { timeout: 60_000 }, async () => {
    const context = await demo.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await context.setOffline(true);
    await signIn(page, USERS.agent.email, DEMO_PASSWORD);
    await alert(page).waitFor();
    assert.equal(await alert(page).innerText(), 'You seem to be offline. Check your connection, then try again.');
  });

  it('a start whose code cannot be loaded says so, instead of a skeleton that never ends', { timeout: 60_000 }, async () => {
    // The chunk with the storage code (components/launcher-start.ts), requested as the script runs.
    const page = await (await demo.newContext()).newPage();
    await page.route(/\/dist\/chunks\/storage-[\w-]+\.js$/, (route) => route.abort('connectionrefused'));
    await page.goto('/');
    await alert(page).waitFor();
    assert.match(await alert(page).innerText(), /\S/);
    assert.equal(await page.locator('sso-launcher').locator('.skeleton, .starting').count(), 0, 'no placeholder left');
  });
});
