/**
 * URL safety: only `http:` and `https:` URLs are ever opened, linked or used as an image.
 * @module
 */

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
