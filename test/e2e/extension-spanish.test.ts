/**
 * The Chrome extension in a Spanish browser: the popup, the launcher inside it and the options page
 * follow the browser's language (`i18n.getUILanguage()`). Needs `npm run build` first. Unconfigured, the
 * extension points at the local demo, which these tests never reach: only the words are checked.
 *
 * Debian's Chromium ships the en-US interface only (its other languages are the chromium-l10n package),
 * so the browser's answer is set before the pages' scripts run: `getUILanguage()` answers `es-419`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { loadChromeExtension, type LoadedExtension } from './chrome-test-build.ts';

const DIST = process.env.EXTENSION_DIST ?? fileURLToPath(new URL('../../dist/extension-chrome/', import.meta.url));
const TEST = { timeout: 60_000 };
/** A Spanish browser, as far as the extension's pages can tell. */
const SPANISH_UI = `for (const api of [globalThis.chrome, globalThis.browser]) if (api?.i18n) api.i18n.getUILanguage = () => 'es-419';`;

let loaded: LoadedExtension;
let context: BrowserContext;

describe('the Chrome extension in a Spanish browser', () => {
  before(async () => {
    loaded = await loadChromeExtension(DIST, { initScript: SPANISH_UI });
    context = loaded.context;
  });
  after(async () => {
    await loaded?.close();
  });

  it('the popup: Spanish frame, and the launcher in Spanish', TEST, async () => {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${loaded.extensionId}/extension/popup.html`);
    assert.equal(await popup.evaluate(() => document.documentElement.lang), 'es');
    await popup.locator('sso-launcher button', { hasText: 'Iniciar sesión con Rechat' }).or(popup.locator('sso-launcher label', { hasText: 'Correo electrónico' })).first().waitFor();
    assert.equal((await popup.locator('#settings').textContent())?.trim(), 'Configuración');
    assert.equal((await popup.locator('#hint').textContent())?.trim(), 'Está usando la demostración local; abra la configuración para configurarlo.');
    await popup.close();
  });

  it('the options page in Spanish', TEST, async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${loaded.extensionId}/extension/options.html`);
    await options.locator('#settings-fields:not([disabled])').waitFor();
    assert.equal(await options.title(), 'Configuración del Lanzador SSO');
    assert.equal((await options.locator('h1').textContent())?.trim(), 'Configuración del Lanzador SSO');
    assert.equal((await options.locator('label[for="apiBase"]').textContent())?.trim(), 'URL base de la API');
    await options.locator('#account-status', { hasText: 'No ha iniciado sesión' }).waitFor();
    await options.locator('#apiBase').fill('http://api.example.com');
    await options.locator('button[type="submit"]').click();
    assert.equal((await options.locator('#apiBase-error').textContent())?.trim(), 'Use https:// (http:// solo se permite para localhost).');
    assert.equal((await options.locator('#save-status').textContent())?.trim(), 'No se guardó: corrija los campos marcados en rojo.');
    await options.close();
  });
});
