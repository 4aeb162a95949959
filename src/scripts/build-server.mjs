/**
 * `npm start` runs this first. It bundles src/server.ts and everything it imports, packages included, into
 * dist/server.js (esbuild) when a source is newer than the bundle, and otherwise only compares file times (a few
 * ms). Starting from one JavaScript file instead of ~250 TypeScript modules compiled by tsx's loader and ~1,000
 * package modules resolved one by one is what makes a restart fast (README "Start-up"). Plain JavaScript, so it
 * runs before anything is built.
 *
 * Kept out of the bundle: PGlite (it loads its WebAssembly and data files from its own folder), GraphiQL's page
 * (9 MB, imported only when GraphiQL is first served) and esbuild.
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
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*', '@graphql-yoga/render-graphiql', 'esbuild'],
    // Bundled CommonJS packages call require() for Node's modules; an ES module has none of its own.
    banner: {
      js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);",
    },
    // Stack traces name the source files and lines; the sources themselves need not be read at start-up.
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
  console.log(`built ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
}
