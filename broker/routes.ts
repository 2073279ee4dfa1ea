/**
 * The broker's route table: every route module, in the order they are registered. A new feature (the
 * Mosaic admin routes, say) is one more module here: a function that registers its routes on the app
 * with the shared context (see context.ts, {@link BrokerModule}).
 * @module
 */
import { mosaicAdminRoutes } from './admin.ts';
import { apiProxyRoutes } from './api-proxy.ts';
import { chatbotRoutes } from './chatbots.ts';
import type { BrokerModule } from './context.ts';
import { json } from './http.ts';
import { oauthRoutes } from './oauth.ts';
import { loginRoutes } from './login.ts';
import { sessionRoutes } from './sessions/routes.ts';

/** `GET /health`: a load balancer's check; says nothing about the configuration. */
export const healthRoutes: BrokerModule = (app) => {
  app.get('/health', () => json({ code: 'OK' }));
};

/**
 * Every route module of the broker. The session routes come first: they also hand the session's agent
 * to the routes after them that ask `ctx.caller`.
 */
export const BROKER_MODULES: readonly BrokerModule[] = [healthRoutes, sessionRoutes, apiProxyRoutes, oauthRoutes, chatbotRoutes, mosaicAdminRoutes, loginRoutes()];
