/**
 * The script tag's first paint is one file (issue 15): every file the entry imports statically is a
 * round trip more before anything runs, and Rolldown splits a shared module out of the entry on small
 * changes to the module graph (importing core/apps-cache.ts from the first module did). What only
 * the forms need stays out of it: their CSS comes with their chunk. Reads dist/ (`npm run build` first).
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
});
