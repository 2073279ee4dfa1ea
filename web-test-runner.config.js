// Component and core tests run in real Chromium (Debian's, never a downloaded one).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { chromiumPath, chromiumArgs } from './test/chromium.js';

/**
 * rate-limiter-flexible (the broker's throttle, broker/throttle.ts) is CommonJS, which a browser cannot
 * import: the broker's tests in Chromium get the library's own code bundled into one ES module by esbuild
 * (its package.json maps the Node built-ins it does not need in a browser to nothing).
 */
const RATE_LIMITER = '/__bundled__/rate-limiter-flexible.js';
const bundleRateLimiter = {
  name: 'bundle-rate-limiter-flexible',
  resolveImport: ({ source }) => (source === 'rate-limiter-flexible' ? RATE_LIMITER : undefined),
  async serve(context) {
    if (context.path !== RATE_LIMITER) return undefined;
    const result = await build({
      stdin: { contents: "import m from 'rate-limiter-flexible'; export const { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } = m;", resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    });
    return { body: result.outputFiles[0].text, type: 'js' };
  },
};

export default {
  files: ['core/**/*.test.ts', 'components/**/*.test.ts', 'extension/**/*.test.ts', 'demo/**/*.test.ts', 'broker/**/*.test.ts', '!broker/**/*.node.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  plugins: [
    bundleRateLimiter,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs } }),
  ],
};
