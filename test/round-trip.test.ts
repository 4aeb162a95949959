/**
 * Export, then import into an empty database, through the importers' own entry point (`runImport`, as
 * `npm run import` does, with the format detected from the content). The exported graph is the seed plus real
 * Every Eval Ever records (sources without URL, the Open LLM Leaderboard's bfloat16/float16 pair of one model)
 * and the hand-made agentic one (scaffolds), so that what the seed lacks is exported too:
 * - graph JSON reproduces the graph exactly (the second export is byte-identical);
 * - the results CSV and Every Eval Ever reproduce every result: the benchmark_result table, with its
 *   references named as the format names them, is the same row for row.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppDb } from '../src/db/client.ts';
import { writeEveryEvalEver } from '../src/export/every-eval-ever.ts';
import { exportGraphJson } from '../src/export/graph-json.ts';
import { writeResultsCsv } from '../src/export/results-csv.ts';
import { serializeGraphDocument } from '../src/formats/graph-json.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend, openBackend } from './helpers/backends.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** Imported into the seeded graph before exporting it (test/fixtures/REAL-SOURCES.md, agentic/README.md). */
const EXTRA = [
  'every-eval-ever/real/precision/calcium-opus-14b-elite-bfloat16.json',
  'every-eval-ever/real/precision/calcium-opus-14b-elite-float16.json',
  'every-eval-ever/agentic/gaia-two-agents.json',
].map(fixture);
const TIMEOUT = 240_000;

async function csvOf(db: AppDb): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeResultsCsv(db, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Every column of every result, its references named as `format` names them (an empty database creates the
 * entities from those names): the CSV names models by Hugging Face id else slug, benchmarks, metrics and
 * evaluators by slug; Every Eval Ever names models, benchmarks and evaluators by name and metrics by slug. Sources
 * by title, URL, kind and date in both. Sorted rows, as JSON.
 */
async function resultTable(db: AppDb, format: 'csv' | 'every-eval-ever'): Promise<string[]> {
  const byName = format === 'every-eval-ever';
  const { rows } = (await db.execute(sql`
    select ${byName ? sql`m.name` : sql`coalesce((select lower(x.value) from model_external_id x where x.model_id = m.id and x.namespace = 'huggingface' order by x.value limit 1), m.slug)`} as model,
      ${byName ? sql`d.name` : sql`d.slug`} as dataset, me.slug as metric,
      r.value, r.reported_value, r.stderr, r.shots, r.chain_of_thought, r.pass_k, r.split, r.harness, r.scaffold,
      r.variant, r.model_variant, ${byName ? sql`o.name` : sql`o.slug`} as evaluator, r.evaluator_relationship,
      r.reported_on::text, r.notes, r.unverified, s.title, s.url, s.kind, s.published_on::text as source_date
    from benchmark_result r join model m on m.id = r.model_id join dataset d on d.id = r.dataset_id
    join metric me on me.id = r.metric_id join source s on s.id = r.source_id
    left join organization o on o.id = r.evaluator_organization_id`)) as unknown as {
    rows: Record<string, unknown>[];
  };
  return rows.map((row) => JSON.stringify(row)).sort();
}

describeEachBackend('export, then import into an empty database', (backend) => {
  let empty: Awaited<ReturnType<typeof openBackend>>;
  let dir: string;

  let total: number;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-round-trip-'));
    const db = backend().database.db;
    for (const file of EXTRA) {
      const report = await runImport({ db, fileName: file, path: file, actor: 'test' });
      expect(report.problems, file).toEqual([]);
    }
    const { rows } = (await db.execute(sql`select count(*)::int as n from benchmark_result`)) as unknown as {
      rows: { n: number }[];
    };
    total = rows[0]?.n as number;
    // The seed's 257, 6 + 6 of the bfloat16/float16 pair, 2 GAIA runs.
    expect(total).toBe(257 + 14);
  }, TIMEOUT);
  afterAll(async () => {
    await empty?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('graph JSON: the same graph, byte for byte', async () => {
    empty = await openBackend(backend().kind, { seed: false });
    const text = serializeGraphDocument(await exportGraphJson(backend().database.db));
    const report = await runImport({ db: empty.database.db, fileName: 'graph.json', text, actor: 'test' });
    expect(report.format).toBe('graph-json');
    expect(report.written).toBe(true);
    expect(report.results).toEqual({ inserted: total, updated: 0, unchanged: 0 });
    expect(serializeGraphDocument(await exportGraphJson(empty.database.db))).toBe(text);
    const again = await runImport({ db: empty.database.db, fileName: 'graph.json', text, actor: 'test' });
    expect(again.results).toEqual({ inserted: 0, updated: 0, unchanged: total });
    await empty.close();
  });

  test(
    'results CSV: every result, the same rows',
    async () => {
      empty = await openBackend(backend().kind, { seed: false });
      const csv = await csvOf(backend().database.db);
      const report = await runImport({ db: empty.database.db, fileName: 'results.csv', text: csv, actor: 'test' });
      expect(report.format).toBe('csv');
      expect(report.problems).toEqual([]);
      expect(report.results).toEqual({ inserted: total, updated: 0, unchanged: 0 });
      expect(await resultTable(empty.database.db, 'csv')).toEqual(await resultTable(backend().database.db, 'csv'));
      const lines = (text: string) => text.trimEnd().split('\n');
      expect(lines(await csvOf(empty.database.db)).sort()).toEqual(lines(csv).sort());
      await empty.close();
    },
    TIMEOUT,
  );

  test(
    'Every Eval Ever: every result, the same rows, undated ones undated',
    async () => {
      empty = await openBackend(backend().kind, { seed: false });
      const out = path.join(dir, `eee-${backend().kind}`);
      const exported = await writeEveryEvalEver(backend().database.db, out);
      expect(exported.results).toBe(total);
      const report = await runImport({
        db: empty.database.db,
        fileName: 'gpt-4o/t3-card.json',
        text: await readFile(path.join(out, 'gpt-4o', 't3-card.json'), 'utf8'),
        actor: 'test',
      });
      expect(report.format).toBe('every-eval-ever');
      expect(report.refused).toBe(false);
      expect(report.results).toEqual({ inserted: 12, updated: 0, unchanged: 0 });
      for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || (entry.parentPath.endsWith('gpt-4o') && entry.name === 't3-card.json')) continue;
        const file = path.join(entry.parentPath, entry.name);
        const r = await runImport({ db: empty.database.db, fileName: file, path: file, actor: 'test' });
        expect(r.problems, file).toEqual([]);
      }
      const target = await resultTable(empty.database.db, 'every-eval-ever');
      expect(target).toEqual(await resultTable(backend().database.db, 'every-eval-ever'));
      // The real records are undated (0.2.0 Open LLM Leaderboard records have no evaluation_timestamp).
      expect(target.filter((row) => row.includes('"reported_on":null')).length).toBeGreaterThan(0);
      await empty.close();
    },
    TIMEOUT,
  );
});
