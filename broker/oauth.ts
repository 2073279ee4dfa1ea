/**
 * `POST /oauth2/token`: Rechat's token endpoint, with the client secret added on the server.
 *
 * A page cannot keep a secret (DESIGN.md, "Rechat sign-in"), so the element's and the extension's
 * `token-endpoint` point here. The broker forwards only the two grants the launcher uses, `password`
 * and `refresh_token`, with only their own fields plus the configured client id and secret, and passes
 * Rechat's status and body back unchanged (Rechat's OAuth errors are what the session acts on:
 * `invalid_grant` signs out). It keeps no token and logs none.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.3 (password grant) and #section-6 (refresh)
 * @module
 */
import { NetworkError, TimeoutError } from '../core/errors.ts';
import type { BrokerContext, BrokerModule } from './context.ts';
import { json, NO_STORE, readJsonObject } from './http.ts';
import { describe } from './log.ts';

/** An RFC 6749 §5.2 error, as Rechat's token endpoint answers them. */
class OAuthProxyError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthProxyError';
  }
}

function oauthError(error: OAuthProxyError): Response {
  return json({ error: error.error, error_description: error.description }, error.status);
}

/** The fields forwarded per grant, besides `grant_type`, `client_id` and `client_secret`. */
const GRANT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  password: ['username', 'password'],
  refresh_token: ['refresh_token'],
  // The extension's "Sign in with Rechat" (identity.launchWebAuthFlow): see checkCodeGrant.
  authorization_code: ['code', 'redirect_uri', 'code_verifier'],
};

/**
 * The proxy exchanges a code only for a browser extension's redirect URI on the allow-list
 * (`signIn.extensionRedirectUris`), and only with a PKCE verifier: the secret it adds must not turn a
 * code stolen from another client, or one obtained without PKCE, into tokens (RFC 9700 §2.1.1).
 */
function checkCodeGrant(grant: Record<string, string>, ctx: BrokerContext): void {
  if (!(ctx.config.signIn?.extensionRedirectUris ?? []).includes(grant.redirect_uri!)) {
    throw new OAuthProxyError(400, 'invalid_grant', 'redirect_uri is not allowed');
  }
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(grant.code_verifier!)) throw new OAuthProxyError(400, 'invalid_request', 'Malformed code_verifier');
}

/** Checks the grant and builds what Rechat is sent: nothing of the caller's but the grant's fields. */
function forwardedGrant(body: Record<string, unknown>, ctx: BrokerContext): Record<string, string> {
  const grantType = body.grant_type;
  if (typeof grantType !== 'string' || !grantType) throw new OAuthProxyError(400, 'invalid_request', 'Missing grant_type');
  const fields = GRANT_FIELDS[grantType];
  if (!fields) throw new OAuthProxyError(400, 'unsupported_grant_type', `Unsupported grant_type "${grantType.slice(0, 40)}"`);
  // A brokerage that offers only "Sign in with Rechat" (sessions.passwordSignIn: false) closes the password grant here too.
  if (grantType === 'password' && ctx.config.sessions?.passwordSignIn === false) {
    throw new OAuthProxyError(400, 'unsupported_grant_type', 'The password grant is switched off: use Sign in with Rechat');
  }
  // The broker adds the secret for its own client only.
  if (body.client_id !== undefined && body.client_id !== ctx.config.rechat.clientId) {
    throw new OAuthProxyError(401, 'invalid_client', 'Unknown client');
  }
  const out: Record<string, string> = {
    grant_type: grantType,
    client_id: ctx.config.rechat.clientId,
    client_secret: ctx.config.rechat.clientSecret,
  };
  for (const name of fields) {
    const value = body[name];
    if (typeof value !== 'string' || value === '') throw new OAuthProxyError(400, 'invalid_request', `Missing ${name}`);
    out[name] = value;
  }
  if (grantType === 'authorization_code') checkCodeGrant(out, ctx);
  return out;
}

/** Calls Rechat's token endpoint once (a token request is never replayed), with a timeout. */
async function callRechat(ctx: BrokerContext, grant: Record<string, string>): Promise<Response> {
  const url = ctx.rechat.url('/oauth2/token');
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), 15_000);
  try {
    return await ctx.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(grant),
      signal: timeout.signal,
      credentials: 'omit',
    });
  } catch (cause) {
    throw timeout.signal.aborted ? new TimeoutError('POST', url, 15_000) : new NetworkError('POST', url, cause);
  } finally {
    clearTimeout(timer);
  }
}

export const oauthRoutes: BrokerModule = (app, ctx) => {
  app.post('/oauth2/token', async (c) => {
    let grant: Record<string, string>;
    try {
      const body = await readJsonObject(c, (message, status) => new OAuthProxyError(status, 'invalid_request', `The request ${message}`));
      grant = forwardedGrant(body, ctx);
    } catch (error) {
      if (error instanceof OAuthProxyError) return oauthError(error);
      throw error;
    }
    let upstream: Response;
    let text: string;
    try {
      upstream = await callRechat(ctx, grant);
      text = await upstream.text();
    } catch (error) {
      ctx.logger.warn(`rechat: POST /oauth2/token failed: ${describe(error)}`);
      // Not an OAuth error code a client would act on: the session stays, and tries again later.
      return json({ http: 502, code: 'UpstreamUnavailable', message: 'Rechat is not answering. Try again in a moment.' }, 502);
    }
    // Rechat's own answer, status and body, as it sent them (redacted, should it ever echo the secret).
    const headers: Record<string, string> = { 'content-type': upstream.headers.get('content-type') ?? 'application/json', ...NO_STORE };
    const retryAfter = upstream.headers.get('retry-after');
    if (retryAfter) headers['retry-after'] = retryAfter;
    return new Response(ctx.redact(text), { status: upstream.status, headers });
  });
};
