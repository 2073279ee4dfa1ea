/**
 * What the popup and the background build their `LauncherClient` from, kept free of zod so that the
 * popup can paint before the schema code is loaded (settings.ts validates; this only maps).
 * @module
 */
import type { LauncherConfig } from '../core/launcher.ts';
import { extEn } from './i18n.ts';
import type { ResolvedSettings, Settings } from './settings.ts';

/**
 * The core's configuration for these settings. The session is kept in IndexedDB (`persist: 'local'`):
 * the popup, the options page and the background share the extension origin's database, so they
 * share one session and one app cache.
 */
export function toLauncherConfig(settings: Settings): LauncherConfig {
  return {
    apiBase: settings.apiBase,
    clientId: settings.clientId,
    brand: settings.brand,
    persist: 'local',
    ...(settings.tokenEndpoint ? { tokenEndpoint: settings.tokenEndpoint } : {}),
  };
}

/** Everything the popup needs to draw: the client's configuration, the broker, and a hint. */
export interface PopupConfig {
  launcher: LauncherConfig;
  broker: string;
  /** A line under the grid, or '' for none; in English (an {@link extEn} value), shown translated (i18n.ts `translateStored`). */
  hint: string;
}

/** The `storage.local` key of the last {@link PopupConfig}, written whenever the settings are resolved. */
export const POPUP_CONFIG_KEY = 'popupConfig';

/** The popup's view of resolved settings. */
export function popupConfigFor(resolved: ResolvedSettings): PopupConfig {
  return {
    launcher: toLauncherConfig(resolved.settings),
    broker: resolved.settings.broker ?? '',
    hint: resolved.usingDemo
      ? extEn.usingDemo
      : Object.keys(resolved.policyErrors).length
        ? extEn.policyInvalid
        : '',
  };
}

/** True when `value` has the shape of a {@link PopupConfig} (it comes back from storage). */
export function isPopupConfig(value: unknown): value is PopupConfig {
  if (typeof value !== 'object' || value === null) return false;
  const config = value as Partial<PopupConfig>;
  const launcher = config.launcher as Partial<LauncherConfig> | undefined;
  return (
    typeof config.broker === 'string' &&
    typeof config.hint === 'string' &&
    typeof launcher === 'object' &&
    launcher !== null &&
    typeof launcher.apiBase === 'string' &&
    typeof launcher.clientId === 'string' &&
    typeof launcher.brand === 'string'
  );
}
