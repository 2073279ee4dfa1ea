/**
 * The extension's manifest, one function for both browsers. Both builds are Manifest V3; they differ in
 * the background (Chrome: a service worker; Firefox: event page scripts) and in Firefox's
 * `browser_specific_settings`.
 * @module
 */
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from '../package.json' with { type: 'json' };
import { OPTIONAL_HOST_PERMISSIONS } from './host-permissions.ts';

/** The browser a build is for. */
export type TargetBrowser = 'chrome' | 'firefox';

/**
 * The Firefox add-on id. Brokerages write it in policies.json to push settings, so it must never change
 * once published.
 */
export const GECKO_ID = 'sso-launcher@sso-launcher.dev';

const icons = {
  16: 'extension/icons/icon-16.png',
  32: 'extension/icons/icon-32.png',
  48: 'extension/icons/icon-48.png',
  128: 'extension/icons/icon-128.png',
};

/** The manifest for `browser`; paths are relative to the project root (CRXJS rewrites them). */
export function manifest(browser: TargetBrowser) {
  return defineManifest({
    manifest_version: 3,
    // Translated from extension/_locales/<lang>/messages.json (copied by vite.extension.ts), in the
    // browser's language: Chrome and Firefox both read `__MSG_…__` here, falling back to default_locale.
    name: '__MSG_extensionName__',
    short_name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    version: pkg.version,
    icons,
    action: {
      default_title: '__MSG_extensionName__',
      default_popup: 'extension/popup.html',
      default_icon: icons,
    },
    options_ui: { page: 'extension/options.html', open_in_tab: true },
    // alarms: refresh ahead of expiry and revalidate the app list. storage: settings, and
    // storage.managed for enterprise policy. Tabs are opened with tabs.create/update, which need no
    // "tabs" permission.
    // identity: "Sign in with Rechat" (identity.launchWebAuthFlow); no install warning.
    permissions: ['alarms', 'storage', 'identity'],
    // The configured API, token endpoint and broker are reached through host permissions, asked for
    // from the options page when the agent saves (or by its "Allow access to <host>" button for values a
    // policy set): an extension page holding one is not subject to CORS, in Chrome or Firefox. CORS
    // cannot serve here: a broker allows only its configured origins, and Firefox's moz-extension://
    // origin is random per install, so no allow-list can name it. Optional, so the install asks for
    // nothing, and each brokerage grants only its own hosts. The patterns are what settings.ts accepts:
    // https anywhere, http on this machine only (no port in a pattern: it matches every port).
    // See host-permissions.ts.
    optional_host_permissions: OPTIONAL_HOST_PERMISSIONS,
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_openLauncher__',
      },
    },
    omnibox: { keyword: 'sso' },
    ...(browser === 'firefox'
      ? {
          // Firefox MV3 has no extension service workers: the background is an event page.
          background: { scripts: ['extension/background.ts'] },
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              // The agent's email and password go to the brokerage's configured API, and the app list
              // comes back; nothing goes to us.
              // https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
              data_collection_permissions: { required: ['authenticationInfo', 'personallyIdentifyingInfo'] },
            },
          },
          // Firefox does not read a managed-storage schema: a brokerage sets the same keys in
          // policies.json under "3rdparty" → "Extensions" → GECKO_ID (see managed_schema.json).
        }
      : {
          background: { service_worker: 'extension/background.ts', type: 'module' as const },
          // Enterprise policy: the keys a brokerage may push (Google Admin console, GPO, or the
          // "3rdparty" → "extensions" → <extension id> policy on Linux and macOS), checked against
          // this schema. Policy values win over the options page (settings.ts).
          storage: { managed_schema: 'extension/managed_schema.json' },
          // Alarms at 30 s granularity (120), module service workers (92).
          minimum_chrome_version: '120',
        }),
  });
}
