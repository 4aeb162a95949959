/**
 * dist/server.js, copied there by build-server.mjs: runs the server's bundle (dist/server.cjs, a CommonJS script)
 * with V8's code cache. Node 20 keeps no compiled code between runs of a module; a `vm.Script` can be given the
 * code of a previous run (`cachedData`), which spares V8 most of parsing and compiling the bundle's 4 MB (about a
 * third of the CPU of loading it, README "Start-up"). The cache (dist/server.cjs.pglite.cache, or .postgres.cache) is written once the server
 * listens, when there was none or V8 rejected it (another bundle, another Node or flags); writing is skipped silently when
 * dist/ is read-only. Node 20 applies no source map to a `vm.Script`'s stack frames: the bundle's are mapped here
 * to our sources and lines (dist/server.cjs.map, read at the first stack trace), the others written as V8 does.
 * Plain JavaScript, not bundled.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL('./server.cjs', import.meta.url));
// One per backend: the cache holds the functions the start that wrote it compiled, and PGlite's start and
// PostgreSQL's go through different code (DATABASE_URL from .env is taken for PGlite here: still valid, less full).
const cacheFile = `${file}.${process.env.DATABASE_URL ? 'postgres' : 'pglite'}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// CommonJS's own wrapper: the bundle sees require, module, __filename as a module file does.
const WRAPPER = '(function (exports, require, module, __filename, __dirname) { ';
const source = `${WRAPPER}${readFileSync(file, 'utf8')}\n});`;

/** @type {SourceMap | null | undefined} */
let sourceMap;
/** @param {NodeJS.CallSite} site */
function frame(site) {
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (site.getFileName() !== file || line === null || column === null) return site.toString();
  if (sourceMap === undefined) {
    try {
      sourceMap = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      sourceMap = null;
    }
  }
  // Zero-based in the map; the wrapper shifts the first line's columns.
  const entry = sourceMap?.findEntry(line - 1, column - 1 - (line === 1 ? WRAPPER.length : 0));
  const position =
    entry && 'originalSource' in entry && entry.originalSource
      ? `${fileURLToPath(new URL(entry.originalSource, `file://${file}`))}:${entry.originalLine + 1}:${entry.originalColumn + 1}`
      : `${file}:${line}:${column}`;
  const name = site.getFunctionName() ?? site.getMethodName();
  const prefix = site.isAsync() ? 'async ' : site.isConstructor() ? 'new ' : '';
  return name ? `${prefix}${name} (${position})` : `${prefix}${position}`;
}
Error.prepareStackTrace = (error, sites) => {
  let head;
  try {
    head = String(error);
  } catch {
    head = 'Error';
  }
  return [head, ...sites.map((site) => `    at ${frame(site)}`)].join('\n');
};

const script = new vm.Script(source, {
  filename: file,
  cachedData,
  // The bundle's import() of the packages left out of it (GraphiQL's page).
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
if (cachedData === undefined || script.cachedDataRejected) {
  // After start-up, the cache holds the functions it compiled, not only the top level.
  globalThis[Symbol.for('modelgraph.serving')] = () => {
    try {
      const staging = `${cacheFile}.${process.pid}`;
      writeFileSync(staging, script.createCachedData());
      renameSync(staging, cacheFile);
    } catch {
      // A read-only dist/: every start compiles, as without a cache.
    }
  };
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
