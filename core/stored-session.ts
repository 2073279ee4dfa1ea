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
  const stored = await store.get<Partial<StoredTokens>>(sessionKey(config.clientId, config.apiBase));
  const user = stored?.user;
  if (!user || typeof user.id !== 'string' || typeof user.email !== 'string') return undefined;
  return { user, mfaPending: Boolean(stored.mfaPending) };
}
