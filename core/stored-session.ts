/**
 * The session's stored format, in one place: what core/session.ts keeps, and the one reader other
 * modules use to learn who is signed in without loading the session's code (core/snapshot.ts paints
 * the cached grid before the session, HTTP and zod code arrives, so this module imports no value
 * beyond the storage key).
 * @module
 */
import { sessionKey } from './keys.ts';
import type { User } from './rechat/schemas.ts';
import type { KeyValueStore } from './storage.ts';

/** The stored token pair. Never logged, never put in a URL. */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** The access token's lifetime (`expires_in`) in ms; absent in pairs stored by older versions. */
  lifetimeMs?: number;
  mfaPending: boolean;
  user?: User;
}

/** A pair is refreshed this long before it expires (at most half its lifetime); the extension's alarms wake up inside it. */
export const REFRESH_AHEAD_MS = 60_000;

/**
 * Whether a pair is due for a refresh at `now`: within `aheadMs` of its expiry, at most half its
 * lifetime (a token shorter-lived than the window would be refreshed on every call). The session's
 * rule, and the early app list request's (core/early-apps.ts), which must not spend a token the
 * session would refresh first.
 */
export function isStale(tokens: Pick<StoredTokens, 'expiresAt' | 'lifetimeMs'>, now: number, aheadMs = REFRESH_AHEAD_MS): boolean {
  return tokens.expiresAt - Math.min(aheadMs, (tokens.lifetimeMs ?? Infinity) / 2) <= now;
}

/** Who a stored session belongs to, and whether it waits for MFA: never its tokens. */
export interface StoredSessionInfo {
  user: User;
  mfaPending: boolean;
}

/**
 * The agent of the session stored for a client on an API, or undefined when there is none or it has
 * no well-formed user. Storage errors are thrown to the caller.
 */
export async function readStoredSession(store: Pick<KeyValueStore, 'get'>, config: { clientId: string; apiBase: string }): Promise<StoredSessionInfo | undefined> {
  return storedSessionInfo(await store.get<Partial<StoredTokens>>(sessionKey(config.clientId, config.apiBase)));
}

/** {@link readStoredSession} of a record already read. */
export function storedSessionInfo(stored: Partial<StoredTokens> | undefined): StoredSessionInfo | undefined {
  const user = stored?.user;
  if (!user || typeof user.id !== 'string' || typeof user.email !== 'string') return undefined;
  return { user, mfaPending: Boolean(stored.mfaPending) };
}
