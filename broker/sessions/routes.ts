/**
 * The broker-session routes, and the bridge that lets the other routes (chatbots, Mosaic admin) take
 * the agent from the session cookie instead of a bearer header.
 *
 * | route | answers |
 * | --- | --- |
 * | `POST /session` `{username, password}` | `{code, data: {status: "signed-in" \| "mfa-required", user}}` + `Set-Cookie` |
 * | `GET /session` | `{code, data: {status, user?}}`; `status: "signed-out"` (and the cookie cleared) when it has ended |
 * | `DELETE /session` | `{code, data: {status: "signed-out"}}`, the session deleted and the cookie cleared |
 *
 * Every one of them, and every `/api/*` call, passes the CSRF checks of csrf.ts. No answer carries a
 * Rechat token.
 * @module
 */
import type { Context } from 'hono';
import { BROKER_ROUTES } from '../../core/broker-contract.ts';
import { OAuthError } from '../../core/errors.ts';
import { bearer } from '../../core/http.ts';
import { TokenResponseSchema, UserSchema, envelope, type TokenResponse } from '../../core/rechat/schemas.ts';
import type { BrokerContext, BrokerEnv, BrokerModule, Caller } from '../context.ts';
import { BrokerError, json, mfaRequired, readJsonObject, upstreamUnavailable, validation } from '../http.ts';
import { describe } from '../log.ts';
import { checkCsrf, CSRF_HEADER } from './csrf.ts';
import { isMfaRequired, mfaGate } from './service.ts';

const UserEnvelope = envelope(UserSchema);

/** The lower-cased allowed origins of a configuration. */
export function allowedOrigins(ctx: BrokerContext): ReadonlySet<string> {
  return new Set(ctx.config.allowedOrigins.map((origin) => origin.toLowerCase()));
}

/**
 * A Rechat call with a given bearer token, for {@link BrokerSessions.callRechat}: one attempt, a
 * timeout, and a 502 for anything that is not an answer.
 */
export async function rechatFetch(ctx: BrokerContext, method: string, path: string, accessToken: string, init: { body?: BodyInit; contentType?: string } = {}): Promise<Response> {
  const url = ctx.rechat.url(path);
  try {
    return await ctx.fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...bearer(accessToken),
        ...(init.contentType ? { 'content-type': init.contentType } : {}),
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
      credentials: 'omit',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    ctx.logger.warn(`rechat: ${method} ${path.replace(/\/[0-9a-f-]{20,}/gi, '/:id')} failed: ${describe(error)}`);
    throw upstreamUnavailable('Rechat is not answering. Try again in a moment.');
  }
}

/** The agent of the request's broker session, checked with Rechat (`GET /users/self`) as a bearer caller is. */
async function sessionCaller(c: Context<BrokerEnv>, ctx: BrokerContext): Promise<Caller> {
  const session = await ctx.sessions.require(c);
  mfaGate(session);
  const response = await ctx.sessions.callRechat(c, session, (token) => rechatFetch(ctx, 'GET', '/users/self', token));
  const text = await response.text();
  if (isMfaRequired(response.status, text)) throw mfaRequired();
  if (!response.ok) {
    ctx.logger.warn(`rechat: GET /users/self answered ${response.status}`);
    throw upstreamUnavailable('Rechat is not answering. Try again in a moment.');
  }
  let user;
  try {
    user = UserEnvelope.parse(JSON.parse(text)).data;
  } catch {
    throw upstreamUnavailable('Rechat sent an answer the broker cannot read.');
  }
  return { user, accessToken: session.record.accessToken };
}

/** One password grant with the client secret; Rechat's OAuth refusal comes back as an OAuthError. */
async function passwordGrant(ctx: BrokerContext, username: string, password: string): Promise<TokenResponse> {
  return ctx.rechat.request({
    method: 'POST',
    path: '/oauth2/token',
    body: { grant_type: 'password', username, password, client_id: ctx.config.rechat.clientId, client_secret: ctx.config.rechat.clientSecret },
    schema: TokenResponseSchema,
    retry: false, // never replay a password grant
  });
}

// `/login` and `/callback` (broker/login.ts) are top-level navigations from Rechat's redirect: no custom
// header can ride on them; the callback is protected by its state, bound to the browser by its own cookie.
const PATHS_WITH_OWN_AUTH = ['/session', '/api/', '/oauth2/', '/health', '/login', '/callback'];

export const sessionRoutes: BrokerModule = (app, ctx) => {
  const allowed = allowedOrigins(ctx);
  const relative = (c: Context) => {
    const path = new URL(c.req.url).pathname;
    const base = c.req.routePath.endsWith('*') ? c.req.routePath.slice(0, -2) : '';
    return path.startsWith(base) ? path.slice(base.length) || '/' : path;
  };

  // The bridge: a route that asks ctx.caller (chatbots, Mosaic admin) gets the session's agent when the
  // request has no bearer header but a session cookie. The same CSRF checks apply first.
  app.use('*', async (c, next) => {
    const path = relative(c);
    if (!c.req.header('authorization') && !PATHS_WITH_OWN_AUTH.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p)) && c.req.method !== 'OPTIONS') {
      if ((c.req.header('cookie') ?? '').includes('sso_session=')) {
        checkCsrf(c, allowed);
        const caller = sessionCaller(c, ctx);
        caller.catch(() => undefined); // awaited by the route
        c.set('caller', caller);
      }
    }
    await next();
  });

  app.get(BROKER_ROUTES.session, async (c) => {
    checkCsrf(c, allowed);
    const session = await ctx.sessions.current(c);
    const hadCookie = (c.req.header('cookie') ?? '').includes('sso_session=');
    return json({ code: 'OK', data: ctx.sessions.view(session) }, 200, !session && hadCookie ? ctx.sessions.clearCookie(c) : {});
  });

  app.post(BROKER_ROUTES.session, async (c) => {
    checkCsrf(c, allowed);
    if (ctx.config.sessions?.passwordSignIn === false) {
      throw new BrokerError(403, 'PasswordSignInDisabled', 'Sign in with Rechat: this brokerage does not take passwords here.');
    }
    const body = await readJsonObject(c);
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!username || username.length > 320) throw validation('username: enter your email');
    if (!password || password.length > 1024) throw validation('password: enter your password');
    ctx.recent.add(password);
    // Password guessing: counted per account and per address before Rechat is asked (throttle.ts), as
    // the token proxy does.
    const address = ctx.clientAddress(c);
    await ctx.signIn.attempt(username, address);
    let tokens: TokenResponse;
    try {
      tokens = await passwordGrant(ctx, username, password);
    } catch (error) {
      if (error instanceof OAuthError) {
        // Only Rechat's refusal of the password counts as a failed guess; anything else gives the point back.
        await ctx.signIn.settle(username, address, error.error === 'invalid_grant' ? 'failure' : 'unknown');
        // Rechat's own refusal (`invalid_grant` for a wrong password), in OAuth's shape as the core reads it.
        return json({ error: error.error, ...(error.errorDescription ? { error_description: error.errorDescription } : {}) }, error.status >= 400 && error.status < 500 ? error.status : 400);
      }
      await ctx.signIn.settle(username, address, 'unknown');
      ctx.logger.warn(`rechat: password grant failed: ${describe(error)}`);
      throw upstreamUnavailable('Rechat is not answering. Try again in a moment.');
    }
    await ctx.signIn.settle(username, address, 'success');
    ctx.recent.add(tokens.access_token);
    ctx.recent.add(tokens.refresh_token);
    const { view, headers } = await ctx.sessions.start(c, tokens);
    return json({ code: 'OK', data: view }, 200, headers);
  });

  app.delete(BROKER_ROUTES.session, async (c) => {
    checkCsrf(c, allowed);
    const headers = await ctx.sessions.end(c);
    return json({ code: 'OK', data: { status: 'signed-out' } }, 200, headers);
  });
};

export { CSRF_HEADER };
