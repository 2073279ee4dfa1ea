/**
 * The first-paint snapshot read, started as soon as the script tag's module runs (imported first by
 * sso-launcher.ts, so the bundle evaluates it before Lit's code): for every `<sso-launcher>` already in
 * the page, its IndexedDB read is under way while Lit and the element class are still being set up,
 * instead of starting only when the element first updates (issue 15). The element takes the read
 * that matches its configuration, once; anything else reads as before.
 *
 * A signed-in agent with no cached grid has nothing to paint until the app list arrives: its request
 * leaves here, with the stored session, as soon as the read has found that out (core/early-apps.ts),
 * while the client's code is still loading. The element hands it, once, to the client it builds.
 * @module
 */
import { requestAppsEarly, type EarlyRequest } from '../core/early-apps.ts';
import type { LauncherSnapshot } from '../core/snapshot.ts';
import { readSnapshot } from '../core/snapshot.ts';
import { idbStore, openIdbEarly } from '../core/storage.ts';
import { launcherConfig, type LauncherAttributes } from './launcher-config.ts';

const early = new Map<string, Promise<LauncherSnapshot | undefined>>();
const earlyApps = new Map<string, EarlyRequest>();

/** The element's configuration attributes, with its properties' defaults. */
function attributesOf(el: Element): LauncherAttributes {
  const a = (name: string, fallback = '') => el.getAttribute(name) ?? fallback;
  return {
    apiBase: a('api-base'),
    clientId: a('client-id'),
    brand: a('brand'),
    tokenEndpoint: a('token-endpoint'),
    persist: a('persist', 'local') as LauncherAttributes['persist'],
    sessionMode: a('session', 'bearer') as LauncherAttributes['sessionMode'],
    broker: a('broker'),
    passwordSignIn: a('password-sign-in', 'on') as LauncherAttributes['passwordSignIn'],
    rechatSignIn: a('rechat-sign-in') as LauncherAttributes['rechatSignIn'],
  };
}

/** The key the element compares configurations by (see SsoLauncher's #configKey). */
export const configKey = (config: unknown) => JSON.stringify(config ?? null);

// Only `persist="local"` (IndexedDB, shared by every page of the origin) is read early: a memory or
// tab store belongs to the element's own client.
for (const el of globalThis.document?.querySelectorAll('sso-launcher:not(:defined)') ?? []) {
  try {
    const config = launcherConfig(attributesOf(el));
    const key = configKey(config);
    if (config && (config.persist ?? 'local') === 'local' && !early.has(key)) {
      early.set(
        key,
        readSnapshot(idbStore(), config, (snapshot, stored) => {
          const request = snapshot.status === 'signed-in' && !snapshot.apps ? requestAppsEarly(config, stored) : undefined;
          if (request) earlyApps.set(key, request);
        }),
      );
    }
  } catch {
    // An odd attribute: the element reports it itself.
  }
}

// With no element in the page yet (one a script or a framework adds later), the database opens now,
// without reading: a page's first open takes 5–15 ms, which the element's first read then does not wait
// for (issue 15). A page whose elements all keep their session elsewhere gets no database.
if (globalThis.document && !early.size && !document.querySelector('sso-launcher')) openIdbEarly();

/**
 * The sign-in forms' chunk, requested now, beside the snapshot read rather than after it: a request
 * made while the page loads holds its load event, so a page that loses the network once loaded still
 * has the forms. Not waited for: a cached grid paints without it.
 */
export const signInCode = globalThis.document ? import('./sign-in-controller.ts') : undefined;
signInCode?.catch(() => undefined); // the element reports it when it needs the forms

/** The read started for this configuration, if any; each is handed out once. */
export function takeEarlySnapshot(key: string): Promise<LauncherSnapshot | undefined> | undefined {
  const read = early.get(key);
  early.delete(key);
  return read;
}

/** The app list request sent early for this configuration, if any; handed out once (never sent twice). */
export function takeEarlyApps(key: string): EarlyRequest | undefined {
  const request = earlyApps.get(key);
  earlyApps.delete(key);
  return request;
}
