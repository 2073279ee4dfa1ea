// ESLint flat config: typescript-eslint's recommended rules everywhere, and eslint-plugin-lit's
// recommended rules for the Lit elements. Type-aware rules are left out on purpose: they need a
// full type-check per run, and `npm run typecheck` already does that job.
import { defineConfig } from 'eslint/config';
import { configs as litConfigs } from 'eslint-plugin-lit';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', '.cache/', '**/custom-elements.json'],
  },
  {
    // The recommended set also applies to the few JS/MJS config and helper files: they are
    // parsed by the TypeScript parser, which reads plain JavaScript fine.
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `_`-prefixed names are the house way to mark a deliberately unused parameter or
      // destructured rest; tsconfig's noUnusedLocals/noUnusedParameters already catch the rest.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Chai's property assertions (`expect(x).to.exist`, `.to.be.true`) are getters that assert when
    // read, so in tests they are statements by design, not forgotten expressions.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['components/**/*.ts'],
    extends: [litConfigs['flat/recommended']],
  },
);
