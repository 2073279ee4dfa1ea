/**
 * The broker's admin routes for Mosaic SSO clients groups: the browser's only way to Mosaic, since the
 * management credentials must never reach it (docs/architecture.md, "Security model").
 *
 * | route | Mosaic call | answers |
 * | --- | --- | --- |
 * | `GET /admin/mosaic/groups` | list | `{result: [group]}` |
 * | `GET /admin/mosaic/groups/:id` | get | `{result: group}` |
 * | `POST /admin/mosaic/groups` | create | `{result: group \| null}` |
 * | `PUT /admin/mosaic/groups/:id` | update | `{}` |
 * | `DELETE /admin/mosaic/groups/:id` | delete | `{}` |
 *
 * Every route first checks the caller's Rechat bearer token (`GET /users/self`) and that they are an
 * admin of the configured `mosaic.adminBrand` (`GET /users/self/brands` roles, and `GET /brands/:brand`
 * when they reach it through a brand above it); then it calls Mosaic with the management token, which
 * the core caches for its hour and renews a minute early (core/mosaic.ts).
 *
 * Answers are Mosaic's shapes, parsed on the way through: clients' secrets (in the vendor's example)
 * are dropped. Mosaic's own refusals are passed on with their status and `{message, error_code}`, so
 * the browser's core reads a 403 naming the missing permission, or a 404 "SSO Service Not Found",
 * exactly as the broker did. The broker's own refusals use its `{http, code, message}` shape. Never a
 * 401 for a Mosaic problem: a 401 tells the browser's session the agent's token is bad.
 * @module
 */
import type { Context } from 'hono';
import { BROKER_ROUTES } from '../core/broker-contract.ts';
import { NetworkError, TimeoutError, ValidationError } from '../core/errors.ts';
import { withBearer } from '../core/http.ts';
import { BROKER_MOSAIC_CREDENTIALS, createMosaicClient, isMosaicError, type MosaicClientApi, type MosaicGroupInput, type MosaicGroupsApi } from '../core/mosaic.ts';
import { checkBrandAdmin } from '../core/rechat/brands.ts';
import type { AuthorizedApi } from '../core/session.ts';
import type { MosaicBrokerConfig } from './admin-config.ts';
import { fromRechatError, type BrokerApp, type BrokerContext, type BrokerEnv, type BrokerModule } from './context.ts';
import { BrokerError, forbidden, json, readJsonObject, validation } from './http.ts';
import { describe } from './log.ts';

/** The broker's answer for a Mosaic failure. */
function mosaicFailure(error: unknown, ctx: BrokerContext, what: string): Response {
  if (isMosaicError(error)) {
    if (error.kind === 'credentials') {
      ctx.logger.error(`mosaic: ${what}: the management credentials were refused (HTTP ${error.status})`);
      return json({ http: 502, code: BROKER_MOSAIC_CREDENTIALS, message: 'The broker cannot sign in to Mosaic: its management credentials were refused.' }, 502);
    }
    if (error.kind === 'permission' || error.kind === 'not-found' || error.kind === 'invalid') {
      ctx.logger.warn(`mosaic: ${what}: HTTP ${error.status} (${error.detail ?? error.kind})`);
      // Mosaic's own shape and status, so the browser's core maps it as it would Mosaic's answer.
      const message = error.kind === 'permission' ? `Forbidden: missing permission ${error.permission}` : (error.detail ?? error.message);
      return json({ message, error_code: error.status }, error.status);
    }
    ctx.logger.warn(`mosaic: ${what}: HTTP ${error.status}`);
    return json({ http: 502, code: 'UpstreamUnavailable', message: 'Mosaic had a problem. Try again in a moment.' }, 502);
  }
  if (error instanceof ValidationError && error.context === 'SSO clients group') {
    const first = error.issues[0]!;
    return json({ http: 400, code: 'Validation', message: `${first.path}: ${first.message}` }, 400);
  }
  ctx.logger.warn(`mosaic: ${what} failed: ${describe(error)}`);
  const status = error instanceof TimeoutError ? 504 : 502;
  const message = error instanceof NetworkError || error instanceof TimeoutError ? 'Mosaic is not answering. Try again in a moment.' : 'Mosaic sent an answer the broker could not read.';
  return json({ http: status, code: 'UpstreamUnavailable', message }, status);
}

/** The caller's Rechat calls, with their bearer token: for the core's brand checks. Never retried (issue 9, item 7). */
function asCaller(ctx: BrokerContext, accessToken: string): AuthorizedApi {
  return { request: (options) => ctx.rechat.request(withBearer({ ...options, retry: false }, accessToken)) };
}

/**
 * The admin routes as a broker module, for `config` (default: the `mosaic` section of the broker's
 * configuration). Without one no route is registered: the broker's 404 tells a launcher pointed at it
 * that groups cannot be managed here.
 * @example
 * createBroker(config, { modules: [mosaicAdminModule({ clientId, clientSecret, adminBrand })] });
 */
export function mosaicAdminModule(explicit?: MosaicBrokerConfig): BrokerModule {
  return (app, ctx) => registerMosaicAdminRoutes(app, ctx, explicit ?? ctx.config.mosaic);
}

/** The admin routes, configured from the broker configuration's `mosaic` section. */
export const mosaicAdminRoutes: BrokerModule = mosaicAdminModule();

function registerMosaicAdminRoutes(app: BrokerApp, ctx: BrokerContext, config: MosaicBrokerConfig | undefined): void {
  if (!config) return;
  const { adminBrand } = config;
  // One client per broker: its management token is cached for the hour and shared by every request.
  const mosaic: MosaicClientApi = createMosaicClient({
    apiBase: config.apiBase,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    fetch: ctx.fetch,
    clock: ctx.clock,
  });

  /** The caller, if an admin of the configured brand; otherwise a 403 (or the caller check's 401/502). */
  async function requireMosaicAdmin(c: Context<BrokerEnv>): Promise<MosaicGroupsApi> {
    const caller = await ctx.caller(c);
    let admin: boolean;
    try {
      ({ admin } = await checkBrandAdmin(asCaller(ctx, caller.accessToken), adminBrand));
    } catch (error) {
      throw fromRechatError(error, ctx.logger, 'brand admin check');
    }
    if (!admin) throw forbidden('Only brokerage admins may manage SSO clients groups.');
    return mosaic;
  }

  // Any JSON object: the core's checkGroupInput checks it (a 400 naming the field) before Mosaic sees it.
  const body = async (c: Context<BrokerEnv>) => (await readJsonObject(c)) as unknown as MosaicGroupInput;
  const id = (c: Context<BrokerEnv>) => c.req.param('id') ?? '';

  const route = (what: string, run: (api: MosaicGroupsApi, c: Context<BrokerEnv>) => Promise<Response>) => async (c: Context<BrokerEnv>) => {
    const api = await requireMosaicAdmin(c); // BrokerErrors go to the app's error handler
    try {
      return await run(api, c);
    } catch (error) {
      if (error instanceof BrokerError) throw error;
      return mosaicFailure(error, ctx, what);
    }
  };

  app.get(
    BROKER_ROUTES.mosaicGroups,
    route('list groups', async (api) => json({ result: await api.listGroups() })),
  );
  app.get(
    BROKER_ROUTES.mosaicGroup,
    route('get group', async (api, c) => json({ result: await api.getGroup(id(c)) })),
  );
  app.post(
    BROKER_ROUTES.mosaicGroups,
    route('create group', async (api, c) => json({ result: await api.createGroup(await body(c)) })),
  );
  app.put(
    BROKER_ROUTES.mosaicGroup,
    route('update group', async (api, c) => {
      await api.updateGroup(id(c), await body(c));
      return json({});
    }),
  );
  app.delete(
    BROKER_ROUTES.mosaicGroup,
    route('delete group', async (api, c) => {
      if (!id(c)) throw validation('id: required');
      await api.deleteGroup(id(c));
      return json({});
    }),
  );
}
