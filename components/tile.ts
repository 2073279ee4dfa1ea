/**
 * What a tile shows when an app has no icon (or it fails to load): initials on a colour that is
 * stable for the app, so the same app always looks the same.
 * @module
 */
import { safeIconUrl } from '../core/urls.ts';
import { hueClassFor } from './initial-icon.ts';

/** Up to two initials: "Zillow Premier Agent" → "ZP", "docusign" → "DO". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s\-_.]+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
  if (words.length === 0) return '?';
  const first = [...words[0]!];
  if (words.length === 1) return first.slice(0, 2).join('').toUpperCase();
  return (first[0]! + [...words[1]!][0]!).toUpperCase();
}

// The colour of the initials is shared with the admin list: see ./initial-icon.ts.
export { hueFor } from './initial-icon.ts';

/** What a tile needs from an app, worked out once per app object (not on every render). */
export interface TileView {
  /** The safe http(s) URL to open, or null: then the tile is not a link. */
  url: string | null;
  /** The icon URL the page may load ({@link safeIconUrl}: https, or http on an http page), or null. */
  icon: string | null;
  initials: string;
  /** One of 12 hue classes, `h0`…`h11`, so no inline style is needed (CSP-friendly, and cheap). */
  hueClass: string;
}

const views = new WeakMap<object, TileView>();

/** The {@link TileView} of an app, cached by object identity. `safeIcon` defaults to {@link safeIconUrl} for this page. */
export function tileView(
  app: { id: string; name: string; open_url: string; icon?: string | null },
  safe: (u: unknown) => string | null,
  safeIcon: (u: unknown) => string | null = safeIconUrl,
): TileView {
  let view = views.get(app);
  if (!view) {
    view = { url: safe(app.open_url), icon: safeIcon(app.icon), initials: initials(app.name), hueClass: hueClassFor(app.id) };
    views.set(app, view);
  }
  return view;
}
