/**
 * Cross-site request forgery: what a cookie-carrying request must show before the broker acts on it.
 * The cookie is `SameSite=Strict` already; these checks also hold where SameSite does not (a sibling
 * subdomain is the same site, an old browser ignores it):
 * - the custom header {@link CSRF_HEADER}: a page on another origin cannot send it without a CORS
 *   preflight, which the broker grants to its allowed origins only;
 * - an `Origin` that is the broker's own or on `allowedOrigins` (required for every state-changing
 *   method: browsers always send it there), and no `Sec-Fetch-Site: cross-site`;
 * - a JSON body for state-changing calls (the one image upload aside, which is multipart).
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
 * @module
 */
import type { Context } from 'hono';
import { BrokerError } from '../http.ts';

/** The header every broker-session request carries: `X-SSO-Launcher: 1`. */
export const CSRF_HEADER = 'x-sso-launcher';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A refused cross-site request: 403, and nothing done. */
export const csrfRejected = (why: string) => new BrokerError(403, 'CrossSiteRequestRefused', `Request refused: ${why}.`);

/**
 * Throws a 403 unless the request passes the checks above.
 * @param allowed the configured origins (lower case)
 * @param multipart whether a `multipart/form-data` body is accepted (the icon upload)
 */
export function checkCsrf(c: Context, allowed: ReadonlySet<string>, options: { multipart?: boolean } = {}): void {
  if (c.req.header(CSRF_HEADER) !== '1') throw csrfRejected(`the ${CSRF_HEADER} header is missing`);
  if ((c.req.header('sec-fetch-site') ?? '').toLowerCase() === 'cross-site') throw csrfRejected('it comes from another site');
  const method = c.req.method.toUpperCase();
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    const own = new URL(c.req.url).origin.toLowerCase();
    const lower = origin.toLowerCase();
    if (lower !== own && !allowed.has(lower)) throw csrfRejected('its origin is not allowed');
  } else if (!SAFE.has(method)) {
    throw csrfRejected('it has no Origin');
  }
  if (SAFE.has(method)) return;
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const length = c.req.header('content-length');
  const hasBody = type !== '' || (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
  if (!hasBody) return;
  if (type === 'application/json' || (options.multipart && type === 'multipart/form-data')) return;
  throw new BrokerError(415, 'UnsupportedMediaType', 'The request body must be JSON.');
}
