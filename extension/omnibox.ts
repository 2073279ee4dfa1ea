/**
 * The omnibox keyword "sso": match what the agent typed against the cached app list, describe the
 * matches, and pick the one that Enter opens. Pure, so it is unit-tested without a browser API.
 * @module
 */
import type { SsoApp } from '../core/rechat/schemas.ts';
import { foldForSearch } from '../core/text.ts';

/** How many suggestions the address bar shows. */
export const MAX_SUGGESTIONS = 6;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for Chrome's suggestion descriptions, which are XML (`<match>`, `<dim>`, `<url>`):
 * an app called "R&D <Tools>" would otherwise make Chrome drop the suggestion, or style text it should not.
 * @see https://developer.chrome.com/docs/extensions/reference/api/omnibox#type-SuggestResult
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);
}

/** The core's folding (the element's search box uses the same), trimmed. */
const normalise = (text: string) => foldForSearch(text).trim();

/** How well `name` matches `query`: lower is better; `undefined` when it does not match. */
function score(name: string, query: string): number | undefined {
  const n = normalise(name);
  if (!query) return 3;
  if (n === query) return 0;
  if (n.startsWith(query)) return 1;
  if (n.split(/[\s\-_/.]+/).some((word) => word.startsWith(query))) return 2;
  if (n.includes(query)) return 3;
  return undefined;
}

/**
 * The apps whose name matches `text`, best first: exact, then prefix, then the start of a word, then
 * anywhere. Ties keep the list's own order (the core sorts by `order`, then name).
 */
export function matchApps<T extends Pick<SsoApp, 'name'>>(apps: readonly T[], text: string): T[] {
  const query = normalise(text);
  return apps
    .map((app, index) => ({ app, index, score: score(app.name, query) }))
    .filter((entry): entry is { app: T; index: number; score: number } => entry.score !== undefined)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((entry) => entry.app);
}

/** The app Enter opens for `text`: a suggestion's exact name, else the best match. */
export function bestMatch<T extends Pick<SsoApp, 'name'>>(apps: readonly T[], text: string): T | undefined {
  return matchApps(apps, text)[0];
}

/**
 * A suggestion's description. With `markup` (Chrome), the matched part is wrapped in `<match>` and the
 * URL in `<url>`, and everything else is XML-escaped; without it (Firefox shows descriptions as plain
 * text), plain text.
 */
export function describeApp(app: Pick<SsoApp, 'name' | 'url' | 'open_url'>, text: string, markup: boolean): string {
  const host = hostOf(app.url ?? app.open_url);
  if (!markup) return host ? `${app.name} — ${host}` : app.name;
  const query = normalise(text);
  const at = query ? normalise(app.name).indexOf(query) : -1;
  // normalise() keeps lengths for the common Latin case; when it does not, skip the highlight.
  const name =
    at >= 0 && normalise(app.name).length === app.name.length
      ? `${escapeXml(app.name.slice(0, at))}<match>${escapeXml(app.name.slice(at, at + query.length))}</match>${escapeXml(app.name.slice(at + query.length))}`
      : escapeXml(app.name);
  return host ? `${name} <dim>—</dim> <url>${escapeXml(host)}</url>` : name;
}

function hostOf(url: string | null | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Where the address bar asked to open the result. */
export type Disposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab';
