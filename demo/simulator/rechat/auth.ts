/**
 * Rechat sign-in: the OAuth2 token endpoint (password and refresh grants) and the bearer check that
 * guards every other route. Doc 001, "Authentication" ("Get Token", "Refresh Token").
 *
 * Rules enforced, beyond the doc's examples:
 * - Refresh tokens rotate: a refresh token works once (docs/architecture.md, "Rechat sign-in (OAuth 2.0)"). The old access
 *   token keeps working until its own expiry.
 * - MFA validation belongs to a token pair (doc 001, "Multi-factor authentication"); a refreshed pair
 *   inherits it, a new sign-in starts unvalidated.
 * - Errors of the token endpoint follow RFC 6749 §5.2; all others Rechat's `{http, code, message}`.
 * @module
 */
import { createMiddleware } from 'hono/factory';
import { json, mfaRequired, OAuthError, unauthorized } from '../http.ts';
import { CLIENT_ID, CLIENT_SECRET } from '../seed.ts';
import { userView } from './views.ts';
import { authorizationCodeGrant } from './authorize.ts';
import { randomToken, type TokenPair } from './store.ts';
import type { RechatApp, RechatContext, RechatEnv } from './context.ts';

/** Token requests are JSON in Rechat's doc; form encoding (RFC 6749 §4.3.2) is accepted as well. */
async function readTokenRequest(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new OAuthError(400, 'invalid_request', 'The request body must be a JSON object');
}

/** A required string field of a token request. */
function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new OAuthError(400, 'invalid_request', `Missing ${name}`);
  return value;
}

function authenticateClient(body: Record<string, unknown>, ctx: RechatContext): string {
  const clientId = field(body, 'client_id');
  if (clientId !== CLIENT_ID) throw new OAuthError(401, 'invalid_client', 'Unknown client');
  // A browser cannot keep a secret, so by default the secret is not checked; a brokerage's token proxy
  // adds it server-side (docs/architecture.md, "Rechat sign-in (OAuth 2.0)"). `requireClientSecret` simulates that setup.
  if (ctx.config.requireClientSecret && body.client_secret !== CLIENT_SECRET) {
    throw new OAuthError(401, 'invalid_client', 'Invalid client secret');
  }
  return clientId;
}

/** Issues a fresh access/refresh token pair. */
export function issueTokens(ctx: RechatContext, pair: TokenPair) {
  const now = ctx.now();
  const access_token = randomToken();
  const refresh_token = randomToken();
  ctx.store.accessTokens.set(access_token, { pair, expiresAt: now + ctx.config.accessTokenTtlSeconds * 1000 });
  ctx.store.refreshTokens.set(refresh_token, { pair, expiresAt: now + ctx.config.refreshTokenTtlSeconds * 1000 });
  return { access_token, refresh_token, expires_in: ctx.config.accessTokenTtlSeconds };
}

export function registerAuthRoutes(app: RechatApp, ctx: RechatContext): void {
  app.post('/oauth2/token', async (c) => {
    const body = await readTokenRequest(c.req.raw);
    const grantType = field(body, 'grant_type');
    if (grantType === 'authorization_code') return authorizationCodeGrant(ctx, body, authenticateClient(body, ctx));
    if (grantType !== 'password' && grantType !== 'refresh_token') {
      throw new OAuthError(400, 'unsupported_grant_type', `Unsupported grant_type "${grantType}"`);
    }
    const clientId = authenticateClient(body, ctx);

    if (grantType === 'password') {
      const username = field(body, 'username');
      const password = field(body, 'password');
      const user = ctx.store.findUserByEmail(username);
      // One message for an unknown user and a wrong password: no account enumeration.
      if (!user || user.password !== password) throw new OAuthError(400, 'invalid_grant', 'Invalid username or password');
      const tokens = issueTokens(ctx, { userId: user.id, clientId, mfaValidated: false });
      return json({ ...tokens, token_type: 'Bearer', code: 'OK', data: userView(user, ctx.now()) }, 200, { pragma: 'no-cache' });
    }

    const refreshToken = field(body, 'refresh_token');
    // Look up and consume without an await in between, so that two concurrent refreshes with the same
    // token cannot both succeed.
    const stored = ctx.store.refreshTokens.get(refreshToken);
    if (!stored || stored.pair.clientId !== clientId) throw new OAuthError(400, 'invalid_grant', 'Invalid refresh token');
    ctx.store.refreshTokens.delete(refreshToken);
    if (ctx.now() >= stored.expiresAt) throw new OAuthError(400, 'invalid_grant', 'Refresh token expired');
    if (!ctx.store.users.has(stored.pair.userId)) throw new OAuthError(400, 'invalid_grant', 'Invalid refresh token');
    const tokens = issueTokens(ctx, { ...stored.pair });
    // As in the doc: the refresh answer carries no `data`.
    return json({ ...tokens, code: 'OK', token_type: 'Bearer' }, 200, { pragma: 'no-cache' });
  });
}

/**
 * The bearer check. `mfa: 'required'` (the default) also answers 401 MFARequired while the user has MFA
 * and the pair is not validated; only `POST /users/self/mfa/validate` passes `mfa: 'pending-ok'`.
 */
export function bearer(ctx: RechatContext, options: { mfa?: 'required' | 'pending-ok' } = {}) {
  return createMiddleware<RechatEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthorized('Missing bearer token');
    const token = ctx.store.accessTokens.get(match[1]!);
    if (!token) throw unauthorized('Invalid access token');
    if (ctx.now() >= token.expiresAt) throw unauthorized('Access token expired');
    const user = ctx.store.users.get(token.pair.userId);
    if (!user) throw unauthorized('Invalid access token');
    if (options.mfa !== 'pending-ok' && user.mfaSecret !== null && !token.pair.mfaValidated) throw mfaRequired();
    c.set('user', user);
    c.set('pair', token.pair);
    await next();
  });
}
