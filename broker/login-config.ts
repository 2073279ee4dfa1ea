/**
 * The `signIn` section of the broker's configuration: "Sign in with Rechat", the OAuth2 authorization
 * code flow (broker/login.ts). Kept apart so that config.ts imports the schema alone.
 *
 * ```json
 * "signIn": {
 *   "redirectUri": "https://intranet.example.com/broker/callback",
 *   "authorizeUrl": "https://app.rechat.com/oauth2/auth",
 *   "extensionRedirectUris": ["https://<extension id>.chromiumapp.org/"]
 * }
 * ```
 * Whether the email and password form is offered as well is `sessions.passwordSignIn` (broker
 * sessions) on the broker, and the element's `password-sign-in` attribute on the page.
 * @module
 */
import * as z from 'zod/mini';
import '../core/schema.ts'; // z.config({jitless: true}) before any parse
import { safeHttpUrl } from '../core/urls.ts';

/** Rechat's authorization endpoint, as its own WordPress plugin uses it (rechat/rechat-wp, oauth-handler.php). */
export const DEFAULT_AUTHORIZE_URL = 'https://app.rechat.com/oauth2/auth';

/** An absolute http(s) URL without a fragment (RFC 6749 §3.1.2: a redirection endpoint has none). */
const redirectUrl = z.string().check(
  z.refine((value) => safeHttpUrl(value) !== null && !value.includes('#'), 'must be an absolute http(s) URL without a fragment'),
);

export const SignInConfigSchema = z.object({
  /**
   * The broker's callback, exactly as registered with Rechat for the client: `<broker URL>/callback`.
   * Rechat compares it exactly, so it is configured rather than guessed from the request's Host.
   */
  redirectUri: redirectUrl,
  /** Rechat's authorization endpoint; default {@link DEFAULT_AUTHORIZE_URL}. */
  authorizeUrl: z.optional(z.string().check(z.refine((value) => safeHttpUrl(value) !== null, 'must be an absolute http(s) URL'))),
  /**
   * Redirect URIs of the browser extensions (`identity.getRedirectURL()`, shown on their options page)
   * for which the token proxy exchanges codes: `https://<id>.chromiumapp.org/`, Firefox's
   * `https://<hash>.extensions.allizom.org/`. Each must be registered with Rechat too.
   */
  extensionRedirectUris: z.optional(z.array(redirectUrl)),
});
export type SignInConfig = z.infer<typeof SignInConfigSchema>;

/**
 * The `signIn` section from `RECHAT_REDIRECT_URI`, `RECHAT_AUTHORIZE_URL` and
 * `RECHAT_EXTENSION_REDIRECT_URIS` (comma-separated); none when `RECHAT_REDIRECT_URI` is unset.
 */
export function signInFromEnv(env: Readonly<Record<string, string | undefined>>): { signIn?: Record<string, unknown> } {
  if (!env.RECHAT_REDIRECT_URI && !env.RECHAT_AUTHORIZE_URL && !env.RECHAT_EXTENSION_REDIRECT_URIS) return {};
  const list = (env.RECHAT_EXTENSION_REDIRECT_URIS ?? '').split(',').map((value) => value.trim()).filter(Boolean);
  return {
    signIn: {
      redirectUri: env.RECHAT_REDIRECT_URI,
      ...(env.RECHAT_AUTHORIZE_URL ? { authorizeUrl: env.RECHAT_AUTHORIZE_URL } : {}),
      ...(list.length ? { extensionRedirectUris: list } : {}),
    },
  };
}
