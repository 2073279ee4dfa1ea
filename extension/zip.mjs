// Packs the built extensions for the stores: dist/extension-chrome/ → dist/sso-launcher-chrome.zip and
// dist/extension-firefox/ → dist/sso-launcher-firefox.zip, with manifest.json at the zip's root.
//
// A tiny dependency-free zip writer (PKWARE APPNOTE 6.3.10: local headers, central directory, end
// record; deflate via node:zlib, CRC-32 via zlib.crc32), so packing needs neither an npm package nor a
// `zip` binary on the CI machine. Entries are sorted and dated 1980-01-01, so the same build gives
// byte-identical zips (reviewers can compare them).
// https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const TARGETS = [
  { dir: 'extension-chrome', zip: 'sso-launcher-chrome.zip' },
  { dir: 'extension-firefox', zip: 'sso-launcher-firefox.zip' },
];

/** Every file under `dir`, as zip paths (forward slashes), sorted. */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** DOS date and time of 1980-01-01 00:00, the zip epoch. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Bit 11: names are UTF-8. */
const FLAG_UTF8 = 0x0800;

/**
 * Builds a zip archive of `files` (`{name, data}`), deflated unless stored is smaller.
 * @param {{name: string, data: Buffer}[]} files
 */
export function createZip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const crc = crc32(data) >>> 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(useDeflate ? 8 : 0, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAG_UTF8, 8);
    central.writeUInt16LE(useDeflate ? 8 : 0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk number, internal attributes: 0
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  if (files.length > 0xffff || offset > 0xffffffff) throw new RangeError('Too big for a zip without Zip64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function main() {
  for (const { dir, zip } of TARGETS) {
    const root = join(DIST, dir);
    const exists = await stat(join(root, 'manifest.json')).then(
      () => true,
      () => false,
    );
    if (!exists) {
      console.error(`dist/${dir}/manifest.json is missing: run vite build --mode ${dir} first.`);
      process.exitCode = 1;
      continue;
    }
    const names = await listFiles(root);
    const files = await Promise.all(names.map(async (name) => ({ name, data: await readFile(join(root, name)) })));
    const archive = createZip(files);
    await writeFile(join(DIST, zip), archive);
    console.log(`dist/${zip}: ${files.length} files, ${(archive.length / 1024).toFixed(1)} kB`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
