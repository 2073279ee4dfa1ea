/**
 * The extension's Vite config: `vite build --mode extension-chrome` writes dist/extension-chrome/,
 * `--mode extension-firefox` dist/extension-firefox/ (vite.config.ts dispatches here).
 * @module
 */
import { crx } from '@crxjs/vite-plugin';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';
import { popupChunks } from './chunks.ts';
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

/**
 * Copies extension/_locales/<lang>/messages.json (the manifest's `__MSG_…__` name and description) to
 * the build's `_locales/`. CRXJS copies `_locales` only from the project root, where the extension's
 * files do not live.
 */
function locales(): Plugin {
  const dir = new URL('./_locales/', import.meta.url);
  return {
    name: 'sso-launcher:locales',
    apply: 'build',
    async generateBundle() {
      for (const lang of await readdir(dir)) {
        const source = await readFile(fileURLToPath(new URL(`${lang}/messages.json`, dir)));
        this.emitFile({ type: 'asset', fileName: `_locales/${lang}/messages.json`, source });
      }
    },
  };
}

/** The build for one browser. */
export function extensionConfig(browser: TargetBrowser): UserConfig {
  return {
    // The project root: the manifest's paths (extension/popup.html, ...) are relative to it.
    root: fileURLToPath(new URL('..', import.meta.url)),
    publicDir: false,
    plugins: [crx({ manifest: manifest(browser), browser }), locales(), ...(browser === 'chrome' ? [managedSchema()] : [])],
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
      // The popup's first paint in a few files rather than fifteen (chunks.ts).
      // A group that leaves a module's imports to their own groups needs entries that may export more.
      rolldownOptions: {
        preserveEntrySignatures: 'allow-extension',
        output: { codeSplitting: popupChunks(fileURLToPath(new URL('..', import.meta.url))) },
      },
    },
  };
}
