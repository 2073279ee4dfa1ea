/**
 * Size benchmark: what a page downloads before the launcher can draw.
 *
 * - **core**: `core/index.ts` and everything it imports, bundled by esbuild, minified, ES module,
 *   gzip level 9. The npm package's `.` entry, measured from source.
 * - **embed**: `dist/sso-launcher.js` as built, plus every chunk it imports *statically*, followed
 *   recursively; each file gzip -9, summed. Dynamic `import()` chunks load later, on demand
 *   (MFA settings, the QR code), so they are listed apart and not counted against the budget.
 *
 * - **floor**: bench/floor/minimal-element.ts (Lit, an IndexedDB read, search, a 96-link grid), built
 *   by the same Vite with the embed's options, gzip -9: what a Lit launcher cannot go below.
 *
 * The core is held to 20 kB; the embed's payload before first paint to 14 kB (issue 15, about 2.2×
 * the floor). Run by `npm run bench`, or alone with `tsx bench/size.ts`.
 * @module
 */
import { build, transform, type Metafile } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';
import { formatTable, kB, type BenchRow } from './report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EMBED = resolve(ROOT, 'dist/sso-launcher.js');

/** The core's budget, in bytes (1 kB = 1000 bytes). */
export const BUDGET_BYTES = 20_000;
/** The embed's payload before first paint: the entry and every chunk it loads before painting. */
export const PAYLOAD_BUDGET_BYTES = 14_000;

const gzip = (data: Uint8Array | string) => gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length;

/** core/index.ts bundled, minified, gzip -9. */
export async function coreSize(): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['core/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.length, gzipped: gzip(code) };
}

/** A built file and how it is reached from the embed's entry. */
export interface EmbedFile {
  /** Relative to the project root, such as `dist/chunks/urls-abc.js`. */
  path: string;
  bytes: number;
  gzipped: number;
  /** Size after esbuild's minifier, gzip -9: what the file would cost minified. */
  minifiedGzipped: number;
}

/** The entry, its static imports (recursively), and the dynamically imported rest. */
export interface EmbedSize {
  staticFiles: EmbedFile[];
  lazyFiles: EmbedFile[];
}

/**
 * Walks the module graph of the built embed. esbuild parses it (so `import` inside a string or a
 * template is never mistaken for a statement) and its metafile tells a static `import`/`export from`
 * (`import-statement`) from a dynamic `import()` (`dynamic-import`).
 */
export async function embedSize(entry = EMBED): Promise<EmbedSize> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: resolve(ROOT, '.cache/bench-size'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs: Metafile['inputs'] = result.metafile.inputs;
  const key = (file: string) => relative(ROOT, file).split('\\').join('/');
  const entryKey = key(entry);
  if (!inputs[entryKey]) throw new Error(`esbuild did not read ${entryKey}`);

  const staticKeys = new Set<string>();
  const pending = [entryKey];
  while (pending.length) {
    const current = pending.pop()!;
    if (staticKeys.has(current)) continue;
    staticKeys.add(current);
    for (const imported of inputs[current]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
    }
  }
  // Everything else esbuild reached is behind at least one dynamic import().
  const lazyKeys = Object.keys(inputs).filter((file) => !staticKeys.has(file));

  const measure = async (file: string): Promise<EmbedFile> => {
    const code = await readFile(resolve(ROOT, file));
    const minified = await transform(code.toString('utf8'), { minify: true, format: 'esm', loader: 'js', target: 'es2022' });
    return { path: file, bytes: code.length, gzipped: gzip(code), minifiedGzipped: gzip(minified.code) };
  };
  return {
    staticFiles: await Promise.all([...staticKeys].map(measure)),
    lazyFiles: await Promise.all(lazyKeys.map(measure)),
  };
}

const sum = (files: readonly EmbedFile[], field: 'bytes' | 'gzipped' | 'minifiedGzipped') =>
  files.reduce((total, file) => total + file[field], 0);

/** The Lit floor (bench/floor/minimal-element.ts) built like the embed: every output file, gzip -9, summed. */
export async function floorSize(): Promise<number> {
  const outDir = resolve(ROOT, '.cache/bench-floor');
  const result = await viteBuild({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      write: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      rollupOptions: { input: { floor: resolve(ROOT, 'bench/floor/minimal-element.ts') }, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  return outputs.reduce((total, file) => total + (file.type === 'chunk' ? gzip(file.code) : 0), 0);
}

/** The size benchmark's rows. */
export async function sizeBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const core = await coreSize();
  rows.push({
    bench: 'size',
    what: 'core (core/index.ts, esbuild min + gzip -9)',
    value: `${core.gzipped} B = ${kB(core.gzipped)}`,
    budget: kB(BUDGET_BYTES),
    ok: core.gzipped <= BUDGET_BYTES,
    note: `${kB(core.minified)} minified`,
  });

  if (!existsSync(EMBED)) {
    rows.push({
      bench: 'size',
      what: 'embed (dist/sso-launcher.js + static imports)',
      value: 'not built',
      budget: kB(BUDGET_BYTES),
      ok: false,
      note: 'run npm run build first',
    });
    return rows;
  }
  const embed = await embedSize();
  const gz = sum(embed.staticFiles, 'gzipped');
  const floor = await floorSize();
  rows.push({
    bench: 'size',
    what: 'payload before first paint (dist/sso-launcher.js + static imports, gzip -9)',
    value: `${gz} B = ${kB(gz)}`,
    budget: kB(PAYLOAD_BUDGET_BYTES),
    ok: gz <= PAYLOAD_BUDGET_BYTES,
    note: `${embed.staticFiles.length} files, ${kB(sum(embed.staticFiles, 'bytes'))} raw`,
  });
  rows.push({ bench: 'size', what: '  floor: Lit and a minimal element, same Vite build', value: `${floor} B = ${kB(floor)}`, note: 'bench/floor/minimal-element.ts' });
  rows.push({ bench: 'size', what: '  payload ÷ floor', value: `${(gz / floor).toFixed(2)}×` });
  for (const file of embed.staticFiles) {
    rows.push({ bench: 'size', what: `  ${file.path}`, value: kB(file.gzipped), note: `${kB(file.bytes)} raw` });
  }
  const minGz = sum(embed.staticFiles, 'minifiedGzipped');
  rows.push({
    bench: 'size',
    what: 'embed, each file re-minified by esbuild (for comparison)',
    value: `${minGz} B = ${kB(minGz)}`,
    note: "esbuild's minifier on each file: how much minifying dist would still save",
  });
  const lazy = sum(embed.lazyFiles, 'gzipped');
  rows.push({
    bench: 'size',
    what: 'lazy chunks (dynamic import(), not in the budget)',
    value: kB(lazy),
    note: embed.lazyFiles.map((file) => file.path.replace(/^dist\//, '')).join(', ') || 'none',
  });
  return rows;
}

// `tsx bench/size.ts`: this benchmark alone.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatTable(await sizeBench()));
}
