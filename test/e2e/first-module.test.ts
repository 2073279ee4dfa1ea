/**
 * The script tag's first paint is one file (issue 15): every file the entry imports statically is a
 * round trip more before anything runs, and Rolldown splits a shared module out of the entry on small
 * changes to the module graph (importing core/apps-cache.ts from the first module did). It holds what
 * a returning agent's cached grid needs to paint from its copy, and no more: the forms' CSS, the
 * storage code, the grid's keys and the session's code each come with a lazy chunk. Reads dist/
 * (`npm run build` first).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { embedSize } from '../../bench/size.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A rule of components/form.styles.ts, as the CSS minifier writes it. */
const FORM_RULE = '.signed-out{margin:0;';

describe('the built embed\'s first module', () => {
  it('is one file, without the forms\' CSS, which is in one lazy chunk', async () => {
    const { staticFiles, lazyFiles } = await embedSize();
    assert.deepEqual(staticFiles.map((f) => f.path), ['dist/sso-launcher.js'], 'the entry imports no chunk statically');
    const text = (path: string) => readFile(resolve(ROOT, path), 'utf8');
    assert.ok(!(await text('dist/sso-launcher.js')).includes(FORM_RULE), 'the forms\' CSS is not in the first module');
    const holders = [];
    for (const f of lazyFiles) if ((await text(f.path)).includes(FORM_RULE)) holders.push(f.path);
    assert.equal(holders.length, 1, `the forms' CSS is in one lazy chunk: ${holders.join(', ')}`);
  });

  it('leaves the storage code, the grid\'s behaviour and the connection to lazy chunks', async () => {
    const { lazyFiles } = await embedSize();
    const entry = await readFile(resolve(ROOT, 'dist/sso-launcher.js'), 'utf8');
    const chunks = await Promise.all(lazyFiles.map((f) => readFile(resolve(ROOT, f.path), 'utf8')));
    // A name each part cannot do without: IndexedDB (launcher-start.ts and the storage code), the
    // grid's growing as it scrolls (grid-behaviour.ts), and revalidating when the tab comes back
    // (launcher-connection.ts).
    for (const marker of ['indexedDB', 'IntersectionObserver', 'visibilitychange']) {
      assert.ok(!entry.includes(marker), `${marker} is not in the first module`);
      assert.ok(chunks.some((code) => code.includes(marker)), `${marker} is in a lazy chunk`);
    }
  });

  it('requests the start\'s chunk (IndexedDB) before any other', async () => {
    // components/start-code.ts: on a first visit the start's read then begins before the forms' code runs.
    const { lazyFiles } = await embedSize();
    const entry = await readFile(resolve(ROOT, 'dist/sso-launcher.js'), 'utf8');
    const first = /\bimport\(`\.\/(chunks\/[^`]+)`\)/.exec(entry)?.[1];
    assert.ok(first, 'the entry imports a chunk lazily');
    const code = await readFile(resolve(ROOT, 'dist', first), 'utf8');
    assert.ok(code.includes('indexedDB'), `the first chunk requested, ${first}, is the start's`);
    assert.ok(lazyFiles.some((f) => f.path.endsWith(first)), `${first} is a lazy chunk`);
  });
});

describe('the built extension\'s popup', () => {
  it('loads three script files before its first paint: its own, popup-common and popup-ui', async () => {
    // extension/chunks.ts places every module; a lazy chunk importing a module that only the popup's own
    // file holds made Rolldown move that module into a file of its own (three more, once).
    const dir = resolve(ROOT, 'dist/extension-chrome');
    const html = await readFile(resolve(dir, 'extension/popup.html'), 'utf8');
    const entry = /<script type="module"[^>]* src="\/([^"]+)"/.exec(html)?.[1];
    assert.ok(entry, 'popup.html has a module script');
    const imports = [...(await readFile(resolve(dir, entry), 'utf8')).matchAll(/\bimport(?:\{[^}]*\}from)?"\.\/([^"]+)"/g)].map((m) => m[1]!.replace(/-[\w-]{8}\.js$/, ''));
    assert.deepEqual(imports.sort(), ['popup-common', 'popup-ui']);
  });
});
