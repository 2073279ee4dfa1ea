/**
 * The `Authorization` header of an OAuth 2.0 bearer token, in a module of its own (no import) so that
 * the first module's early app list request (core/early-apps.ts) can write it without pulling in the
 * HTTP layer. core/http.ts re-exports it; everyone else imports it from there.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1
 * @module
 */

/**
 * The `Authorization` header of an OAuth 2.0 bearer token (RFC 6750 §2.1). Written here once, for the
 * core's session and Mosaic clients and for the broker, so no caller spells the scheme itself.
 */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
