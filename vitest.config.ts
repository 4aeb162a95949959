import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships index.mjs and index.js. Node resolves `graphql` to index.js for Pothos and Yoga, so
    // test files must get the same copy, or the two realms' type checks (isEnumType...) reject each other.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/pglite-snapshot.ts'],
    // Each file opens its own databases (PGlite in WASM, or a throwaway PostgreSQL database).
    hookTimeout: 120_000,
    testTimeout: 60_000,
    // Two cores: more workers would only contend for the same CPU while WASM PGlite boots.
    maxWorkers: 2,
  },
});
