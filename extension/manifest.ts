/**
 * The extension's manifest, one function for both browsers. Both builds are Manifest V3; they differ in
 * the background (Chrome: a service worker; Firefox: event page scripts) and in Firefox's
 * `browser_specific_settings`.
 * @module
 */
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from '../package.json' with { type: 'json' };

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
    name: 'SSO Launcher',
    short_name: 'SSO Launcher',
    description: "Your brokerage's apps, one click away and signed in.",
    version: pkg.version,
    icons,
    action: {
      default_title: 'SSO Launcher',
      default_popup: 'extension/popup.html',
      default_icon: icons,
    },
    options_ui: { page: 'extension/options.html', open_in_tab: true },
    // alarms: refresh ahead of expiry and revalidate the app list. storage: settings, and
    // storage.managed for enterprise policy. Tabs are opened with tabs.create/update, which need no
    // "tabs" permission.
    // identity: "Sign in with Rechat" (identity.launchWebAuthFlow); no install warning.
    permissions: ['alarms', 'storage', 'identity'],
    // No host permissions. The popup, the options page and the worker fetch the configured API with
    // CORS, exactly as the embed does from an intranet page: an API the embed can use already answers
    // cross-origin requests (the simulator sends `Access-Control-Allow-Origin: *`), and the requests
    // carry a bearer token, not cookies. Host permissions would add an install warning ("read and change
    // your data on ...") and buy nothing here.
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Open the launcher',
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
