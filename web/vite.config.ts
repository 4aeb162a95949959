/**
 * Vite build of the Explorer (npm run explorer:build, src/scripts/explorer-build.ts): web/index.html and
 * web/src/ into web/dist/, which src/http/explorer.ts serves at `/`. Preact's JSX through Vite's own transform.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
    // The budget is checked on compressed sizes (README "Explorer"); Vite's warning is about raw chunks.
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
});
