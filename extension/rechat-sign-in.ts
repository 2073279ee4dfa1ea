/**
 * "Sign in with Rechat" in the extension: the authorization code flow with `state` and PKCE S256 through
 * `identity.launchWebAuthFlow`, the browser's own sign-in window, which ends at
 * `identity.getRedirectURL()` (`https://<extension id>.chromiumapp.org/` in Chrome,
 * `https://<hash>.extensions.allizom.org/` in Firefox) without loading it. The code is exchanged
 * through the broker's token proxy (`tokenEndpoint`), which adds the client secret, and the tokens are
 * kept by the core's session in the extension's storage, as after the password form.
 *
 * It runs in the background: Chrome closes the toolbar popup as soon as the sign-in window takes the
 * focus, and with it anything the popup was waiting for.
 *
 * Pure apart from what it is given (`launch`, the client), so unit tests run it without an extension API.
 * @module
 */
import * as oauth from 'oauth4webapi';
import type { LauncherClient } from '../core/launcher.ts';
import type { SessionStatus } from '../core/session.ts';
import { extEn } from './i18n.ts';

/** Rechat's authorization endpoint (its WordPress plugin's), for Rechat's production API. */
export const RECHAT_AUTHORIZE_URL = 'https://app.rechat.com/oauth2/auth';

/**
 * The authorization endpoint for an API base: Rechat's own for `https://api.rechat.com`, else
 * `<apiBase>/oauth2/auth` (the simulator, and a deployment that serves both from one host).
 */
export function authorizeUrlFor(apiBase: string): string {
  const url = new URL(apiBase);
  return url.origin === 'https://api.rechat.com' ? RECHAT_AUTHORIZE_URL : `${apiBase.replace(/\/+$/, '')}/oauth2/auth`;
}

/** What {@link signInWithRechat} needs. */
export interface RechatSignInDeps {
  client: LauncherClient;
  /** `identity.getRedirectURL()`: register it with Rechat and on the broker's `signIn.extensionRedirectUris`. */
  redirectUrl: string;
  /** `identity.launchWebAuthFlow({url, interactive: true})`: resolves with the URL the flow ended at. */
  launch(url: string): Promise<string>;
  /** Default {@link authorizeUrlFor} the client's API base. */
  authorizeUrl?: string;
}

/** A sign-in the agent or Rechat refused, or a response that did not check out. The message is for the agent. */
export class RechatSignInError extends Error {
  override readonly name = 'RechatSignInError';
  constructor(
    readonly code: 'cancelled' | 'refused' | 'invalid-response',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Runs the flow and keeps the new session. Resolves with the session's status (`mfa-required` when the
 * account has MFA: the popup then shows the code prompt, as after the password form).
 * @throws {RechatSignInError} cancelled, refused, or a response that fails the state check
 * @throws {OAuthError} from the token proxy (`invalid_grant`: a spent or mismatched code)
 */
export async function signInWithRechat(deps: RechatSignInDeps): Promise<SessionStatus> {
  const { config } = deps.client;
  const authorizeUrl = deps.authorizeUrl ?? authorizeUrlFor(config.apiBase);
  const state = oauth.generateRandomState();
  const verifier = oauth.generateRandomCodeVerifier();
  const url = new URL(authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', deps.redirectUrl);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');

  let responseUrl: string;
  try {
    responseUrl = await deps.launch(url.href);
  } catch (cause) {
    // Chrome: "The user did not approve access."; Firefox: "User cancelled or denied access.".
    throw new RechatSignInError('cancelled', extEn.rechatCancelled, { cause });
  }
  const response = new URL(responseUrl);
  if (`${response.origin}${response.pathname}` !== new URL(deps.redirectUrl).href.replace(/[?#].*$/, '')) {
    throw new RechatSignInError('invalid-response', extEn.rechatUnexpected);
  }
  // oauth4webapi checks the state (and an `iss`), and turns an error response into an error.
  const as: oauth.AuthorizationServer = { issuer: new URL(authorizeUrl).origin, authorization_endpoint: authorizeUrl };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, { client_id: config.clientId }, response, state);
  } catch (cause) {
    if (cause instanceof oauth.AuthorizationResponseError) {
      throw new RechatSignInError(cause.error === 'access_denied' ? 'cancelled' : 'refused', cause.error === 'access_denied' ? extEn.rechatCancelled : extEn.rechatRefused, { cause });
    }
    throw new RechatSignInError('invalid-response', extEn.rechatUnchecked, { cause });
  }
  const code = params.get('code');
  if (!code) throw new RechatSignInError('invalid-response', extEn.rechatUnchecked);
  const { session } = deps.client;
  // The extension keeps bearer tokens (pages cannot reach its storage): a core Session, never a broker one.
  if (!('signInWithCode' in session)) throw new TypeError('"client" must use bearer sessions');
  const signedIn = await session.signInWithCode(code, deps.redirectUrl, verifier);
  return signedIn.status;
}
