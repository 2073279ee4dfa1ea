/**
 * How the extension's build splits the toolbar popup's code (issue 15): the popup's first paint loads
 * three script files instead of fifteen.
 *
 * Left to itself, Rolldown gives every set of modules with its own sharing pattern (the popup, the
 * options page, the background, and each lazy chunk of each) a chunk of its own, and the popup's first
 * paint fetched fifteen files (`lit`, `keys`, `text` of 92 bytes, `events` of 150, ...). Each file an
 * extension page loads is a request through the browser process, and they all compete with the page's
 * other requests.
 *
 * Here every module the popup imports statically goes in one of three files:
 * - `popup-common`: those the background also loads (at any time). Only code that already runs in the
 *   background's worker, so nothing that needs a DOM. The options page loads it too; of what it did not
 *   use before, only a few hundred bytes (core/text.ts, ...).
 * - `popup-ui`: those the options page also loads (at any time), and not the background: Lit, the
 *   tile, the launcher's strings. The options page now loads the tile's few kB up front, which it
 *   loaded before only with the admin tools.
 * - the popup's own entry file: the rest, used by the popup alone.
 * No module is copied into two files (one instance of each, as before), and the popup's own code,
 * which runs the popup, never lands in a file that another page imports. What the popup loads lazily
 * (the client, zod, the settings) is split as before. Measured: the popup 15 files / 87 kB → 3 / 76 kB,
 * the options page 11 / 80 kB → 6 / 75 kB (with browser.ts off the polyfill).
 * @module
 */
import type { Rolldown } from 'vite';

type CodeSplitting = Exclude<NonNullable<Rolldown.OutputOptions['codeSplitting']>, boolean>;
type ModuleLookup = (id: string) => { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;

/** The extension's pages and the background, by their entry modules (paths from the project root). */
const ENTRIES = { popup: 'extension/popup.html', options: 'extension/options.html', background: 'extension/background.ts' };

/** Every module reached from `entry`: through static imports only, or also through `import()`. */
function reach(entry: string, lookup: ModuleLookup, lazyToo: boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const info = lookup(id);
    if (!info) continue;
    queue.push(...info.importedIds, ...(lazyToo ? info.dynamicallyImportedIds : []));
  }
  return seen;
}

/**
 * The `output.codeSplitting` option: the popup's static modules in `popup-common`, `popup-ui` or its
 * entry file (above). `root` is the project root (absolute, with a trailing slash), where the entries'
 * paths start.
 */
export function popupChunks(root: string): CodeSplitting {
  let groups: Map<string, string> | undefined;
  /** Each of the popup's static modules → its group's name; computed once per build, on the first call. */
  const groupOf = (lookup: ModuleLookup): Map<string, string> => {
    if (groups) return groups;
    const popup = reach(root + ENTRIES.popup, lookup, false);
    const options = reach(root + ENTRIES.options, lookup, true);
    const background = reach(root + ENTRIES.background, lookup, true);
    groups = new Map();
    for (const id of popup) {
      if (background.has(id)) groups.set(id, 'popup-common');
      else if (options.has(id)) groups.set(id, 'popup-ui');
    }
    return groups;
  };
  return {
    groups: [
      {
        // Each module is placed by its own pages; taking a module's imports along would move the
        // background's into popup-ui, or the popup's own into a file another page loads.
        name: (id, ctx) => groupOf((m) => ctx.getModuleInfo(m)).get(id) ?? null,
        includeDependenciesRecursively: false,
      },
    ],
  };
}
