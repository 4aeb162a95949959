/**
 * PGlite's WebAssembly module and file-system bundle, read and compiled ahead of `PGlite.create`. Left to itself,
 * PGlite reads pglite.wasm (9 MB) and pglite.data (6 MB) and compiles the module only once it is created, after
 * the server's bundle has been evaluated (the GraphQL schema built): started by src/preload.ts before that, V8
 * compiles the module on its background threads while the main thread evaluates the rest (README "Start-up").
 * Passed to `createDatabase({ pgliteArtifacts })`; a failure (a missing file) is reported there, when the database
 * opens, as PGlite's own would be.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type PgliteArtifacts = {
  /** pglite.wasm, compiled (or compiling). */
  wasmModule: Promise<WebAssembly.Module>;
  /** pglite.data: the files PGlite puts in its in-memory file system (share/, lib/...). */
  fsBundle: Promise<Blob>;
};

/**
 * Starts compiling PGlite's module of the installed package. Synchronous up to the compilation, on purpose: the
 * caller runs before the rest of the bundle is evaluated, and no promise callback runs before that ends.
 */
export function preloadPglite(): PgliteArtifacts {
  let artifacts: PgliteArtifacts;
  try {
    const folder = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    artifacts = {
      wasmModule: WebAssembly.compile(readFileSync(path.join(folder, 'pglite.wasm'))),
      fsBundle: Promise.resolve(new Blob([readFileSync(path.join(folder, 'pglite.data'))])),
    };
  } catch (error) {
    const failed = Promise.reject(error as Error);
    artifacts = { wasmModule: failed, fsBundle: failed };
  }
  // Told when awaited, as the database opens; never awaited (PostgreSQL after all), never told.
  artifacts.wasmModule.catch(() => {});
  artifacts.fsBundle.catch(() => {});
  return artifacts;
}
