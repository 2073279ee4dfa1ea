/**
 * Search as you type: case- and accent-insensitive substring match on the app's name.
 * Names are folded once per list (a WeakMap keyed by the list), so a keystroke only compares strings.
 * @module
 */

// The core's folding, which the extension's omnibox uses too: both find the same apps.
import { foldForSearch as fold } from '../core/text.ts';

const folded = new WeakMap<readonly { name: string }[], string[]>();

function foldedNames(items: readonly { name: string }[]): string[] {
  let names = folded.get(items);
  if (!names) {
    names = items.map((item) => fold(item.name));
    folded.set(items, names);
  }
  return names;
}

/**
 * Folds a list's names when the page is idle, so the first keystroke does not pay for it (about 8 ms
 * for 5,000 apps on a slow machine).
 */
export function prepareSearch(items: readonly { name: string }[]): void {
  if (folded.has(items)) return;
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
  idle(() => void foldedNames(items));
}

/** The items whose name contains `query` (folded), in their original order. */
export function filterByName<T extends { name: string }>(items: readonly T[], query: string): readonly T[] {
  const needle = fold(query.trim());
  if (!needle) return items;
  const names = foldedNames(items);
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) if (names[i]!.includes(needle)) out.push(items[i]!);
  return out;
}
