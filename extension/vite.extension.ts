/**
 * The extension's Vite config: `vite build --mode extension-chrome` writes dist/extension-chrome/,
 * `--mode extension-firefox` dist/extension-firefox/ (vite.config.ts dispatches here).
 * @module
 */
import { crx } from '@crxjs/vite-plugin';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { manifest, type TargetBrowser } from './manifest.ts';

const MANAGED_SCHEMA = 'extension/managed_schema.json';

/** CRXJS copies icons and pages named in the manifest, but not `storage.managed_schema`: this does. */
function managedSchema(): Plugin {
  return {
    name: 'sso-launcher:managed-schema',
    apply: 'build',
    async generateBundle() {
      const source = await readFile(fileURLToPath(new URL('./managed_schema.json', import.meta.url)));
      this.emitFile({ type: 'asset', fileName: MANAGED_SCHEMA, source });
    },
  };
}

/** The build for one browser. */
export function extensionConfig(browser: TargetBrowser): UserConfig {
  return {
    // The project root: the manifest's paths (extension/popup.html, ...) are relative to it.
    root: fileURLToPath(new URL('..', import.meta.url)),
    publicDir: false,
    plugins: [crx({ manifest: manifest(browser), browser }), ...(browser === 'chrome' ? [managedSchema()] : [])],
    build: {
      outDir: `dist/extension-${browser}`,
      emptyOutDir: true,
      // Chrome 120 and Firefox 142 run ES2022 natively.
      target: 'es2022',
      // Reviewers (AMO) read the shipped code; source maps would only double the zip.
      sourcemap: false,
      // Never inline icons or fonts as data: URLs (the pages' CSP allows 'self' only).
      assetsInlineLimit: 0,
      // Every browser the manifest allows supports modulepreload.
      modulePreload: { polyfill: false },
    },
  };
}
