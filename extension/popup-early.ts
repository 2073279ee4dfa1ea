/**
 * The popup's `<sso-launcher>`, in the page before the element's module runs (issue 15).
 *
 * popup.ts imports this module first, so it runs before `components/sso-launcher.ts`: the element is
 * then already in the page, configured by its attributes, when its module runs, and its IndexedDB read
 * (the signed-in agent and the cached grid) starts as soon as that module is evaluated. Before, it
 * waited for popup.ts to read the configuration from `storage.local` (an asynchronous round trip to the
 * browser, 3–25 ms measured) and to create the element afterwards.
 *
 * For that the configuration must be known synchronously: the last one the popup used is kept in the
 * page's `localStorage` (popup-copy.ts; this extension's origin, in Chrome and Firefox). popup.ts still
 * reads `storage.local`, as before, and changes the attributes when the copy is out of date (the
 * settings changed since the last popup): the element then starts again from the new configuration,
 * normally before it has painted the old one, since `storage.local` answers before IndexedDB does.
 * @module
 */
import { uiLanguage } from './browser.ts';
import { pageLanguage } from './i18n.ts';
import { configureLauncher, pageStorage, readCopy } from './popup-copy.ts';

// The browser's language on <html lang>, where the element reads it too (it loads its own table).
document.documentElement.lang = pageLanguage(uiLanguage());

/** The configuration the element was put in the page with, if a copy was kept. */
export const copied = readCopy(pageStorage());

/**
 * The popup's `<sso-launcher>`, configured from the copy and in the page already (it becomes the
 * element when its module defines it); undefined without a copy.
 */
export const earlyLauncher: HTMLElement | undefined = copied && document.createElement('sso-launcher');
if (earlyLauncher && copied) {
  configureLauncher(earlyLauncher, copied);
  document.getElementById('launcher')!.append(earlyLauncher);
}
