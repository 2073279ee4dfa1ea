/**
 * The Chrome extension as the end-to-end tests load it: the shipped dist/extension-chrome/, copied, with
 * one difference in its manifest: the demo's host listed in `host_permissions`. Nobody can answer
 * Chromium's permission prompt under automation (and it has no switch that answers it), so the grant the
 * agent gives on Save is given at install instead; `permissions.request` then resolves at once, as it
 * does for a permission already held. Only 127.0.0.1 is listed, so `localhost` (the unconfigured
 * default) stays without a permission, for the missing-permission path.
 * @module
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
