/**
 * Transmit Security Mosaic, SSO Service: clients groups (create, list, get, update, delete), with the
 * zod schemas of what Mosaic sends and the checks of what we send.
 *
 * Two ways in, one interface ({@link MosaicGroupsApi}):
 * - {@link createMosaicClient}, **server side only** (the broker): it holds the management client's
 *   credentials, gets a bearer token with the client-credentials grant (valid one hour), caches it and
 *   renews it a minute early, and calls Mosaic directly.
 * - {@link mosaicViaBroker}, in the browser: the same calls through the broker's admin routes, with the
 *   agent's Rechat bearer token (the broker checks the agent is a brand admin). Management credentials
 *   never reach a browser (docs/architecture.md, "Security model").
 *
 * Failures are {@link MosaicError}s with a `kind` and, for a 403, the missing `permission`
 * (`sso-service:read`, `:edit` or `:delete`), so a caller can say exactly what to ask for.
 *
 * @see docs/architecture.md, "Mosaic SSO clients groups" (Transmit Security's Mosaic API reference, "SSO Service")
 * @module
 */
// Imported directly (not through ./schema.ts) so the bundler can tree-shake zod.
import * as z from 'zod/mini';
import './schema.ts'; // z.config({jitless: true}) before any parse
import type { Clock, Fetch } from './deps.ts';
import { systemClock } from './deps.ts';
import { HttpError, OAuthError, UpstreamError, ValidationError, type ValidationIssue } from './errors.ts';
import { createHttpClient, withBearer, type HttpClient, type RequestOptions } from './http.ts';
import { BROKER_ROUTES, brokerPath } from './broker-contract.ts';
import type { AuthorizedApi } from './session.ts';

// ---- Schemas ----------------------------------------------------------------------------------------

/** The units of `sessionTimeout`. */
export const SESSION_TIMEOUT_GRANULARITIES = ['seconds', 'minutes', 'hours', 'days', 'weeks'] as const;
export type SessionTimeoutGranularity = (typeof SESSION_TIMEOUT_GRANULARITIES)[number];

/** The permissions of Mosaic's SSO Service a management client may hold. */
export const MOSAIC_PERMISSIONS = ['sso-service:read', 'sso-service:edit', 'sso-service:delete'] as const;
export type MosaicPermission = (typeof MOSAIC_PERMISSIONS)[number];

const optionalString = z.optional(z.nullable(z.string()));

/**
 * A group's configuration, as Mosaic sends it. Every field is optional on the way in: a group made in
 * Mosaic's console may lack some, and the granularity is read as any string so that a unit added
 * later does not break the list (it is checked strictly on the way out, by {@link checkGroupInput}).
 */
export const MosaicGroupConfigurationSchema = z.object({
  journey: optionalString,
  allowSilentLogin: z.optional(z.nullable(z.boolean())),
  sessionTimeout: z.optional(z.nullable(z.number())),
  sessionTimeoutGranularity: optionalString,
});

/**
 * An OIDC or SAML client of a group. Only what an admin is shown is kept: `client_secret`, which
 * the vendor's example includes, is dropped by the parse and so never leaves the broker.
 */
export const MosaicClientSchema = z.object({
  client_id: z.string(),
  name: optionalString,
  description: optionalString,
  client_type: optionalString,
  authentication_protocol: optionalString,
  redirect_uris: z.optional(z.nullable(z.array(z.string()))),
  sso_url: optionalString,
  entity_id: optionalString,
  sp_acs_url: optionalString,
  sp_entity_id: optionalString,
  created_at: optionalString,
  updated_at: optionalString,
});
export type MosaicClient = z.infer<typeof MosaicClientSchema>;

/** A clients group. */
export const MosaicGroupSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  description: optionalString,
  configuration: z.optional(z.nullable(MosaicGroupConfigurationSchema)),
  clients: z.optional(z.nullable(z.array(MosaicClientSchema))),
});
export type MosaicGroup = z.infer<typeof MosaicGroupSchema>;

/** `{result: …}`, the envelope of every Mosaic answer. */
export const mosaicResult = <T extends z.ZodMiniType>(result: T) => z.object({ result });

const GroupListResponse = mosaicResult(z.array(MosaicGroupSchema));
const GroupResponse = mosaicResult(MosaicGroupSchema);
/** Create's answer. The vendor's example for it shows an application object (a copy from another
 *  page, it seems), so its `result` is read as a group when it is one and ignored otherwise. */
const CreateResponse = z.object({ result: z.optional(z.unknown()) });

/**
 * `POST /oidc/token` (client credentials). `expires_in` is in seconds; Mosaic's tokens last an hour,
 * which is assumed when the field is missing.
 */
export const MosaicTokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  token_type: optionalString,
  expires_in: z.optional(z.number().check(z.positive())),
});

// ---- What we send -----------------------------------------------------------------------------------

/** The body of create and update. */
export interface MosaicGroupInput {
  name: string;
  description: string;
  configuration: {
    journey: string;
    allowSilentLogin: boolean;
    sessionTimeout: number;
    sessionTimeoutGranularity: SessionTimeoutGranularity;
  };
}

/** Longest accepted name and description (our limits; the vendor doc gives none). */
export const GROUP_NAME_MAX = 100;
export const GROUP_DESCRIPTION_MAX = 500;

/**
 * Checks a group before it is sent, and returns it trimmed. Throws a {@link ValidationError} listing
 * every problem, each with the field's path (`name`, `configuration.sessionTimeout`, …), so a form can
 * put each message next to its field.
 * @example
 * try { checkGroupInput(fromForm) } catch (e) { if (e instanceof ValidationError) showNextToFields(e.issues) }
 */
export function checkGroupInput(input: unknown): MosaicGroupInput {
  const issues: ValidationIssue[] = [];
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const body = record(input);
  const config = record(body.configuration);

  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) issues.push({ path: 'name', message: 'required' });
  else if (name.length > GROUP_NAME_MAX) issues.push({ path: 'name', message: `at most ${GROUP_NAME_MAX} characters` });

  const description = body.description === undefined || body.description === null ? '' : body.description;
  if (typeof description !== 'string') issues.push({ path: 'description', message: 'must be text' });
  else if (description.trim().length > GROUP_DESCRIPTION_MAX) {
    issues.push({ path: 'description', message: `at most ${GROUP_DESCRIPTION_MAX} characters` });
  }

  const journey = config.journey === undefined || config.journey === null ? '' : config.journey;
  if (typeof journey !== 'string') issues.push({ path: 'configuration.journey', message: 'must be text' });

  const silent = config.allowSilentLogin ?? false;
  if (typeof silent !== 'boolean') issues.push({ path: 'configuration.allowSilentLogin', message: 'must be true or false' });

  const timeout = config.sessionTimeout;
  if (typeof timeout !== 'number' || !Number.isSafeInteger(timeout) || timeout < 1) {
    issues.push({ path: 'configuration.sessionTimeout', message: 'must be a whole number, at least 1' });
  }

  const granularity = config.sessionTimeoutGranularity;
  if (!(SESSION_TIMEOUT_GRANULARITIES as readonly unknown[]).includes(granularity)) {
    issues.push({ path: 'configuration.sessionTimeoutGranularity', message: `must be one of ${SESSION_TIMEOUT_GRANULARITIES.join(', ')}` });
  }

  if (issues.length) throw new ValidationError('SSO clients group', issues);
  return {
    name,
    description: (description as string).trim(),
    configuration: {
      journey: (journey as string).trim(),
      allowSilentLogin: silent as boolean,
      sessionTimeout: timeout as number,
      sessionTimeoutGranularity: granularity as SessionTimeoutGranularity,
    },
  };
}

function checkGroupId(groupId: unknown): string {
  if (typeof groupId !== 'string' || !groupId) throw new TypeError('"groupId" must be a non-empty string');
  return groupId;
}

// ---- Errors -----------------------------------------------------------------------------------------

/** What went wrong with a Mosaic call. */
export const MosaicErrorKind = {
  /** 404: "SSO Service Not Found" (the group does not exist, or no longer does). */
  NotFound: 'not-found',
  /** 403: the management client lacks a permission; see {@link MosaicError.permission}. */
  Permission: 'permission',
  /** The management credentials were refused (token endpoint, or a 401 with a fresh token). */
  Credentials: 'credentials',
  /** 400: Mosaic refused the body. */
  Invalid: 'invalid',
  /** Any other failure status from Mosaic. */
  Failed: 'failed',
} as const;
export type MosaicErrorKind = (typeof MosaicErrorKind)[keyof typeof MosaicErrorKind];

/**
 * A Mosaic call failed. `message` is a plain sentence for an admin; `kind` and `permission` say what
 * to do about it. Network errors and timeouts are not wrapped: they stay the core's own errors.
 * Guard with {@link isMosaicError} (it checks `name`, which survives a realm boundary).
 */
export class MosaicError extends UpstreamError {
  constructor(
    readonly kind: MosaicErrorKind,
    message: string,
    status: number,
    /** For `kind: 'permission'`: the permission the management client lacks. */
    readonly permission?: MosaicPermission,
    /** Mosaic's own message, when it sent one. */
    detail?: string,
  ) {
    super(message, status, 'mosaic', detail);
  }
}

/** True for a {@link MosaicError}, in this realm or rebuilt from another one. */
export function isMosaicError(value: unknown): value is MosaicError {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'MosaicError';
}

/** The `code` of the broker's 502 when Mosaic refuses its management credentials. */
export const BROKER_MOSAIC_CREDENTIALS = 'MosaicCredentials';

/** The permission each method needs (the vendor doc lists `:edit` and `:delete` for delete). */
function permissionFor(method: string): MosaicPermission {
  if (method === 'GET') return 'sso-service:read';
  if (method === 'DELETE') return 'sso-service:delete';
  return 'sso-service:edit';
}

/**
 * Turns an {@link HttpError} of a Mosaic call (or of the broker passing one on) into a
 * {@link MosaicError}; other errors are returned unchanged.
 */
export function toMosaicError(error: unknown): unknown {
  if (!(error instanceof HttpError) || isMosaicError(error)) return error;
  const detail = error.serverMessage;
  const named = /sso-service:(read|edit|delete)\b/i.exec(detail ?? '')?.[0]?.toLowerCase() as MosaicPermission | undefined;
  // The broker's word for "Mosaic refused my management credentials" (it never answers 401 for that:
  // a 401 would tell the session that the agent's own token is bad).
  if (error.serverCode === BROKER_MOSAIC_CREDENTIALS) {
    return new MosaicError(MosaicErrorKind.Credentials, "The broker cannot sign in to Mosaic. Check the broker's Mosaic credentials.", error.status, undefined, detail);
  }
  // Mosaic's error bodies are `{message, error_code}`: no `code`. A body with a `code` is the broker's
  // own answer (not a brand admin, no such route) and stays the HTTP error it is.
  if (error.serverCode && !(error instanceof OAuthError) && !named && detail !== 'SSO Service Not Found') return error;
  if (error instanceof OAuthError) {
    return new MosaicError(
      MosaicErrorKind.Credentials,
      `Mosaic refused the management credentials (${error.error}). Check the broker's Mosaic client id and secret.`,
      error.status,
      undefined,
      detail,
    );
  }
  switch (error.status) {
    case 404:
      return new MosaicError(MosaicErrorKind.NotFound, 'This SSO clients group was not found in Mosaic. It may have been deleted.', 404, undefined, detail);
    case 403: {
      const permission = named ?? permissionFor(error.method);
      return new MosaicError(
        MosaicErrorKind.Permission,
        `Mosaic refused: the management client lacks the "${permission}" permission. Ask your Mosaic administrator to grant it.`,
        403,
        permission,
        detail,
      );
    }
    case 401:
      return new MosaicError(MosaicErrorKind.Credentials, 'Mosaic did not accept the management token. Check the broker\'s Mosaic credentials.', 401, undefined, detail);
    case 400:
      return new MosaicError(MosaicErrorKind.Invalid, `Mosaic refused the group${detail ? `: ${detail}` : '.'}`, 400, undefined, detail);
    default:
      return new MosaicError(MosaicErrorKind.Failed, `Mosaic answered with status ${error.status}. Try again in a moment.`, error.status, undefined, detail);
  }
}

// ---- The calls --------------------------------------------------------------------------------------

/** Clients groups, wherever they are reached from. */
export interface MosaicGroupsApi {
  /** Every clients group, with its clients. */
  listGroups(options?: { signal?: AbortSignal }): Promise<MosaicGroup[]>;
  /** One group; a {@link MosaicError} `not-found` when there is none with this id. */
  getGroup(groupId: string, options?: { signal?: AbortSignal }): Promise<MosaicGroup>;
  /** Creates a group; resolves with it when Mosaic's answer is a group, else with `null`. */
  createGroup(input: MosaicGroupInput): Promise<MosaicGroup | null>;
  /** Replaces a group's name, description and configuration. */
  updateGroup(groupId: string, input: MosaicGroupInput): Promise<void>;
  /** Deletes a group. */
  deleteGroup(groupId: string): Promise<void>;
}

/** Paths of the SSO Service, relative to the API base. */
export const MOSAIC_GROUPS_PATH = '/cis/v1/sso-service/sso-group';
const groupPath = (groupId: string) => `${MOSAIC_GROUPS_PATH}/${encodeURIComponent(groupId)}`;

/** Sends one request through `send`, mapping HTTP failures to {@link MosaicError}. */
type Send = <T>(options: RequestOptions<T>) => Promise<T>;

/** The five calls over any transport: shared by the direct client and the broker client. */
function groupsApi(send: Send, paths: { list: string; one: (id: string) => string }): MosaicGroupsApi {
  const call: Send = async (options) => {
    try {
      return await send(options);
    } catch (error) {
      throw toMosaicError(error);
    }
  };
  return {
    async listGroups(options = {}) {
      return (await call({ path: paths.list, schema: GroupListResponse, signal: options.signal })).result;
    },
    async getGroup(groupId, options = {}) {
      return (await call({ path: paths.one(checkGroupId(groupId)), schema: GroupResponse, signal: options.signal })).result;
    },
    async createGroup(input) {
      const body = checkGroupInput(input);
      const answer = await call({ method: 'POST', path: paths.list, body, schema: CreateResponse, retry: false });
      const group = MosaicGroupSchema.safeParse(answer.result);
      return group.success ? group.data : null;
    },
    async updateGroup(groupId, input) {
      const body = checkGroupInput(input);
      await call({ method: 'PUT', path: paths.one(checkGroupId(groupId)), body });
    },
    async deleteGroup(groupId) {
      await call({ method: 'DELETE', path: paths.one(checkGroupId(groupId)) });
    },
  };
}

/** Options of {@link createMosaicClient}. */
export interface MosaicClientOptions {
  /**
   * The API host, default `https://api.transmitsecurity.io` (regional and sandbox hosts differ). The
   * token endpoint is `<apiBase>/oidc/token` and the SSO Service is under `<apiBase>/cis`.
   */
  apiBase?: string;
  /** Token endpoint, when it is not `<apiBase>/oidc/token`. */
  tokenUrl?: string;
  /** The management application's client id. */
  clientId: string;
  /** Its secret. Server side only. */
  clientSecret: string;
  fetch?: Fetch;
  clock?: Clock;
  timeoutMs?: number;
  /** Renew the token this long before it expires; default 60 s. */
  refreshAheadMs?: number;
}

/** The direct client: {@link MosaicGroupsApi} plus its token cache. */
export interface MosaicClientApi extends MosaicGroupsApi {
  /** A valid management token: the cached one, or a new one when it is within a minute of expiry. */
  token(): Promise<string>;
  /** Forgets the cached token (the next call gets a new one). */
  clearToken(): void;
}

/** Default Mosaic API host. */
export const MOSAIC_API_BASE = 'https://api.transmitsecurity.io';
/** Mosaic's tokens last an hour. */
const DEFAULT_TOKEN_SECONDS = 3600;

/**
 * Builds the form-encoded client-credentials request: `client_id`, `client_secret`,
 * `grant_type=client_credentials` (RFC 6749 §4.4). Sent as a Blob so its content type is the form's.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4
 */
export function clientCredentialsBody(clientId: string, clientSecret: string): Blob {
  const form = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' });
  return new Blob([form.toString()], { type: 'application/x-www-form-urlencoded' });
}

/**
 * The server-side Mosaic client. Tokens are fetched once at a time (concurrent calls share one token
 * request), cached for their lifetime less a minute, and renewed once when Mosaic answers 401.
 * @example
 * const mosaic = createMosaicClient({ clientId: process.env.MOSAIC_CLIENT_ID!, clientSecret: process.env.MOSAIC_CLIENT_SECRET! });
 * const groups = await mosaic.listGroups();
 */
export function createMosaicClient(options: MosaicClientOptions): MosaicClientApi {
  if (typeof options.clientId !== 'string' || !options.clientId) throw new TypeError('"clientId" must be a non-empty string');
  if (typeof options.clientSecret !== 'string' || !options.clientSecret) throw new TypeError('"clientSecret" must be a non-empty string');
  const apiBase = (options.apiBase ?? MOSAIC_API_BASE).replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  const http: HttpClient = createHttpClient({ baseUrl: apiBase, fetch: options.fetch, clock, timeoutMs: options.timeoutMs });
  const tokenUrl = options.tokenUrl ?? `${apiBase}/oidc/token`;
  const ahead = options.refreshAheadMs ?? 60_000;

  let cached: { token: string; renewAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  // Not abortable: one token request serves every caller waiting on it, so one caller's abort must
  // not fail the others.
  const fetchToken = async (): Promise<string> => {
    let response;
    try {
      response = await http.request({
        method: 'POST',
        path: tokenUrl,
        body: clientCredentialsBody(options.clientId, options.clientSecret),
        schema: MosaicTokenResponseSchema,
        retry: false,
      });
    } catch (error) {
      throw toMosaicError(error);
    }
    const lifetimeMs = (response.expires_in ?? DEFAULT_TOKEN_SECONDS) * 1000;
    // At most half the lifetime ahead, so a short-lived token is still used at least once.
    cached = { token: response.access_token, renewAt: clock.now() + lifetimeMs - Math.min(ahead, lifetimeMs / 2) };
    return response.access_token;
  };

  const token = (): Promise<string> => {
    if (cached && clock.now() < cached.renewAt) return Promise.resolve(cached.token);
    inflight ??= fetchToken().finally(() => (inflight = undefined));
    return inflight;
  };

  const send: Send = async (request) => {
    for (let attempt = 0; ; attempt++) {
      const bearer = await token();
      try {
        return await http.request(withBearer(request, bearer));
      } catch (error) {
        // A 401 with a token we thought valid: it was revoked or the clocks disagree. Renew once.
        if (attempt === 0 && error instanceof HttpError && error.status === 401) {
          if (cached?.token === bearer) cached = undefined;
          continue;
        }
        throw error;
      }
    }
  };

  return {
    ...groupsApi(send, { list: MOSAIC_GROUPS_PATH, one: groupPath }),
    token,
    clearToken: () => void (cached = undefined),
  };
}

/**
 * The browser's way to Mosaic: the same calls through the broker's admin routes
 * (`<broker>/admin/mosaic/groups[/{groupId}]`), authorised with the agent's Rechat bearer token,
 * which `api` (the session) adds. The broker answers in Mosaic's shapes.
 * @param brokerUrl the broker's absolute URL, such as `https://broker.example/broker`
 */
export function mosaicViaBroker(api: AuthorizedApi, brokerUrl: string): MosaicGroupsApi {
  let base: string;
  try {
    const url = new URL(brokerUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('not http(s)');
    base = url.href.replace(/\/+$/, '');
  } catch {
    throw new TypeError('"brokerUrl" must be an absolute http(s) URL');
  }
  const list = `${base}${BROKER_ROUTES.mosaicGroups}`;
  return groupsApi((options) => api.request(options), { list, one: (id) => base + brokerPath(BROKER_ROUTES.mosaicGroup, { id }) });
}
