/**
 * The app list request, started from the stored session as soon as the start has read it (before the
 * cached apps and preferences), while the client's code (session, HTTP, zod) is still on its way
 * (issue 15: on a signed-in visit with nothing cached, the request used to leave only once that code
 * had loaded and the session had read the store again). A cached grid revalidates with it too.
 *
 * This module only sends the request. The answer is handed to the client (`refreshApps({early})`),
 * whose session takes it in place of its own first attempt, and only for the same URL and the same
 * access token; from there it is one of its own answers: parsed by the core's schema before it is
 * shown or cached, a 401 refreshes the pair and asks again, "MFA required" waits for the code, a
 * failure to fetch is retried as usual. Nothing is read here, and no token leaves this module but in
 * the request's header.
 * @module
 */
import { bearer } from './bearer.ts';
import { appsPath } from './rechat/app-paths.ts';
import { isStale, type StoredTokens } from './stored-session.ts';

/** A request already sent for the client, with what it was sent with. */
export interface EarlyRequest {
  /** The URL asked for: the client uses the answer only for a GET of this very URL. */
  url: string;
  /** The access token it carried: the session uses the answer only while its pair is the same. */
  token: string;
  /** The response, or the fetch's rejection. */
  response: Promise<Response>;
}

/** The answer is given up after this long (the HTTP layer's default per-attempt timeout). */
const TIMEOUT_MS = 15_000;

/**
 * Sends `GET <apiBase>/brands/<brand>/sso_applications` with the stored access token, as the session
 * would (JSON, no cookie), or answers undefined when the session would not use that token as it is:
 * none, waiting for MFA, or due for a refresh (the session refreshes first, and the answer would be
 * thrown away). Only for bearer sessions: a broker session first asks the broker where it stands.
 */
export function requestAppsEarly(
  config: { apiBase: string; brand: string; session?: string },
  stored: Partial<StoredTokens> | undefined,
  now = Date.now(),
  fetch: typeof globalThis.fetch = globalThis.fetch,
): EarlyRequest | undefined {
  const token = stored?.accessToken;
  // (A record with a token always has its expiry: the session writes the two together.)
  if (config.session === 'broker' || typeof token !== 'string' || stored!.mfaPending || isStale(stored as StoredTokens, now)) return undefined;
  // As core/http.ts joins a base URL and a path.
  const url = config.apiBase.replace(/\/+$/, '') + appsPath(config.brand);
  const response = fetch(url, { headers: { accept: 'application/json', ...bearer(token) }, credentials: 'omit', signal: AbortSignal.timeout(TIMEOUT_MS) });
  // Nobody may ever read it (the agent signed out meanwhile): that is no unhandled rejection.
  response.catch(() => undefined);
  return { url, token, response };
}
