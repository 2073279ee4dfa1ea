/**
 * Which hosts the extension must be allowed to reach, as match patterns. The extension reaches the
 * configured API, token endpoint and broker through optional host permissions (manifest.ts), asked for
 * when the agent saves the options or presses "Allow access to <host>". Pure: no extension API, so it is
 * unit-tested in a plain page; browser.ts does the asking.
 * @see https://developer.chrome.com/docs/extensions/reference/api/permissions
 * @see https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json/optional_host_permissions
 * @module
 */

/**
 * What the manifest lets the extension ask for: exactly the URLs settings.ts accepts (https anywhere,
 * http only on this machine). A pattern names no port, and so matches every port, in both browsers.
 */
export const OPTIONAL_HOST_PERMISSIONS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*', 'http://*.localhost/*'];

/** The settings whose hosts are reached (the client id and brand are not URLs). */
export interface ReachedUrls {
  apiBase?: string;
  tokenEndpoint?: string;
  broker?: string;
}

/** A host the extension needs, with the pattern that grants it. */
export interface NeededHost {
  /** `host[:port]` as the agent reads it, such as `127.0.0.1:5173`. */
  host: string;
  /** The match pattern to request, such as `http://127.0.0.1/*`. */
  pattern: string;
}

/**
 * The match pattern that lets the extension reach `url`, or undefined for a value that is not an
 * http(s) URL (an empty optional setting).
 * @example
 * hostPattern('http://127.0.0.1:5173/broker/oauth2/token') // 'http://127.0.0.1/*'
 */
export function hostPattern(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/** The hosts of the configured URLs, once each (by pattern), in the order of the settings. */
export function neededHosts(urls: ReachedUrls): NeededHost[] {
  const out: NeededHost[] = [];
  for (const url of [urls.apiBase, urls.tokenEndpoint, urls.broker]) {
    if (!url) continue;
    const pattern = hostPattern(url);
    if (!pattern || out.some((needed) => needed.pattern === pattern)) continue;
    out.push({ host: new URL(url).host, pattern });
  }
  return out;
}
