/**
 * Export, then import into an empty database, through the importers' own entry point (`runImport`, as
 * `npm run import` does, with the format detected from the content):
 * - graph JSON reproduces the graph exactly (the second export is byte-identical);
 * - the results CSV reproduces every result (the second CSV has the same rows);
 * - Every Eval Ever keeps every result's model, benchmark, metric, setting and value (its records become
 *   their own sources: the format has no field for the original source's URL).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppDb } from '../src/db/client.ts';
import { writeEveryEvalEver } from '../src/export/every-eval-ever.ts';
import { exportGraphJson } from '../src/export/graph-json.ts';
import { writeResultsCsv } from '../src/export/results-csv.ts';
import { serializeGraphDocument } from '../src/formats/graph-json.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend, openBackend } from './helpers/backends.ts';

async function csvOf(db: AppDb): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeResultsCsv(db, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** Results as (model name, benchmark name, metric, setting, value), sorted: what survives any format. */
async function resultFacts(db: AppDb): Promise<string[]> {
  const { rows } = (await db.execute(sql`
    select m.name as model, d.name as dataset, r.value, r.shots, r.chain_of_thought, r.pass_k, r.split, r.harness
    from benchmark_result r join model m on m.id = r.model_id join dataset d on d.id = r.dataset_id`)) as unknown as {
    rows: Record<string, unknown>[];
  };
  return rows.map((row) => JSON.stringify(Object.values(row))).sort();
}

describeEachBackend('export, then import into an empty database', (backend) => {
  let empty: Awaited<ReturnType<typeof openBackend>>;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-round-trip-'));
  });
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
    expect(report.results).toEqual({ inserted: 257, updated: 0, unchanged: 0 });
    expect(serializeGraphDocument(await exportGraphJson(empty.database.db))).toBe(text);
    const again = await runImport({ db: empty.database.db, fileName: 'graph.json', text, actor: 'test' });
    expect(again.results).toEqual({ inserted: 0, updated: 0, unchanged: 257 });
    await empty.close();
  });

  test('results CSV: the same rows', async () => {
    empty = await openBackend(backend().kind, { seed: false });
    const csv = await csvOf(backend().database.db);
    const report = await runImport({ db: empty.database.db, fileName: 'results.csv', text: csv, actor: 'test' });
    expect(report.format).toBe('csv');
    expect(report.results).toEqual({ inserted: 257, updated: 0, unchanged: 0 });
    const lines = (text: string) => text.trimEnd().split('\n');
    const [header, ...rows] = lines(await csvOf(empty.database.db));
    const [originalHeader, ...originalRows] = lines(csv);
    expect(header).toBe(originalHeader);
    expect(rows.sort()).toEqual(originalRows.sort());
    await empty.close();
  });

  test('Every Eval Ever: every result, with its model, benchmark, setting and value', async () => {
    empty = await openBackend(backend().kind, { seed: false });
    const out = path.join(dir, `eee-${backend().kind}`);
    const exported = await writeEveryEvalEver(backend().database.db, out);
    expect(exported.results).toBe(257);
    const report = await runImport({
      db: empty.database.db,
      fileName: 'gpt-4o/t3-card.json',
      text: await readFile(path.join(out, 'gpt-4o', 't3-card.json'), 'utf8'),
      actor: 'test',
    });
    expect(report.format).toBe('every-eval-ever');
    expect(report.refused).toBe(false);
    const { rows } = (await backend().database.db.execute(sql`
      select count(*)::int as n from benchmark_result r join model m on m.id = r.model_id
      join source s on s.id = r.source_id where m.slug = 'gpt-4o' and s.slug = 't3-card'`)) as unknown as {
      rows: { n: number }[];
    };
    expect(rows[0]?.n).toBe(12);
    expect(report.results).toEqual({ inserted: 12, updated: 0, unchanged: 0 });
    for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const r = await runImport({ db: empty.database.db, fileName: file, path: file, actor: 'test' });
      expect(r.refused, `${file}: ${JSON.stringify(r.problems)}`).toBe(false);
    }
    expect(await resultFacts(empty.database.db)).toEqual(await resultFacts(backend().database.db));
    await empty.close();
  });
});
