/**
 * Response helpers shared by every simulator route: JSON bodies, the two error shapes, CORS.
 *
 * Two error shapes exist because Rechat has two: the OAuth2 token endpoint answers RFC 6749 §5.2
 * errors (`{error, error_description}`), every other route answers Rechat's own
 * `{http, code, message}` (e.g. the "401 MFA required" of doc 001, "Validate MFA").
 * @module
 */

/** A Rechat API error, answered as `{http, code, message}`. Thrown by routes, turned into a response by the app. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** An OAuth2 token endpoint error, answered as `{error, error_description}` (RFC 6749 §5.2). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

/** The shorthands for the Rechat errors the routes throw. */
export const unauthorized = (message: string) =>
  // RFC 6750 §3: a rejected bearer token is answered with WWW-Authenticate.
  new ApiError(401, 'Unauthorized', message, { 'www-authenticate': 'Bearer error="invalid_token"' });
export const mfaRequired = () => new ApiError(401, 'MFARequired', 'MFA required');
export const forbidden = (message: string) => new ApiError(403, 'Forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'ResourceNotFound', message);
export const validation = (message: string) => new ApiError(400, 'Validation', message);

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

/** 204 No Content. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** The response for an error thrown by a route; anything unexpected is a 500 in Rechat's shape. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return json({ http: error.status, code: error.code, message: error.message }, error.status, error.headers);
  }
  if (error instanceof OAuthError) {
    // RFC 6749 §5.1/5.2: token responses must not be cached.
    return json({ error: error.error, error_description: error.description }, error.status, { pragma: 'no-cache' });
  }
  const message = error instanceof Error ? error.message : String(error);
  return json({ http: 500, code: 'InternalError', message: `Simulator error: ${message}` }, 500);
}

/**
 * CORS for everything: the embed runs on a brokerage's intranet origin and the extension on its own,
 * and bearer tokens (not cookies) carry the session, so `*` is safe and needed.
 * `Retry-After` is exposed so that the client can honour it on 429/503.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, Content-Type',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-expose-headers': 'Retry-After',
};

/** The answer to a CORS preflight. */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: { ...CORS_HEADERS, 'access-control-max-age': '600' } });
}

/** Adds the CORS headers to a response, copying it if its headers are immutable. */
export function withCors(response: Response): Response {
  let target = response;
  try {
    for (const [name, value] of Object.entries(CORS_HEADERS)) target.headers.set(name, value);
  } catch {
    target = new Response(response.body, response);
    for (const [name, value] of Object.entries(CORS_HEADERS)) target.headers.set(name, value);
  }
  return target;
}

/**
 * Reads a request body as a JSON object. An empty body is `{}` (so that a missing field, not a parse
 * error, is reported); anything but an object is a 400 Validation.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validation('body: not valid JSON');
  }
  if (!isRecord(value)) throw validation('body: must be a JSON object');
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
