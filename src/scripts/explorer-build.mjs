/**
 * `npm run explorer:build` (and `prestart`, before `npm start`): builds the Explorer (web/) with Vite into web/dist/ and writes
 * a Brotli and a gzip copy of each file beside it, which src/http/explorer.ts serves. The manifest of the Explorer's
 * persisted operations (web/persisted-operations.json) goes with the build, as web/dist/.persisted-operations.json
 * (a dot file: read by the server, not served): a server serving this build allows exactly the hashes it sends. Cached: the build is skipped
 * when its inputs (web/ sources, the committed SDL, the lockfile) hash to the stamp of the last build. `--force`
 * builds anyway. Without the dev dependencies (Vite) an existing build is kept, and a missing one is reported
 * without failing start-up (the server then says on `/` how to build it). Plain JavaScript, like build-server.mjs,
 * so that it runs before anything is built and costs a start only the hashing (a few ms) when nothing changed.
 *
 *   node src/scripts/explorer-build.mjs           build when stale
 *   node src/scripts/explorer-build.mjs --force   build anyway
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../../', import.meta.url));
const webDir = path.join(root, 'web');
const outDir = path.join(webDir, 'dist');
const stampFile = path.join(outDir, '.build-stamp');

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? [] : filesUnder(full);
      return [full];
    })
    .sort();
}

/** The hash of everything the build reads. */
export function inputsHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(webDir).filter((file) => !file.endsWith('graphql-env.d.ts')),
    path.join(root, 'schema', 'schema.graphql'),
    path.join(root, 'package-lock.json'),
  ];
  for (const file of inputs) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** @param {string} dir */
function compressAll(dir) {
  for (const file of filesUnder(dir)) {
    if (/\.(br|gz|png|ico)$/.test(file) || path.basename(file).startsWith('.')) continue;
    const content = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  }
}

/** Whether web/dist/ is the build of the current inputs (hashing them: a few ms). */
export function explorerIsUpToDate(hash = inputsHash()) {
  return (
    existsSync(path.join(outDir, 'index.html')) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8').trim() === hash
  );
}

/** @returns {Promise<'built' | 'up to date' | 'skipped'>} */
export async function buildExplorer({ force = false } = {}) {
  const hash = inputsHash();
  const built = existsSync(path.join(outDir, 'index.html'));
  if (!force && explorerIsUpToDate(hash)) return 'up to date';
  let vite;
  try {
    vite = await import('vite');
  } catch {
    console.warn(
      built
        ? 'explorer: Vite is not installed (no dev dependencies); serving the existing build in web/dist/'
        : 'explorer: Vite is not installed (no dev dependencies): the Explorer is not built; `npm install` then `npm run explorer:build`',
    );
    return 'skipped';
  }
  await vite.build({ configFile: path.join(webDir, 'vite.config.ts'), logLevel: 'warn' });
  copyFileSync(path.join(webDir, 'persisted-operations.json'), path.join(outDir, '.persisted-operations.json'));
  compressAll(outDir);
  writeFileSync(stampFile, `${hash}\n`);
  return 'built';
}

/** Bytes of the JavaScript the page loads, raw and Brotli/gzip compressed (README "Explorer"). */
export function javascriptSize() {
  const scripts = filesUnder(outDir).filter((file) => file.endsWith('.js'));
  /** @param {string} file */
  const size = (file) => (existsSync(file) ? statSync(file).size : 0);
  return {
    files: scripts.length,
    raw: scripts.reduce((sum, file) => sum + size(file), 0),
    brotli: scripts.reduce((sum, file) => sum + size(`${file}.br`), 0),
    gzip: scripts.reduce((sum, file) => sum + size(`${file}.gz`), 0),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = performance.now();
  const outcome = await buildExplorer({ force: process.argv.includes('--force') });
  if (outcome === 'built') {
    const { files, raw, brotli, gzip } = javascriptSize();
    /** @param {number} bytes */
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
    console.log(
      `explorer: built web/dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s; JavaScript ${files} files, ${kb(raw)} raw, ${kb(brotli)} brotli, ${kb(gzip)} gzip`,
    );
  } else if (outcome === 'up to date') console.log('explorer: web/dist/ is up to date');
}
