/**
 * The simulated Transmit Security Mosaic: the client-credentials token endpoint and the SSO Service's
 * clients groups (Transmit Security's "SSO Service" documentation; docs/architecture.md, "Transmit Security
 * Mosaic"). A fetch handler of its own, mounted by ./index.ts at `<basePath>/mosaic`, so that
 * `<basePath>/mosaic` plays the part of `https://api.transmitsecurity.io`:
 *
 * | route | needs |
 * | --- | --- |
 * | `POST /oidc/token` (form: `client_id`, `client_secret`, `grant_type=client_credentials`) | a seeded management client |
 * | `GET /cis/v1/sso-service/sso-group` | `sso-service:read` |
 * | `GET /cis/v1/sso-service/sso-group/{groupId}` | `sso-service:read` |
 * | `POST /cis/v1/sso-service/sso-group` | `sso-service:edit` |
 * | `PUT /cis/v1/sso-service/sso-group/{groupId}` | `sso-service:edit` |
 * | `DELETE /cis/v1/sso-service/sso-group/{groupId}` | `sso-service:edit` and `sso-service:delete` |
 *
 * Enforced: tokens expire after an hour (on the simulator's clock), every route checks the bearer token
 * and the client's permissions, and a 403 names the permission that is missing. Errors have the doc's
 * shape `{message, error_code}`; answers wrap data in `{result}` (update and delete answer `{}`, as the
 * doc's update does).
 *
 * Choices where the doc is silent or odd: create answers the new group (the doc's example shows an
 * application object there); a name is required and unique is not; a group's clients are managed in
 * Mosaic's console, so they come from the seed and create/update leave them alone.
 * @module
 */
import { Hono, type Context } from 'hono';
import { isRecord } from './http.ts';

// ---- Seed -------------------------------------------------------------------------------------------

export type MosaicPermission = 'sso-service:read' | 'sso-service:edit' | 'sso-service:delete';

/** A management application of the Mosaic tenant, with the permissions its role grants. */
export interface SeedMosaicClient {
  readonly client_id: string;
  readonly client_secret: string;
  readonly permissions: readonly MosaicPermission[];
}

/** The broker's management client: read, edit and delete. */
export const MOSAIC_CLIENT_ID = 'mosaic-mgmt-broker';
export const MOSAIC_CLIENT_SECRET = 'demo-mosaic-secret';
/** A second management client that may read and edit but not delete: its deletes answer a 403 naming `sso-service:delete`. */
export const MOSAIC_LIMITED_CLIENT_ID = 'mosaic-mgmt-no-delete';
export const MOSAIC_LIMITED_CLIENT_SECRET = 'demo-mosaic-secret-no-delete';

export const MOSAIC_CLIENTS: readonly SeedMosaicClient[] = [
  { client_id: MOSAIC_CLIENT_ID, client_secret: MOSAIC_CLIENT_SECRET, permissions: ['sso-service:read', 'sso-service:edit', 'sso-service:delete'] },
  { client_id: MOSAIC_LIMITED_CLIENT_ID, client_secret: MOSAIC_LIMITED_CLIENT_SECRET, permissions: ['sso-service:read', 'sso-service:edit'] },
];

/** A seeded clients group, in the doc's list shape (clients abridged to the fields an admin sees, plus a secret that must never reach a browser). */
export interface SeedMosaicGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly configuration: {
    readonly journey: string;
    readonly allowSilentLogin: boolean;
    readonly sessionTimeout: number;
    readonly sessionTimeoutGranularity: 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks';
  };
  readonly clients: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

export const MOSAIC_AGENT_GROUP_ID = '5f0c2a4e-6b1d-4c3e-9a7f-00000000a001';
export const MOSAIC_BACK_OFFICE_GROUP_ID = '5f0c2a4e-6b1d-4c3e-9a7f-00000000a002';

const client = (id: string, name: string, protocol: 'oidc' | 'saml', extra: Record<string, unknown>) => ({
  client_id: id,
  // Present in the vendor's example; the broker must strip it before anything reaches a browser.
  client_secret: `secret-of-${id}`,
  client_type: 'web',
  name,
  description: '',
  authentication_protocol: protocol,
  redirect_uris: [],
  created_at: '2026-01-23T01:43:22Z',
  updated_at: '2026-01-23T01:43:22Z',
  ...extra,
});

/** Two groups: the agents' everyday apps (silent login, 8 hours) and the back office (no silent login, 30 minutes). */
export const MOSAIC_GROUPS: readonly SeedMosaicGroup[] = [
  {
    id: MOSAIC_AGENT_GROUP_ID,
    name: 'Agent apps',
    description: 'Everyday apps of the agents: one sign-in for the whole working day.',
    configuration: { journey: 'agent_sso_journey', allowSilentLogin: true, sessionTimeout: 8, sessionTimeoutGranularity: 'hours' },
    clients: [
      client('c1a2b3c4d5e6f7a8b9c0', 'Rechat CRM', 'oidc', { redirect_uris: ['https://app.rechat.com/oauth/callback'] }),
      client('c2b3c4d5e6f7a8b9c0d1', 'DocuSign', 'saml', { sso_url: 'https://account.docusign.example/saml/sso', entity_id: 'https://account.docusign.example/saml/metadata' }),
    ],
  },
  {
    id: MOSAIC_BACK_OFFICE_GROUP_ID,
    name: 'Back office',
    description: 'Accounting and compliance: sign in again after 30 minutes.',
    configuration: { journey: 'back_office_mfa_journey', allowSilentLogin: false, sessionTimeout: 30, sessionTimeoutGranularity: 'minutes' },
    clients: [
      client('c3c4d5e6f7a8b9c0d1e2', 'Lone Wolf Back Office', 'saml', { sso_url: 'https://backoffice.lwolf.example/saml/sso', entity_id: 'https://backoffice.lwolf.example/saml/metadata' }),
    ],
  },
];

// ---- Simulator --------------------------------------------------------------------------------------

export const MOSAIC_TOKEN_TTL_SECONDS = 3600;
const GRANULARITIES = ['seconds', 'minutes', 'hours', 'days', 'weeks'];

interface IssuedMosaicToken {
  clientId: string;
  permissions: readonly MosaicPermission[];
  expiresAt: number;
}

/** A group as stored: the doc's shape, clients included. */
type GroupRecord = {
  id: string;
  name: string;
  description: string;
  configuration: { journey: string; allowSilentLogin: boolean; sessionTimeout: number; sessionTimeoutGranularity: string };
  clients: Array<Record<string, unknown>>;
};

export interface MosaicSimulatorOptions {
  /** Where it is mounted, such as '/api/mosaic'. */
  basePath: string;
  /** Epoch ms; token expiry follows it. */
  now: () => number;
}

export interface MosaicSimulator {
  handle(request: Request): Promise<Response>;
  /** Back to the seed groups, no tokens. */
  reset(): void;
  /** Expires every management token issued so far. */
  expireTokens(): void;
}

/** `{message, error_code}` with the status, as in the doc's error example. */
class MosaicFailure extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const mosaicJson = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });

function copyGroup(seed: SeedMosaicGroup): GroupRecord {
  return structuredClone({ ...seed, clients: seed.clients.map((c) => ({ ...c })) }) as GroupRecord;
}

/** Validates a create/update body; a 400 whose message starts with the field. */
function parseGroupBody(body: unknown): Omit<GroupRecord, 'id' | 'clients'> {
  if (!isRecord(body)) throw new MosaicFailure(400, 'body: must be a JSON object');
  const { name, description, configuration } = body;
  if (typeof name !== 'string' || !name.trim()) throw new MosaicFailure(400, 'name: required, a non-empty string');
  if (description !== undefined && description !== null && typeof description !== 'string') throw new MosaicFailure(400, 'description: must be a string');
  if (!isRecord(configuration)) throw new MosaicFailure(400, 'configuration: required, an object');
  const { journey, allowSilentLogin, sessionTimeout, sessionTimeoutGranularity } = configuration;
  if (journey !== undefined && journey !== null && typeof journey !== 'string') throw new MosaicFailure(400, 'configuration.journey: must be a string');
  if (allowSilentLogin !== undefined && typeof allowSilentLogin !== 'boolean') throw new MosaicFailure(400, 'configuration.allowSilentLogin: must be a boolean');
  if (typeof sessionTimeout !== 'number' || !Number.isSafeInteger(sessionTimeout) || sessionTimeout < 1) {
    throw new MosaicFailure(400, 'configuration.sessionTimeout: must be a positive integer');
  }
  if (typeof sessionTimeoutGranularity !== 'string' || !GRANULARITIES.includes(sessionTimeoutGranularity)) {
    throw new MosaicFailure(400, `configuration.sessionTimeoutGranularity: must be one of ${GRANULARITIES.join(', ')}`);
  }
  return {
    name: name.trim(),
    description: typeof description === 'string' ? description : '',
    configuration: { journey: journey ?? '', allowSilentLogin: allowSilentLogin ?? false, sessionTimeout, sessionTimeoutGranularity },
  };
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return text.trim() ? JSON.parse(text) : undefined;
  } catch {
    throw new MosaicFailure(400, 'body: not valid JSON');
  }
}

/** Creates the Mosaic simulator. */
export function createMosaicSimulator(options: MosaicSimulatorOptions): MosaicSimulator {
  const groups = new Map<string, GroupRecord>();
  const tokens = new Map<string, IssuedMosaicToken>();
  const reset = () => {
    groups.clear();
    tokens.clear();
    for (const seed of MOSAIC_GROUPS) groups.set(seed.id, copyGroup(seed));
  };
  reset();

  const app = new Hono().basePath(options.basePath);
  app.onError((error) => {
    if (error instanceof MosaicFailure) return mosaicJson({ message: error.message, error_code: error.status }, error.status);
    const message = error instanceof Error ? error.message : String(error);
    return mosaicJson({ message: `Simulator error: ${message}`, error_code: 500 }, 500);
  });
  app.notFound((c) => mosaicJson({ message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}`, error_code: 404 }, 404));

  // RFC 6749 §4.4, form-encoded as the doc says; errors in RFC 6749 §5.2's shape.
  app.post('/oidc/token', async (c) => {
    const oauthError = (status: number, error: string, description: string) =>
      mosaicJson({ error, error_description: description }, status, { pragma: 'no-cache' });
    const type = c.req.header('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(await c.req.text());
    if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported');
    const client = MOSAIC_CLIENTS.find((m) => m.client_id === form.get('client_id'));
    if (!client || client.client_secret !== form.get('client_secret')) return oauthError(401, 'invalid_client', 'Invalid client credentials');
    const token = `mosaic-${crypto.randomUUID()}`;
    tokens.set(token, { clientId: client.client_id, permissions: client.permissions, expiresAt: options.now() + MOSAIC_TOKEN_TTL_SECONDS * 1000 });
    return mosaicJson({ access_token: token, token_type: 'Bearer', expires_in: MOSAIC_TOKEN_TTL_SECONDS }, 200, { pragma: 'no-cache' });
  });

  /** The bearer check, then the permissions; a 403 names the first one missing. */
  const authorise = (c: Context, ...needed: MosaicPermission[]) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const token = match ? tokens.get(match[1]!) : undefined;
    if (!token || options.now() >= token.expiresAt) throw new MosaicFailure(401, 'Unauthorized');
    const missing = needed.find((p) => !token.permissions.includes(p));
    if (missing) throw new MosaicFailure(403, `Forbidden: missing permission ${missing}`);
  };
  const find = (id: string): GroupRecord => {
    const group = groups.get(id);
    if (!group) throw new MosaicFailure(404, 'SSO Service Not Found');
    return group;
  };

  const GROUPS = '/cis/v1/sso-service/sso-group';
  app.get(GROUPS, (c) => {
    authorise(c, 'sso-service:read');
    return mosaicJson({ result: [...groups.values()] });
  });
  app.get(`${GROUPS}/:id`, (c) => {
    authorise(c, 'sso-service:read');
    return mosaicJson({ result: find(c.req.param('id')) });
  });
  app.post(GROUPS, async (c) => {
    authorise(c, 'sso-service:edit');
    const group: GroupRecord = { id: crypto.randomUUID(), ...parseGroupBody(await readJson(c.req.raw)), clients: [] };
    groups.set(group.id, group);
    return mosaicJson({ result: group });
  });
  app.put(`${GROUPS}/:id`, async (c) => {
    authorise(c, 'sso-service:edit');
    const group = find(c.req.param('id'));
    Object.assign(group, parseGroupBody(await readJson(c.req.raw)));
    return mosaicJson({});
  });
  app.delete(`${GROUPS}/:id`, (c) => {
    authorise(c, 'sso-service:edit', 'sso-service:delete');
    const group = find(c.req.param('id'));
    groups.delete(group.id);
    return mosaicJson({});
  });

  return {
    handle: async (request) => app.fetch(request),
    reset,
    expireTokens: () => {
      const now = options.now();
      for (const token of tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
    },
  };
}
