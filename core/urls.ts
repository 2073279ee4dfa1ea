/**
 * URL safety: only `http:` and `https:` URLs are ever opened, linked or used as an image.
 * @module
 */

/**
 * A base URL written one way everywhere: absolute (`base` resolves a relative one), as `URL` spells it
 * (lower-case scheme and host, default port dropped), without trailing slashes. The element, the
 * extension's settings and the session's storage key all use it, so `https://API.example/v1/` and
 * `https://api.example/v1` are one API and one stored session. Throws a `TypeError` on junk.
 */
export function normaliseUrl(url: string, base?: string): string {
  return new URL(url, base).href.replace(/\/+$/, '');
}

/** The URL as a string when it is an absolute http(s) URL; otherwise `null` (`javascript:`, `data:`, junk). */
export function safeHttpUrl(value: unknown, base?: string): string | null {
  if (typeof value !== 'string' || !value) return null;
  try {
    const url = base ? new URL(value, base) : new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The URL of an icon the page may load: an absolute https URL, or an http one only on an `http:` page.
 * An https page (or an extension page) would otherwise pull a mixed-content image, which browsers
 * block or silently upgrade, and which tells anyone on the network which apps the agent uses; the
 * tile then shows initials instead.
 * @param pageProtocol the protocol of the page the icon is shown on; default `location.protocol`
 * @see https://www.w3.org/TR/mixed-content/
 */
export function safeIconUrl(value: unknown, pageProtocol = (globalThis as { location?: { protocol?: string } }).location?.protocol): string | null {
  const url = safeHttpUrl(value);
  if (!url) return null;
  return url.startsWith('https:') || pageProtocol === 'http:' ? url : null;
}

/** Whether an app's `open_url` is plain `http:`: it still opens, but the admin form warns about it. */
export function isPlainHttpUrl(value: unknown): boolean {
  return safeHttpUrl(value)?.startsWith('http:') ?? false;
}
