/**
 * End to end: a brokerage admin manages the apps and the Mosaic SSO clients groups from the launcher on
 * the demo intranet page (built embed, token broker, simulator), and agents see the result.
 *
 * The UI contract these tests rely on: for a brand admin the launcher shows `<sso-launcher-admin>`
 * (directly, or behind a "Manage apps" button); its tools start from an "Add app" button; an agent sees
 * neither. Needs `npm run build` first (`npm test` does it).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, USERS } from '../../demo/simulator/index.ts';
import { WAIT_MS, appLinks, appNames, launcher, signIn, useDemo } from './harness.ts';

const TEST = { timeout: 90_000 };

/** A minimal valid 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const demo = useDemo();

/** The session mode of the describe block running: the admin tools work in both. */
let sessionMode: 'broker' | 'bearer' = 'broker';

/** A fresh context on the intranet page, signed in, grid shown. */
async function openAs(user: keyof typeof USERS): Promise<Page> {
  const context = await demo.newContext();
  const page = await context.newPage();
  await page.goto(sessionMode === 'bearer' ? '/?session=bearer' : '/');
  await signIn(page, USERS[user].email, DEMO_PASSWORD);
  await appNames(page);
  return page;
}

/** The admin tools of the launcher, opened if they sit behind a "Manage apps" button. */
async function adminTools(page: Page): Promise<Locator> {
  const admin = launcher(page).locator('sso-launcher-admin');
  const toggle = launcher(page).getByRole('button', { name: 'Manage apps', exact: true });
  const add = admin.getByRole('button', { name: 'Add app', exact: true });
  await Promise.race([add.waitFor({ timeout: WAIT_MS }), toggle.waitFor({ timeout: WAIT_MS })]);
  if (!(await add.isVisible()) && (await toggle.isVisible())) await toggle.click();
  await add.waitFor({ timeout: WAIT_MS });
  // The list is loaded, so the tools are ready.
  await admin.getByRole('list', { name: 'Apps of this brand' }).waitFor({ timeout: WAIT_MS });
  return admin;
}

/** Waits for the admin tools' status line to say `text`. */
async function announced(admin: Locator, text: string): Promise<void> {
  await admin.getByRole('status').filter({ hasText: text }).waitFor({ timeout: WAIT_MS });
}

/** The agent's grid after a fresh load of the page (cached first, then the network's answer). */
async function agentApps(page: Page, settle: (names: string[]) => boolean): Promise<string[]> {
  await page.reload();
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const names = await appNames(page);
    if (settle(names) || Date.now() > deadline) return names;
    await page.waitForTimeout(200);
  }
}

for (const mode of ['broker', 'bearer'] as const) describe(`admin tools on the intranet page (${mode} sessions)`, () => {
  before(() => {
    sessionMode = mode;
  });
  it('an agent sees no admin tools', TEST, async () => {
    const page = await openAs('agent');
    await page.waitForTimeout(500); // the admin check runs after the grid
    assert.equal(await launcher(page).getByRole('button', { name: 'Add app', exact: true }).count(), 0);
    assert.equal(await launcher(page).getByRole('button', { name: 'Manage apps', exact: true }).count(), 0);
  });

  it('an admin adds an app and the agent sees it; with the team unticked, the agent no longer does', TEST, async () => {
    const agent = await openAs('agent');
    assert.ok(!(await appNames(agent)).includes('Brokermint'));

    const page = await openAs('admin');
    const admin = await adminTools(page);
    await admin.getByRole('button', { name: 'Add app', exact: true }).click();
    const name = admin.getByLabel('Name', { exact: true });
    assert.ok(await name.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), 'focus on Name');

    // A message next to each missing field first.
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.getByRole('alert').filter({ hasText: 'Check the 2 fields marked below.' }).waitFor();
    assert.equal(await name.getAttribute('aria-invalid'), 'true');

    await name.fill('Brokermint');
    await admin.getByLabel('Web address', { exact: true }).fill('https://my.brokermint.example/');
    assert.ok(await admin.getByRole('checkbox', { name: 'Child Brand', exact: true }).isChecked(), "this launcher's brand is ticked");
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await announced(admin, 'Brokermint was added.');
    // The launcher refreshes its own grid on sso-apps-changed.
    await appLinks(page).filter({ hasText: 'Brokermint' }).first().waitFor({ timeout: WAIT_MS });

    assert.ok((await agentApps(agent, (names) => names.includes('Brokermint'))).includes('Brokermint'), 'the agent sees the new app');

    // Allowed brands: the office only.
    await admin.getByRole('button', { name: 'Edit Brokermint', exact: true }).click();
    await admin.getByRole('checkbox', { name: 'Admin Brand Parent', exact: true }).check();
    await admin.getByRole('checkbox', { name: 'Child Brand', exact: true }).uncheck();
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await announced(admin, 'Brokermint is no longer offered to this brand');

    assert.ok(!(await agentApps(agent, (names) => !names.includes('Brokermint'))).includes('Brokermint'), 'the agent no longer sees it');
  });

  it("an icon uploaded by the admin appears on the agent's grid", TEST, async () => {
    const page = await openAs('admin');
    const admin = await adminTools(page);
    await admin.getByRole('button', { name: 'Edit Canva', exact: true }).click();
    await admin.getByLabel('Icon', { exact: true }).setInputFiles({ name: 'canva.png', mimeType: 'image/png', buffer: PNG });
    await admin.getByRole('img', { name: 'Preview of the new icon' }).waitFor();
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await announced(admin, 'Canva was saved.');

    const agent = await openAs('agent');
    const icon = async () => (await launcher(agent).getByRole('link', { name: 'Canva', exact: true }).locator('img').getAttribute('src').catch(() => null)) ?? '';
    await agentApps(agent, () => true);
    const deadline = Date.now() + WAIT_MS;
    while (!/\/icon\.png\?v=\d+$/.test(await icon()) && Date.now() < deadline) await agent.waitForTimeout(200);
    assert.match(await icon(), /\/sso_applications\/[^/]+\/icon\.png\?v=\d+$/);
    const served = await agent.request.get(await icon());
    assert.equal(served.headers()['content-type'], 'image/png');
  });

  it('an admin reorders with "Move up", and the agent sees the new order', TEST, async () => {
    const page = await openAs('admin');
    const admin = await adminTools(page);
    await admin.getByRole('button', { name: 'Move MLS Matrix up', exact: true }).click();
    await announced(admin, 'MLS Matrix moved to position 1 of 8.');
    const agent = await openAs('agent');
    const names = await agentApps(agent, (n) => n[0] === 'MLS Matrix');
    assert.deepEqual(names.slice(0, 2), ['MLS Matrix', 'Rechat CRM']);
  });

  it('an admin creates, edits and deletes a Mosaic SSO clients group', TEST, async () => {
    const page = await openAs('admin');
    const admin = await adminTools(page);
    const groups = admin.getByRole('list', { name: 'SSO clients groups' });
    await groups.waitFor({ timeout: WAIT_MS });
    assert.ok((await groups.getByRole('heading').allInnerTexts()).includes('Agent apps'));

    await admin.getByRole('button', { name: 'Add group', exact: true }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Listing tools');
    await admin.getByLabel('Description', { exact: true }).fill('MLS and showing apps');
    await admin.getByLabel('Journey', { exact: true }).fill('listing_journey');
    await admin.getByLabel('Allow silent login', { exact: true }).check();
    await admin.getByLabel('Session timeout', { exact: true }).fill('45');
    await admin.getByLabel('Unit', { exact: true }).selectOption('minutes');
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await announced(admin, 'The group Listing tools was added.');
    const row = groups.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Listing tools', exact: true }) });
    assert.match(await row.innerText(), /Session: 45 minutes · silent login on · Journey: listing_journey/);

    await admin.getByRole('button', { name: 'Edit Listing tools', exact: true }).click();
    await admin.getByLabel('Session timeout', { exact: true }).fill('2');
    await admin.getByLabel('Unit', { exact: true }).selectOption('hours');
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await announced(admin, 'The group Listing tools was saved.');
    assert.match(await row.innerText(), /Session: 2 hours/);

    await admin.getByRole('button', { name: 'Delete Listing tools', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: 'Delete the group Listing tools?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await announced(admin, 'The group Listing tools was deleted.');
    assert.equal(await groups.getByRole('heading', { name: 'Listing tools', exact: true }).count(), 0);
  });
});
