/**
 * One metric, one scale: sentence-transformers cards print STS correlations as they are (`spearman_cosine`
 * 0.8661), MTEB cards ×100 (`cos_sim_spearman` 83.65). Both are the registry's `sts-cosine-spearman`, stored ×100;
 * the scale is the tool's convention (`unitScaleTools` in data/registry/metrics.yaml), not a guess from the value.
 * Real files: test/fixtures/huggingface-model-card/real/excerpts/sentence-transformers-sts-klue-roberta-base-README.md
 * (dwhouse/ko-sbert-experiment) and cards/Alibaba-NLP_gte-base-en-v1.5.md (REAL-SOURCES.md).
 * sentence-transformers' `pearson_max` / `spearman_max` (the best of its four similarity functions) were unmapped,
 * created as metrics of their own with the value 0.86 as printed; no card of the real folder prints them, so the
 * card below is written in the shape its generated cards have (model-index `semantic-similarity`, `sts-dev`).
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

const WRITTEN_CARD = `---
library_name: sentence-transformers
pipeline_tag: sentence-similarity
base_model: klue/roberta-base
model-index:
- name: SentenceTransformer based on klue/roberta-base
  results:
  - task:
      type: semantic-similarity
      name: Semantic Similarity
    dataset:
      name: sts dev
      type: sts-dev
    metrics:
    - type: pearson_cosine
      value: 0.8541
      name: Pearson Cosine
    - type: pearson_dot
      value: 0.8612
      name: Pearson Dot
    - type: pearson_max
      value: 0.8612
      name: Pearson Max
    - type: spearman_max
      value: 0.8573
      name: Spearman Max
---

# A sentence-transformers model
`;

describeEachBackend('STS correlations of sentence-transformers and MTEB cards, on one scale', (backend) => {
  const db = () => backend().database.db;

  beforeAll(async () => {
    const written = await runImport({
      db: db(),
      fileName: 'README.md',
      text: WRITTEN_CARD,
      huggingfaceId: 'example-org/sts-max-model',
      actor: 'sts-scale',
    });
    expect(written.problems).toEqual([]);
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
          from benchmark_result r join metric m on m.id = r.metric_id where r.reported_value = ${reported} order by m.slug`,
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

  test('was: sentence-transformers pearson_max 0.8612 a metric of its own, as printed; now sts-max-pearson 86.12', async () => {
    expect(await stored('0.8612')).toEqual([
      { metric: 'sts-dot-pearson', unit: 'score', min_value: -100, max_value: 100, value: 86.12 },
      { metric: 'sts-max-pearson', unit: 'score', min_value: -100, max_value: 100, value: 86.12 },
    ]);
    expect(await stored('0.8573')).toEqual([
      { metric: 'sts-max-spearman', unit: 'score', min_value: -100, max_value: 100, value: 85.73 },
    ]);
    expect(await rows(db(), sql`select slug from metric where slug in ('pearson-max', 'spearman-max')`)).toEqual([]);
  });
});
