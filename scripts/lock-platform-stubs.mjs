// Adds package-lock.json entries for rollup's native packages of other platforms.
//
// Why: the registry these machines use answers 404 for the native packages of platforms other than
// this one, so `npm install` leaves them out of the lock, and `npm ci` then refuses the lock as out of
// sync ("Missing: @rollup/rollup-darwin-arm64@ from lock file"). An entry that names the package's
// os and cpu is all `npm ci` needs: it skips a package for another platform without fetching it.
// Run it after `npm install` changes the lock: `node scripts/lock-platform-stubs.mjs`. `npm test`
// checks that no entry is missing (scripts/lock-platform-stubs.mjs --check).
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const check = process.argv.includes('--check');

/** os, cpu and libc of a rollup native package, from its name (rollup's own naming scheme). */
function platformOf(name) {
  const [, os, cpu, abi] = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(name) ?? [];
  if (!os) return undefined;
  const libc = abi?.startsWith('musl') ? ['musl'] : abi?.startsWith('gnu') && os === 'linux' ? ['glibc'] : undefined;
  return { os: [os], cpu: [cpu === 'arm' ? 'arm' : cpu], ...(libc ? { libc } : {}) };
}

const missing = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const platform = platformOf(dep);
    if (!platform) continue;
    // npm looks for the dependency next to its parent first, then up the tree.
    const near = `${path}/node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (lock.packages[near] || lock.packages[top]) continue;
    missing.push(dep);
    lock.packages[path.includes('/node_modules/') || path === '' ? near.replace(/^\//, '') : top] = {
      version,
      dev: entry.dev,
      optional: true,
      ...platform,
    };
  }
}
if (check) {
  if (missing.length) {
    console.error(`package-lock.json lacks ${missing.length} platform entries (${missing[0]}, …): run node scripts/lock-platform-stubs.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(LOCK, JSON.stringify(lock, null, 2) + '\n');
  console.log(missing.length ? `added ${missing.length} platform entries to package-lock.json` : 'package-lock.json has every platform entry');
}
