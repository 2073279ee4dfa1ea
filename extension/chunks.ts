/**
 * How the extension's build splits the toolbar popup's code (issue 15): the popup's first paint loads
 * a handful of files instead of one per shared module.
 *
 * Left to itself, Rolldown gives every set of modules with its own sharing pattern (the popup, the
 * options page, the background, and each lazy chunk of each) a chunk of its own, and the popup's first
 * paint fetched fifteen files (`lit`, `keys`, `text`, `events` of 92 bytes, ...). Each file an extension
 * page loads is a round trip through the browser process: measured, they cost more than their bytes.
 *
 * Here every module the popup imports statically is grouped by the pages that load it: by the popup
 * alone, or also by the options page and/or the background (statically, or only through a lazy
 * `import()` there). A group therefore holds only modules that every page loading it needs, so no page
 * loads code it would not have loaded before, no module is copied into two chunks (one instance of
 * each, as before), and the popup's own code, whose module runs the popup, never lands in a file that
 * another page imports. What the popup loads lazily (the client, zod, the settings) is split as before.
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
 * The `output.codeSplitting` option: the popup's static modules in one chunk per set of pages that
 * load them (`popup`, `popup-background`, `popup-options-lazy`, ...). `root` is the project root
 * (absolute, with a trailing slash), where the entries' paths start.
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
        // Each module is placed by its own pages; taking a module's imports along would move them
        // into a group whose other pages do not need them.
        name: (id, ctx) => groupOf((m) => ctx.getModuleInfo(m)).get(id) ?? null,
        includeDependenciesRecursively: false,
      },
    ],
  };
}
