/**
 * The extension popup with 1,000 cached apps: time from navigation start to a usable grid (the search
 * box and tiles on screen), in Chromium with the built Chrome extension loaded (`npm run build` first).
 * The network's app list is held back, so the figure is the cached path. Median of several opens.
 * @module
 */
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDemoServer } from '../demo/server.ts';
import { CHILD_BRAND_ID, DEMO_PASSWORD, USERS } from '../demo/simulator/index.ts';
import { chromiumArgs, chromiumPath } from '../test/chromium.js';
import { seedCachedApps, timeToUsableGrid } from '../test/popup-probe.ts';
import type { Bench } from './report.ts';

const RUNS = 12;
const APPS = 1000;
const POPUP = 'extension/popup.html';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const popupBench: Bench = async () => {
  const dist = resolve(process.env.EXTENSION_DIST ?? 'dist/extension-chrome');
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} is missing: run npm run build first`);
  const server = await startDemoServer({ port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'sso-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 380, height: 600 },
    args: [...chromiumArgs, `--disable-extensions-except=${dist}`, `--load-extension=${dist}`],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const popupUrl = new URL(`/${POPUP}`, worker.url()).href;
    // Point the extension at this server, hold the app list back, sign in once, then fill the cache.
    await worker.evaluate(async (apiBase) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } };
      await chrome.storage.local.set({ settings: { apiBase } });
    }, `${server.url}/api`);
    server.simulator.faults.inject({ kind: 'delay', ms: 60_000, match: 'sso_applications', count: 10_000 });
    const page = await context.newPage();
    await page.addInitScript('globalThis.__name = (f) => f');
    await page.goto(popupUrl);
    const sh = page.locator('sso-launcher');
    await sh.getByLabel('Email', { exact: true }).fill(USERS.agent.email);
    await sh.getByLabel('Password').fill(DEMO_PASSWORD);
    await sh.getByRole('button', { name: 'Sign in' }).click();
    await sh.getByRole('button', { name: 'Sign out' }).waitFor();
    const apps = Array.from({ length: APPS }, (_, i) => ({
      id: `app-${i}`, name: `App ${String(i).padStart(4, '0')}`, authentication_type: 'None', open_url: `${server.url}/api/nowhere/${i}`, order: i,
    }));
    await seedCachedApps(page, `apps:${USERS.agent.id}:${CHILD_BRAND_ID}`, apps);
    await page.close();

    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const popup = await context.newPage();
      times.push(await timeToUsableGrid(popup, popupUrl));
      await popup.close();
    }
    const m = median(times);
    return [
      {
        bench: 'popup',
        what: `extension popup, ${APPS} cached apps: usable grid after navigation start (median of ${RUNS})`,
        value: `${m.toFixed(1)} ms`,
        budget: '≤ 100 ms',
        ok: m <= 100,
        note: `min ${Math.min(...times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; first frame with the search box and tiles`,
      },
    ];
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
};
