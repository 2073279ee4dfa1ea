/**
 * Storage keys, in one place: the session, the apps cache, the preferences and the cache snapshot
 * reader must agree on them.
 * @module
 */

import { normaliseUrl } from './urls.ts';

/**
 * The stored token pair of one client on one API. The URL is normalised (`https://API.example/v1/` and
 * `https://api.example/v1` are one API), so every face that talks to it shares one session.
 */
export const sessionKey = (clientId: string, apiBase: string) => `session:${clientId}@${normaliseBase(apiBase)}`;

function normaliseBase(url: string): string {
  try {
    return normaliseUrl(url);
  } catch {
    return url;
  }
}
/** The cached app list of one user for one brand. */
export const appsKey = (userId: string, brand: string) => `apps:${userId}:${brand}`;
/** The head of that list (core/apps-cache.ts): what a first screen shows, read without the rest. */
export const appsHeadKey = (userId: string, brand: string) => `apps-head:${userId}:${brand}`;
/** One user's preferences. */
export const prefsKey = (userId: string) => `prefs:${userId}`;
/** What every first-screen copy's key starts with (core/snapshot-copy.ts). */
export const COPY_PREFIX = 'sso-launcher:first-screen:';
/** The first screen's copy in localStorage, for one session (client and API) and one brand. */
export const firstScreenKey = (config: { clientId: string; apiBase: string; brand: string }) =>
  `${COPY_PREFIX}${sessionKey(config.clientId, config.apiBase)}:${config.brand}`;
