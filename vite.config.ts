/**
 * One Vite config, three builds, chosen by `--mode`:
 * - default: the embed, `dist/sso-launcher.js` (the script tag, and the npm package's `./element`);
 * - `core`: `dist/core.js`, the npm package's framework-free entry;
 * - `extension-chrome` / `extension-firefox`: the MV3 extension (see extension/vite.extension.ts).
 */
import { defineConfig, type Plugin, type UserConfig } from 'vite';

export default defineConfig(async ({ mode }): Promise<UserConfig> => {
  if (mode === 'extension-chrome' || mode === 'extension-firefox') {
    const { extensionConfig } = await import('./extension/vite.extension.ts');
    return extensionConfig(mode === 'extension-firefox' ? 'firefox' : 'chrome');
  }
  if (mode === 'core') {
    // The npm package's framework-free entry (dist/core.js), built on its own so that sharing code with
    // it does not split the script tag's bundle into more files.
    return {
      publicDir: false,
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: true,
        rollupOptions: {
          input: { core: 'core/index.ts' },
          preserveEntrySignatures: 'strict',
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/core-[name]-[hash].js' },
        },
      },
    };
  }
  // The script tag's bundle, dist/sso-launcher.js. Not library mode: Vite 8 does not minify ES output
  // in library mode, and this wants the smallest payload.
  return {
    publicDir: false,
    plugins: [minifyCssTemplates(), noPreloadHelper(), noPreloadWrappers(), inlineHelperChunks()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      // The launcher loads its lazy chunks itself; Vite's modulepreload polyfill would be dead weight.
      modulePreload: false,
      rollupOptions: {
        input: { 'sso-launcher': 'components/sso-launcher.ts' },
        // The entry keeps its exports (SsoLauncher, registerMessages) and may export more: the lazy chunks
        // import the first render's shared code from it (see codeSplitting below).
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // No waterfall (issue 15). What the first render needs is the entry file itself: one request
          // (a separate base chunk behind a re-exporting entry cost a second round trip before anything
          // ran), and the lazy chunks import what they share with it from it. The client (session, HTTP,
          // zod, the app list) is one chunk, fetched in one request, instead of a chain launcher →
          // http/session → schemas; the lazy views that use it (chatbots, admin, MFA settings) import it
          // from there, and what only they use stays with them. The client group must not take its
          // dependencies along (the default): it would pull the storage code out of the entry, and the
          // entry would then import the whole client before painting. Rolldown allows that only with
          // entry signatures that may be extended.
          codeSplitting: {
            groups: [
              // What a signed-out visit shows, every error's wording and the grid's arrow keys, in one chunk
              // that is requested while the page loads (components/sign-in-loader.ts, tile-grid.ts), not
              // waited for by a cached grid's first paint, and at hand offline once loaded.
              {
                name: (id) => (/\/components\/(sign-in-(controller|form)|mfa-form|rechat-sign-in|describe-error|locales\/en-more|grid-(behaviour|navigation|keys)|search|pin-button|focus-follower|view-focus|adopt-styles|form\.styles)\.ts$|\/core\/(error-codes|text)\.ts$/.test(id) ? 'after-paint' : null),
                includeDependenciesRecursively: false,
              },
              // The start's storage code and reads (IndexedDB, the snapshot, the early app list request), in one
              // chunk requested as the entry runs: a returning agent's grid paints from its copy without it.
              // The client imports the storage code from it.
              {
                name: (id, ctx) => (!isFirstRender(id, (m) => ctx.getModuleInfo(m)) && isStartCode(id, (m) => ctx.getModuleInfo(m)) ? 'storage' : null),
                includeDependenciesRecursively: false,
              },
              {
                name: (id, ctx) => (!isFirstRender(id, (m) => ctx.getModuleInfo(m)) && isClientCode(id, (m) => ctx.getModuleInfo(m)) ? 'client' : null),
                includeDependenciesRecursively: false,
              },
            ],
          },
        },
      },
    },
  };
});

type ModuleInfoLookup = (id: string) => { isEntry: boolean; importers: readonly string[] } | null;

/**
 * Whether a module is one that `isRoot` picks or is reached from one through static imports only,
 * memoised per build: walks the importers up the graph.
 */
function reachedFrom(isRoot: (id: string, info: { isEntry: boolean }) => boolean) {
  const known = new Map<string, boolean>();
  const reached = (id: string, getModuleInfo: ModuleInfoLookup, seen = new Set<string>()): boolean => {
    const memo = known.get(id);
    if (memo !== undefined) return memo;
    if (seen.has(id)) return false;
    seen.add(id);
    const info = getModuleInfo(id);
    const result = !!info && (isRoot(id, info) || info.importers.some((importer) => reached(importer, getModuleInfo, seen)));
    known.set(id, result);
    return result;
  };
  return reached;
}

/** Whether a module is reached from the entry through static imports only. */
const isFirstRender = reachedFrom((_, info) => info.isEntry);
/** Whether a module is components/launcher-start.ts or reached from it through static imports. */
const isStartCode = reachedFrom((id) => /\/components\/launcher-start\.ts$/.test(id));
/** Whether a module is core/launcher.ts or reached from it through static imports. */
const isClientCode = reachedFrom((id) => /\/core\/launcher\.ts$/.test(id));

/**
 * Vite wraps every dynamic `import()` of a client build in its `__vitePreload` helper (preloading the
 * chunk's own imports and CSS, and the `vite:preloadError` event), even with `modulePreload: false`
 * and when every call passes `[]` deps: in Vite 8 only library mode leaves it out, and library mode
 * does not minify. The launcher preloads what it needs itself and has no CSS files, so the helper is
 * replaced by a call-through (about 0.4 kB gzip less before first paint). Remove this plugin when Vite
 * omits the helper for `modulePreload: false` on its own.
 */
function noPreloadHelper(): Plugin {
  const id = '\0vite/preload-helper.js';
  return {
    name: 'sso-launcher:no-preload-helper',
    enforce: 'pre',
    resolveId: (source) => (source === id ? id : null),
    load: (source) => (source === id ? 'export const __vitePreload = (load) => load();' : null),
  };
}

/**
 * With the helper a call-through (above), each `__vitePreload(() => import(x), [])` is `import(x)`:
 * the wrappers go too, before the chunks are minified, and the helper's import with the last of them.
 * An `async` wrapper (Vite's for `const { a } = await import(x)`) becomes the function's own call.
 * Each line keeps its place, so the sourcemap's lines stay right.
 */
function noPreloadWrappers(): Plugin {
  return {
    name: 'sso-launcher:no-preload-wrappers',
    renderChunk: {
      order: 'post',
      handler(code) {
        let out = code
          .replace(/__vitePreload\(\(\) => (import\("[^"]+"\)(?:\.then\(\((\w+)\) => \2\.[\w$]+\))?), __VITE_PRELOAD__\)/g, '$1')
          .replace(/__vitePreload\((async \(\) => \{[^]*?\n\t*\}), __VITE_PRELOAD__\)/g, '($1)()');
        const helperImport = /import \{ \w+ as __vitePreload \} from "[^"]+";/;
        if (!out.replace(helperImport, '').includes('__vitePreload')) out = out.replace(helperImport, '');
        return out === code ? null : { code: out, map: null };
      },
    },
  };
}

/**
 * Rolldown puts its own runtime helpers (`__exportAll`, for the namespace of a module imported
 * dynamically from a merged chunk) and Vite's preload helper in chunks of their own, a few bytes each,
 * which no `codeSplitting` group can move. Each costs a round trip in a row (issue 15, seen in the
 * resource timings of a fresh load): the entry could not run before `preload-helper.js` (28 B) had
 * arrived, nor the client before `rolldown-runtime.js` (0.15 kB). So each such chunk is copied into
 * the chunks that import it. The import statement is overwritten with spaces of the same length, so
 * every column after it, and the sourcemap, stay right, and the helper goes after the last line, as a
 * function declaration (hoisted, so it is callable from the first statement on) that evaluates the
 * helper's own code in a scope of its own (its minified names cannot clash with the importer's).
 * Remove this when Rolldown inlines its runtime into the chunks that use it.
 */
function inlineHelperChunks(): Plugin {
  return {
    name: 'sso-launcher:inline-helper-chunks',
    generateBundle(_, bundle) {
      for (const helper of Object.values(bundle)) {
        if (helper.type !== 'chunk' || !['preload-helper', 'rolldown-runtime'].includes(helper.name) || helper.imports.length) continue;
        const exported = /export\{([^}]*)\};?\s*$/.exec(helper.code);
        if (!exported) throw new Error(`inline-helper-chunks: no export list at the end of ${helper.fileName}`);
        const body = helper.code.slice(0, exported.index);
        const locals = new Map(exported[1]!.split(',').map((spec) => {
          const [local, name = local] = spec.trim().split(/\s+as\s+/);
          return [name!, local!];
        }));
        const base = helper.fileName.split('/').pop()!.replace(/[.$]/g, '\\$&');
        const importRe = new RegExp(`import\\{([^}]*)\\}from"[./]*(?:chunks/)?${base}";`);
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !chunk.imports.includes(helper.fileName)) continue;
          const found = importRe.exec(chunk.code);
          if (!found && !chunk.code.includes(base.replace(/\\/g, ''))) {
            // Its import was dropped with the last use (noPreloadWrappers).
            chunk.imports = chunk.imports.filter((file) => file !== helper.fileName);
            continue;
          }
          if (!found) throw new Error(`inline-helper-chunks: ${chunk.fileName} imports ${helper.fileName} in an unexpected form`);
          const decls = found[1]!.split(',').map((spec) => {
            const [name, as = name] = spec.trim().split(/\s+as\s+/);
            const local = locals.get(name!);
            if (!local) throw new Error(`inline-helper-chunks: ${helper.fileName} does not export ${name}`);
            return `function ${as}(...a){return(()=>{${body}return ${local}})()(...a)}`;
          });
          const code = chunk.code.slice(0, found.index) + ' '.repeat(found[0].length) + chunk.code.slice(found.index + found[0].length);
          const tail = code.lastIndexOf('\n//# sourceMappingURL=');
          chunk.code = tail < 0 ? `${code}\n${decls.join('')}` : `${code.slice(0, tail)}\n${decls.join('')}${code.slice(tail)}`;
          chunk.imports = chunk.imports.filter((file) => file !== helper.fileName);
        }
        delete bundle[helper.fileName];
      }
    },
  };
}

/**
 * Collapses white space and drops comments inside the components' css`...` templates. They hold no
 * `${}` expressions but the name of another template, and no string or selector with a space that
 * matters: runs of white space become one space, the spaces around `{ } ; , >` and after a
 * declaration's `:` go, and so does the `;` before a `}`. The template's line breaks go after it, in
 * the code, so no code moves to another line and the sourcemap stays right (`map: null`).
 */
function minifyCssTemplates(): Plugin {
  return {
    name: 'sso-launcher:minify-css-templates',
    transform(code, id) {
      if (!/\/components\/[^/]+\.ts$/.test(id) || !code.includes('css`')) return null;
      // A template may interpolate another one (`${initialIconStyles}`): the text around it is minified.
      const out = code.replace(/\bcss`((?:[^`$]|\$\{[\w.]+\})*)`/g, (_, body: string) => {
        const min = body
          .split(/(\$\{[\w.]+\})/)
          .map((piece, i) =>
            i % 2
              ? piece
              : piece
                  .replace(/\/\*[\s\S]*?\*\//g, ' ')
                  .replace(/\s+/g, ' ')
                  .replace(/ ?([{};,>]) ?/g, '$1')
                  .replace(/: /g, ':')
                  .replace(/;}/g, '}'),
          )
          .join('');
        return `css\`${min}\`${'\n'.repeat(body.split('\n').length - 1)}`;
      });
      return { code: out, map: null };
    },
  };
}
