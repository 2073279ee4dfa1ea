/**
 * Telling apart why a `fetch` rejected. A browser rejects with the same bare `TypeError` whether the
 * device is offline, the server is down, or the server answered without allowing this origin (CORS):
 * the Fetch standard hides the difference on purpose, so a page cannot map other sites' networks. What
 * a page can still tell:
 *
 * 1. `navigator.onLine === false`: the device has no network at all (`offline`).
 * 2. A `mode: 'no-cors'` probe of the same URL: its answer is opaque, but that it answers at all proves
 *    the host is up, so the real request was refused by CORS (`refused`); when the probe fails too, the
 *    host did not answer (`unreachable`).
 *
 * Node has no CORS: there a rejection is always a transport failure (`unreachable`).
 * @see https://fetch.spec.whatwg.org/#concept-network-error
 * @module
 */
import type { Fetch } from './deps.ts';
import type { NetworkFailure } from './errors.ts';

/** Answers whether this context holds the permission to reach `url` (an extension's host permission). */
export type HostPermissionCheck = (url: string) => Promise<boolean>;

/**
 * In an extension, the http layer asks the registered {@link HostPermissionCheck} before every request,
 * and a host without the permission is not asked at all: the request fails at once as `no-permission`
 * (core knows no extension API; the extension registers the check). An extension never falls back to
 * CORS, which would make it work or not depending on the server's allow-list.
 */

/** Finds out why a request to `url` got no answer; undefined when it cannot be told. */
export type NetworkDiagnosis = (url: string, signal?: AbortSignal) => Promise<NetworkFailure | undefined>;

let hostPermissionCheck: HostPermissionCheck | undefined;

/**
 * Registers the extension's host-permission check for this JavaScript context (each extension page and
 * the background call it once at start). A context-wide hook rather than a dependency passed down:
 * the popup's `<sso-launcher>` builds its own client from attributes, several calls deep.
 */
export function setHostPermissionCheck(check: HostPermissionCheck | undefined): void {
  hostPermissionCheck = check;
}

/** Whether a request to `url` may be made: true unless a registered check says the permission is missing. */
export async function mayReach(url: string): Promise<boolean> {
  if (!hostPermissionCheck) return true;
  // A check that fails (an API missing in some context) must not block requests that may well work.
  return hostPermissionCheck(url).catch(() => true);
}

/** How long the no-cors probe may take: it only runs after a failure, and a down host may hang. */
const PROBE_TIMEOUT_MS = 3_000;

function isOffline(): boolean {
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
}

/** A browser window or worker, where CORS applies (Node has `navigator` but neither of these). */
function isBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
}

/**
 * The diagnosis for requests made with the platform's own `fetch` (see the module comment).
 * @param probe the fetch to probe with; the platform's by default
 */
export function platformDiagnosis(probe: Fetch = (input, init) => globalThis.fetch(input, init)): NetworkDiagnosis {
  return async (url, signal) => {
    if (isOffline()) return 'offline';
    if (!isBrowser()) return 'unreachable';
    const target = new URL(url);
    target.search = '';
    target.hash = '';
    const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
    try {
      // HEAD, no credentials, no cache: the least a server can be asked. The answer is opaque and unread.
      await probe(target.href, {
        method: 'HEAD',
        mode: 'no-cors',
        credentials: 'omit',
        cache: 'no-store',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      return 'refused';
    } catch {
      return 'unreachable';
    }
  };
}

/**
 * The diagnosis for an injected `fetch` (tests, the simulator, a server's own transport): it is not
 * probed, since a probe through it could consume the very faults a test injected. Only "offline" can
 * be told.
 */
export const injectedFetchDiagnosis: NetworkDiagnosis = async () => (isOffline() ? 'offline' : undefined);

/** Failures that trying again cannot fix: retrying would only make the agent wait for the same message. */
export function isPermanentNetworkFailure(reason: NetworkFailure | undefined): boolean {
  return reason === 'refused' || reason === 'no-permission';
}
