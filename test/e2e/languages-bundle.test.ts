/**
 * The built embed keeps Spanish out of the first paint: the grid's English is inline, the Spanish tables
 * are lazy chunks that only a Spanish page loads, and the English of the forms and errors comes with
 * them, in the chunk requested while the page loads (components/locales/en-more.ts). Reads dist/
 * (`npm run build` first).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { embedSize } from '../../bench/size.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A string of each Spanish table (the launcher's, the admin tools'), and one of English. */
const SPANISH = ['Inicie sesión en sus aplicaciones', 'Agregar aplicación'];
const ENGLISH = 'Search apps';
/** The forms' English: not in the first paint, in one lazy chunk. */
const LATER_ENGLISH = 'Sign in to your apps';

describe('languages in the built embed', () => {
  it('the first paint has English only; each Spanish table is a lazy chunk', async () => {
    const { staticFiles, lazyFiles } = await embedSize();
    const text = async (path: string) => readFile(resolve(ROOT, path), 'utf8');
    const first = (await Promise.all(staticFiles.map((f) => text(f.path)))).join('\n');
    assert.ok(first.includes(ENGLISH), 'English is inline');
    for (const words of [...SPANISH, LATER_ENGLISH]) {
      assert.ok(!first.includes(words), `"${words}" is not in the first paint`);
      const holders = [];
      for (const f of lazyFiles) if ((await text(f.path)).includes(words)) holders.push(f.path);
      assert.equal(holders.length, 1, `"${words}" is in one lazy chunk: ${holders.join(', ')}`);
    }
  });
});
