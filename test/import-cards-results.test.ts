/**
 * Results of real Hugging Face model cards (test/fixtures/huggingface-model-card/real/cards/, see REAL-SOURCES.md):
 * distinct results are never folded into one (a Hub dataset id a card gives several benchmarks under; a metric
 * type several metrics share), and what cannot be kept (a result stated twice with two values, a value that is no
 * number, a free-text `datasets` entry) is skipped and reported while the rest of the card is imported. Each test
 * names the file and the fact.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { rows } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const card = (name: string) => path.join(root, 'test', 'fixtures', 'huggingface-model-card', 'real', 'cards', name);
const TIMEOUT = 60_000;

describeEachBackend('real model cards: one stored result per distinct result', (backend) => {
  const db = () => backend().database.db;
  const importCard = (name: string) => runImport({ db: db(), fileName: name, path: card(name), actor: 'import-test' });

  /** Every result of the model with this Hugging Face id: dataset (and its parent), metric, value, setting. */
  async function resultsOf(hfId: string) {
    return rows(
      db(),
      sql`select d.name as dataset, p.name as parent, m.slug as metric, m.unit, r.value, r.reported_value,
            r.shots, r.pass_k, r.split
          from benchmark_result r
          join model_external_id e on e.model_id = r.model_id and e.namespace = 'huggingface'
          join dataset d on d.id = r.dataset_id left join dataset p on p.id = d.parent_dataset_id
          join metric m on m.id = r.metric_id
          where e.value = ${hfId}
          order by d.name, m.slug, r.value`,
    );
  }

  test(
    'Deci_DeciCoder-1b.md: three languages of nuprl/MultiPL-E are three benchmarks under it, not one result stated thrice',
    async () => {
      const report = await importCard('Deci_DeciCoder-1b.md');
      expect(report.problems).toEqual([]);
      expect(report.skipped).toEqual([]);
      expect(report.written).toBe(true);
      expect(report.results.inserted).toBe(3);
      const pass = { parent: 'nuprl/MultiPL-E', metric: 'pass-rate', unit: 'percent', pass_k: 1 };
      expect(await resultsOf('Deci/DeciCoder-1b')).toEqual([
        {
          ...pass,
          dataset: 'MultiPL-HumanEval (Java)',
          value: 16.6,
          reported_value: '0.166',
          shots: null,
          split: null,
        },
        {
          ...pass,
          dataset: 'MultiPL-HumanEval (JavaScript)',
          value: 18.4,
          reported_value: '0.184',
          shots: null,
          split: null,
        },
        {
          ...pass,
          dataset: 'MultiPL-HumanEval (Python)',
          value: 19.1,
          reported_value: '0.191',
          shots: null,
          split: null,
        },
      ]);
    },
    TIMEOUT,
  );

  test(
    'jonatasgrosman_wav2vec2-large-xlsr-53-english.md: `type: wer` named "Test WER" and "Test WER (+LM)" are two metrics',
    async () => {
      const report = await importCard('jonatasgrosman_wav2vec2-large-xlsr-53-english.md');
      expect(report.problems).toEqual([]);
      expect(report.written).toBe(true);
      const results = await resultsOf('jonatasgrosman/wav2vec2-large-xlsr-53-english');
      expect(results.filter((r) => r.dataset === 'Common Voice en')).toEqual([
        expect.objectContaining({ metric: 'test-cer', value: 7.69 }),
        expect.objectContaining({ metric: 'test-cer-pluslm', value: 6.84 }),
        expect.objectContaining({ metric: 'test-wer', value: 19.06 }),
        expect.objectContaining({ metric: 'test-wer-pluslm', value: 14.81 }),
      ]);
      expect(results).toHaveLength(8);
      // The family's names are error rates like their type: lower is better, not the assumed higher.
      const directions = await rows(
        db(),
        sql`select slug, higher_is_better from metric where slug in ('test-wer', 'test-wer-pluslm') order by slug`,
      );
      expect(directions).toEqual([
        { slug: 'test-wer', higher_is_better: false },
        { slug: 'test-wer-pluslm', higher_is_better: false },
      ]);
    },
    TIMEOUT,
  );

  test(
    'anthracite-org_magnum-v1-72b.md: MMLU-PRO accuracy stated as 49.64 and 49.85 is skipped, reported; the rest is imported',
    async () => {
      const report = await importCard('anthracite-org_magnum-v1-72b.md');
      expect(report.problems).toEqual([]);
      expect(report.refused).toBe(false);
      expect(report.written).toBe(true);
      expect(report.skipped).toEqual([
        {
          kind: 'skipped',
          location: 'line 116',
          field: 'value',
          message:
            'the card states this result (model, benchmark, metric, setting, source) with other values at line 119 (49.85); nothing tells which is right, so none of them is kept (49.64 here)',
        },
        {
          kind: 'skipped',
          location: 'line 119',
          field: 'value',
          message:
            'the card states this result (model, benchmark, metric, setting, source) with other values at line 116 (49.64); nothing tells which is right, so none of them is kept (49.85 here)',
        },
      ]);
      const results = await resultsOf('anthracite-org/magnum-v1-72b');
      // Six leaderboard results, one of them (MMLU-PRO) left out; a value stated twice alike (IFEval 76.06) is one.
      expect(results.map((r) => r.dataset)).not.toContain('MMLU-Pro');
      expect(results).toHaveLength(5);
      expect(results).toContainEqual(expect.objectContaining({ metric: 'strict-accuracy', value: 76.06, shots: 0 }));
      expect(results).toContainEqual(expect.objectContaining({ metric: 'exact-match', value: 35.27, shots: 4 }));
    },
    TIMEOUT,
  );

  test(
    'MoritzLaurer_DeBERTa-v3-large-mnli-fever-anli-ling-wanli.md: accuracy "0,912" (a decimal comma) is no number, not 912: skipped',
    async () => {
      const report = await importCard('MoritzLaurer_DeBERTa-v3-large-mnli-fever-anli-ling-wanli.md');
      expect(report.problems).toEqual([]);
      expect(report.written).toBe(true);
      expect(report.skippedCount).toBe(6);
      expect(report.skipped[0]).toEqual({
        kind: 'skipped',
        location: 'line 29',
        field: 'model-index[0].results[0].metrics[0].value',
        message: 'metric value "0,912" is not a number: the value is left out',
      });
      expect(await resultsOf('MoritzLaurer/DeBERTa-v3-large-mnli-fever-anli-ling-wanli')).toEqual([]);
      // The card's other facts stand: its licence is set.
      expect(report.licensesSet).toBe(1);
    },
    TIMEOUT,
  );

  test(
    'ai4bharat_indic-bert.md: `datasets: [AI4Bharat IndicNLP Corpora]` (free text) is skipped; the card and its licence are imported',
    async () => {
      const report = await importCard('ai4bharat_indic-bert.md');
      expect(report.problems).toEqual([]);
      expect(report.written).toBe(true);
      expect(report.licensesSet).toBe(1);
      expect(report.skipped).toEqual([
        {
          kind: 'skipped',
          location: 'line 17',
          field: 'datasets[0]',
          message:
            '"AI4Bharat IndicNLP Corpora" is not a Hugging Face dataset id (such as allenai/tulu-3-sft-mixture): left out of the training data',
        },
      ]);
    },
    TIMEOUT,
  );

  test(
    'Cohere_Cohere-embed-multilingual-v3.0.md then Alibaba-NLP_gte-base-en-v1.5.md: a BeIR/cqadupstack forum is not the mteb/cqadupstack-* dataset of the same name; a second import changes nothing',
    async () => {
      const cohere = await importCard('Cohere_Cohere-embed-multilingual-v3.0.md');
      const gte = await importCard('Alibaba-NLP_gte-base-en-v1.5.md');
      expect([cohere.problems, gte.problems]).toEqual([[], []]);
      const forums = await rows(
        db(),
        sql`select d.name, d.huggingface_id, p.huggingface_id as parent, e.value as model, count(*)::int as results
            from benchmark_result r join dataset d on d.id = r.dataset_id left join dataset p on p.id = d.parent_dataset_id
            join model_external_id e on e.model_id = r.model_id and e.namespace = 'huggingface'
            where d.name = 'MTEB CQADupstackAndroidRetrieval'
            group by 1, 2, 3, 4 order by 4`,
      );
      expect(forums).toEqual([
        {
          name: 'MTEB CQADupstackAndroidRetrieval',
          huggingface_id: 'mteb/cqadupstack-android',
          parent: null,
          model: 'Alibaba-NLP/gte-base-en-v1.5',
          results: expect.any(Number),
        },
        {
          name: 'MTEB CQADupstackAndroidRetrieval',
          huggingface_id: null,
          parent: 'BeIR/cqadupstack',
          model: 'Cohere/Cohere-embed-multilingual-v3.0',
          results: expect.any(Number),
        },
      ]);
      for (const name of ['Cohere_Cohere-embed-multilingual-v3.0.md', 'Alibaba-NLP_gte-base-en-v1.5.md']) {
        const again = await importCard(name);
        expect(again.results).toMatchObject({ inserted: 0, updated: 0 });
      }
    },
    TIMEOUT,
  );

  test(
    "OrdalieTech_Solon-embeddings-large-0.1.md: MTEB metrics from the registry, in the card's percent; AlloProf's three tasks apart",
    async () => {
      const report = await importCard('OrdalieTech_Solon-embeddings-large-0.1.md');
      expect(report.problems).toEqual([]);
      expect(report.skipped).toEqual([]);
      expect(report.written).toBe(true);
      // Every metric is the registry's (created from it or matched), none made from the card's spelling.
      const created = report.resolutions.filter((r) => r.type === 'Metric');
      const registrySlugs = ['ndcg-at-10', 'precision-at-1000', 'map-at-1', 'v-measure', 'map', 'mrr'];
      for (const slug of registrySlugs) expect(created.map((r) => r.slug)).toContain(slug);
      expect(created.map((r) => r.slug)).not.toContain('ndcg_at_10');
      const results = await resultsOf('OrdalieTech/Solon-embeddings-large-0.1');
      const alloprof = results.filter((r) => r.parent === 'lyon-nlp/alloprof');
      expect([...new Set(alloprof.map((r) => r.dataset))].sort()).toEqual([
        'MTEB AlloProfClusteringP2P',
        'MTEB AlloProfClusteringS2S',
        'MTEB AlloprofRetrieval',
      ]);
      const retrieval = (metric: string) =>
        alloprof.find((r) => r.dataset === 'MTEB AlloprofRetrieval' && r.metric === metric);
      expect(retrieval('ndcg-at-10')).toMatchObject({ value: 46.942, unit: 'percent' });
      // 0.099 beside nDCG@10 46.942 in the same result is a percentage too, not a fraction to multiply by 100.
      expect(retrieval('precision-at-1000')).toMatchObject({ value: 0.099, reported_value: '0.099', unit: 'percent' });
      expect(alloprof.find((r) => r.dataset === 'MTEB AlloProfClusteringP2P')).toMatchObject({
        metric: 'v-measure',
        value: 64.1694216829,
        reported_value: '64.16942168287153',
      });
    },
    TIMEOUT,
  );
});
