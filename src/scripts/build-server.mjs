/**
 * `npm start` runs this first. It bundles src/server.ts and everything it imports from src/ into dist/server.js
 * (esbuild; packages stay in node_modules) when a source is newer than the bundle, and otherwise only compares
 * file times (a few ms). Starting from one JavaScript file instead of ~250 TypeScript modules compiled by tsx's
 * loader is what makes a restart fast (README "Start-up"). Plain JavaScript, so it runs before anything is built.
 *
 *   node src/scripts/build-server.mjs           build when stale
 *   node src/scripts/build-server.mjs --force   build anyway
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = path.join(root, 'dist', 'server.js');

const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;

function newestInput() {
  const sources = readdirSync(path.join(root, 'src'), { recursive: true })
    .filter((name) => /\.(ts|mjs)$/.test(name))
    .map((name) => path.join(root, 'src', name));
  return Math.max(...[...sources, path.join(root, 'package.json'), path.join(root, 'package-lock.json')].map(mtime));
}

if (process.argv.includes('--force') || mtime(outfile) <= newestInput()) {
  const started = performance.now();
  await build({
    entryPoints: [path.join(root, 'src', 'server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`built ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
}
