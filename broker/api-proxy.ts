/**
 * `<broker>/api/...`: the Rechat API for a broker session, with the bearer token added on the server.
 * An allow-list of exactly the calls the launcher and its admin tools make, not an open proxy:
 *
 * | method | path (below `/api`) | used by |
 * | --- | --- | --- |
 * | GET | `/users/self`, `/users/self/brands` | the session, the admin check |
 * | GET | `/brands/:brand` | the admin check up the brand tree |
 * | GET, POST | `/brands/:brand/sso_applications` | the grid; creating an app |
 * | PUT, DELETE | `/brands/:brand/sso_applications/:id` | editing, deleting an app |
 * | PUT | `/brands/:brand/sso_applications/:id/brands`, `…/:id/icon` | allowed brands; the icon (multipart) |
 * | POST | `/users/self/mfa/setup`, `/users/self/mfa/verify`, `/users/self/mfa/validate` | MFA |
 * | DELETE | `/users/self/mfa` | MFA |
 *
 * Anything else is a 404, before the session is even read. No query string, cookie or header of the
 * page is forwarded (only `Accept` and the body's `Content-Type`), and Rechat's answer comes back with
 * its status, its body and its `Content-Type` only. A successful MFA validate or verify is recorded on
 * the session; an MFA-required 401 is passed through, so the element asks for the code as it does
 * with bearer tokens.
 * @module
 */
import type { Context } from 'hono';
import type { BrokerContext, BrokerEnv, BrokerModule } from './context.ts';
import { BrokerError, NO_STORE, notFound, readBoundedBytes } from './http.ts';
import { checkCsrf } from './sessions/csrf.ts';
import { allowedOrigins, rechatFetch } from './sessions/routes.ts';
import { UserSchema, envelope } from '../core/rechat/schemas.ts';

const ID = '[A-Za-z0-9_-]{1,128}';

/** One allowed call: its method, its path pattern, and the body it may carry. */
interface AllowedCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  body: 'none' | 'json' | 'image';
  /** What to record on the session after a 2xx. */
  after?: 'mfa-validated' | 'mfa-enabled' | 'mfa-removed';
}

const call = (method: AllowedCall['method'], path: string, body: AllowedCall['body'] = 'none', after?: AllowedCall['after']): AllowedCall => ({
  method,
  pattern: new RegExp(`^${path.replace(/:[a-z]+/g, ID)}$`),
  body,
  ...(after ? { after } : {}),
});

/** The allow-list; see the module's table. */
export const API_ALLOW_LIST: readonly AllowedCall[] = [
  call('GET', '/users/self'),
  call('GET', '/users/self/brands'),
  call('GET', '/brands/:brand'),
  call('GET', '/brands/:brand/sso_applications'),
  call('POST', '/brands/:brand/sso_applications', 'json'),
  call('PUT', '/brands/:brand/sso_applications/:id', 'json'),
  call('DELETE', '/brands/:brand/sso_applications/:id'),
  call('PUT', '/brands/:brand/sso_applications/:id/brands', 'json'),
  call('PUT', '/brands/:brand/sso_applications/:id/icon', 'image'),
  call('POST', '/users/self/mfa/setup', 'json'),
  call('POST', '/users/self/mfa/verify', 'json', 'mfa-enabled'),
  call('POST', '/users/self/mfa/validate', 'json', 'mfa-validated'),
  call('DELETE', '/users/self/mfa', 'json', 'mfa-removed'),
];

/** Bodies the proxy reads: a few JSON fields, or an icon of at most 512 KB plus its multipart framing. */
const MAX_JSON_BYTES = 64 * 1024;
const MAX_IMAGE_BYTES = 600 * 1024;

/** Reads the body, refusing one larger than `max` bytes however it is sent (with or without a length). */
async function readBody(c: Context, max: number): Promise<Uint8Array | undefined> {
  const tooLarge = () => new BrokerError(413, 'PayloadTooLarge', 'The request body is too large.');
  if (Number(c.req.header('content-length') ?? '0') > max) throw tooLarge();
  const bytes = await readBoundedBytes(c.req.raw, max);
  if (!bytes) throw tooLarge();
  return bytes.byteLength === 0 ? undefined : bytes;
}

/** The allowed call for a method and path, if any. */
export function findAllowedCall(method: string, path: string): AllowedCall | undefined {
  return API_ALLOW_LIST.find((entry) => entry.method === method.toUpperCase() && entry.pattern.test(path));
}

const UserEnvelope = envelope(UserSchema);

async function recordAfter(c: Context, ctx: BrokerContext, session: Parameters<BrokerContext['sessions']['update']>[1], after: AllowedCall['after'], body: string): Promise<void> {
  if (after === 'mfa-validated') return ctx.sessions.update(c, session, { mfaPending: false });
  if (after === 'mfa-enabled') {
    // Verify also validates the current pair (docs/architecture.md, "Rechat MFA (TOTP)").
    const parsed = UserEnvelope.safeParse(safeJson(body));
    return ctx.sessions.update(c, session, { mfaPending: false, ...(parsed.success ? { user: parsed.data.data } : {}) });
  }
  if (after === 'mfa-removed' && session.record.user) return ctx.sessions.update(c, session, { user: { ...session.record.user, mfa_enabled: false } });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const apiProxyRoutes: BrokerModule = (app, ctx) => {
  const allowed = allowedOrigins(ctx);
  app.all('/api/*', async (c: Context<BrokerEnv>) => {
    const full = new URL(c.req.url).pathname;
    const marker = full.indexOf('/api/');
    const path = full.slice(marker + '/api'.length);
    const entry = findAllowedCall(c.req.method, path);
    if (!entry) throw notFound(`No route for ${c.req.method} ${full}`);
    checkCsrf(c, allowed, { multipart: entry.body === 'image' });
    const session = await ctx.sessions.require(c);
    const body = entry.body === 'none' ? undefined : await readBody(c, entry.body === 'image' ? MAX_IMAGE_BYTES : MAX_JSON_BYTES);
    const contentType = body ? c.req.header('content-type') : undefined;
    const response = await ctx.sessions.callRechat(c, session, (token) =>
      rechatFetch(ctx, entry.method, path, token, { ...(body ? { body: body.slice() } : {}), ...(contentType ? { contentType } : {}) }),
    );
    const text = await response.text();
    if (response.ok && entry.after) await recordAfter(c, ctx, session, entry.after, text);
    const headers: Record<string, string> = { ...NO_STORE, 'x-content-type-options': 'nosniff' };
    const type = response.headers.get('content-type');
    if (type) headers['content-type'] = type;
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter) headers['retry-after'] = retryAfter;
    return new Response(response.status === 204 || response.status === 304 ? null : text, { status: response.status, headers });
  });
};
