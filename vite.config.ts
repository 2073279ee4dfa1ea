/**
 * One Vite config, three builds, chosen by `--mode`:
 * - default: the embed (`dist/sso-launcher.js` for the script tag, `dist/core.js` for the npm package);
 * - `extension-chrome` / `extension-firefox`: the MV3 extension (see extension/vite.extension.ts).
 */
import { defineConfig, type UserConfig } from 'vite';

export default defineConfig(async ({ mode }): Promise<UserConfig> => {
  if (mode === 'extension-chrome' || mode === 'extension-firefox') {
    const { extensionConfig } = await import('./extension/vite.extension.ts');
    return extensionConfig(mode === 'extension-firefox' ? 'firefox' : 'chrome');
  }
  // Not library mode: Vite 8 does not minify ES output in library mode, and the script tag wants the
  // smallest payload. The entries keep their exports (preserveEntrySignatures) for npm users.
  return {
    publicDir: false,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      // The launcher loads its lazy chunks itself; Vite's modulepreload polyfill would be dead weight.
      modulePreload: false,
      rollupOptions: {
        input: { 'sso-launcher': 'components/sso-launcher.ts', core: 'core/index.ts' },
        preserveEntrySignatures: 'strict',
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  };
});
