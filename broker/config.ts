/**
 * The broker's configuration: what it is, how it is checked, and how it is read from the environment.
 * It is checked once, at start, and a bad one stops the broker with every problem named by its path
 * (never by its value: values may be secrets).
 *
 * ```json
 * {
 *   "rechat": { "apiBase": "https://api.rechat.com", "clientId": "…", "clientSecret": "…" },
 *   "allowedOrigins": ["https://intranet.example.com"],
 *   "xenioo": { "serviceEndpoint": "https://api.xenioo.com", "accountApiKey": "…" },
 *   "brands": {
 *     "<rechat brand id>": {
 *       "chatbots": [
 *         { "id": "listing-assistant", "name": "Listing Assistant", "botApiKey": "…", "botApiSecret": "…",
 *           "sections": [{ "id": "conversation", "label": "Conversations" }] }
 *       ]
 *     }
 *   }
 * }
 * ```
 * @module
 */
import * as z from 'zod/mini';
import '../core/schema.ts'; // z.config({jitless: true}) before any parse
import { safeHttpUrl } from '../core/urls.ts';
import { isXeniooSection } from '../core/xenioo.ts';
import { MosaicBrokerConfigSchema } from './admin-config.ts';
import { SignInConfigSchema, signInFromEnv } from './login-config.ts';
import { RedisUrlSchema, SessionsConfigSchema } from './sessions/config.ts';

const text = z.string().check(z.trim(), z.minLength(1, 'required, a non-empty string'));
const secret = z.string().check(z.minLength(1, 'required, a non-empty string'));
const httpUrl = z.string().check(z.refine((value) => safeHttpUrl(value) !== null, 'must be an absolute http(s) URL'));

/**
 * An origin a browser sends in `Origin`: a scheme, a host and maybe a port, nothing else. Extension
 * pages (`chrome-extension://<id>`) are origins too.
 */
const ORIGIN_RE = /^(?:https?:\/\/[^/\s?#@]+|(?:chrome|moz|safari-web)-extension:\/\/[a-z0-9-]+)$/i;
const origin = z.string().check(z.refine((value) => ORIGIN_RE.test(value), 'must be an origin such as "https://intranet.example.com", without a path or a trailing slash'));

const ChatbotSectionConfig = z.object({
  id: z.string().check(z.refine(isXeniooSection, 'must be a section path such as "conversation"')),
  label: text,
});

/** One chatbot a brand offers. `id` is the broker's own name for it, used in URLs. */
const ChatbotConfig = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9][\w.-]{0,99}$/, 'must be letters, digits, ".", "-" or "_"')),
  name: text,
  botApiKey: secret,
  botApiSecret: secret,
  /** Deep links the launcher offers; default `[{id: "conversation", label: "Conversations"}]`. */
  sections: z.optional(z.array(ChatbotSectionConfig)),
});
export type ChatbotConfig = z.infer<typeof ChatbotConfig>;

/** What the broker offers one brand. Other features (Mosaic) add their own keys here. */
const BrandConfig = z.object({
  chatbots: z.optional(z.array(ChatbotConfig)),
});
export type BrandConfig = z.infer<typeof BrandConfig>;

/** The configuration's schema. Unknown keys are dropped. */
export const BrokerConfigSchema = z
  .object({
    rechat: z.object({
      /** Rechat's API base URL, such as `https://api.rechat.com`. */
      apiBase: httpUrl,
      clientId: text,
      /** Added by `POST /oauth2/token` to the grants it forwards; never sent to a browser. */
      clientSecret: secret,
    }),
    /** "Sign in with Rechat": the authorization code flow (broker/login.ts). Without it, no `/login` route. */
    signIn: z.optional(SignInConfigSchema),
    /** Origins allowed to call the broker from a browser (CORS). Same-origin pages need no entry. */
    allowedOrigins: z.array(origin),
    xenioo: z.optional(
      z.object({
        /** Xenioo's service endpoint; `/sso/authorize` is appended. */
        serviceEndpoint: httpUrl,
        accountApiKey: secret,
      }),
    ),
    /** Mosaic management credentials and the brand whose admins manage SSO clients groups (broker/admin.ts). */
    mosaic: z.optional(MosaicBrokerConfigSchema),
    /** Redis for broker sessions (shared by every instance) and throttling; `REDIS_URL`. Default: in memory. */
    redisUrl: z.optional(RedisUrlSchema),
    /** Broker sessions: lifetimes, cookie, encryption key (broker/sessions/config.ts). */
    sessions: z.optional(SessionsConfigSchema),
    /** By Rechat brand id. */
    brands: z._default(z.record(z.string().check(z.minLength(1)), BrandConfig), {}),
  })
  .check(
    z.superRefine((config, ctx) => {
      for (const [brand, settings] of Object.entries(config.brands)) {
        const seen = new Set<string>();
        (settings.chatbots ?? []).forEach((bot, index) => {
          if (seen.has(bot.id)) {
            ctx.addIssue({ code: 'custom', path: ['brands', brand, 'chatbots', index, 'id'], message: `"${bot.id}" is listed twice for this brand`, input: bot.id });
          }
          seen.add(bot.id);
        });
        if (settings.chatbots?.length && !config.xenioo) {
          ctx.addIssue({ code: 'custom', path: ['xenioo'], message: 'required when a brand has chatbots', input: undefined });
        }
      }
      if (config.redisUrl && !config.sessions?.encryptionKey) {
        ctx.addIssue({ code: 'custom', path: ['sessions', 'encryptionKey'], message: 'required with redisUrl: sessions are encrypted at rest', input: undefined });
      }
    }),
  );

/** A checked configuration. */
export type BrokerConfig = z.infer<typeof BrokerConfigSchema>;

/** A configuration that cannot be used. Its message lists every problem by path, never a value. */
export class BrokerConfigError extends Error {
  constructor(
    /** Where the configuration came from, such as `BROKER_CONFIG (demo/broker.config.json)`. */
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid broker configuration from ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BrokerConfigError';
  }
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || '(configuration)';
}

/** The raw value at a path, to tell "missing" from "wrong type" without ever printing it. */
function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Checks a configuration (parsed JSON, or an object built in code).
 * @throws {BrokerConfigError} naming every problem
 * @example
 * const config = parseBrokerConfig(JSON.parse(await readFile(path, 'utf8')), path);
 */
export function parseBrokerConfig(value: unknown, source = 'the configuration'): BrokerConfig {
  const result = BrokerConfigSchema.safeParse(value);
  if (result.success) return result.data;
  // zod's messages say what was expected, never what was received, so no secret is echoed.
  const problems = result.error.issues.map((issue) => {
    let message = issue.message;
    if (message === 'Invalid input' && issue.code === 'invalid_type') {
      message = valueAt(value, issue.path) === undefined ? 'required' : `expected ${issue.expected}`;
    }
    return `${formatPath(issue.path)}: ${message}`;
  });
  throw new BrokerConfigError(source, problems);
}

/**
 * The environment variables that configure the broker when there is no `BROKER_CONFIG` file.
 * `BROKER_BRANDS` is the `brands` object as JSON.
 */
export const BROKER_ENV = [
  'RECHAT_API_BASE',
  'RECHAT_CLIENT_ID',
  'RECHAT_CLIENT_SECRET',
  'RECHAT_REDIRECT_URI',
  'RECHAT_AUTHORIZE_URL',
  'RECHAT_EXTENSION_REDIRECT_URIS',
  'BROKER_ALLOWED_ORIGINS',
  'XENIOO_SERVICE_ENDPOINT',
  'XENIOO_ACCOUNT_API_KEY',
  'MOSAIC_API_BASE',
  'MOSAIC_CLIENT_ID',
  'MOSAIC_CLIENT_SECRET',
  'MOSAIC_ADMIN_BRAND',
  'BROKER_BRANDS',
  'REDIS_URL',
  'BROKER_SESSION_KEY',
  'BROKER_SESSION_IDLE_MINUTES',
  'BROKER_SESSION_ABSOLUTE_HOURS',
] as const;

/**
 * Builds and checks the configuration from environment variables ({@link BROKER_ENV}).
 * `BROKER_ALLOWED_ORIGINS` is a comma-separated list.
 * @throws {BrokerConfigError}
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): BrokerConfig {
  let brands: unknown = {};
  if (env.BROKER_BRANDS) {
    try {
      brands = JSON.parse(env.BROKER_BRANDS);
    } catch {
      // Not echoed: it holds bot secrets.
      throw new BrokerConfigError('the environment', ['BROKER_BRANDS: not valid JSON']);
    }
  }
  const xenioo =
    env.XENIOO_SERVICE_ENDPOINT || env.XENIOO_ACCOUNT_API_KEY
      ? { serviceEndpoint: env.XENIOO_SERVICE_ENDPOINT, accountApiKey: env.XENIOO_ACCOUNT_API_KEY }
      : undefined;
  const mosaic =
    env.MOSAIC_CLIENT_ID || env.MOSAIC_CLIENT_SECRET || env.MOSAIC_ADMIN_BRAND
      ? {
          ...(env.MOSAIC_API_BASE ? { apiBase: env.MOSAIC_API_BASE } : {}),
          clientId: env.MOSAIC_CLIENT_ID,
          clientSecret: env.MOSAIC_CLIENT_SECRET,
          adminBrand: env.MOSAIC_ADMIN_BRAND,
        }
      : undefined;
  const raw = {
    rechat: { apiBase: env.RECHAT_API_BASE, clientId: env.RECHAT_CLIENT_ID, clientSecret: env.RECHAT_CLIENT_SECRET },
    ...signInFromEnv(env),
    allowedOrigins: (env.BROKER_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean),
    ...(xenioo ? { xenioo } : {}),
    ...(mosaic ? { mosaic } : {}),
    ...sessionsFromEnv(env),
    brands,
  };
  try {
    return parseBrokerConfig(raw, 'the environment');
  } catch (error) {
    if (!(error instanceof BrokerConfigError)) throw error;
    // Name the variables rather than the paths inside the object they build.
    const names: Record<string, string> = {
      'rechat.apiBase': 'RECHAT_API_BASE',
      'rechat.clientId': 'RECHAT_CLIENT_ID',
      'rechat.clientSecret': 'RECHAT_CLIENT_SECRET',
      'signIn.redirectUri': 'RECHAT_REDIRECT_URI',
      'signIn.authorizeUrl': 'RECHAT_AUTHORIZE_URL',
      'xenioo.serviceEndpoint': 'XENIOO_SERVICE_ENDPOINT',
      'xenioo.accountApiKey': 'XENIOO_ACCOUNT_API_KEY',
      xenioo: 'XENIOO_SERVICE_ENDPOINT and XENIOO_ACCOUNT_API_KEY',
      'mosaic.apiBase': 'MOSAIC_API_BASE',
      'mosaic.clientId': 'MOSAIC_CLIENT_ID',
      'mosaic.clientSecret': 'MOSAIC_CLIENT_SECRET',
      'mosaic.adminBrand': 'MOSAIC_ADMIN_BRAND',
      redisUrl: 'REDIS_URL',
      'sessions.encryptionKey': 'BROKER_SESSION_KEY',
      'sessions.idleMinutes': 'BROKER_SESSION_IDLE_MINUTES',
      'sessions.absoluteHours': 'BROKER_SESSION_ABSOLUTE_HOURS',
    };
    const problems = error.problems.map((problem) => {
      const [path = '', ...rest] = problem.split(': ');
      const name = names[path] ?? (path.startsWith('allowedOrigins') ? 'BROKER_ALLOWED_ORIGINS' : path.startsWith('brands') ? `BROKER_BRANDS (${path})` : path);
      return `${name}: ${rest.join(': ')}`;
    });
    throw new BrokerConfigError('the environment', problems);
  }
}

/** Every secret in a configuration, for redacting logs and for checking that none leaves the broker. */
export function configSecrets(config: BrokerConfig): string[] {
  const secrets = [config.rechat.clientSecret];
  if (config.xenioo) secrets.push(config.xenioo.accountApiKey);
  if (config.mosaic) secrets.push(config.mosaic.clientSecret);
  if (config.sessions?.encryptionKey) secrets.push(config.sessions.encryptionKey);
  if (config.redisUrl) secrets.push(config.redisUrl); // may carry Redis's password
  for (const brand of Object.values(config.brands)) {
    for (const bot of brand.chatbots ?? []) secrets.push(bot.botApiKey, bot.botApiSecret);
  }
  return [...new Set(secrets.filter((secret) => secret.length >= 4))];
}

/** The `redisUrl` and `sessions` keys from `REDIS_URL` and `BROKER_SESSION_*`; numbers stay text when not numbers, for the check to name. */
function sessionsFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const number = (value: string | undefined) => (value === undefined || value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : value);
  const sessions = {
    ...(env.BROKER_SESSION_KEY ? { encryptionKey: env.BROKER_SESSION_KEY } : {}),
    ...(number(env.BROKER_SESSION_IDLE_MINUTES) !== undefined ? { idleMinutes: number(env.BROKER_SESSION_IDLE_MINUTES) } : {}),
    ...(number(env.BROKER_SESSION_ABSOLUTE_HOURS) !== undefined ? { absoluteHours: number(env.BROKER_SESSION_ABSOLUTE_HOURS) } : {}),
  };
  return {
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    ...(Object.keys(sessions).length ? { sessions } : {}),
  };
}
