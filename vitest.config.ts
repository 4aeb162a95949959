import { defineConfig } from 'vitest/config';

export default defineConfig({
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
