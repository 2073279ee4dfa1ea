/**
 * Search as you type: case- and accent-insensitive substring match on the app's name.
 * Names are folded once per list (a WeakMap keyed by the list), so a keystroke only compares strings.
 * @module
 */

// The core's folding, which the extension's omnibox uses too: both find the same apps.
import { foldForSearch as fold } from '../core/text.ts';

const folded = new WeakMap<readonly { name: string }[], string[]>();

/** The items whose name contains `query` (folded), in their original order. */
export function filterByName<T extends { name: string }>(items: readonly T[], query: string): readonly T[] {
  const needle = fold(query.trim());
  if (!needle) return items;
  let names = folded.get(items);
  if (!names) {
    names = items.map((item) => fold(item.name));
    folded.set(items, names);
  }
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) if (names[i]!.includes(needle)) out.push(items[i]!);
  return out;
}
