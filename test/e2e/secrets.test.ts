/**
 * No configured secret may reach a browser: greps the build (the embed in dist/*.js and dist/chunks/,
 * the extension in dist/extension-chrome and dist/extension-firefox, and everything else under dist/)
 * for every secret the demo broker holds and the simulator's seed knows. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { configSecrets } from '../../broker/config.ts';
import { DEMO_BROKER_CONFIG } from '../../demo/broker.ts';
import { CLIENT_SECRET, XENIOO_ACCOUNT_API_KEY, XENIOO_BOTS } from '../../demo/simulator/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = resolve(ROOT, 'dist');

/** Every secret, with a name to report it by (the value itself is not printed). */
const SECRETS = new Map<string, string>([
  [CLIENT_SECRET, 'the Rechat client secret'],
  [XENIOO_ACCOUNT_API_KEY, 'the Xenioo account API key'],
  ...XENIOO_BOTS.flatMap((bot): Array<[string, string]> => [
    [bot.botApiKey, `the Xenioo bot API key of ${bot.id}`],
    [bot.botApiSecret, `the Xenioo bot secret of ${bot.id}`],
  ]),
]);
for (const secret of configSecrets(DEMO_BROKER_CONFIG)) if (!SECRETS.has(secret)) SECRETS.set(secret, 'a secret of demo/broker.config.json');

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/**
 * The files under `dir` that contain a secret, as "file: which secret". Zip archives are skipped: they
 * are compressed copies of the extension folders, which are searched themselves.
 */
function findSecrets(dir: string, secrets: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    if (file.endsWith('.zip')) continue;
    const bytes = readFileSync(file);
    for (const [secret, name] of secrets) if (bytes.includes(secret)) found.push(`${relative(ROOT, file)}: ${name}`);
  }
  return found;
}

describe('secrets stay on the server', () => {
  it('the demo broker holds the secrets the simulator checks', () => {
    assert.equal(DEMO_BROKER_CONFIG.rechat.clientSecret, CLIENT_SECRET);
    assert.equal(DEMO_BROKER_CONFIG.xenioo?.accountApiKey, XENIOO_ACCOUNT_API_KEY);
    const configured = Object.values(DEMO_BROKER_CONFIG.brands).flatMap((brand) => brand.chatbots ?? []);
    assert.ok(configured.length >= 2);
    for (const bot of configured) {
      const seed = XENIOO_BOTS.find((candidate) => candidate.id === bot.id);
      assert.ok(seed, `${bot.id} is not a simulator bot`);
      assert.equal(bot.botApiKey, seed.botApiKey, `${bot.id}: API key`);
      assert.equal(bot.botApiSecret, seed.botApiSecret, `${bot.id}: secret`);
    }
    assert.ok(SECRETS.size >= 6);
  });

  it('the search finds a secret wherever it is planted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    try {
      mkdirSync(join(dir, 'chunks'));
      writeFileSync(join(dir, 'clean.js'), 'export const x = 1;');
      writeFileSync(join(dir, 'chunks', 'leak.js'), `const s = ${JSON.stringify(XENIOO_BOTS[1].botApiSecret)};`);
      writeFileSync(join(dir, 'archive.zip'), CLIENT_SECRET);
      assert.deepEqual(
        findSecrets(dir, SECRETS).map((line) => line.replace(/^.*(chunks)/, '$1')),
        ['chunks/leak.js: the Xenioo bot secret of lead-qualifier'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no configured secret is in the built embed or extension', () => {
    const required = ['sso-launcher.js', 'chunks', 'extension-chrome', 'extension-firefox'];
    for (const name of required) {
      assert.ok(existsSync(join(DIST, name)), `dist/${name} is missing: run "npm run build" first.`);
    }
    assert.ok(statSync(join(DIST, 'extension-chrome', 'manifest.json')).isFile(), 'dist/extension-chrome has no manifest.json: run "npm run build" first.');
    const scanned = filesUnder(DIST).filter((file) => !file.endsWith('.zip'));
    assert.ok(scanned.some((file) => file.startsWith(join(DIST, 'chunks'))), 'dist/chunks is empty: run "npm run build" first.');
    const found = findSecrets(DIST, SECRETS);
    assert.deepEqual(found, [], `secrets found in the build:\n${found.join('\n')}`);
  });
});
