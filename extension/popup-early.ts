/**
 * The popup's `<sso-launcher>`, in the page before the element's module runs (issue 15).
 *
 * popup.ts imports this module first, so it runs before `components/sso-launcher.ts`: the element is
 * then already in the page, configured by its attributes, when its module runs. Its IndexedDB read
 * (the signed-in agent and the cached grid) starts as soon as its module is evaluated, without waiting
 * for popup.ts to read the configuration from `storage.local` (an asynchronous round trip to the
 * browser, 3–25 ms measured) and create the element afterwards.
 *
 * For that the configuration must be known synchronously: the last one the popup used is kept in the
 * page's `localStorage` (this extension's origin; every popup, in Chrome and Firefox, has it). popup.ts
 * still reads `storage.local` and changes the attributes when the copy is out of date (the settings
 * changed since the last popup); the element then starts again from the new configuration before it
 * has painted the old one, in practice, since `storage.local` answers before IndexedDB does.
 * @module
 */
import { uiLanguage } from './browser.ts';
import { isPopupConfig, type PopupConfig } from './client-config.ts';
import { pageLanguage } from './i18n.ts';

/** The `localStorage` key of the popup's copy of its last {@link PopupConfig}. */
const COPY_KEY = 'sso-launcher:popup-config';

/** The configuration the last popup used, or undefined (first run, or storage unavailable). */
function readCopy(): PopupConfig | undefined {
  try {
    const copy: unknown = JSON.parse(localStorage.getItem(COPY_KEY) ?? 'null');
    return isPopupConfig(copy) ? copy : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `config` for the next popup's first paint. */
export function keepCopy(config: PopupConfig): void {
  try {
    if (localStorage.getItem(COPY_KEY) !== JSON.stringify(config)) localStorage.setItem(COPY_KEY, JSON.stringify(config));
  } catch {
    // No localStorage (a browser setting): every popup then waits for storage.local, as before.
  }
}

/**
 * Sets the element's configuration as attributes (which it reads before its first update; later
 * changes restart it). Persisted in IndexedDB (`persist="local"`), the database the background keeps warm.
 */
export function configureLauncher(el: HTMLElement, { launcher, broker }: PopupConfig): void {
  const attributes: Record<string, string> = {
    'api-base': launcher.apiBase,
    'client-id': launcher.clientId,
    brand: launcher.brand,
    'token-endpoint': launcher.tokenEndpoint ?? '',
    persist: 'local',
    broker,
    // The button runs identity.launchWebAuthFlow in the background (popup.ts), which needs the broker's token proxy.
    'rechat-sign-in': broker ? 'on' : 'off',
  };
  for (const [name, value] of Object.entries(attributes)) if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

// The browser's language on <html lang>, where the element reads it too (it loads its own table).
document.documentElement.lang = pageLanguage(uiLanguage());

/** The configuration the element was put in the page with, if a copy was kept. */
export const copied = readCopy();

/**
 * The popup's `<sso-launcher>`, configured from the copy and in the page already (it becomes the
 * element when its module defines it); undefined without a copy.
 */
export const earlyLauncher: HTMLElement | undefined = copied && document.createElement('sso-launcher');
if (earlyLauncher && copied) {
  configureLauncher(earlyLauncher, copied);
  document.getElementById('launcher')!.append(earlyLauncher);
}
