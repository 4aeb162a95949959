/**
 * The Open LLM Leaderboard evaluated some models twice, in bfloat16 and float16, and Every Eval Ever keeps both
 * records under one evaluation_id. The precision is the model variant: two results side by side in one
 * comparable set, not the second silently updating the first. Real files (test/fixtures/REAL-SOURCES.md):
 * prithivMLmods/Calcium-Opus-14B-Elite, MATH Level 5 exact match 0.4789 (bfloat16) and 0.3708 (float16).
 */
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';

const files = ['bfloat16', 'float16'].map((precision) =>
  fileURLToPath(
    new URL(`./fixtures/every-eval-ever/real/precision/calcium-opus-14b-elite-${precision}.json`, import.meta.url),
  ),
);

describeEachBackend('model precision (Every Eval Ever)', (backend) => {
  test('bfloat16 and float16 runs of one model are two results of two model variants', async () => {
    const db = backend().database.db;
    for (const file of files) {
      const report = await runImport({ db, fileName: file, path: file, actor: 'test' });
      expect(report.problems, file).toEqual([]);
      // Each file inserts its six results; neither updates the other's.
      expect(report.results, file).toEqual({ inserted: 6, updated: 0, unchanged: 0 });
    }
    const { rows } = (await db.execute(sql`
        select r.model_variant, r.value, r.reported_value, r.comparability_key, m.slug as model
        from benchmark_result r join model m on m.id = r.model_id join dataset d on d.id = r.dataset_id
        join model_external_id x on x.model_id = m.id and x.namespace = 'huggingface'
          and lower(x.value) = 'prithivmlmods/calcium-opus-14b-elite'
        where r.reported_value in ('0.4789', '0.3708')
        order by r.model_variant`)) as unknown as {
      rows: {
        model_variant: string;
        value: number;
        reported_value: string;
        comparability_key: string;
        model: string;
      }[];
    };
    expect(rows.map((r) => [r.model_variant, r.reported_value])).toEqual([
      ['bfloat16', '0.4789'],
      ['float16', '0.3708'],
    ]);
    // One model, one comparable set: the two builds are ranked side by side.
    expect(new Set(rows.map((r) => r.model)).size).toBe(1);
    expect(new Set(rows.map((r) => r.comparability_key)).size).toBe(1);

    for (const file of files) {
      const again = await runImport({ db, fileName: file, path: file, actor: 'test' });
      expect(again.results, file).toEqual({ inserted: 0, updated: 0, unchanged: 6 });
    }
  }, 180_000);
});
