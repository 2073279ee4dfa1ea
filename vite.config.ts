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
    plugins: [minifyCssTemplates(), noPreloadHelper()],
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
              // that is requested while the page loads (components/early-snapshot.ts, tile-grid.ts), not
              // waited for by a cached grid's first paint, and at hand offline once loaded.
              {
                name: (id) => (/\/components\/(sign-in-(controller|form)|mfa-form|rechat-sign-in|describe-error|locales\/en-more|grid-(navigation|keys))\.ts$/.test(id) ? 'after-paint' : null),
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
const firstRender = new Map<string, boolean>();

/** Whether a module is reached from the entry through static imports only (memoised per build). */
function isFirstRender(id: string, getModuleInfo: ModuleInfoLookup, seen = new Set<string>()): boolean {
  const known = firstRender.get(id);
  if (known !== undefined) return known;
  if (seen.has(id)) return false;
  seen.add(id);
  const info = getModuleInfo(id);
  const result = !!info && (info.isEntry || info.importers.some((importer) => isFirstRender(importer, getModuleInfo, seen)));
  firstRender.set(id, result);
  return result;
}

const clientCode = new Map<string, boolean>();

/** Whether a module is core/launcher.ts or reached from it through static imports (memoised per build). */
function isClientCode(id: string, getModuleInfo: ModuleInfoLookup, seen = new Set<string>()): boolean {
  const known = clientCode.get(id);
  if (known !== undefined) return known;
  if (seen.has(id)) return false;
  seen.add(id);
  const info = getModuleInfo(id);
  const result = /\/core\/launcher\.ts$/.test(id) || (!!info && info.importers.some((importer) => isClientCode(importer, getModuleInfo, seen)));
  clientCode.set(id, result);
  return result;
}

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
    // The call-through still lands in a chunk of its own, which the entry imports statically: one more
    // request, after the entry's, before anything runs. Each chunk gets its own copy instead, padded
    // with spaces to the import's length so the sourcemaps stay right, and the helper's chunk goes.
    generateBundle(_, bundle) {
      const helper = Object.values(bundle).find((file) => file.type === 'chunk' && file.moduleIds.includes(id));
      if (!helper || helper.type !== 'chunk') return;
      const name = helper.fileName.split('/').pop()!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const statement = new RegExp(`import\\{(\\w+) as (\\w+)\\}from"\\.{1,2}/(?:chunks/)?${name}";`);
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || file === helper) continue;
        file.code = file.code.replace(statement, (match, _exported: string, local: string) => `const ${local}=l=>l();`.padEnd(match.length));
        if (statement.test(file.code)) this.error(`${file.fileName} still imports ${helper.fileName}`);
        file.imports = file.imports.filter((f) => f !== helper.fileName);
      }
      delete bundle[helper.fileName];
      delete bundle[`${helper.fileName}.map`];
    },
  };
}

/**
 * Collapses white space and drops comments inside the components' css`...` templates. They hold no
 * `${}` expressions but the name of another template, strings with spaces that matter, or `:` selectors whose spaces this touches: only
 * runs of white space and the spaces around `{ } ; ,` go. Line breaks stay, so no code moves to
 * another line and the sourcemap stays right (`map: null`).
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
                  .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
                  .replace(/[ \t]+/g, ' ')
                  .replace(/ ?([{};,]) ?/g, '$1')
                  .replace(/ ?\n ?/g, '\n'),
          )
          .join('');
        return `css\`${min}\``;
      });
      return { code: out, map: null };
    },
  };
}
