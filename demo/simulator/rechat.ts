/**
 * The simulated Rechat API, as one Hono app: sign-in (doc 001, "Authentication"), MFA (doc 001,
 * "Multi-factor authentication"), the signed-in user, and SSO applications (doc 000).
 * The routes live in ./rechat/, one file per area.
 * @module
 */
import { Hono } from 'hono';
import { errorResponse, notFound } from './http.ts';
import { registerAppRoutes } from './rechat/apps.ts';
import { registerAuthRoutes } from './rechat/auth.ts';
import { registerAuthorizeRoutes } from './rechat/authorize.ts';
import type { RechatApp, RechatContext, RechatEnv } from './rechat/context.ts';
import { registerMfaRoutes } from './rechat/mfa.ts';
import { registerUserRoutes } from './rechat/users.ts';

export type { RechatApp, RechatConfig, RechatContext } from './rechat/context.ts';

/** Builds the app with every Rechat route registered under `ctx.basePath`. Call its `fetch`. */
export function createRechatApp(ctx: RechatContext): RechatApp {
  const root = new Hono<RechatEnv>();
  // Routes thrown errors (ApiError, OAuthError) become their JSON shapes; unknown paths are Rechat 404s.
  root.onError((error) => errorResponse(error));
  root.notFound((c) => errorResponse(notFound(`No route for ${c.req.method} ${new URL(c.req.url).pathname}`)));
  const app: RechatApp = ctx.basePath ? root.basePath(ctx.basePath) : root;
  registerAuthRoutes(app, ctx);
  registerAuthorizeRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerMfaRoutes(app, ctx);
  registerAppRoutes(app, ctx);
  return app;
}
