/**
 * The broker's answers: JSON bodies in Rechat's error shape (`{http, code, message}`), so that the
 * core's HTTP layer reads a broker error exactly as it reads a Rechat one (a 401 makes the session
 * refresh, a 401 `MFARequired` makes it wait for MFA), and the request-body reader.
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';

/** An error a route throws; the app answers it as `{http, code, message}` with its status. */
export class BrokerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'BrokerError';
  }
}

/** A rejected bearer token (RFC 6750 §3: answered with `WWW-Authenticate`). */
export const unauthorized = (message: string) =>
  new BrokerError(401, 'Unauthorized', message, { 'www-authenticate': 'Bearer error="invalid_token"' });
/** The token pair is not MFA-validated yet: the session waits for MFA and then calls again. */
export const mfaRequired = () => new BrokerError(401, 'MFARequired', 'MFA required');
export const forbidden = (message: string) => new BrokerError(403, 'Forbidden', message);
export const notFound = (message: string) => new BrokerError(404, 'ResourceNotFound', message);
export const validation = (message: string) => new BrokerError(400, 'Validation', message);
/** An upstream service (Rechat, Xenioo) did not answer usefully; says nothing about the caller. */
export const upstreamUnavailable = (message: string) => new BrokerError(502, 'UpstreamUnavailable', message);

/** Every broker answer may carry a token: none may be cached. */
export const NO_STORE: Readonly<Record<string, string>> = { 'cache-control': 'no-store', pragma: 'no-cache' };

/**
 * The headers every broker answer carries (issue 9, item 4). The broker shows no page, so its answers may
 * neither run script, nor load anything, nor be framed, nor be sniffed into HTML: an upstream that echoes
 * input can then never become script on the broker's origin. A route that must show a page (none yet) sets
 * its own `content-type` and `content-security-policy`, which {@link securityHeaders} keeps.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...NO_STORE,
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON response, never cached, never sniffed. */
export function json(body: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': JSON_TYPE, ...SECURITY_HEADERS, ...headers },
  });
}

/** The response for a {@link BrokerError}. */
export function errorResponse(error: BrokerError): Response {
  return json({ http: error.status, code: error.code, message: error.message }, error.status, error.headers);
}

/**
 * The largest request body the broker reads, in bytes: its requests are a few small JSON fields (a
 * password grant is well under 1 KiB; a Mosaic group a few hundred bytes).
 */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * A body over {@link MAX_BODY_BYTES}. No `connection: close`: closing a socket whose client is still
 * sending resets it, and the client never reads the 413. @hono/node-server instead discards what is still
 * coming (at most 64 MB or 500 ms, then it closes), never holding it.
 */
export const payloadTooLarge = () => new BrokerError(413, 'PayloadTooLarge', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);

/** Only `application/json` (any parameters, such as `charset=utf-8`) may carry a body. */
export function isJsonContentType(value: string | undefined | null): boolean {
  return /^application\/json\s*(?:;|$)/i.test((value ?? '').trim());
}

/** Whether a request says it has a body: a non-zero `Content-Length`, or any `Transfer-Encoding`. */
function announcesBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  return (length !== null && length.trim() !== '0') || headers.has('transfer-encoding');
}

/**
 * The one route whose body is not a small JSON object: the broker-session proxy's icon upload
 * (`PUT <broker>/api/brands/:brand/sso_applications/:id/icon`, multipart, up to 512 KB). api-proxy.ts
 * bounds it in bytes itself, and accepts it only behind its CSRF checks (custom header, allowed Origin),
 * which a cross-site form cannot pass.
 */
const ICON_UPLOAD_PATH = /\/api\/brands\/[^/]+\/sso_applications\/[^/]+\/icon$/;
function readsItsOwnBody(method: string, path: string): boolean {
  return method === 'PUT' && ICON_UPLOAD_PATH.test(path);
}

/**
 * Middleware for every route, the broker's own and those added later (issue 9, items 1, 3 and 4):
 * - a `Content-Length` over {@link MAX_BODY_BYTES} is a 413 before anything else runs;
 * - a body, or a `Content-Type`, that is not `application/json` is a 415: a cross-site HTML form can only
 *   send `text/plain`, `application/x-www-form-urlencoded` or `multipart/form-data`, so none reaches a route;
 * - every answer, errors and CORS preflights included, carries {@link SECURITY_HEADERS} and a JSON
 *   `content-type` unless a route chose another.
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  const headers = c.req.raw.headers;
  const length = headers.get('content-length');
  if (readsItsOwnBody(c.req.method, new URL(c.req.url).pathname)) {
    await next();
  } else if (length !== null && !(Number(length) <= MAX_BODY_BYTES)) {
    c.res = errorResponse(payloadTooLarge());
  } else if (headers.has('content-type') ? !isJsonContentType(headers.get('content-type')) : announcesBody(headers) && c.req.method !== 'OPTIONS') {
    c.res = errorResponse(new BrokerError(415, 'UnsupportedMediaType', 'Only application/json request bodies are accepted.'));
  } else {
    await next();
  }
  let out = c.res.headers;
  try {
    out.set('x-content-type-options', 'nosniff');
  } catch {
    // Headers of a Response from fetch() are immutable: answer a copy.
    const copy = new Response(c.res.body, c.res);
    c.res = undefined;
    c.res = copy;
    out = copy.headers;
  }
  if (!out.has('content-type')) out.set('content-type', JSON_TYPE);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    // A page-showing route may set its own CSP; nothing may turn caching or sniffing back on.
    if (name === 'content-security-policy' && out.has(name)) continue;
    out.set(name, value);
  }
};

/**
 * Reads at most `limit` bytes of a request body, counting bytes as they arrive (a chunked upload has
 * no `Content-Length` to check first), and stops reading the moment the limit is passed: the rest is
 * never held in memory (issue 9, item 1).
 * @returns the bytes, or `undefined` when the body is over the limit
 */
export async function readBoundedBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Not awaited: the server drains or drops the rest of the upload after the 413 has been sent.
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads the request body as a JSON object: `{}` when empty, a 400 when it is not valid UTF-8 JSON or not
 * an object, a 413 as soon as more than {@link MAX_BODY_BYTES} bytes have arrived, a 415 when it is not
 * `application/json`.
 */
export async function readJsonObject(c: Context, onError: (message: string, status: 400 | 413 | 415) => Error = (m, s) => (s === 413 ? payloadTooLarge() : new BrokerError(s, s === 415 ? 'UnsupportedMediaType' : 'Validation', m))): Promise<Record<string, unknown>> {
  const bytes = await readBoundedBytes(c.req.raw);
  if (!bytes) throw onError('body: too large', 413);
  if (bytes.byteLength === 0) return {};
  // The middleware already refused other types; checked again for a handler used without it.
  if (!isJsonContentType(c.req.header('content-type'))) throw onError('body: must be application/json', 415);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw onError('body: not valid JSON', 400);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw onError('body: must be a JSON object', 400);
  return value as Record<string, unknown>;
}
