import { posix } from 'node:path';

// Config of `cem analyze` (@custom-elements-manifest/analyzer): reads the Lit elements' JSDoc
// (@summary, @event, @csspart, @cssproperty, @slot, property docs) into dist/custom-elements.json,
// which IDEs and documentation tools pick up through package.json's `customElements` field.
export default {
  globs: ['components/**/*.ts'],
  // The analyzer already skips *.test.ts and *.d.ts; the rest is belt and braces for helpers that
  // tests may keep beside the elements.
  exclude: ['components/**/*.test.ts', 'components/**/*.spec.ts', 'components/**/test/**', 'components/**/*.stories.ts'],
  outdir: 'dist',
  // Lit's decorators (@property, @state, @customElement) become attributes and members.
  litelement: true,
  // package.json already has `"customElements": "dist/custom-elements.json"`; don't let every build rewrite it.
  packagejson: false,
  plugins: [normaliseModulePaths()],
};

/**
 * The analyzer writes the module of a re-exported definition as an absolute-looking path
 * (`/components/sso-launcher.component.ts`, for the `customElements.define` in sso-launcher.ts that
 * names an imported class), and that of a re-exported type as written in the import (`./events.ts`),
 * while every other reference is package-relative. Tools that join these paths to the package root
 * then miss the file, so make them all package-relative.
 */
function normaliseModulePaths() {
  const fix = (value, dir) => {
    if (Array.isArray(value)) value.forEach((child) => fix(child, dir));
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if ((key === 'module' || key === 'path') && typeof child === 'string') {
          value[key] = /^\.\.?\//.test(child) ? posix.join(dir, child) : child.replace(/^\/+/, '');
        } else fix(child, dir);
      }
    }
  };
  return {
    name: 'sso-normalise-module-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) fix(module, posix.dirname(module.path.replace(/^\/+/, '')));
    },
  };
}
