/**
 * "Sign in with Rechat": the OAuth2 authorization code flow with `state` and PKCE S256, the broker
 * being the confidential client (it holds the client secret). The agent types their password only on
 * Rechat's own page (RFC 9700 §2.4: the password grant must not be used).
 *
 * | route | does |
 * | --- | --- |
 * | `GET /login?return_to=<url>[&popup=1]` | 302 to Rechat's authorize URL with `state` and an S256 `code_challenge`; a short-lived cookie binds the attempt to this browser |
 * | `GET /callback?code&state` | checks the state, exchanges the code with the client secret, starts the broker session; then, in a popup, tells the opener (`postMessage` to `return_to`'s exact origin) and closes, else 303 to `return_to` |
 *
 * The protocol work is oauth4webapi's (panva): `validateAuthResponse` checks the callback's `state`
 * (and `iss`, and refuses error and implicit responses) before any code is exchanged,
 * `authorizationCodeGrantRequest` sends the grant with `ClientSecretPost` (form-encoded, as Rechat's
 * WordPress plugin does) and the PKCE verifier, and `processAuthorizationCodeResponse` checks the
 * answer. Rechat is a plain OAuth2 server, not OpenID Connect: no discovery, no ID token; the
 * authorization server's metadata is built from the configuration.
 *
 * What stays here: the attempt's `state` (256 bits), the PKCE verifier and `return_to` live only in
 * the broker's memory, keyed by a random id in an `HttpOnly` cookie scoped to `/callback`; an attempt
 * is used once and lives 10 minutes. `return_to` must be on `allowedOrigins` (no open redirect). No
 * token appears in a URL, a page or a log.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1
 * @see https://www.rfc-editor.org/rfc/rfc7636 (PKCE)
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1 (state and PKCE, exact redirect URIs)
 * @module
 */
import type { Context } from 'hono';
import * as oauth from 'oauth4webapi';
import type { TokenResponse } from '../core/rechat/schemas.ts';
import type { BrokerContext, BrokerModule } from './context.ts';
import { BrokerError } from './http.ts';
import { DEFAULT_AUTHORIZE_URL, type SignInConfig } from './login-config.ts';
import { describe } from './log.ts';

/** How long an attempt may take, from `/login` to `/callback`. */
export const LOGIN_TTL_MS = 10 * 60_000;
/** Attempts kept at most; the oldest are dropped first (a bound against a flood of `/login` calls). */
const MAX_PENDING = 10_000;
/** What the popup posts to its opener. Carries no token. */
export const SIGNED_IN_MESSAGE = 'sso-launcher:signed-in';


interface Attempt {
  state: string;
  verifier: string;
  returnTo: string;
  popup: boolean;
  expiresAt: number;
}

/** Pending attempts by cookie id. In memory: see the README for several broker instances. */
class Attempts {
  readonly #pending = new Map<string, Attempt>();

  add(id: string, attempt: Attempt, now: number): void {
    for (const [key, value] of this.#pending) if (value.expiresAt <= now) this.#pending.delete(key);
    while (this.#pending.size >= MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value!);
    this.#pending.set(id, attempt);
  }

  /** The attempt, removed: each is used once, whatever the outcome. */
  take(id: string | undefined, now: number): Attempt | undefined {
    if (!id) return undefined;
    const attempt = this.#pending.get(id);
    this.#pending.delete(id);
    return attempt && attempt.expiresAt > now ? attempt : undefined;
  }
}

const ATTEMPT_ID_RE = /^[A-Za-z0-9_-]{43}$/;

function randomId(): string {
  let binary = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(32))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The attempt cookie: `__Secure-` and `Secure` over https. SameSite=Lax: it must ride on Rechat's redirect back, a cross-site navigation. */
function attemptCookie(c: Context, basePath: string, value: string, maxAgeSeconds: number): string {
  const secure = new URL(c.req.url).protocol === 'https:';
  return [`${secure ? '__Secure-' : ''}sso_login=${value}`, `Path=${basePath}/callback`, `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}

function readAttemptCookie(c: Context): string | undefined {
  const name = new URL(c.req.url).protocol === 'https:' ? '__Secure-sso_login' : 'sso_login';
  for (const part of (c.req.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      if (ATTEMPT_ID_RE.test(value)) return value;
    }
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/** A small page of the broker's own: no external resources, a script only with its nonce. */
function htmlPage(status: number, title: string, body: string, headers: Record<string, string> = {}, nonce?: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0}main{max-width:30rem;padding:1.5rem;text-align:center}a{font-weight:600}</style></head>
<body><main>${body}</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; ${nonce ? `script-src 'nonce-${nonce}'; ` : ''}frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}

/** The plain error page every refused start or callback gets, with "Try again". */
function errorPage(status: number, message: string, tryAgain: string, headers: Record<string, string> = {}): Response {
  return htmlPage(status, 'Sign-in failed', `<h1>Sign-in failed</h1><p role="alert">${escapeHtml(message)}</p><p><a href="${escapeHtml(tryAgain)}">Try again</a></p>`, headers);
}

/** `return_to`, when it is an absolute http(s) URL on an allowed origin; else undefined. */
function allowedReturnTo(value: string | undefined, ctx: BrokerContext): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  const allowed = ctx.config.allowedOrigins.some((origin) => origin.toLowerCase() === url.origin.toLowerCase());
  return allowed ? url.href : undefined;
}

/** Messages of the callback's refusals: plain words, no protocol detail. */
const MESSAGES = {
  expired: 'This sign-in link has expired or was already used.',
  tampered: 'This sign-in could not be checked, so it was stopped.',
  cancelled: 'Sign-in was cancelled.',
  refused: 'Rechat refused the sign-in.',
  unavailable: 'Rechat is not answering. Try again in a moment.',
} as const;

/** Registers `/login` and `/callback` when the configuration has a `signIn` section. */
export function loginRoutes(): BrokerModule {
  return (app, ctx) => {
    const signIn: SignInConfig | undefined = ctx.config.signIn;
    if (!signIn) return;
    // Where the broker is mounted (`/broker`), from the request's own path: the cookie is scoped under it.
    const mountOf = (c: Context, route: string) => c.req.path.slice(0, -route.length);
    const attempts = new Attempts();
    const authorizeUrl = signIn.authorizeUrl ?? DEFAULT_AUTHORIZE_URL;
    // Rechat is plain OAuth2: the server's metadata is configuration, not discovery.
    const as: oauth.AuthorizationServer = {
      issuer: new URL(authorizeUrl).origin,
      authorization_endpoint: authorizeUrl,
      token_endpoint: ctx.rechat.url('/oauth2/token'),
    };
    const client: oauth.Client = { client_id: ctx.config.rechat.clientId };
    const clientAuth = oauth.ClientSecretPost(ctx.config.rechat.clientSecret);
    // Where "Try again" starts over when the attempt (and so its return_to) is unknown: the first web origin allowed.
    const home = `${ctx.config.allowedOrigins.find((origin) => /^https?:/i.test(origin)) ?? ''}/`;
    const loginUrl = (mount: string, returnTo: string, popup: boolean) => `${mount}/login?${new URLSearchParams({ return_to: returnTo, ...(popup ? { popup: '1' } : {}) })}`;

    app.get('/login', async (c) => {
      const mount = mountOf(c, '/login');
      const popup = c.req.query('popup') === '1';
      const returnTo = allowedReturnTo(c.req.query('return_to'), ctx);
      if (!returnTo) {
        // Never a redirect to an address we do not know: that would be an open redirector.
        return errorPage(400, 'This sign-in link is not valid: it does not return to an allowed address.', loginUrl(mount, home, popup));
      }
      const id = randomId();
      const state = oauth.generateRandomState();
      const verifier = oauth.generateRandomCodeVerifier();
      attempts.add(id, { state, verifier, returnTo, popup, expiresAt: ctx.clock.now() + LOGIN_TTL_MS }, ctx.clock.now());
      const url = new URL(authorizeUrl);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', ctx.config.rechat.clientId);
      url.searchParams.set('redirect_uri', signIn.redirectUri);
      url.searchParams.set('state', state);
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
      url.searchParams.set('code_challenge_method', 'S256');
      return new Response(null, {
        status: 302,
        headers: { location: url.href, 'set-cookie': attemptCookie(c, mount, id, LOGIN_TTL_MS / 1000), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      });
    });

    app.get('/callback', async (c) => {
      const mount = mountOf(c, '/callback');
      const clear = { 'set-cookie': attemptCookie(c, mount, '', 0) };
      const attempt = attempts.take(readAttemptCookie(c), ctx.clock.now());
      if (!attempt) {
        // Replayed (the attempt was used), expired, or opened in a browser that never started it.
        ctx.logger.warn('login: callback without a pending attempt for this browser');
        return errorPage(400, MESSAGES.expired, loginUrl(mount, home, false), clear);
      }
      const retry = loginUrl(mount, attempt.returnTo, attempt.popup);
      let params: URLSearchParams;
      try {
        params = oauth.validateAuthResponse(as, client, new URL(c.req.url), attempt.state);
      } catch (error) {
        if (error instanceof oauth.AuthorizationResponseError) {
          ctx.logger.warn(`login: Rechat answered ${error.error}`);
          return errorPage(400, error.error === 'access_denied' ? MESSAGES.cancelled : MESSAGES.refused, retry, clear);
        }
        ctx.logger.warn(`login: callback refused: ${error instanceof Error ? error.message : 'invalid'}`);
        return errorPage(400, MESSAGES.tampered, retry, clear);
      }

      let tokens: oauth.TokenEndpointResponse;
      try {
        const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, signIn.redirectUri, attempt.verifier, {
          [oauth.customFetch]: (url, init) => ctx.fetch(url, init),
          // The demo's simulator is plain http on loopback; a real Rechat is https.
          [oauth.allowInsecureRequests]: new URL(as.token_endpoint!).protocol === 'http:',
          signal: () => AbortSignal.timeout(15_000),
        });
        tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
      } catch (error) {
        if (error instanceof oauth.ResponseBodyError) {
          ctx.logger.warn(`login: code exchange refused: ${error.error}`);
          return errorPage(400, error.error === 'invalid_grant' ? MESSAGES.expired : MESSAGES.refused, retry, clear);
        }
        ctx.logger.warn(`login: code exchange failed: ${describe(error)}`);
        return errorPage(502, MESSAGES.unavailable, retry, clear);
      }

      // The broker session of broker/sessions: the pair stays here, the page gets an HttpOnly cookie.
      let started: Awaited<ReturnType<BrokerContext['sessions']['start']>>;
      try {
        started = await ctx.sessions.start(c, tokens as unknown as TokenResponse);
      } catch (error) {
        ctx.logger.warn(`login: session start failed: ${describe(error)}`);
        return errorPage(error instanceof BrokerError ? error.status : 502, error instanceof BrokerError ? error.message : MESSAGES.unavailable, retry, clear);
      }
      const withCookies = (response: Response) => {
        response.headers.append('set-cookie', clear['set-cookie']);
        for (const [name, value] of Object.entries(started.headers)) response.headers.append(name, value);
        return response;
      };

      if (!attempt.popup) {
        return withCookies(new Response(null, { status: 303, headers: { location: attempt.returnTo, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } }));
      }
      // In the popup: tell the opener, at the exact allowed origin of return_to, and close. Without an
      // opener (a blocker cut it, or the agent opened the link in a tab), go to return_to instead.
      const nonce = randomId();
      const data = JSON.stringify({ origin: new URL(attempt.returnTo).origin, returnTo: attempt.returnTo, message: { type: SIGNED_IN_MESSAGE, status: started.view.status } }).replace(/</g, '\\u003c');
      const script = `const d=${data};if(window.opener){window.opener.postMessage(d.message,d.origin);window.close();}else{location.replace(d.returnTo);}`;
      return withCookies(htmlPage(200, 'Signed in', `<h1>Signed in</h1><p>You can close this window.</p><script nonce="${nonce}">${script}</script>`, {}, nonce));
    });
  };
}
