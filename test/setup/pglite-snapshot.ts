/**
 * Global setup: build one PGlite cluster with the migrations and the seed applied, and hand its tarball to the
 * test files, so that each starts from a seeded database in about a second instead of running initdb itself.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/db/client.ts';
import { prepareDatabase } from '../../src/seed/prepare.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshotPath: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-test-'));
  const database = await createDatabase({});
  await prepareDatabase(database, { seed: true });
  const tarball = await database.dump!();
  await database.close();
  const file = path.join(dir, 'seeded.tar');
  await writeFile(file, Buffer.from(await tarball.arrayBuffer()));
  project.provide('pgliteSnapshotPath', file);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
