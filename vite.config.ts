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
    plugins: [minifyCssTemplates()],
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
        preserveEntrySignatures: 'strict',
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // What the entry imports statically (the first render) and the lazy chunks share goes into one
          // chunk: the bundler would otherwise split it into many small files, each compressed on its own
          // (about 1 kB more gzip). What only lazy chunks use stays with them.
          manualChunks: (id, { getModuleInfo }) => (isFirstRender(id, getModuleInfo) ? 'launcher-base' : undefined),
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

/**
 * Collapses white space and drops comments inside the components' css`...` templates. They hold no
 * `${}` expressions, strings with spaces that matter, or `:` selectors whose spaces this touches: only
 * runs of white space and the spaces around `{ } ; ,` go. Line breaks stay, so no code moves to
 * another line and the sourcemap stays right (`map: null`).
 */
function minifyCssTemplates(): Plugin {
  return {
    name: 'sso-launcher:minify-css-templates',
    transform(code, id) {
      if (!/\/components\/[^/]+\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = code.replace(/\bcss`([^`$]*)`/g, (_, body: string) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
          .replace(/[ \t]+/g, ' ')
          .replace(/ ?([{};,]) ?/g, '$1')
          .replace(/ ?\n ?/g, '\n');
        return `css\`${min}\``;
      });
      return { code: out, map: null };
    },
  };
}
