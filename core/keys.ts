/**
 * Storage keys, in one place: the session, the apps cache, the preferences and the cache snapshot
 * reader must agree on them.
 * @module
 */

/** The stored token pair of one client on one API. */
export const sessionKey = (clientId: string, apiBase: string) => `session:${clientId}@${apiBase}`;
/** The cached app list of one user for one brand. */
export const appsKey = (userId: string, brand: string) => `apps:${userId}:${brand}`;
/** One user's preferences. */
export const prefsKey = (userId: string) => `prefs:${userId}`;
