/**
 * The local API simulator: Rechat's OAuth2 sign-in, MFA and SSO applications, and Xenioo's chatbot
 * SSO (under `<basePath>/xenioo`, see xenioo.ts), as a web-standard fetch handler
 * (`Request` → `Promise<Response>`). The same code runs behind the demo server in Node, behind the
 * end-to-end tests over HTTP, and in the browser as an injected `fetch` for fast tests
 * (docs/architecture.md, "Upstream contracts").
 *
 * It enforces the real rules rather than replaying canned answers: passwords, expiring and rotating
 * tokens, MFA-required 401s, real TOTP checks, brand scoping and admin rights.
 *
 * ```ts
 * const sim = createSimulator({ basePath: '/api' });
 * const res = await sim.fetch('http://localhost/api/oauth2/token', { method: 'POST', body: ... });
 * ```
 * @module
 */
import { applyFault, Faults, type FaultQueue } from './faults.ts';
import { errorResponse, notFound, preflight, withCors } from './http.ts';
import { createRechatApp, type RechatConfig, type RechatContext } from './rechat.ts';
import { registerControlRoutes } from './control.ts';
import { RechatStore } from './rechat/store.ts';
import { createXeniooApp, XENIOO_PREFIX, XeniooStore } from './xenioo.ts';
import { createMosaicSimulator } from './mosaic.ts';
import { registerBrandRoutes } from './rechat/brands.ts';
import { registerRedirectUri } from './rechat/authorize.ts';

export * from './seed.ts';
export * from './xenioo-seed.ts';
export * from './mosaic.ts';
export type { Fault, FaultQueue } from './faults.ts';
export { isOfflineFault, MALFORMED_BODY } from './faults.ts';
export { ICON_TYPES, MAX_ICON_BYTES } from './rechat/apps.ts';
export { AUTH_CODE_TTL_MS, BROWSER_SESSION_COOKIE } from './rechat/authorize.ts';

export interface SimulatorOptions {
  /** Where the simulator is mounted, e.g. '/api'; default ''. Paths outside it answer 404. */
  basePath?: string;
  /** Lifetime of access tokens; default 3600. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of refresh tokens; default 30 days. */
  refreshTokenTtlSeconds?: number;
  /** When true, `/oauth2/token` requires `client_secret === CLIENT_SECRET`; default false. */
  requireClientSecret?: boolean;
  /**
   * Clock in epoch ms, default `Date.now`. Tests pass a fake one to expire tokens. TOTP codes are
   * checked against this clock too: compute them with `TOTP.generate({ secret, timestamp: now() })`.
   */
  now?: () => number;
}

export interface SimulatedRequest {
  readonly method: string;
  /** The path without the base path and without the query, e.g. '/users/self'. */
  readonly path: string;
}

export interface Simulator {
  /** The fetch handler. Rejects (like a browser's fetch) for `offline` faults and aborted delays. */
  handle(request: Request): Promise<Response>;
  /** The same, callable like `window.fetch(input, init)`, for injecting into the core. */
  fetch: typeof fetch;
  faults: FaultQueue;
  /** Back to the seed state: users, MFA, apps, tokens, faults, options, and an empty request log. */
  reset(): void;
  /**
   * Expires every access token issued so far (refresh tokens stay valid): "session expiry mid-use".
   * Xenioo SSO tokens expire too.
   */
  expireAllAccessTokens(): void;
  /**
   * Registers a redirect URI for the authorization endpoint (default client: the seed's), as a
   * brokerage does with Rechat; kept across `reset()`. Also `POST /__sim/redirect-uris`.
   */
  registerRedirectUri(redirectUri: string, clientId?: string): void;
  /** Requests received, oldest first; CORS preflights and `/__sim/*` control calls are not logged. */
  readonly requests: ReadonlyArray<SimulatedRequest>;
}

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/** '' or '/api' style: a leading slash, no trailing one. */
function normaliseBasePath(path: string | undefined): string {
  const trimmed = (path ?? '').replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** A URL string that `new Request` accepts outside a page too (relative ones resolve against the page). */
function absolute(input: RequestInfo | URL): RequestInfo | URL {
  if (typeof input !== 'string' || /^[a-z][a-z\d+.-]*:/i.test(input)) return input;
  const base = (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/';
  return new URL(input, base);
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const basePath = normaliseBasePath(options.basePath);
  const defaults: RechatConfig = {
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? THIRTY_DAYS,
    requireClientSecret: options.requireClientSecret ?? false,
  };
  const ctx: RechatContext = {
    store: new RechatStore(),
    config: { ...defaults },
    now: options.now ?? (() => Date.now()),
    basePath,
  };
  const faults = new Faults();
  const log: SimulatedRequest[] = [];
  // Xenioo (chatbot SSO) lives beside Rechat, under <basePath>/xenioo, on the same clock.
  const xenioo = new XeniooStore();
  const xeniooApp = createXeniooApp({ store: xenioo, now: ctx.now, basePath: basePath + XENIOO_PREFIX });
  const isXeniooPath = (path: string) => path === XENIOO_PREFIX || path.startsWith(`${XENIOO_PREFIX}/`);
  // Mosaic (SSO clients groups) likewise, under <basePath>/mosaic: mosaic.ts.
  const mosaic = createMosaicSimulator({ basePath: `${basePath}/mosaic`, now: ctx.now });

  const reset = () => {
    ctx.store.reset();
    xenioo.reset();
    mosaic.reset();
    Object.assign(ctx.config, defaults);
    faults.clear();
    log.length = 0;
  };
  const expireAllAccessTokens = () => {
    const now = ctx.now();
    for (const token of ctx.store.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
    xenioo.expireAll(now);
    mosaic.expireTokens();
  };

  const app = createRechatApp(ctx);
  registerBrandRoutes(app, ctx);
  registerControlRoutes(app, {
    reset,
    expireAllAccessTokens,
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    get pendingFaults() {
      return faults.pending;
    },
    config: ctx.config,
    requests: log,
  });

  async function handle(request: Request): Promise<Response> {
    if (request.method === 'OPTIONS') return preflight();
    const { pathname } = new URL(request.url);
    if (basePath && pathname !== basePath && !pathname.startsWith(`${basePath}/`)) {
      return withCors(errorResponse(notFound(`No route for ${request.method} ${pathname}`)));
    }
    const path = pathname.slice(basePath.length) || '/';
    if (path !== '/__sim' && !path.startsWith('/__sim/')) {
      log.push({ method: request.method, path });
      const fault = faults.take(path);
      if (fault) {
        const faulted = await applyFault(fault, request);
        if (faulted) return withCors(faulted);
      }
    }
    if (isXeniooPath(path)) return withCors(await xeniooApp.fetch(request));
    if (path === '/mosaic' || path.startsWith('/mosaic/')) return withCors(await mosaic.handle(request));
    return withCors(await app.fetch(request));
  }

  return {
    handle,
    fetch: async (input, init) => {
      const request = new Request(absolute(input), init);
      // Like fetch: an already-aborted signal rejects at once with its reason.
      if (request.signal.aborted) throw request.signal.reason;
      return handle(request);
    },
    faults,
    reset,
    expireAllAccessTokens,
    registerRedirectUri: (redirectUri, clientId) => registerRedirectUri(ctx, redirectUri, clientId),
    get requests() {
      return log.slice();
    },
  };
}
