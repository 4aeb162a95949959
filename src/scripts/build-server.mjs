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
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The loader (src/scripts/bundle-loader.mjs), written last: its time says when the bundle was built. */
const outfile = path.join(root, 'dist', 'server.js');
const bundleFile = path.join(root, 'dist', 'server.cjs');

const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;

function newestInput() {
  const sources = readdirSync(path.join(root, 'src'), { recursive: true })
    .filter((name) => /\.(ts|mjs)$/.test(name))
    .map((name) => path.join(root, 'src', name));
  return Math.max(...[...sources, path.join(root, 'package.json'), path.join(root, 'package-lock.json')].map(mtime));
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** @param {string} text one segment of a source map's `mappings` @returns {number[]} its Base64 VLQ fields */
function decodeSegment(text) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** @param {number[]} fields @returns {string} */
function encodeSegment(fields) {
  let text = '';
  for (const field of fields) {
    let value = field < 0 ? (-field << 1) | 1 : field << 1;
    do {
      const digit = value & 31;
      value >>>= 5;
      text += BASE64[value > 0 ? digit | 32 : digit];
    } while (value > 0);
  }
  return text;
}

/**
 * The source map without the packages' code: a segment of a package becomes an unmapped one. Node's
 * --enable-source-maps decodes the whole map when the server starts (about 200 ms of CPU for esbuild's map of
 * everything, most of it the packages'); stack traces name our files and lines all the same, and a package's frame
 * shows its place in the bundle.
 * @param {{ sources: string[], sourcesContent?: string[], mappings: string }} map
 */
export function onlyOwnSources(map) {
  const keep = map.sources.map((source) => !source.split('/').includes('node_modules'));
  const newIndex = [];
  const sources = [];
  map.sources.forEach((source, index) => {
    if (keep[index]) newIndex[index] = sources.push(source) - 1;
  });
  // Fields are relative to the previous segment's: column within the line, the others across the whole map.
  const read = { source: 0, line: 0, column: 0, name: 0 };
  const written = { source: 0, line: 0, column: 0, name: 0 };
  const lines = map.mappings.split(';').map((line) => {
    let column = 0;
    let writtenColumn = 0;
    const segments = [];
    for (const segment of line ? line.split(',') : []) {
      const [generated = 0, source, sourceLine, sourceColumn, name] = decodeSegment(segment);
      column += generated;
      if (source === undefined) {
        segments.push(encodeSegment([column - writtenColumn]));
        writtenColumn = column;
        continue;
      }
      read.source += source;
      read.line += sourceLine ?? 0;
      read.column += sourceColumn ?? 0;
      if (name !== undefined) read.name += name;
      if (!keep[read.source]) {
        // An unmapped segment ends the previous one's range here; two in a row say nothing more.
        if (segments.length > 0 && decodeSegment(segments[segments.length - 1]).length > 1) {
          segments.push(encodeSegment([column - writtenColumn]));
          writtenColumn = column;
        }
        continue;
      }
      const fields = [
        column - writtenColumn,
        newIndex[read.source] - written.source,
        read.line - written.line,
        read.column - written.column,
      ];
      if (name !== undefined) fields.push(read.name - written.name);
      segments.push(encodeSegment(fields));
      writtenColumn = column;
      written.source = newIndex[read.source];
      written.line = read.line;
      written.column = read.column;
      if (name !== undefined) written.name = read.name;
    }
    return segments.join(',');
  });
  return { ...map, sources, mappings: lines.join(';') };
}

/**
 * @envelop/response-cache (8.x) reads the schema when Yoga is created by calling graphql-tools' `mapSchema` with
 * callbacks that only record what they see (each field's result types, `@cacheControl` values) and return what
 * they are given: `mapSchema` copies every type and builds a whole new schema, which is dropped (about 0.15 s of a
 * restart's CPU). In the bundle the call becomes src/graphql/schema-walk.ts, which calls the same callbacks in the
 * same order without copying (test/schema-walk.test.ts). The build fails if the call is not found exactly once: a
 * new version of the package must be looked at again. Tests run the package as it is (tsx).
 */
const RESPONSE_CACHE_SCHEMA_CALL = 'mapSchema(schema, {';
const responseCacheSchemaWalk = {
  name: 'response-cache-schema-walk',
  setup(build) {
    build.onLoad({ filter: /[\\/]@envelop[\\/]response-cache[\\/]esm[\\/]plugin\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(RESPONSE_CACHE_SCHEMA_CALL).length !== 2) {
        throw new Error(`${args.path}: "${RESPONSE_CACHE_SCHEMA_CALL}" is not there once: see build-server.mjs`);
      }
      const walk = JSON.stringify(path.join(root, 'src', 'graphql', 'schema-walk.ts'));
      return {
        contents: `import { walkSchema as walkSchemaOfResponseCache } from ${walk};\n${source.replace(
          RESPONSE_CACHE_SCHEMA_CALL,
          'walkSchemaOfResponseCache(schema, {',
        )}`,
        loader: 'js',
        resolveDir: path.dirname(args.path),
      };
    });
  },
};

/** Whether a source (or the lockfile) is newer than the bundle: a few ms of file times. */
export const bundleIsStale = () => mtime(outfile) <= newestInput();

if (
  process.argv[1] &&
  fileURLToPath(import.meta.url) === path.resolve(process.argv[1]) &&
  (process.argv.includes('--force') || bundleIsStale())
) {
  const started = performance.now();
  // Loaded only to build: a start with an up-to-date bundle spends nothing on it.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'src', 'server.ts')],
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    // A script, not a module: dist/server.js runs it through vm.Script with V8's code cache (bundle-loader.mjs).
    format: 'cjs',
    target: 'node20',
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*', '@graphql-yoga/render-graphiql', 'esbuild'],
    // Paths found from the module's URL (src/paths.ts) are found from the bundle's.
    define: { 'import.meta.url': 'importMetaUrlOfBundle' },
    banner: { js: "var importMetaUrlOfBundle = require('node:url').pathToFileURL(__filename).href;" },
    // Stack traces name the source files and lines; the sources themselves need not be read at start-up.
    sourcemap: true,
    // A third less for V8 to read at each start (6.2 MB to 4.2 MB); names are kept, so stack traces still name
    // functions, and the map still gives our files' lines.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [responseCacheSchemaWalk],
  });
  const mapFile = `${bundleFile}.map`;
  writeFileSync(mapFile, JSON.stringify(onlyOwnSources(JSON.parse(readFileSync(mapFile, 'utf8')))));
  for (const backend of ['pglite', 'postgres']) rmSync(`${bundleFile}.${backend}.cache`, { force: true });
  rmSync(`${outfile}.map`, { force: true });
  copyFileSync(path.join(root, 'src', 'scripts', 'bundle-loader.mjs'), outfile);
  console.log(`built ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
}
