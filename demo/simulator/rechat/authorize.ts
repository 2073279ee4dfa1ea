/**
 * Rechat's authorization endpoint and the `authorization_code` grant, as Rechat's own WordPress plugin
 * uses them (public repository rechat/rechat-wp, includes/admin/oauth-handler.php): the browser goes to
 * `GET /oauth2/auth?response_type=code&client_id&redirect_uri[&state][&code_challenge&code_challenge_method=S256]`,
 * signs in on Rechat's page, and comes back to `redirect_uri?code=…&state=…`; the client then posts
 * `grant_type=authorization_code, code, redirect_uri, client_id, client_secret` to `/oauth2/token`.
 *
 * Rules enforced (RFC 6749 §4.1, RFC 7636, RFC 9700 §2.1 and §4.1.3):
 * - the redirect URI must be registered for the client, compared exactly; an unknown client or
 *   redirect URI gets an error page, never a redirect (§4.1.2.1: no open redirector);
 * - a code is single use, lives 60 s, and is bound to its client, its redirect URI and its PKCE
 *   challenge; a second use, a mismatch or a wrong verifier is `invalid_grant`, and the code is spent
 *   by any attempt;
 * - only `S256` challenges are accepted; a `code_verifier` for a code issued without a challenge is
 *   refused (RFC 9700 §2.1.1, against PKCE downgrade);
 * - exchanging a code takes the client secret: the code grant is for a confidential client (the broker).
 * - The sign-in page remembers a Rechat browser session in its own cookie (`rechat_session`, HttpOnly,
 *   SameSite=Lax): the next authorization shows "Continue as <name>" instead of the password.
 * Whether the real Rechat checks PKCE is not documented; a server that does not know it ignores it.
 * @module
 */
import { CLIENT_ID, CLIENT_SECRET } from '../seed.ts';
import { escapeHtml, htmlResponse, page } from '../pages.ts';
import { json, OAuthError, readJsonObject, validation } from '../http.ts';
import { issueTokens } from './auth.ts';
import { randomToken, type UserRecord } from './store.ts';
import { userView } from './views.ts';
import type { RechatApp, RechatContext } from './context.ts';

/** Lifetime of an authorization code (RFC 6749 §4.1.2 recommends at most 10 minutes; Rechat's is ours). */
export const AUTH_CODE_TTL_MS = 60_000;
/** The cookie of Rechat's own browser session on its sign-in page. */
export const BROWSER_SESSION_COOKIE = 'rechat_session';

const S256_CHALLENGE_RE = /^[A-Za-z0-9_-]{43}$/;
const VERIFIER_RE = /^[A-Za-z0-9._~-]{43,128}$/;

/** The parameters of an authorization request, checked. */
interface AuthRequest {
  clientId: string;
  redirectUri: string;
  state: string | null;
  codeChallenge: string | null;
}

/** A request that must not be redirected back: the client or the redirect URI is not trusted. */
class UntrustedRequest extends Error {}
/** An error the client is told about, at its (registered) redirect URI (RFC 6749 §4.1.2.1). */
class RedirectableError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'unsupported_response_type' | 'access_denied',
    description: string,
  ) {
    super(description);
  }
}

function checkRequest(params: URLSearchParams, ctx: RechatContext): AuthRequest {
  const clientId = params.get('client_id') ?? '';
  const redirectUri = params.get('redirect_uri') ?? '';
  const registered = ctx.store.redirectUris.get(clientId);
  if (!registered) throw new UntrustedRequest('This application is not known to Rechat.');
  if (!registered.has(redirectUri)) throw new UntrustedRequest('This application asked to return to an address that is not registered with Rechat.');
  const state = params.get('state');
  const request: AuthRequest = { clientId, redirectUri, state: state || null, codeChallenge: null };
  if (params.get('response_type') !== 'code') throw Object.assign(new RedirectableError('unsupported_response_type', 'Only response_type=code is supported'), { request });
  const challenge = params.get('code_challenge');
  if (challenge) {
    if (params.get('code_challenge_method') !== 'S256') {
      throw Object.assign(new RedirectableError('invalid_request', 'Only code_challenge_method=S256 is supported'), { request });
    }
    if (!S256_CHALLENGE_RE.test(challenge)) throw Object.assign(new RedirectableError('invalid_request', 'Malformed code_challenge'), { request });
    request.codeChallenge = challenge;
  }
  return request;
}

/** `redirect_uri` with the response parameters added (its own query kept, RFC 6749 §3.1.2). */
function redirectTo(request: AuthRequest, params: Record<string, string>): Response {
  const url = new URL(request.redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (request.state !== null) url.searchParams.set('state', request.state);
  // 303: the browser follows a POST's answer with a GET.
  return new Response(null, { status: 303, headers: { location: url.href, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function browserSessionUser(request: Request, ctx: RechatContext): UserRecord | undefined {
  const id = cookieValue(request, BROWSER_SESSION_COOKIE);
  const userId = id ? ctx.store.browserSessions.get(id) : undefined;
  return userId ? ctx.store.users.get(userId) : undefined;
}

function sessionCookie(request: Request, ctx: RechatContext, value: string, maxAge?: number): string {
  const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  const age = maxAge === undefined ? '' : `; Max-Age=${maxAge}`;
  return `${BROWSER_SESSION_COOKIE}=${value}; Path=${ctx.basePath || '/'}; HttpOnly; SameSite=Lax${secure}${age}`;
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f3f4f7; color: #1b1d2a; }
  main { width: min(22rem, 92vw); padding: 2rem; background: #fff; border-radius: 12px; box-shadow: 0 2px 12px #0002; }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; } p { margin: .25rem 0 1rem; color: #555; overflow-wrap: anywhere; }
  form { display: grid; gap: .75rem; } label { display: grid; gap: .25rem; font-weight: 600; font-size: .9rem; }
  input { font: inherit; padding: .55rem .6rem; border: 1px solid #bbb; border-radius: 6px; }
  button { font: inherit; padding: .6rem; border-radius: 6px; border: 0; background: #1b1d2a; color: #fff; cursor: pointer; }
  button.secondary { background: transparent; color: #1b1d2a; text-decoration: underline; }
  .error { color: #a30d1c; background: #fdecee; padding: .5rem; border-radius: 6px; }`;

/** The authorization request again, as hidden fields of the page's forms. */
function hiddenFields(params: URLSearchParams): string {
  const names = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method'];
  return names
    .filter((name) => params.get(name) !== null)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name)!)}">`)
    .join('');
}

/** Rechat's sign-in page: "Continue as <name>" for a remembered browser session, else email and password. */
function signInPage(ctx: RechatContext, params: URLSearchParams, options: { user?: UserRecord; email?: string; error?: string }): string {
  const action = escapeHtml(`${ctx.basePath}/oauth2/auth`);
  const hidden = hiddenFields(params);
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : '';
  const cancel = `<form method="post" action="${action}">${hidden}<button class="secondary" name="action" value="cancel">Cancel</button></form>`;
  if (options.user) {
    const name = `${options.user.first_name} ${options.user.last_name}`;
    return page('Sign in to Rechat', `<h1>Sign in to Rechat</h1><p>Signed in as ${escapeHtml(options.user.email)}.</p>${error}
<form method="post" action="${action}">${hidden}<button name="action" value="continue">Continue as ${escapeHtml(name)}</button></form>
<form method="post" action="${action}">${hidden}<button class="secondary" name="action" value="switch">Use another account</button></form>${cancel}`, { style: STYLE });
  }
  return page('Sign in to Rechat', `<h1>Sign in to Rechat</h1><p>An application asks to use your Rechat account.</p>${error}
<form method="post" action="${action}">${hidden}
<label>Email <input name="email" type="email" autocomplete="username" required value="${escapeHtml(options.email ?? '')}"></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button name="action" value="sign-in">Sign in</button></form>${cancel}`, { style: STYLE });
}

/** Issues a code for the user and sends the browser back to the client. */
function issueCode(ctx: RechatContext, request: AuthRequest, user: UserRecord): Response {
  const code = randomToken();
  ctx.store.authCodes.set(code, {
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    userId: user.id,
    codeChallenge: request.codeChallenge,
    expiresAt: ctx.now() + AUTH_CODE_TTL_MS,
  });
  return redirectTo(request, { code });
}

/** Checks the request; untrusted ones get a page, redirectable errors go back to the client. */
function withRequest(params: URLSearchParams, ctx: RechatContext, then: (request: AuthRequest) => Response | Promise<Response>): Promise<Response> {
  let request: AuthRequest;
  try {
    request = checkRequest(params, ctx);
  } catch (error) {
    if (error instanceof UntrustedRequest) {
      return Promise.resolve(htmlResponse(page('Sign-in link not valid', `<h1>This sign-in link is not valid</h1><p>${escapeHtml(error.message)}</p>`, { style: STYLE }), 400));
    }
    if (error instanceof RedirectableError) {
      const { request: bad } = error as RedirectableError & { request: AuthRequest };
      return Promise.resolve(redirectTo(bad, { error: error.error, error_description: error.message }));
    }
    throw error;
  }
  return Promise.resolve(then(request));
}

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The `authorization_code` grant of `/oauth2/token` (auth.ts hands it over with the authenticated client).
 * The code is spent before anything else is compared, so a second attempt fails whatever it sends.
 */
export async function authorizationCodeGrant(ctx: RechatContext, body: Record<string, unknown>, clientId: string): Promise<Response> {
  const str = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  if (!str('code')) throw new OAuthError(400, 'invalid_request', 'Missing code');
  if (!str('redirect_uri')) throw new OAuthError(400, 'invalid_request', 'Missing redirect_uri');
  // The code grant is for confidential clients: the broker holds the secret (docs/architecture.md, "Signing in").
  if (body.client_secret !== CLIENT_SECRET) throw new OAuthError(401, 'invalid_client', 'Invalid client secret');
  const code = ctx.store.authCodes.get(str('code'));
  ctx.store.authCodes.delete(str('code'));
  if (!code) throw new OAuthError(400, 'invalid_grant', 'Invalid authorization code');
  if (ctx.now() >= code.expiresAt) throw new OAuthError(400, 'invalid_grant', 'Authorization code expired');
  if (code.clientId !== clientId) throw new OAuthError(400, 'invalid_grant', 'Authorization code was issued to another client');
  if (code.redirectUri !== str('redirect_uri')) throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
  const verifier = str('code_verifier');
  if (code.codeChallenge === null) {
    if (verifier) throw new OAuthError(400, 'invalid_grant', 'code_verifier sent for a request without code_challenge');
  } else {
    if (!VERIFIER_RE.test(verifier)) throw new OAuthError(400, 'invalid_grant', 'Missing or malformed code_verifier');
    if ((await s256(verifier)) !== code.codeChallenge) throw new OAuthError(400, 'invalid_grant', 'code_verifier does not match code_challenge');
  }
  const user = ctx.store.users.get(code.userId);
  if (!user) throw new OAuthError(400, 'invalid_grant', 'Invalid authorization code');
  // A new pair starts MFA-unvalidated, exactly as with the password grant (doc 001, "Multi-factor authentication").
  const tokens = issueTokens(ctx, { userId: user.id, clientId, mfaValidated: false });
  const brand = user.memberships[0]?.brand ?? null;
  return json({ ...tokens, token_type: 'Bearer', code: 'OK', data: userView(user, ctx.now()), brand }, 200, { pragma: 'no-cache' });
}

/**
 * Registers a redirect URI for a client, as a brokerage does in Rechat's settings.
 * @throws {TypeError} for an unknown client or a URI that is not an absolute http(s) URL without a fragment
 */
export function registerRedirectUri(ctx: RechatContext, redirectUri: string, clientId = CLIENT_ID): void {
  const uris = ctx.store.redirectUris.get(clientId);
  if (!uris) throw new TypeError(`Unknown client "${clientId}"`);
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new TypeError('"redirect_uri" must be an absolute URL');
  }
  if (!/^https?:$/.test(url.protocol) || url.hash || redirectUri.includes('#')) throw new TypeError('"redirect_uri" must be an http(s) URL without a fragment');
  uris.add(redirectUri);
}

export function registerAuthorizeRoutes(app: RechatApp, ctx: RechatContext): void {
  // Control route (see control.ts): `{redirect_uri, client_id?}`; answers the client's registered URIs.
  app.post('/__sim/redirect-uris', async (c) => {
    const body = await readJsonObject(c.req.raw);
    const clientId = typeof body.client_id === 'string' ? body.client_id : CLIENT_ID;
    try {
      registerRedirectUri(ctx, typeof body.redirect_uri === 'string' ? body.redirect_uri : '', clientId);
    } catch (error) {
      throw validation(`redirect_uri: ${(error as Error).message}`);
    }
    return json({ code: 'OK', data: [...ctx.store.redirectUris.get(clientId)!] });
  });

  app.get('/oauth2/auth', (c) => {
    const params = new URL(c.req.url).searchParams;
    return withRequest(params, ctx, () => htmlResponse(signInPage(ctx, params, { user: browserSessionUser(c.req.raw, ctx) })));
  });

  app.post('/oauth2/auth', async (c) => {
    const params = new URLSearchParams(await c.req.text());
    return withRequest(params, ctx, (request) => {
      const action = params.get('action');
      if (action === 'cancel') return redirectTo(request, { error: 'access_denied', error_description: 'The user cancelled the sign-in' });
      if (action === 'switch') {
        // "Use another account": forget the browser session, show the password form.
        const id = cookieValue(c.req.raw, BROWSER_SESSION_COOKIE);
        if (id) ctx.store.browserSessions.delete(id);
        const response = htmlResponse(signInPage(ctx, params, {}));
        response.headers.append('set-cookie', sessionCookie(c.req.raw, ctx, '', 0));
        return response;
      }
      if (action === 'continue') {
        const user = browserSessionUser(c.req.raw, ctx);
        if (!user) return htmlResponse(signInPage(ctx, params, { error: 'Your Rechat session has ended. Sign in again.' }), 401);
        return issueCode(ctx, request, user);
      }
      const email = params.get('email') ?? '';
      const user = ctx.store.findUserByEmail(email);
      if (!user || user.password !== params.get('password')) {
        return htmlResponse(signInPage(ctx, params, { email, error: 'Invalid email or password.' }), 401);
      }
      const session = randomToken();
      ctx.store.browserSessions.set(session, user.id);
      const response = issueCode(ctx, request, user);
      response.headers.append('set-cookie', sessionCookie(c.req.raw, ctx, session));
      return response;
    });
  });
}
