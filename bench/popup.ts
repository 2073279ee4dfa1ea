/**
 * The extension popup with 1,000 cached apps: navigation start → a usable grid (the launcher's
 * `sso-launcher:grid` mark: search box and tiles in the DOM, laid out), in Chromium with the built
 * Chrome extension loaded (`npm run build` first). The network's app list is held back, so the figure
 * is the cached path.
 *
 * Floor, in the same run with the order alternated: an empty popup page of the same extension (same
 * origin, same process model), which only marks `floor:ready`. Target ≤ 2×.
 *
 * Signals come through the pages' own console (fair.ts): the bench's copy of the extension adds
 * `bench-signal.js` as the first script of popup.html. Nothing polls the popup while it loads.
 * @module
 */
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoServer } from '../demo/server.ts';
import { CHILD_BRAND_ID, DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import { chromiumArgs, chromiumPath } from '../test/chromium.js';
import { chromeTestBuild } from '../test/e2e/chrome-test-build.ts';
import { seedCachedApps } from '../test/popup-probe.ts';
import { COPY_PREFIX } from '../core/snapshot-copy.ts';
import { loadToMark, ratio, rotate, SIGNAL_SCRIPT, spread, summary } from './fair.ts';
import type { Bench } from './report.ts';

// On a shared 2-core VM a median of 12 moved by ±10% from one run to the next: more rounds, the same budget.
const ROUNDS = 20;
const APPS = 1000;
const POPUP = 'extension/popup.html';
const EMPTY = 'extension/bench-empty.html';

/** Adds the console signal to the popup, and the empty popup, in a copy of the build. */
async function benchBuild(dist: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const build = await chromeTestBuild(dist);
  const popup = join(build.dir, POPUP);
  const html = await readFile(popup, 'utf8');
  await writeFile(popup, html.replace('<head>', '<head><script src="/bench-signal.js"></script>'));
  await writeFile(join(build.dir, 'bench-signal.js'), SIGNAL_SCRIPT);
  await writeFile(join(build.dir, 'bench-empty.js'), "performance.mark('floor:ready');\n");
  await writeFile(
    join(build.dir, EMPTY),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSO Launcher</title><script src="/bench-signal.js"></script><script src="/bench-empty.js"></script></head><body></body></html>',
  );
  return build;
}

export const popupBench: Bench = async () => {
  const dist = resolve(process.env.EXTENSION_DIST ?? 'dist/extension-chrome');
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} is missing: run npm run build first`);
  const build = await benchBuild(dist);
  const server = await startDemoServer({ port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'sso-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 380, height: 600 },
    args: [...chromiumArgs, `--disable-extensions-except=${build.dir}`, `--load-extension=${build.dir}`],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const popupUrl = new URL(`/${POPUP}`, worker.url()).href;
    const emptyUrl = new URL(`/${EMPTY}`, worker.url()).href;
    // Point the extension at this server, hold the app list back, sign in once, then fill the cache.
    await worker.evaluate(async (apiBase) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } };
      await chrome.storage.local.set({ settings: { apiBase } });
    }, `${server.url}/api`);
    server.simulator.faults.inject({ kind: 'delay', ms: 60_000, match: 'sso_applications', count: 10_000 });
    const page = await context.newPage();
    await page.goto(popupUrl);
    const sh = page.locator('sso-launcher');
    await sh.getByLabel('Email', { exact: true }).fill(USERS.agent.email);
    await sh.getByLabel('Password').fill(DEMO_PASSWORD);
    await sh.getByRole('button', { name: 'Sign in' }).click();
    await sh.getByRole('button', { name: 'Sign out' }).waitFor();
    const apps = Array.from({ length: APPS }, (_, i) => ({
      id: `app-${i}`, name: `App ${String(i).padStart(4, '0')}`, authentication_type: 'None', open_url: `${server.url}/api/nowhere/${i}`, order: i,
    }));
    await seedCachedApps(page, USERS.agent.id, CHILD_BRAND_ID, apps);
    // A returning agent's popup also holds the first screen's copy in localStorage (core/snapshot-copy.ts):
    // one open writes it, when idle, before the timed opens.
    await page.reload();
    await page.waitForFunction((prefix) => Object.keys(localStorage).some((key) => key.startsWith(prefix)), COPY_PREFIX, { timeout: 10_000 });
    await page.close();

    // A new page per open, as a toolbar click makes.
    const open = (url: string, mark: string) => async () => {
      const popup = await context.newPage();
      try {
        return await loadToMark(popup, url, mark);
      } finally {
        await popup.close();
      }
    };
    const runs = await rotate(ROUNDS, { popup: open(popupUrl, 'sso-launcher:grid'), empty: open(emptyUrl, 'floor:ready') });
    const p = summary(runs.popup);
    const e = summary(runs.empty);
    const r = ratio(p, e);
    return [
      { bench: 'popup', what: `extension popup to usable grid, ${APPS} cached apps`, value: spread(p), note: 'navigation start → grid laid out' },
      { bench: 'popup', what: '  floor: an empty popup of the same extension', value: spread(e), note: 'same run, order alternated' },
      { bench: 'popup', what: '  popup ÷ empty popup', value: `${r.toFixed(2)}×`, budget: '≤ 2×', ok: r <= 2 },
    ];
  } finally {
    await context.close();
    await server.close();
    await build.remove();
    rmSync(profile, { recursive: true, force: true });
  }
};
