// Checks the npm package as someone who installs it gets it: the files `npm pack` would publish, after
// `npm run build`. publint checks package.json against those files and attw checks that the types
// resolve; this checks what neither looks at:
// 1. every file package.json names (exports, types, customElements) is in the package;
// 2. custom-elements.json names only modules that are in the package, and no internal element;
// 3. every source of a source map or declaration map is in the package, or embedded in the map;
// 4. no shipped text names a path outside the repository (such as ../shared/…), or a Markdown file
//    that the repository does not have.
// Run: node scripts/check-package.mjs (part of `npm run lint:package`). Exit code 1 lists each problem.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Internal elements of the admin tools: documented for the repository, not for the package. */
const INTERNAL_TAGS = new Set(['sso-admin-apps', 'sso-admin-groups', 'sso-admin-confirm']);

const problems = [];
const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }))[0];
const shipped = new Set(pack.files.map((f) => f.path));
const inPackage = (path) => shipped.has(normalize(path).replace(/^\.\//, ''));
const read = (path) => readFileSync(join(root, path), 'utf8');

// 1. What package.json names.
const pkg = JSON.parse(read('package.json'));
const named = [pkg.main, pkg.module, pkg.types, pkg.customElements].filter(Boolean);
const walk = (value) => (typeof value === 'string' ? named.push(value) : value && Object.values(value).forEach(walk));
walk(pkg.exports);
for (const path of named) if (!inPackage(path)) problems.push(`package.json names ${path}, which is not in the package`);

// 2. The custom elements manifest.
if (pkg.customElements && inPackage(pkg.customElements)) {
  const manifest = JSON.parse(read(pkg.customElements));
  const modules = [];
  const collect = (value) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      // A `module` next to `package` is in another package (lit's LitElement, say).
      if (typeof value.module === 'string' && !value.package) modules.push(value.module);
      if (typeof value.path === 'string') modules.push(value.path);
      if (typeof value.tagName === 'string' && INTERNAL_TAGS.has(value.tagName)) problems.push(`custom-elements.json documents the internal <${value.tagName}>`);
      Object.values(value).forEach(collect);
    }
  };
  collect(manifest.modules);
  for (const module of new Set(modules)) if (!inPackage(module)) problems.push(`custom-elements.json names ${module}, which is not in the package`);
}

// 3. Source maps and declaration maps.
for (const file of shipped) {
  if (!file.endsWith('.map')) continue;
  const map = JSON.parse(read(file));
  map.sources.forEach((source, i) => {
    const target = relative(root, join(root, dirname(file), map.sourceRoot ?? '', source));
    if (!inPackage(target) && typeof map.sourcesContent?.[i] !== 'string') problems.push(`${file}: source ${source} is neither in the package nor embedded`);
  });
}

// 4. Paths outside the repository, and Markdown files that do not exist. A bare name (`architecture.md`
//    in a folder listing) counts when some file of the repository has it.
const repoFiles = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n');
const OUTSIDE = [/(?:\.\.\/)+shared\//g, /\/work\//g, /file:\/\/\//g];
for (const file of shipped) {
  if (!/\.(ts|json|md)$/.test(file) || file === 'package.json') continue;
  const text = read(file);
  for (const pattern of OUTSIDE) for (const match of text.matchAll(pattern)) problems.push(`${file}: names ${match[0]}… (outside the repository)`);
  for (const [name] of text.matchAll(/\b[\w-]+(?:\/[\w-]+)*\.md\b/g)) {
    if (existsSync(join(root, name)) || repoFiles.some((path) => path.endsWith(`/${name}`))) continue;
    problems.push(`${file}: names ${name}, which the repository does not have`);
  }
}

if (problems.length) {
  console.error(`The package has ${problems.length} problem(s):\n- ${[...new Set(problems)].join('\n- ')}`);
  process.exit(1);
}
console.log(`package: ${shipped.size} files, ${(pack.size / 1024).toFixed(1)} kB packed; every path they name is in the package or the repository.`);
