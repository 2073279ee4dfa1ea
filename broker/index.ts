/**
 * The token broker: a web-standard fetch handler (`Request` → `Promise<Response>`) on the shared core.
 * It holds the secrets a browser must never have (the Rechat client secret, the Xenioo account key and
 * bot secrets) and hands a signed-in agent only what they may have (docs/architecture.md, "Security model").
 *
 * Routes (relative to where it is mounted, see {@link BrokerOptions.basePath}):
 * - `POST /oauth2/token`: Rechat's token endpoint with the client secret added (broker/oauth.ts);
 * - `POST`, `GET`, `DELETE /session`: broker sessions, the token pair kept here (broker/sessions/);
 * - `/api/...`: the allow-listed Rechat API for a broker session (broker/api-proxy.ts);
 * - `GET /brands/:brand/chatbots`, `POST /brands/:brand/chatbots/:bot/token` (broker/chatbots.ts);
 * - `GET /health`.
 *
 * Mount it in anything that speaks fetch:
 * ```ts
 * const broker = createBroker(config, { basePath: '/broker' });
 * serve({ fetch: broker.handle, port: 8787 });          // @hono/node-server; or Deno.serve, Bun.serve, a Worker
 * ```
 * `npm run broker` runs broker/server.ts, which reads the configuration from BROKER_CONFIG or the environment.
 * @module
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { Redis } from 'ioredis';
import type { Clock, Fetch } from '../core/deps.ts';
import { systemClock } from '../core/deps.ts';
import { createHttpClient } from '../core/http.ts';
import { createXeniooClient } from '../core/xenioo.ts';
import { BrokerConfigError, configSecrets, parseBrokerConfig, type BrokerConfig } from './config.ts';
import { callerChecks, type BrokerApp, type BrokerContext, type BrokerEnv, type BrokerModule } from './context.ts';
import { BrokerError, errorResponse, json, securityHeaders } from './http.ts';
import { consoleLogger, describe, RecentValues, redact, redactingLogger, type BrokerLogger } from './log.ts';
import { createSignInGuard, createThrottle, DEFAULT_LIMITS, type BrokerLimits } from './throttle.ts';
import { BROKER_MODULES } from './routes.ts';
import { decodeSessionKey } from './sessions/config.ts';
import { createSessionCipher } from './sessions/crypto.ts';
import { CSRF_HEADER } from './sessions/csrf.ts';
import { createBrokerSessions } from './sessions/service.ts';
import { memorySessionStore, redisSessionStore, type SessionStore } from './sessions/store.ts';

export { BrokerConfigError, configFromEnv, parseBrokerConfig, type BrokerConfig } from './config.ts';
export type { BrandAccess, BrokerApp, BrokerContext, BrokerModule, Caller } from './context.ts';
export { BrokerError } from './http.ts';
export { consoleLogger, type BrokerLogger } from './log.ts';
export { DEFAULT_LIMITS, type BrokerLimits, type Limit } from './throttle.ts';

/** Dependencies and mounting options of {@link createBroker}; all optional. */
export interface BrokerOptions {
  /** The fetch the broker calls Rechat and Xenioo with; default the global one. Tests pass a simulator's. */
  fetch?: Fetch;
  clock?: Clock;
  /** Where its log lines go; default the console. Every line is redacted of configured secrets. */
  logger?: BrokerLogger;
  /** Where it is mounted, such as `/broker`; default `''`. */
  basePath?: string;
  /** Per upstream request; default 15 s. */
  timeoutMs?: number;
  /** Route modules registered after {@link BROKER_MODULES}. */
  modules?: readonly BrokerModule[];
  /**
   * A connected ioredis client (broker/server.ts makes one from `redisUrl` / `REDIS_URL`). With it, broker
   * sessions live in Redis, encrypted, and the throttles count in it, shared by every instance; without it,
   * both live in this process's memory.
   */
  redis?: Redis;
  /** Throttling limits, each replacing its default ({@link DEFAULT_LIMITS}; broker/README.md says why). */
  limits?: Partial<BrokerLimits>;
  /**
   * The client's address, for per-address limits. Default: the TCP peer, on Node (@hono/node-server).
   * Behind a reverse proxy every client has the proxy's address: read the header your proxy sets, and
   * only the part it wrote (a client can send its own `X-Forwarded-For`).
   */
  clientAddress?: (request: Request, env: unknown) => string | undefined;
}

/** A running broker. */
export interface Broker {
  /**
   * The fetch handler. Never rejects: every failure is an answer. `env` is what the server passes along
   * (@hono/node-server: `{incoming, outgoing}`), for the client's address.
   */
  handle(request: Request, env?: unknown): Promise<Response>;
}

/** The TCP peer's address, from @hono/node-server's `env.incoming`; undefined elsewhere. */
function socketAddress(_request: Request, env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}

/** `''` or `/broker`: a leading slash, no trailing one. */
function normaliseBasePath(path: string | undefined): string {
  const trimmed = (path ?? '').replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * Creates the broker. The configuration is checked first (a parsed {@link BrokerConfig}, or raw JSON).
 * @throws {BrokerConfigError} for a configuration that cannot be used, naming every problem
 * @example
 * const broker = createBroker(JSON.parse(await readFile('broker.config.json', 'utf8')));
 * const response = await broker.handle(new Request('https://broker.example/brands/b1/chatbots', { headers }));
 */
export function createBroker(config: BrokerConfig | unknown, options: BrokerOptions = {}): Broker {
  const checked = parseBrokerConfig(config);
  const fetchImpl: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = options.clock ?? systemClock;
  const secrets = configSecrets(checked);
  const recent = new RecentValues();
  const logger = redactingLogger(options.logger ?? consoleLogger, secrets, recent);
  const limits: BrokerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const redis = options.redis;
  const addressOf = options.clientAddress ?? socketAddress;
  const rechat = createHttpClient({ baseUrl: checked.rechat.apiBase, fetch: fetchImpl, clock, timeoutMs: options.timeoutMs });
  const xenioo = checked.xenioo
    ? createXeniooClient({
        serviceEndpoint: checked.xenioo.serviceEndpoint,
        accountApiKey: checked.xenioo.accountApiKey,
        fetch: fetchImpl,
        clock,
        timeoutMs: options.timeoutMs,
      })
    : undefined;
  const basePath = normaliseBasePath(options.basePath);
  const sessionStore = createSessionStore(checked, options.redis, clock, logger);
  const ctx: BrokerContext = {
    config: checked,
    fetch: fetchImpl,
    clock,
    logger,
    rechat,
    ...(xenioo ? { xenioo } : {}),
    secrets,
    redact: (text) => redact(text, secrets),
    ...callerChecks(rechat, logger, clock, recent),
    sessions: createBrokerSessions({ config: checked, store: sessionStore, rechat, clock, logger, basePath }),
    clientAddress: (c: Context) => addressOf(c.req.raw, c.env) || 'unknown',
    signIn: createSignInGuard(limits, redis),
    chatbotTokens: createThrottle({ name: 'chatbot-token', ...limits.chatbotPerAgent, ...(redis ? { redis } : {}) }),
    ...(redis ? { redis } : {}),
    recent,
  };

  const root = new Hono<BrokerEnv>();
  root.onError((error) => {
    if (error instanceof BrokerError) return errorResponse(error);
    logger.error(`unexpected error: ${describe(error)}`);
    return errorResponse(new BrokerError(500, 'InternalError', 'The broker failed. Its log says why.'));
  });
  root.notFound((c) => errorResponse(new BrokerError(404, 'ResourceNotFound', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`)));
  // First, for every path: size and type of the body, and the headers of every answer (http.ts).
  root.use('*', securityHeaders);
  const app: BrokerApp = basePath ? root.basePath(basePath) : root;

  // One line per request: method, path (ids only, never a query), status, time. No header, no body.
  app.use('*', async (c, next) => {
    const started = clock.now();
    await next();
    logger.info(`${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${clock.now() - started}ms`);
  });

  // CORS for the configured origins only: any other origin gets no Access-Control-Allow-Origin, so its
  // page cannot read an answer. Credentials are allowed for the broker-session cookie; the session
  // routes also require the X-SSO-Launcher header, which only an allowed origin's preflight grants.
  const allowed = new Set(checked.allowedOrigins.map((origin) => origin.toLowerCase()));
  app.use(
    '*',
    cors({
      origin: (origin) => (allowed.has(origin.toLowerCase()) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', CSRF_HEADER],
      exposeHeaders: ['Retry-After', 'WWW-Authenticate'],
      credentials: true,
      maxAge: 600,
    }),
  );

  for (const register of [...BROKER_MODULES, ...(options.modules ?? [])]) register(app, ctx);

  return {
    async handle(request, env) {
      try {
        return await root.fetch(request, env);
      } catch (error) {
        logger.error(`unhandled: ${describe(error)}`);
        return json({ http: 500, code: 'InternalError', message: 'The broker failed. Its log says why.' }, 500);
      }
    },
  };
}

/** Sessions in Redis (encrypted with the configured key) when a client is given, else in memory. */
function createSessionStore(config: BrokerConfig, redis: Redis | undefined, clock: Clock, logger: BrokerLogger): SessionStore {
  if (!redis) {
    // broker/server.ts makes the client from redisUrl; a host calling createBroker itself must pass one.
    if (config.redisUrl) logger.warn('sessions: redisUrl is set but no Redis client was given to createBroker (options.redis): sessions are in memory');
    return memorySessionStore(() => clock.now());
  }
  const key = config.sessions?.encryptionKey ? decodeSessionKey(config.sessions.encryptionKey) : undefined;
  if (!key) throw new BrokerConfigError('the configuration', ['sessions.encryptionKey: required with Redis: sessions are encrypted at rest']);
  return redisSessionStore(redis, createSessionCipher(key));
}
