/**
 * The Chrome extension as the end-to-end tests load it: the shipped dist/extension-chrome/, copied, with
 * one difference in its manifest: the demo's host listed in `host_permissions`. Nobody can answer
 * Chromium's permission prompt under automation (and it has no switch that answers it), so the grant the
 * agent gives on Save is given at install instead; `permissions.request` then resolves at once, as it
 * does for a permission already held. Only 127.0.0.1 is listed, so `localhost` (the unconfigured
 * default) stays without a permission, for the missing-permission path.
 * @module
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.js';
import { WAIT_MS } from './harness.ts';

/** The host the demo server listens on, granted in the test build. */
export const TEST_BUILD_HOSTS = ['http://127.0.0.1/*'];

/** Copies `dist` to a temporary folder and adds {@link TEST_BUILD_HOSTS}; answers the folder and its cleanup. */
export async function chromeTestBuild(dist: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sso-launcher-chrome-test-'));
  await cp(dist, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...TEST_BUILD_HOSTS];
  await writeFile(path, JSON.stringify(manifest, null, 2));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The Chrome test build loaded into the system Chromium: its context, service worker and extension id. */
export interface LoadedExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Closes Chromium and removes the test build. */
  close(): Promise<void>;
}

/**
 * Loads {@link chromeTestBuild} of `dist` into a persistent Chromium context (headless, the machine's own
 * binary) and waits for its service worker; the extension id is the worker URL's host.
 */
export async function loadChromeExtension(dist: string, options: { initScript?: string } = {}): Promise<LoadedExtension> {
  assert.ok(existsSync(join(dist, 'manifest.json')), `${dist} has no manifest.json: run npm run build (or npx vite build --mode extension-chrome) first.`);
  const build = await chromeTestBuild(dist);
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: true,
    args: [`--disable-extensions-except=${build.dir}`, `--load-extension=${build.dir}`, ...chromiumArgs],
  });
  context.setDefaultTimeout(WAIT_MS);
  // Runs before every page's own scripts (the extension's pages included), to stand in for a browser setting.
  if (options.initScript) await context.addInitScript(options.initScript);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    async close() {
      await context.close().catch(() => undefined);
      await build.remove();
    },
  };
}
