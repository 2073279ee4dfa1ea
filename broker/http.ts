/**
 * The broker's answers: JSON bodies in Rechat's error shape (`{http, code, message}`), so that the
 * core's HTTP layer reads a broker error exactly as it reads a Rechat one (a 401 makes the session
 * refresh, a 401 `MFARequired` makes it wait for MFA), and the request-body reader.
 * @module
 */
import type { Context } from 'hono';

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

/** A JSON response, never cached. */
export function json(body: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });
}

/** The response for a {@link BrokerError}. */
export function errorResponse(error: BrokerError): Response {
  return json({ http: error.status, code: error.code, message: error.message }, error.status, error.headers);
}

/** The largest request body the broker reads: its requests are a few small JSON fields. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Reads the request body as a JSON object: `{}` when empty, a 400 when it is not an object, a 413
 * when it is larger than {@link MAX_BODY_BYTES}.
 */
export async function readJsonObject(c: Context, onError: (message: string, status: 400 | 413) => Error = (m, s) => new BrokerError(s, s === 413 ? 'PayloadTooLarge' : 'Validation', m)): Promise<Record<string, unknown>> {
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) throw onError('body: too large', 413);
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw onError('body: too large', 413);
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw onError('body: not valid JSON', 400);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw onError('body: must be a JSON object', 400);
  return value as Record<string, unknown>;
}
