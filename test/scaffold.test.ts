/**
 * The agent scaffold as a setting: two GAIA runs of one model in two agents are two results in two comparable
 * sets, read from Every Eval Ever's agentic fields (hand-made fixture: the real folder has no agentic record,
 * see test/fixtures/every-eval-ever/agentic/README.md), shown and filtered in GraphQL, and kept by every export.
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
import { writeResultsCsv } from '../src/export/results-csv.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend, openBackend } from './helpers/backends.ts';
import { expectData } from './helpers/graphql.ts';

const GAIA = fileURLToPath(new URL('./fixtures/every-eval-ever/agentic/gaia-two-agents.json', import.meta.url));
const TIMEOUT = 120_000;

/** The GAIA results (only the fixture's model has any): scaffold and value, by scaffold. */
async function gaiaRuns(db: AppDb) {
  const { rows } = (await db.execute(sql`
    select r.scaffold, r.value, r.split, r.comparability_key, d.slug as dataset, m.slug as model
    from benchmark_result r join model m on m.id = r.model_id join dataset d on d.id = r.dataset_id
    where lower(d.name) = 'gaia'
    order by r.scaffold`)) as unknown as {
    rows: {
      scaffold: string | null;
      value: number;
      split: string;
      comparability_key: string;
      dataset: string;
      model: string;
    }[];
  };
  return rows;
}

describeEachBackend('agent scaffold', (backend) => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'modelgraph-scaffold-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test(
    'two agents on GAIA: two results, two comparable sets',
    async () => {
      const db = backend().database.db;
      const report = await runImport({ db, fileName: GAIA, path: GAIA, actor: 'test' });
      expect(report.format).toBe('every-eval-ever');
      expect(report.problems).toEqual([]);
      expect(report.results).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
      const runs = await gaiaRuns(db);
      // 0.321 with the `react` agent (agentic_eval_config.additional_details.agent), 0.412 with the Inspect plan.
      expect(runs.map((r) => [r.scaffold, r.value, r.split])).toEqual([
        ['open_deep_research', 41.2, 'validation'],
        ['react', 32.1, 'validation'],
      ]);
      expect(new Set(runs.map((r) => r.comparability_key)).size).toBe(2);

      // A second import changes nothing.
      const again = await runImport({ db, fileName: GAIA, path: GAIA, actor: 'test' });
      expect(again.results).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    },
    TIMEOUT,
  );

  test(
    'GraphQL: the setting shows the scaffold, the filter and comparability keys use it',
    async () => {
      const dataset = (await gaiaRuns(backend().database.db))[0]?.dataset as string;
      const data = await expectData(
        backend().app,
        `query($dataset: String!) {
          react: benchmarkResults(filter: { dataset: [$dataset], scaffold: "react" }) {
            nodes { value setting { scaffold split } }
          }
          keys: comparabilityKeys(dataset: $dataset) { setting { scaffold } settingDescription resultCount }
        }`,
        { dataset },
      );
      expect(data.react.nodes).toEqual([{ value: 32.1, setting: { scaffold: 'react', split: 'validation' } }]);
      expect(
        data.keys.map((k: { setting: { scaffold: string }; settingDescription: string }) => [
          k.setting.scaffold,
          k.settingDescription,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['react', 'split validation, scaffold "react"'],
          ['open_deep_research', 'split validation, scaffold "open_deep_research"'],
        ]),
      );
    },
    TIMEOUT,
  );

  test(
    'exports keep it: Every Eval Ever and the results CSV re-import to the same two runs',
    async () => {
      const db = backend().database.db;
      const out = path.join(dir, backend().kind);
      const exported = await writeEveryEvalEver(db, out);
      expect(exported.results).toBeGreaterThan(2);

      const csvOut = new PassThrough();
      const chunks: Buffer[] = [];
      csvOut.on('data', (chunk: Buffer) => chunks.push(chunk));
      await writeResultsCsv(db, csvOut);
      csvOut.end();
      const csv = Buffer.concat(chunks).toString('utf8');
      expect(csv.split('\n')[0]).toContain(',scaffold,');
      expect(csv.split('\n').filter((line) => line.includes(',react,'))).toHaveLength(1);

      for (const via of ['every-eval-ever', 'csv'] as const) {
        const empty = await openBackend(backend().kind, { seed: false });
        try {
          if (via === 'csv') {
            const report = await runImport({
              db: empty.database.db,
              fileName: 'results.csv',
              text: csv,
              actor: 'test',
            });
            expect(report.problems).toEqual([]);
          } else {
            const model = (await gaiaRuns(db))[0]?.model as string;
            for (const file of await readdir(path.join(out, model))) {
              const text = await readFile(path.join(out, model, file), 'utf8');
              const report = await runImport({ db: empty.database.db, fileName: file, text, actor: 'test' });
              expect(report.problems).toEqual([]);
            }
          }
          expect((await gaiaRuns(empty.database.db)).map((r) => [r.scaffold, r.value])).toEqual([
            ['open_deep_research', 41.2],
            ['react', 32.1],
          ]);
        } finally {
          await empty.close();
        }
      }
    },
    TIMEOUT * 2,
  );
});
