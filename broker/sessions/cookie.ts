/**
 * The broker session's cookie: `HttpOnly` (no page script reads it), `SameSite=Strict` (no other site's
 * page sends it), its `Path` limited to the broker, and `Secure` with a name prefix wherever the broker
 * is reached over https:
 * - broker on its own origin (no base path): `__Host-sso_session`, `Path=/`: the strongest form; the
 *   browser refuses it from a sibling subdomain or without `Secure`;
 * - broker under a path of a shared origin (`/broker`): `__Secure-sso_session`, `Path=/broker`
 *   (`__Host-` requires `Path=/`, which would send the cookie to the whole intranet);
 * - plain http: `sso_session` without `Secure`; the README says what is lost.
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#name-cookie-name-prefixes
 * @module
 */
import type { Context } from 'hono';

/** How the cookie is named and scoped for one request. */
export interface CookieShape {
  name: string;
  path: string;
  secure: boolean;
}

/** Options: the broker's base path and the `secureCookie`/`trustProxy` settings. */
export interface CookieSettings {
  basePath: string;
  secureCookie: 'auto' | boolean;
  trustProxy: boolean;
}

/** Whether this request reached the broker over https (as the browser sees it). */
export function isSecureRequest(c: Context, settings: CookieSettings): boolean {
  if (settings.secureCookie !== 'auto') return settings.secureCookie;
  if (new URL(c.req.url).protocol === 'https:') return true;
  return settings.trustProxy && (c.req.header('x-forwarded-proto') ?? '').split(',')[0]!.trim().toLowerCase() === 'https';
}

/** The cookie's name, path and `Secure` flag for this request. */
export function cookieShape(c: Context, settings: CookieSettings): CookieShape {
  const secure = isSecureRequest(c, settings);
  if (!secure) return { name: 'sso_session', path: settings.basePath || '/', secure };
  return settings.basePath ? { name: '__Secure-sso_session', path: settings.basePath, secure } : { name: '__Host-sso_session', path: '/', secure };
}

const SESSION_ID_RE = /^[A-Za-z0-9_-]{43}$/;

/** The session id in the request's cookie of this shape, if it has a well-formed one. */
export function readSessionCookie(c: Context, shape: CookieShape): string | undefined {
  const header = c.req.header('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== shape.name) continue;
    const value = part.slice(eq + 1).trim();
    if (SESSION_ID_RE.test(value)) return value;
  }
  return undefined;
}

/** `Set-Cookie` for a session id, for `maxAgeSeconds`. */
export function sessionCookie(shape: CookieShape, sessionId: string, maxAgeSeconds: number): string {
  return [`${shape.name}=${sessionId}`, `Path=${shape.path}`, `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Strict', ...(shape.secure ? ['Secure'] : [])].join('; ');
}

/** `Set-Cookie` that deletes the cookie. */
export function clearedCookie(shape: CookieShape): string {
  return sessionCookie(shape, '', 0);
}
