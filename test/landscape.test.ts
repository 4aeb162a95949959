/**
 * The landscape (src/seed/landscape.ts): the builder's compact file is deterministic and lossless, and loading
 * it resolves real Every Eval Ever records onto the curated seed's entities, idempotently. The records are
 * three real files (test/fixtures/landscape/real/, listed in test/fixtures/REAL-SOURCES.md) built into a
 * landscape file by the same builder as the shipped one; the shipped file is only read, not loaded (that is
 * `npm run bench:startup`'s job).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildLandscape,
  defaultLandscapeFile,
  type LandscapeLoad,
  landscapeItems,
  loadLandscape,
  minifyJson,
  readLandscape,
} from '../src/seed/landscape.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { prepareDatabase } from '../src/seed/prepare.ts';
import { createDatabase } from '../src/db/client.ts';
import { importItems } from '../src/import/write.ts';
import {
  defaultPreparedFile,
  preparedMismatch,
  prepareLandscape,
  readPrepared,
  writePrepared,
} from '../src/seed/prepared-landscape.ts';
import pino from 'pino';
import { Writable } from 'node:stream';
import { backendKinds, describeEachBackend, openBackend } from './helpers/backends.ts';
import { contents, counts, GRAPH_TABLES, rows, sequences } from './helpers/db.ts';

const fixtures = fileURLToPath(new URL('./fixtures/landscape/real/', import.meta.url));
const MISTRAL = 'hfopenllm_v2/mistralai/Mistral-Small-24B-Base-2501/d641aa88-9981-4a25-90d5-fcc4564ede52.json';
const HELM_405B = 'helm_lite/meta/llama-3.1-405b-instruct-turbo/1043b815-b247-4444-bf8c-0b92b793c57f.json';
const LCB = 'livecodebenchpro/alibaba/qwen3-next-80b-a3b-thinking/809a1503-a161-4532-afd3-fdbd6551eb63.json';

/** Loads of the whole file and checks of a real machine: generous, the machine is shared. */
const SLOW = { timeout: 180_000 };

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-landscape-'));
  file = path.join(dir, 'landscape.tsv.gz');
  await writeFile(file, (await buildLandscape(fixtures)).bytes);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('the builder is deterministic and keeps each record as written, sorted by path', async () => {
  const first = await buildLandscape(fixtures);
  const second = await buildLandscape(fixtures);
  expect(first.bytes.equals(second.bytes)).toBe(true);
  expect(first.records).toBe(3);
  const entries = readLandscape(first.bytes);
  expect(entries.map((e) => e.path)).toEqual([HELM_405B, MISTRAL, LCB]);
  for (const entry of entries) {
    const original = await readFile(path.join(fixtures, entry.path), 'utf8');
    expect(JSON.parse(entry.json)).toEqual(JSON.parse(original));
  }
  // Number tokens survive as printed (JSON.stringify would turn 0.0 into 0).
  expect(entries[2]?.json).toContain('"score":0.0}');
  expect(minifyJson('{ "a" : "x y\\" z" ,\n "b": [1.50, 2] }')).toBe('{"a":"x y\\" z","b":[1.50,2]}');
});

test('the shipped landscape holds the 5,225 Every Eval Ever records, sorted by path', SLOW, async () => {
  const entries = readLandscape(await readFile(defaultLandscapeFile));
  expect(entries).toHaveLength(5225);
  const paths = entries.map((e) => e.path);
  expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  expect(new Set(paths.map((p) => p.split('/')[0]))).toEqual(
    new Set(['helm_capabilities', 'helm_lite', 'helm_mmlu', 'hfopenllm_v2', 'livecodebenchpro', 'reward-bench']),
  );
  // `limit` keeps the first records only.
  expect(readLandscape(await readFile(defaultLandscapeFile), 2)).toEqual(entries.slice(0, 2));
});

test('SEED chooses what the first start loads: the landscape unless told curated', () => {
  expect(loadConfig({}).seed).toBe('landscape');
  expect(loadConfig({ SEED: 'curated' }).seed).toBe('curated');
  expect(() => loadConfig({ SEED: 'everything' })).toThrow(ConfigError);
});

describeEachBackend('prepareDatabase with SEED=landscape', (backend) => {
  test('loads the landscape once onto a seeded database; curated loads none', SLOW, async () => {
    const database = backend().database;
    const landscapeRuns = async () =>
      (await rows(database.db, sql`select 1 from seed_run where content_hash like 'landscape:%'`)).length;
    await prepareDatabase(database, { seed: 'curated', landscapeFile: file });
    expect(await landscapeRuns()).toBe(0);
    await prepareDatabase(database, { seed: 'landscape', landscapeFile: file });
    expect(await landscapeRuns()).toBe(1);
    const before = await counts(database.db, GRAPH_TABLES);
    await prepareDatabase(database, { seed: 'landscape', landscapeFile: file });
    expect(await landscapeRuns()).toBe(1);
    expect(await counts(database.db, GRAPH_TABLES)).toEqual(before);
  });
});

describeEachBackend('loading the landscape onto the curated seed', (backend) => {
  let first: LandscapeLoad;
  let indexesBefore: unknown[];
  const indexes = () =>
    rows(
      backend().database.db,
      sql`select indexname, indexdef from pg_indexes where schemaname = current_schema() order by indexname`,
    );
  beforeAll(async () => {
    indexesBefore = await indexes();
    first = await loadLandscape(backend().database.db, { file });
  }, 120_000);

  test('the indexes dropped for the load are all back, as they were', async () => {
    expect(indexesBefore.length).toBeGreaterThan(30);
    expect(await indexes()).toEqual(indexesBefore);
  });

  const resultOf = async (modelSlug: string, title: string, datasetName: string) =>
    rows(
      backend().database.db,
      sql`select r.value, r.reported_value, r.shots, r.chain_of_thought, r.pass_k, r.split, r.variant, r.harness,
            r.evaluator_relationship, e.slug as evaluator, s.title as source, s.kind as source_kind,
            d.slug as dataset, mt.unit
          from benchmark_result r join model m on m.id = r.model_id join source s on s.id = r.source_id
          join dataset d on d.id = r.dataset_id join metric mt on mt.id = r.metric_id
          left join organization e on e.id = r.evaluator_organization_id
          where m.slug = ${modelSlug} and s.title = ${title} and (d.name = ${datasetName} or ${datasetName} = any(d.aliases))`,
    );

  test('every record is read; what the importer refuses is counted, not fatal', () => {
    expect(first.loaded).toBe(true);
    expect(first.records).toBe(3);
    expect(first.report?.written).toBe(true);
    // 6 Open LLM Leaderboard results + 3 LiveCodeBench Pro + 10 HELM Lite (its "Mean win rate" included).
    const { inserted, updated, unchanged } = first.report!.results;
    expect(inserted + updated + unchanged + first.report!.problemCount + first.report!.skippedCount).toBe(19);
  });

  test("a real fact: Mistral-Small-24B-Base-2501's BBH on the Open LLM Leaderboard v2, on the seed's model", async () => {
    // hfopenllm_v2 record: model_info.id mistralai/Mistral-Small-24B-Base-2501, BBH score 0.6442 in [0, 1].
    const [result, ...others] = await resultOf(
      'mistral-small-3-base',
      'Every Eval Ever record hfopenllm_v2/mistralai_Mistral-Small-24B-Base-2501/1770682486.623709',
      'BBH',
    );
    expect(others).toEqual([]);
    expect(result).toMatchObject({
      value: 64.42,
      reported_value: '0.6442',
      unit: 'percent',
      dataset: 'bbh',
      shots: null,
      chain_of_thought: null,
      split: null,
      source_kind: 'aggregator',
      evaluator_relationship: 'third_party',
    });
  });

  test('a real fact of a model the seed lacks: LiveCodeBench Pro, qwen3-next-80b-a3b-thinking, Easy Problems', async () => {
    const [model] = await rows(
      backend().database.db,
      sql`select m.slug from model m join model_external_id x on x.model_id = m.id
          where x.namespace = 'huggingface' and lower(x.value) = 'alibaba/qwen3-next-80b-a3b-thinking'`,
    );
    const [result] = await resultOf(
      String(model?.slug),
      'Every Eval Ever record livecodebenchpro/qwen3-next-80b-a3b-thinking/1760492095.8105888',
      'Easy Problems',
    );
    // The importer keeps 12 significant digits of the scaled value; the printed value is kept whole.
    expect(result).toMatchObject({ value: 74.6478873239, reported_value: '0.7464788732394366', unit: 'percent' });
  });

  test("HELM's meta/llama-3.1-405b-instruct-turbo is the seed's Llama 3.1 405B Instruct", async () => {
    // helm_lite record: GSM8K "EM on GSM8K" 0.949.
    const [result] = await resultOf(
      'llama-3.1-405b-instruct',
      'Every Eval Ever record helm_lite/meta_llama-3.1-405b-instruct-turbo/1770834614.1822479',
      'GSM8K',
    );
    expect(result).toMatchObject({ value: 94.9, reported_value: '0.949' });
    const duplicates = await rows(
      backend().database.db,
      sql`select slug from model where slug <> 'llama-3.1-405b-instruct' and (name ilike '%llama 3.1%405b%instruct%'
          or exists (select 1 from model_external_id x where x.model_id = model.id and x.value ilike '%llama-3.1-405b-instruct%'))`,
    );
    expect(duplicates).toEqual([]);
  });

  test(
    'a second load reads nothing; loading the same records again (another slice) changes nothing',
    SLOW,
    async () => {
      const db = backend().database.db;
      const before = await counts(db, GRAPH_TABLES);
      const again = await loadLandscape(db, { file });
      expect(again.loaded).toBe(false);
      expect(again.report).toBeUndefined();
      expect(await counts(db, GRAPH_TABLES)).toEqual(before);

      // A slice is another landscape (its own seed_run mark), so the importer runs over the same records again.
      const slice = await loadLandscape(db, { file, limit: 3 });
      expect(slice.loaded).toBe(true);
      expect(slice.report?.results.inserted).toBe(0);
      expect(slice.report?.results.updated).toBe(0);
      expect(slice.report?.resolutions.filter((r) => r.by === 'created')).toEqual([]);
      expect(await counts(db, GRAPH_TABLES)).toEqual(before);
      const runs = await rows(db, sql`select content_hash from seed_run where content_hash like 'landscape:%'`);
      expect(runs).toHaveLength(2);
    },
  );
});

describe.each(backendKinds)('the landscape load writes what the importer writes [%s]', (kind) => {
  test('same rows, ids, audit trail, search documents and preferences as importItems on its own', SLOW, async () => {
    const loaded = await openBackend(kind);
    const imported = await openBackend(kind);
    try {
      const load = await loadLandscape(loaded.database.db, { file });
      const entries = readLandscape(await readFile(file));
      const report = await importItems(imported.database.db, landscapeItems(entries), {
        fileName: 'the landscape (Every Eval Ever)',
        format: 'every-eval-ever',
        actor: 'seed',
        skipInvalid: true,
      });
      expect(report.results.inserted).toBeGreaterThan(0);
      expect(load.report?.results).toEqual(report.results);
      const expected = await contents(imported.database.db);
      expect(Number.parseInt(expected.search_document ?? '0')).toBeGreaterThan(0);
      expect(Number.parseInt(expected.result_preference ?? '0')).toBeGreaterThan(0);
      expect(await contents(loaded.database.db)).toEqual(expected);
    } finally {
      await loaded.close();
      await imported.close();
    }
  });
});

/**
 * A new PGlite database with the curated seed, as a first start has it. Not the tests' seeded snapshot: that
 * cluster was copied while running, and its recovery moved the sequences on (PostgreSQL logs them ahead).
 */
async function freshCurated() {
  const database = await createDatabase({});
  await prepareDatabase(database, { seed: 'curated' });
  return database;
}

/** A logger that keeps the messages. */
function recordingLogger() {
  const messages: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      messages.push(String((JSON.parse(chunk.toString()) as { msg: string }).msg));
      done();
    },
  });
  return { messages, logger: pino({ level: 'debug' }, stream) };
}

describe('the prepared landscape (PGlite)', () => {
  test(
    'replaying it writes what the importer writes: rows, ids, audit trail, search documents, preferences, sequences',
    SLOW,
    async () => {
      const prepared = await prepareLandscape(file);
      const bytes = writePrepared(prepared);
      expect(readPrepared(bytes)).toEqual(prepared);
      const preparedFile = path.join(dir, 'landscape.prepared.gz');
      await writeFile(preparedFile, bytes);

      const replayed = await freshCurated();
      const imported = await freshCurated();
      try {
        const { messages, logger } = recordingLogger();
        await prepareDatabase(replayed, { seed: 'landscape', landscapeFile: file, preparedFile, logger });
        expect(messages).toContain('landscape loaded from its prepared rows');
        const report = await importItems(imported.db, landscapeItems(readLandscape(await readFile(file))), {
          fileName: 'the landscape (Every Eval Ever)',
          format: 'every-eval-ever',
          actor: 'seed',
          skipInvalid: true,
        });
        expect(report.results.inserted).toBeGreaterThan(0);
        const expected = await contents(imported.db);
        expect(await contents(replayed.db)).toEqual(expected);
        expect(await sequences(replayed.db)).toEqual(await sequences(imported.db));
        // The same mark as a load through the importer, so a later start reads nothing.
        const [mark] = await rows(
          replayed.db,
          sql`select content_hash, summary from seed_run order by id desc limit 1`,
        );
        expect(mark).toEqual({ content_hash: prepared.header.contentHash, summary: prepared.header.summary });
        expect(prepared.header.summary).toMatchObject({
          records: 3,
          results: report.results,
          refused: report.problemCount,
        });
      } finally {
        await replayed.close();
        await imported.close();
      }
    },
  );

  test('it applies only to the fresh curated seed it was made on, and only for its landscape file', SLOW, async () => {
    const prepared = await prepareLandscape(file);
    const database = await freshCurated();
    try {
      expect(await preparedMismatch(database, prepared, await readFile(file))).toBeNull();
      expect(await preparedMismatch(database, prepared, await readFile(defaultLandscapeFile))).toMatch(
        /another landscape/,
      );
      await database.db.execute(
        sql`insert into organization (slug, name, kind) values ('edited', 'Edited', 'company')`,
      );
      expect(await preparedMismatch(database, prepared, await readFile(file))).toMatch(/not the fresh curated seed/);
      // Such a database gets the landscape through the importer.
      const { messages, logger } = recordingLogger();
      const preparedFile = path.join(dir, 'landscape.prepared-2.gz');
      await writeFile(preparedFile, writePrepared(prepared));
      await prepareDatabase(database, { seed: 'landscape', landscapeFile: file, preparedFile, logger });
      expect(messages).not.toContain('landscape loaded from its prepared rows');
      expect(messages.some((m) => m.startsWith('landscape: 3 Every Eval Ever records'))).toBe(true);
    } finally {
      await database.close();
    }
  });

  test(
    'the shipped prepared landscape is what `npm run landscape:prepare` writes from the shipped landscape today',
    { timeout: 900_000 },
    async () => {
      const current = writePrepared(await prepareLandscape());
      // When this fails, the importer, registry, seed or migrations changed what the landscape load writes:
      // run `npm run landscape:prepare` and commit data/landscape/every-eval-ever.prepared.gz.
      expect(current.equals(await readFile(defaultPreparedFile)), 'run npm run landscape:prepare').toBe(true);
    },
  );
});
