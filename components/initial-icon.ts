/**
 * The icon an app or a chatbot gets when it has none (or its icon fails to load): its initials on a
 * colour stable for its id. One function and one style sheet for the launcher's grid and the admin
 * list, so an app looks the same in both (issue 14: ShowingTime was olive in one and navy in the other).
 * @module
 */
import { css } from 'lit';

/** Hue from 0 to 359 derived from a string (FNV-1a), stable across sessions and machines. */
export function hueFor(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 360;
}

/** How many hue classes there are: `h0` … `h11`, 30° apart. */
export const HUE_CLASSES = 12;

/**
 * The hue class of an app or a bot, from its id (not its name, so a rename keeps the colour): one of
 * `h0` … `h11`, so no inline style is needed (a strict `style-src` allows classes).
 * @example
 * hueClassFor('9a1c…') // 'h7'
 */
export function hueClassFor(id: string): string {
  return `h${Math.floor(hueFor(id) / (360 / HUE_CLASSES))}`;
}

/**
 * The colours of `span.icon.h0` … `span.icon.h11`, for any shadow root that draws initial-letter icons
 * (the launcher's and the admin tools').
 */
export const initialIconStyles = css`
  span.icon { color: #fff; background: hsl(var(--hue, 210) 55% 30%); }
  .h0 { --hue: 0; }
  .h1 { --hue: 30; }
  .h2 { --hue: 60; }
  .h3 { --hue: 90; }
  .h4 { --hue: 120; }
  .h5 { --hue: 150; }
  .h6 { --hue: 180; }
  .h7 { --hue: 210; }
  .h8 { --hue: 240; }
  .h9 { --hue: 270; }
  .h10 { --hue: 300; }
  .h11 { --hue: 330; }
`;
