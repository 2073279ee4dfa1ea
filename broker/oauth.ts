/**
 * `POST /oauth2/token`: Rechat's token endpoint, with the client secret added on the server.
 *
 * A page cannot keep a secret (docs/architecture.md, "Rechat sign-in (OAuth 2.0)"), so the element's and the extension's
 * `token-endpoint` point here. The broker forwards only the grants in {@link GRANT_FIELDS} (`password` and
 * `refresh_token`), with only their own fields plus the configured client id and secret. Rechat's answer is
 * parsed with the core's schema and written again as the broker's own JSON, never passed through (issue 9,
 * item 4); its status is kept where the core's session acts on it (`invalid_grant` signs out; a 429 keeps
 * its `Retry-After`). Password grants are throttled per account and per address (throttle.ts). It keeps no
 * token and logs none.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.3 (password grant) and #section-6 (refresh)
 * @module
 */
import { HttpError, MfaRequiredError, OAuthError, ValidationError } from '../core/errors.ts';
import { processResponse, sendRequest } from '../core/http.ts';
import { TokenResponseSchema } from '../core/rechat/schemas.ts';
import type { Context } from 'hono';
import { rechatBusy, type BrokerContext, type BrokerEnv, type BrokerModule } from './context.ts';
import { BrokerError, errorResponse, json, payloadTooLarge, readJsonObject } from './http.ts';
import { describe } from './log.ts';
import type { SignInOutcome } from './throttle.ts';

/** An RFC 6749 §5.2 error, as Rechat's token endpoint answers them. */
export class OAuthProxyError extends Error {
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

/**
 * The fields forwarded per grant, besides `grant_type`, `client_id` and `client_secret`. A grant is one
 * more entry. Looked up by own key only ({@link grantFields}): `constructor` or `__proto__` is no grant.
 */
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
function checkCodeGrant(grant: Record<string, string>, ctx: Pick<BrokerContext, 'config'>): void {
  if (!(ctx.config.signIn?.extensionRedirectUris ?? []).includes(grant.redirect_uri!)) {
    throw new OAuthProxyError(400, 'invalid_grant', 'redirect_uri is not allowed');
  }
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(grant.code_verifier!)) throw new OAuthProxyError(400, 'invalid_request', 'Malformed code_verifier');
}

/** The grant's fields, if `grantType` is one the broker forwards. */
export function grantFields(grantType: string): readonly string[] | undefined {
  return Object.hasOwn(GRANT_FIELDS, grantType) ? GRANT_FIELDS[grantType] : undefined;
}

/**
 * Checks the grant and builds what Rechat is sent: nothing of the caller's but the grant's fields.
 * @throws {OAuthProxyError} for anything else (fuzzed in broker/fuzz.node.test.ts)
 */
export function forwardedGrant(body: Record<string, unknown>, ctx: Pick<BrokerContext, 'config'>): Record<string, string> {
  const grantType = body.grant_type;
  if (typeof grantType !== 'string' || !grantType) throw new OAuthProxyError(400, 'invalid_request', 'Missing grant_type');
  const fields = grantFields(grantType);
  if (!fields) throw new OAuthProxyError(400, 'unsupported_grant_type', 'Unsupported grant_type');
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
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const { response, release } = await sendRequest({ fetch: ctx.fetch, method: 'POST', url, headers, body: JSON.stringify(grant), timeoutMs: 15_000 });
  release(); // as before: the timeout covers Rechat's headers; rewrite() reads its (bounded) JSON
  return response;
}

/** An RFC 6749 error code is a few printable characters (§5.2); anything else is not one. */
const ERROR_CODE_RE = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

const unavailable = () => json({ http: 502, code: 'UpstreamUnavailable', message: 'Rechat is not answering. Try again in a moment.' }, 502);

/**
 * Rechat's answer, parsed with the core's schema and written again as the broker's own JSON (issue 9,
 * item 4): nothing Rechat sent (its content type, an HTML page, a field the core does not know) reaches
 * the caller as it was. The status is Rechat's where it means something to the core's session: 200, an
 * OAuth error (400/401/403: `invalid_grant` signs out), a 429 with its `Retry-After`, an MFA 401.
 */
async function rewrite(ctx: BrokerContext, upstream: Response): Promise<{ response: Response; outcome: SignInOutcome }> {
  const url = ctx.rechat.url('/oauth2/token');
  try {
    const token = await processResponse(upstream, TokenResponseSchema, 'POST', url, ctx.clock.now());
    ctx.recent.add(token.access_token);
    ctx.recent.add(token.refresh_token);
    return { response: json(token), outcome: 'success' };
  } catch (error) {
    if (error instanceof OAuthError && error.status !== 429) {
      if (error.status >= 500 || !ERROR_CODE_RE.test(error.error)) {
        ctx.logger.warn(`rechat: POST /oauth2/token: HTTP ${error.status} (${error.error.slice(0, 64)})`);
        return { response: unavailable(), outcome: 'unknown' };
      }
      const status = error.status === 401 || error.status === 403 ? error.status : 400;
      const body = { error: error.error, ...(error.errorDescription ? { error_description: ctx.redact(error.errorDescription) } : {}) };
      // A wrong password (or a refused refresh token) is what the sign-in throttle counts.
      return { response: json(body, status), outcome: error.error === 'invalid_grant' ? 'failure' : 'unknown' };
    }
    if (error instanceof HttpError && error.status === 429) {
      const retryAfterMs = error.retryAfterMs ?? parseRetryAfterSeconds(upstream.headers.get('retry-after'));
      return { response: errorResponse(rechatBusy(retryAfterMs)), outcome: 'unknown' };
    }
    if (error instanceof MfaRequiredError) return { response: json({ http: 401, code: 'MFARequired', message: 'MFA required' }, 401), outcome: 'unknown' };
    if (error instanceof HttpError && error.status >= 400 && error.status < 500) {
      ctx.logger.warn(`rechat: POST /oauth2/token: HTTP ${error.status}`);
      return { response: json({ http: error.status, code: 'Rejected', message: 'Rechat refused the request.' }, error.status), outcome: 'unknown' };
    }
    ctx.logger.warn(`rechat: POST /oauth2/token: ${error instanceof ValidationError ? 'an answer that is not a token response' : describe(error)}`);
    return { response: unavailable(), outcome: 'unknown' };
  }
}

/** `Retry-After` in delta-seconds, as milliseconds (an OAuth-shaped 429 does not carry it in its error). */
function parseRetryAfterSeconds(value: string | null): number | undefined {
  const seconds = Number(value);
  return value && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export const oauthRoutes: BrokerModule = (app, ctx) => {
  app.post('/oauth2/token', async (c: Context<BrokerEnv>) => {
    let grant: Record<string, string>;
    try {
      const body = await readJsonObject(c, (message, status) => (status === 400 ? new OAuthProxyError(400, 'invalid_request', `The request ${message}`) : status === 413 ? payloadTooLarge() : new BrokerError(415, 'UnsupportedMediaType', `The request ${message}`)));
      grant = forwardedGrant(body, ctx);
    } catch (error) {
      if (error instanceof OAuthProxyError) return oauthError(error);
      throw error;
    }
    ctx.recent.add(grant.refresh_token);
    ctx.recent.add(grant.password);
    // Password guessing: counted per account and per address before Rechat is asked (throttle.ts).
    const guarded = grant.grant_type === 'password' ? { account: grant.username!, address: ctx.clientAddress(c) } : undefined;
    if (guarded) await ctx.signIn.attempt(guarded.account, guarded.address);
    let result: { response: Response; outcome: SignInOutcome };
    try {
      result = await rewrite(ctx, await callRechat(ctx, grant));
    } catch (error) {
      ctx.logger.warn(`rechat: POST /oauth2/token failed: ${describe(error)}`);
      // Not an OAuth error code a client would act on: the session stays, and tries again later.
      result = { response: unavailable(), outcome: 'unknown' };
    }
    if (guarded) await ctx.signIn.settle(guarded.account, guarded.address, result.outcome);
    return result.response;
  });
};
