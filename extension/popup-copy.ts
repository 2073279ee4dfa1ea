/**
 * The popup's copy of its last configuration, in the page's `localStorage` (synchronous: read before
 * any extension API answers), and how that configuration is set on `<sso-launcher>`. Used by
 * popup-early.ts (see there why) and popup.ts; pure apart from the storage and element it is given.
 * @module
 */
import { isPopupConfig, type PopupConfig } from './client-config.ts';

/** The `localStorage` key of the copy. */
export const COPY_KEY = 'sso-launcher:popup-config';

/** The page's `localStorage`, or undefined where the browser refuses it (reading the global can throw). */
export function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The configuration the last popup used, or undefined (first run, junk, or storage unavailable). */
export function readCopy(storage: Pick<Storage, 'getItem'> | undefined): PopupConfig | undefined {
  try {
    const copy: unknown = JSON.parse(storage?.getItem(COPY_KEY) ?? 'null');
    return isPopupConfig(copy) ? copy : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `config` for the next popup's first paint (written only when it changed). */
export function keepCopy(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined, config: PopupConfig): void {
  try {
    const json = JSON.stringify(config);
    if (storage && storage.getItem(COPY_KEY) !== json) storage.setItem(COPY_KEY, json);
  } catch {
    // Storage full or refused: every popup then waits for storage.local, as before.
  }
}

/**
 * Sets the configuration on the element as attributes: it reads them before its first update, even
 * when they were set before its module defined it, and a later change starts it again from the new
 * configuration. The session is kept in IndexedDB (`persist="local"`), the database the background
 * keeps warm, so popup and background share one session and one cache.
 */
export function configureLauncher(el: Element, { launcher, broker }: PopupConfig): void {
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
