// Component and core tests run in real Chromium (Debian's, never a downloaded one).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { chromiumPath, chromiumArgs } from './test/chromium.js';

export default {
  files: ['core/**/*.test.ts', 'components/**/*.test.ts', 'extension/**/*.test.ts', 'demo/**/*.test.ts', 'test/unit/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs } }),
  ],
};
