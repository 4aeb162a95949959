/**
 * The seed loads idempotently, validates before writing, and never leaves a partial load behind.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppDb } from '../src/db/client.ts';
import { loadSeed } from '../src/seed/load.ts';
import { defaultSeedDir, readSeed, SeedValidationError } from '../src/seed/read.ts';
import { backendKinds, openBackend } from './helpers/backends.ts';
import { count } from './helpers/db.ts';

const tables = [
  'source',
  'license',
  'organization',
  'organization_source',
  'model',
  'model_source',
  'model_developer',
  'model_external_id',
  'model_lineage',
  'technique',
  'technique_source',
  'model_technique',
  'model_technique_dataset',
  'metric',
  'dataset',
  'dataset_source',
  'dataset_creator',
  'benchmark_result',
  'claim',
  'claim_object',
  'seed_run',
];

/** Every row of every table, ids and timestamps included, as comparable text. */
async function snapshot(db: AppDb): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = (await db.execute(sql.raw(`select t::text as row from ${table} t order by 1`))) as unknown as {
      rows: { row: string }[];
    };
    result[table] = rows.map((r) => r.row);
  }
  return result;
}

describe.each(backendKinds)('seed [%s]', (kind) => {
  let backend: Awaited<ReturnType<typeof openBackend>>;
  beforeAll(async () => {
    backend = await openBackend(kind, { seed: false });
  });
  afterAll(() => backend?.close());

  test('a second load changes nothing: no row inserted or updated, ids and timestamps kept', async () => {
    const seed = await readSeed();
    const first = await loadSeed(backend.database.db, seed);
    expect(first.results).toEqual({ inserted: 257, updated: 0, unchanged: 0 });
    expect(first.models?.inserted).toBe(seed.data.models.length);
    const before = await snapshot(backend.database.db);

    const second = await loadSeed(backend.database.db, seed);
    for (const counts of Object.values(second)) {
      expect(counts.inserted + counts.updated).toBe(0);
    }
    expect(await snapshot(backend.database.db)).toEqual(before);
    expect(await count(backend.database.db, 'seed_run')).toBe(1);
  });

  test('an edited seed updates only the changed row, in place', async () => {
    const seed = await readSeed();
    const db = backend.database.db;
    const {
      rows: [before],
    } = (await db.execute(sql`select id, updated_at from model where slug = 'gpt-4o'`)) as unknown as {
      rows: { id: number; updated_at: string }[];
    };
    const edited = structuredClone(seed);
    const gpt4o = edited.data.models.find((m) => m.slug === 'gpt-4o')!;
    gpt4o.description = `${gpt4o.description} (edited)`;
    edited.contentHash = 'edited';
    const summary = await loadSeed(db, edited);
    expect(summary.models).toEqual({ inserted: 0, updated: 1, unchanged: seed.data.models.length - 1 });
    const {
      rows: [after],
    } = (await db.execute(sql`select id, description, updated_at from model where slug = 'gpt-4o'`)) as unknown as {
      rows: { id: number; description: string; updated_at: string }[];
    };
    expect(after?.id).toBe(before?.id);
    expect(after?.description).toMatch(/\(edited\)$/);
    // Restore, so the other tests see the shipped seed.
    await loadSeed(db, seed);
  });

  test('children a record no longer lists are removed (claim objects, lineage, developers, stage datasets)', async () => {
    const seed = await readSeed();
    const db = backend.database.db;
    const edited = structuredClone(seed);
    const claim = edited.data.claims.find((c) => c.slug === 'article-claim-11')!;
    claim.objects = claim.objects.filter((o) => !('model' in o && o.model === 'gpt-4o'));
    const tulu = edited.data.models.find((m) => m.slug === 'tulu-3-405b')!;
    tulu.baseModels = tulu.baseModels.filter((e) => e.model !== 'tulu-3-405b-dpo');
    tulu.developers = [{ organization: 'university-of-washington', source: 't3-paper' }];
    tulu.techniques.find((u) => u.technique === 'rlvr')!.datasets = [];
    edited.contentHash = 'children-edited';
    const summary = await loadSeed(db, edited);
    expect(summary.pruned?.deleted).toBe(4);

    const read = async (statement: ReturnType<typeof sql>) =>
      ((await db.execute(statement)) as unknown as { rows: Record<string, unknown>[] }).rows;
    expect(
      await read(sql`select o.position, coalesce(m.slug, d.slug) as target from claim_object o
        left join model m on m.id = o.model_id left join dataset d on d.id = o.dataset_id
        join claim c on c.id = o.claim_id where c.slug = 'article-claim-11' order by o.position`),
    ).toEqual([
      { position: 0, target: 'deepseek-v3' },
      { position: 1, target: 'humaneval' },
    ]);
    expect(
      await read(sql`select b.slug from model_lineage l join model m on m.id = l.model_id join model b on b.id = l.base_model_id
        where m.slug = 'tulu-3-405b'`),
    ).toEqual([{ slug: 'llama-3.1-405b' }]);
    expect(
      await read(sql`select o.slug from model_developer d join model m on m.id = d.model_id join organization o on o.id = d.organization_id
        where m.slug = 'tulu-3-405b'`),
    ).toEqual([{ slug: 'university-of-washington' }]);

    // Back to the shipped seed: the removed children return, and a second load changes nothing.
    await loadSeed(db, seed);
    const again = await loadSeed(db, seed);
    for (const counts of Object.values(again)) expect(counts.inserted + counts.updated + (counts.deleted ?? 0)).toBe(0);
  });

  test('a seed the database refuses is rolled back whole', async () => {
    const fresh = await openBackend(kind, { seed: false });
    try {
      const seed = await readSeed();
      const broken = structuredClone(seed);
      // Two claims with one ordinal violate UNIQUE (source_id, ordinal) in the claims step, the last write:
      // sources, entities and all 257 results were already written in the same transaction.
      broken.data.claims[1]!.ordinal = broken.data.claims[0]!.ordinal;
      await expect(loadSeed(fresh.database.db, broken)).rejects.toThrow();
      for (const table of tables) expect(await count(fresh.database.db, table)).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

describe('seed validation', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-seed-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function brokenCopy(edit: (files: Record<string, string>) => void): Promise<string> {
    const target = await mkdtemp(path.join(dir, 'copy-'));
    await cp(defaultSeedDir, target, { recursive: true });
    const names = ['models.yaml', 'results.yaml', 'organizations.yaml'];
    const files: Record<string, string> = Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await readFile(path.join(target, n), 'utf8')] as const)),
    );
    edit(files);
    await Promise.all(Object.entries(files).map(([n, content]) => writeFile(path.join(target, n), content)));
    return target;
  }

  test('the shipped seed is valid', async () => {
    const { data } = await readSeed();
    expect(data.claims).toHaveLength(22);
    expect(data.results.flatMap((t) => t.rows.flatMap((r) => r.values.filter((v) => v !== null)))).toHaveLength(257);
  });

  test('every problem is reported with file and record, not only the first', async () => {
    const target = await brokenCopy((files) => {
      files['models.yaml'] = files['models.yaml']!.replace('slug: tulu-3-405b\n', 'slug: Tulu 3\n');
      files['results.yaml'] = files['results.yaml']!.replace('dataset: popqa', 'dataset: no-such-benchmark');
      files['organizations.yaml'] = files['organizations.yaml']!.replace(/country: US/, 'country: USA');
    });
    const error = await readSeed(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    const message = (error as SeedValidationError).message;
    expect(message).toMatch(/models\.yaml: .*slug.*lower-case/);
    expect(message).toMatch(/organizations\.yaml: .*country.*ISO 3166/);
  });

  test('dangling references are reported', async () => {
    const target = await brokenCopy((files) => {
      files['results.yaml'] = files['results.yaml']!.replace('dataset: popqa', 'dataset: no-such-benchmark');
    });
    const error = (await readSeed(target).catch((e: unknown) => e)) as SeedValidationError;
    expect(error.problems).toContainEqual(
      expect.stringMatching(/results\.yaml: .*unknown dataset "no-such-benchmark"/),
    );
  });

  test('values the database keeps unique are checked in the files, naming both records', async () => {
    const target = await brokenCopy((files) => {
      files['models.yaml'] = files['models.yaml']!.replace(
        'value: allenai/Llama-3.1-Tulu-3-405B }',
        'value: meta-llama/Llama-3.1-405B }',
      );
    });
    const error = (await readSeed(target).catch((e: unknown) => e)) as SeedValidationError;
    expect(error.problems).toContainEqual(
      expect.stringMatching(
        /model external id "huggingface:meta-llama\/Llama-3.1-405B" is used by both models\.yaml: .* and models\.yaml: /,
      ),
    );
  });

  test('an unverified field that the record does not have is refused', async () => {
    const target = await brokenCopy((files) => {
      files['models.yaml'] = files['models.yaml']!.replace(
        'unverified: [trainingGpuType]',
        'unverified: [traningGpuType]',
      );
    });
    const error = (await readSeed(target).catch((e: unknown) => e)) as SeedValidationError;
    expect(error.problems.join('\n')).toMatch(/"traningGpuType" is not a field of this record/);
  });

  test('a row with the wrong number of values is refused', async () => {
    const target = await brokenCopy((files) => {
      files['results.yaml'] = files['results.yaml']!.replace(/values: \[('[\d.]+', )/, 'values: [');
    });
    const error = (await readSeed(target).catch((e: unknown) => e)) as SeedValidationError;
    expect(error.problems.join('\n')).toMatch(/values.*has \d+ values for \d+ columns/);
  });
});
