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
  plugins: [normaliseModulePaths(), stateIsNotAnAttribute()],
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

/**
 * `<sso-launcher>` declares its reactive properties in a static table (no decorators, issue 15), and the
 * analyzer reads the table's `{state: true}` entries as attributes too: internal state (`apps`, `prefs`…)
 * showed up as attributes, and the private `session` state took over the `session` attribute of
 * `sessionMode`. An attribute belongs to a public member: it is pointed at the public member that
 * declares it, and dropped when only a private one does.
 */
function stateIsNotAnAttribute() {
  return {
    name: 'sso-state-is-not-an-attribute',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.attributes || !declaration.members) continue;
          const isPrivate = (member) => member.privacy === 'private' || member.privacy === 'protected';
          for (const member of declaration.members) if (isPrivate(member)) delete member.attribute;
          declaration.attributes = declaration.attributes.flatMap((attribute) => {
            const owner = declaration.members.find((member) => !isPrivate(member) && member.attribute === attribute.name);
            if (owner) return [{ ...attribute, fieldName: owner.name }];
            const field = declaration.members.find((member) => member.name === attribute.fieldName);
            return field && isPrivate(field) ? [] : [attribute];
          });
        }
      }
    },
  };
}
