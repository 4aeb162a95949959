/**
 * One metric, one scale: sentence-transformers cards print STS correlations as they are (`spearman_cosine`
 * 0.8661), MTEB cards ×100 (`cos_sim_spearman` 83.65). Both are the registry's `sts-cosine-spearman`, stored ×100;
 * the scale is the tool's convention (`unitScaleTools` in data/registry/metrics.yaml), not a guess from the value.
 * Real files: test/fixtures/huggingface-model-card/real/excerpts/sentence-transformers-sts-klue-roberta-base-README.md
 * (dwhouse/ko-sbert-experiment) and cards/Alibaba-NLP_gte-base-en-v1.5.md (REAL-SOURCES.md).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { type Row, rows } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const CARDS = {
  sentenceTransformers: 'huggingface-model-card/real/excerpts/sentence-transformers-sts-klue-roberta-base-README.md',
  mteb: 'huggingface-model-card/real/cards/Alibaba-NLP_gte-base-en-v1.5.md',
};

describeEachBackend('STS correlations of sentence-transformers and MTEB cards, on one scale', (backend) => {
  const db = () => backend().database.db;

  beforeAll(async () => {
    for (const file of Object.values(CARDS)) {
      const report = await runImport({
        db: db(),
        fileName: path.basename(file),
        path: path.join(root, 'test', 'fixtures', file),
        actor: 'sts-scale',
      });
      expect(report.problems, file).toEqual([]);
    }
  }, 180_000);

  const stored = (reported: string): Promise<Row[]> =>
    rows(
      db(),
      sql`select m.slug as metric, m.unit, m.min_value, m.max_value, r.value
          from benchmark_result r join metric m on m.id = r.metric_id where r.reported_value = ${reported}`,
    );

  test('sentence-transformers spearman_cosine 0.8661211829226986 → sts-cosine-spearman 86.61211829226986', async () => {
    expect(await stored('0.8661211829226986')).toEqual([
      { metric: 'sts-cosine-spearman', unit: 'score', min_value: -100, max_value: 100, value: 86.6121182923 },
    ]);
    expect(await stored('0.865847314559814')).toEqual([
      expect.objectContaining({ metric: 'sts-cosine-pearson', value: 86.584731456 }),
    ]);
  });

  test('MTEB cos_sim_spearman 83.6470866785058 → the same metric, as printed', async () => {
    expect(await stored('83.6470866785058')).toEqual([
      expect.objectContaining({ metric: 'sts-cosine-spearman', value: 83.6470866785 }),
    ]);
    expect(await rows(db(), sql`select slug from metric where slug in ('spearman-cosine', 'pearson-cosine')`)).toEqual(
      [],
    );
  });
});
