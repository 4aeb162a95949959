/**
 * Analyst queries (src/graphql/types/aggregates.ts): group counts, technique adoption, best score per
 * organization, state of the art over time and the Pareto frontier, on both backends. Every expected value
 * was recounted from data/seed/*.yaml by a script independent of the SQL (tables expanded into results as the
 * loader does, the preferred-result rule re-implemented in JS): 19 models, 257 results.
 */
import { sql } from 'drizzle-orm';
import { isObjectType } from 'graphql';
import { describe, expect, test } from 'vitest';
import { countModels, type ModelGrouping } from '../src/analytics/aggregates.ts';
import type { AppDb } from '../src/db/client.ts';
import { schema } from '../src/graphql/index.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { rows } from './helpers/db.ts';
import { expectData, expectErrors } from './helpers/graphql.ts';

type Group = { key: string | null; label: string; count: number; share: number };

/** [key, label, count] of each group, in the API's order. */
const groups = (list: Group[]) => list.map((g) => [g.key, g.label, g.count]);

const TOTAL_MODELS = 19;
const TOTAL_RESULTS = 257;

test('every connection type has a totalCount field', () => {
  const connections = Object.values(schema.getTypeMap()).filter(
    (type) => isObjectType(type) && type.name.endsWith('Connection') && 'pageInfo' in type.getFields(),
  );
  expect(connections.length).toBeGreaterThan(10);
  const missing = connections.filter((type) => isObjectType(type) && !('totalCount' in type.getFields()));
  expect(missing.map((type) => type.name)).toEqual([]);
});

describeEachBackend('aggregates', (backend) => {
  const data = <T = any>(query: string, variables?: Record<string, unknown>) =>
    expectData<T>(backend().app, query, variables);
  const errors = (query: string, variables?: Record<string, unknown>) => expectErrors(backend().app, query, variables);

  describe('modelStats', () => {
    const stats = async (args: string) =>
      (await data<{ modelStats: Group[] }>(`{ modelStats(${args}) { key label count share } }`)).modelStats;

    test('per country: a model counts for the countries of its developers; no country = key null', async () => {
      const list = await stats('groupBy: COUNTRY');
      expect(groups(list)).toEqual([
        ['US', 'United States', 9],
        ['CN', 'China', 5],
        ['FR', 'France', 2],
        ['JP', 'Japan', 2],
        [null, 'Country unknown', 1],
      ]);
      expect(list[0]!.share).toBeCloseTo(9 / TOTAL_MODELS, 12);
      expect(list.reduce((sum, g) => sum + g.count, 0)).toBe(TOTAL_MODELS);
    });

    test('per organization: largest first, ties by slug', async () => {
      expect(groups(await stats('groupBy: ORGANIZATION'))).toEqual([
        ['alibaba-cloud', 'Alibaba Cloud', 3],
        ['allen-institute-for-ai', 'Allen Institute for AI', 3],
        ['meta', 'Meta', 3],
        ['deepseek', 'DeepSeek', 2],
        ['mistral-ai', 'Mistral AI', 2],
        ['openai', 'OpenAI', 2],
        ['sakana-ai', 'Sakana AI', 2],
        ['google', 'Google', 1],
        ['nous-research', 'Nous Research', 1],
      ]);
    });

    test('per license category: keys are LicenseCategory values, the null group last', async () => {
      const list = await stats('groupBy: LICENSE_CATEGORY');
      expect(groups(list)).toEqual([
        ['RESTRICTIVE', 'Restrictive', 7],
        ['PERMISSIVE', 'Permissive', 4],
        ['PROPRIETARY', 'Proprietary', 2],
        [null, 'No license recorded', 6],
      ]);
      expect(list.reduce((sum, g) => sum + g.share, 0)).toBeCloseTo(1, 12);
    });

    test('per license category in KEY order: as the enum declares them (most open first)', async () => {
      expect(groups(await stats('groupBy: LICENSE_CATEGORY, order: KEY')).map(([key]) => key)).toEqual([
        'PERMISSIVE',
        'RESTRICTIVE',
        'PROPRIETARY',
        null,
      ]);
    });

    test('per architecture, all models and open-weight models only (ModelFilter)', async () => {
      expect(groups(await stats('groupBy: ARCHITECTURE'))).toEqual([
        ['DENSE', 'Dense', 9],
        ['MOE', 'Mixture of experts', 3],
        [null, 'Architecture undisclosed', 7],
      ]);
      const open = await stats('groupBy: ARCHITECTURE, filter: { openWeights: true }');
      expect(groups(open)).toEqual([
        ['DENSE', 'Dense', 9],
        ['MOE', 'Mixture of experts', 2],
        [null, 'Architecture undisclosed', 5],
      ]);
      expect(open[0]!.share).toBeCloseTo(9 / 16, 12);
    });

    test('per technique: a model counts once per technique, so shares add up to more than 1', async () => {
      const list = await stats('groupBy: TECHNIQUE, order: KEY');
      expect(list.map((g) => [g.key, g.count])).toEqual([
        ['aux-loss-free-load-balancing', 2],
        ['deepseekmoe', 2],
        ['dpo', 2],
        ['fp8-training', 2],
        ['gqa', 3],
        ['grpo', 1],
        ['knowledge-distillation', 2],
        ['mla', 2],
        ['moe', 3],
        ['mtp', 2],
        ['ppo', 1],
        ['rlhf', 2],
        ['rlvr', 1],
        ['sft', 8],
        ['synthetic-data', 3],
        ['taid', 1],
        [null, 8],
      ]);
      expect(list.find((g) => g.key === 'rlvr')!.label).toBe('Reinforcement learning with verifiable rewards');
      expect(list.find((g) => g.key === null)!.label).toBe('No technique recorded');
      expect(list.reduce((sum, g) => sum + g.share, 0)).toBeGreaterThan(1);
    });

    test('a model linked twice within one group (two developers of one country, a language from two sources) counts once', async () => {
      const { db } = backend().database;
      const counts = async (tx: unknown, groupBy: ModelGrouping) =>
        Object.fromEntries((await countModels(tx as AppDb, undefined, groupBy, 'count')).map((g) => [g.key, g.count]));
      const rolledBack = new Error('rolled back');
      const outcome = await db
        .transaction(async (tx) => {
          const before = { country: await counts(tx, 'country'), language: await counts(tx, 'language') };
          // GPT-4o (OpenAI, US) gains a second US developer, and a language its card names, named again by another source.
          await tx.execute(sql`insert into model_developer (model_id, organization_id, position, source_id)
            select m.id, o.id, 9, d.source_id from model m join model_developer d on d.model_id = m.id, organization o
            where m.slug = 'gpt-4o' and o.slug = 'meta'`);
          const added = await rows(
            tx as unknown as AppDb,
            sql`insert into model_language (model_id, language_id, source_id)
            select l.model_id, l.language_id, s.id from model_language l, source s
            where s.id <> l.source_id and s.slug = 't3-paper'
            order by l.model_id, l.language_id limit 1 returning model_id`,
          );
          expect(added.length, 'a language link to name again').toBe(1);
          expect({ country: await counts(tx, 'country'), language: await counts(tx, 'language') }).toEqual(before);
          throw rolledBack;
        })
        .catch((error: unknown) => error);
      expect(outcome).toBe(rolledBack);
    });

    test('per release year, in year order', async () => {
      expect(groups(await stats('groupBy: RELEASE_YEAR, order: KEY'))).toEqual([
        ['2024', '2024', 5],
        ['2025', '2025', 6],
        [null, 'Release date unknown', 8],
      ]);
    });

    test('a filter that matches nothing gives no groups', async () => {
      expect(await stats('groupBy: COUNTRY, filter: { minParameters: 1000000000000 }')).toEqual([]);
    });
  });

  describe('resultStats', () => {
    const stats = async (args: string) =>
      (await data<{ resultStats: Group[] }>(`{ resultStats(${args}) { key label count share } }`)).resultStats;

    test('per evaluator: results without a stated evaluator form the null group', async () => {
      const list = await stats('groupBy: EVALUATOR');
      expect(groups(list)).toEqual([
        ['deepseek', 'DeepSeek', 95],
        ['allen-institute-for-ai', 'Allen Institute for AI', 84],
        ['mistral-ai', 'Mistral AI', 40],
        ['meta', 'Meta', 28],
        ['openai', 'OpenAI', 6],
        [null, 'Evaluator not stated', 4],
      ]);
      expect(list.reduce((sum, g) => sum + g.count, 0)).toBe(TOTAL_RESULTS);
    });

    test('per evaluator relationship and per source', async () => {
      expect(groups(await stats('groupBy: EVALUATOR_RELATIONSHIP'))).toEqual([
        ['THIRD_PARTY', 'Third party', 143],
        ['FIRST_PARTY', 'First party', 114],
      ]);
      expect((await stats('groupBy: SOURCE')).map((g) => [g.key, g.count])).toEqual([
        ['dsv3-readme', 95],
        ['t3-card', 84],
        ['ms3-card', 40],
        ['l31-card', 28],
        ['llb', 6],
        ['ae2-lb', 4],
      ]);
    });

    test('per evaluator on GSM8K, and per dataset (labels are names)', async () => {
      expect((await stats('groupBy: EVALUATOR, filter: { dataset: ["gsm8k"] }')).map((g) => [g.key, g.count])).toEqual([
        ['allen-institute-for-ai', 7],
        ['deepseek', 2],
        ['meta', 1],
      ]);
      const byDataset = await stats('groupBy: DATASET');
      expect(byDataset.slice(0, 4).map((g) => [g.key, g.count])).toEqual([
        ['humaneval', 16],
        ['ifeval', 16],
        ['math', 16],
        ['mmlu', 16],
      ]);
      expect(byDataset.find((g) => g.key === 'gsm8k')).toMatchObject({ label: 'GSM8K', count: 10 });
    });
  });

  describe('techniqueAdoption', () => {
    const query = `query ($techniques: [String!], $from: Int, $to: Int, $filter: ModelFilter) {
      techniqueAdoption(techniques: $techniques, from: $from, to: $to, filter: $filter) {
        technique { slug } models undated years { year models released share } } }`;
    type Series = {
      technique: { slug: string };
      models: number;
      undated: number;
      years: { year: number; models: number; released: number; share: number | null }[];
    };
    const adoption = async (variables: Record<string, unknown>) =>
      (await data<{ techniqueAdoption: Series[] }>(query, variables)).techniqueAdoption;
    const compact = (list: Series[]) =>
      list.map((s) => [s.technique.slug, s.models, s.undated, s.years.map((y) => [y.year, y.models, y.released])]);

    test('post-training techniques per release year, in the order asked', async () => {
      const list = await adoption({ techniques: ['sft', 'dpo', 'rlhf', 'rlvr', 'sft'] });
      expect(compact(list)).toEqual([
        [
          'sft',
          6,
          2,
          [
            [2024, 2, 5],
            [2025, 4, 6],
          ],
        ],
        [
          'dpo',
          1,
          1,
          [
            [2024, 0, 5],
            [2025, 1, 6],
          ],
        ],
        [
          'rlhf',
          2,
          0,
          [
            [2024, 1, 5],
            [2025, 1, 6],
          ],
        ],
        [
          'rlvr',
          1,
          0,
          [
            [2024, 0, 5],
            [2025, 1, 6],
          ],
        ],
      ]);
      expect(list[0]!.years[1]!.share).toBeCloseTo(4 / 6, 12);
    });

    test('every technique by slug when none is named; years from/to extend the series with zeros', async () => {
      const list = await adoption({ from: 2023, to: 2025 });
      expect(list.map((s) => s.technique.slug)).toEqual([
        'aux-loss-free-load-balancing',
        'deepseekmoe',
        'dpo',
        'fp8-training',
        'gqa',
        'grpo',
        'knowledge-distillation',
        'mla',
        'moe',
        'mtp',
        'ppo',
        'rlhf',
        'rlvr',
        'sft',
        'synthetic-data',
        'taid',
      ]);
      const moe = list.find((s) => s.technique.slug === 'moe')!;
      expect(moe.years).toEqual([
        { year: 2023, models: 0, released: 0, share: null },
        { year: 2024, models: 2, released: 5, share: 0.4 },
        { year: 2025, models: 1, released: 6, share: 1 / 6 },
      ]);
    });

    test('a narrower range and a model filter', async () => {
      const [sft] = await adoption({
        techniques: ['sft'],
        from: 2025,
        filter: { organization: ['allen-institute-for-ai'] },
      });
      // Tülu 3 405B (2025); the SFT and DPO checkpoints have no release date.
      expect(compact([sft!])).toEqual([['sft', 1, 2, [[2025, 1, 1]]]]);
    });
  });

  describe('bestScoreByOrganization', () => {
    const query = `query ($dataset: String!, $metric: String!, $setting: EvaluationSettingInput, $filter: ModelFilter) {
      bestScoreByOrganization(dataset: $dataset, metric: $metric, setting: $setting, filter: $filter) {
        comparability { resultCount setting { shots chainOfThought variant } }
        entries { rank organization { slug } model { slug } value modelsEvaluated result { source { slug } } } } }`;
    const best = async (variables: Record<string, unknown>) => (await data(query, variables)).bestScoreByOrganization;
    const compact = (entries: any[]) =>
      entries.map((e) => [e.rank, e.organization.slug, e.model.slug, e.value, e.modelsEvaluated, e.result.source.slug]);

    test('GSM8K, 8-shot chain of thought without variant: one entry per organization, best first', async () => {
      const answer = await best({ dataset: 'gsm8k', metric: 'exact-match', setting: { variant: null } });
      expect(answer.comparability).toEqual({
        resultCount: 7,
        setting: { shots: 8, chainOfThought: true, variant: null },
      });
      expect(compact(answer.entries)).toEqual([
        [1, 'allen-institute-for-ai', 'tulu-3-405b', 95.5, 3, 't3-card'],
        [2, 'meta', 'llama-3.1-405b-instruct', 95.4, 1, 't3-card'],
        [3, 'deepseek', 'deepseek-v3', 94.1, 1, 't3-card'],
        [4, 'nous-research', 'nous-hermes-3-405b', 92.7, 1, 't3-card'],
        [5, 'openai', 'gpt-4o', 91.7, 1, 't3-card'],
      ]);
    });

    test('IFEval: results from two sources; Meta’s best of its two evaluated models', async () => {
      const answer = await best({ dataset: 'ifeval', metric: 'accuracy', setting: { variant: null } });
      expect(compact(answer.entries)).toEqual([
        [1, 'meta', 'llama-3.1-405b-instruct', 88.6, 2, 'l31-card'],
        [2, 'openai', 'gpt-4o-mini', 84.99, 1, 'ms3-card'],
        [3, 'alibaba-cloud', 'qwen2.5-32b-instruct', 84.01, 1, 'ms3-card'],
        [4, 'mistral-ai', 'mistral-small-3', 82.9, 1, 'ms3-card'],
        [5, 'google', 'gemma-2-27b', 80.65, 1, 'ms3-card'],
      ]);
    });

    test('with a model filter: open-weight models only', async () => {
      const answer = await best({
        dataset: 'gsm8k',
        metric: 'exact-match',
        setting: { shots: 8, chainOfThought: true, variant: null },
        filter: { openWeights: true },
      });
      expect(answer.entries.map((e: any) => e.organization.slug)).toEqual([
        'allen-institute-for-ai',
        'meta',
        'deepseek',
        'nous-research',
      ]);
    });
  });

  describe('stateOfTheArt', () => {
    const query = `query ($dataset: String!, $metric: String!, $setting: EvaluationSettingInput) {
      stateOfTheArt(dataset: $dataset, metric: $metric, setting: $setting) {
        results undatedResults
        points { date dateBasis value improvement model { slug } result { reportedOn source { slug } } } } }`;
    const series = async (variables: Record<string, unknown>) => (await data(query, variables)).stateOfTheArt;
    const compact = (points: any[]) =>
      points.map((p) => [p.date, p.dateBasis, p.value, p.improvement, p.model.slug, p.result.source.slug]);

    test('MMLU exact match: undated results dated by the model’s release; one point per improvement', async () => {
      const answer = await series({ dataset: 'mmlu', metric: 'exact-match' });
      expect(answer.results).toBe(3);
      expect(answer.undatedResults).toBe(0);
      expect(compact(answer.points)).toEqual([
        ['2024-05-13', 'RELEASE', 87.2, null, 'gpt-4o', 'dsv3-readme'],
        ['2024-07-23', 'RELEASE', 88.6, 1.4, 'llama-3.1-405b-instruct', 'dsv3-readme'],
      ]);
    });

    test('MMLU 5-shot chain of thought: every result has a reported date; only the best of the day counts', async () => {
      const answer = await series({ dataset: 'mmlu', metric: 'accuracy', setting: { shots: 5, chainOfThought: true } });
      expect(answer.results).toBe(7);
      expect(compact(answer.points)).toEqual([
        ['2025-01-30', 'REPORTED', 88, null, 'llama-3.1-405b-instruct', 't3-card'],
      ]);
      expect(answer.points[0].result.reportedOn).toBe('2025-01-30');
    });

    test('AlpacaEval 2: all sources count, not only preferred results', async () => {
      const answer = await series({ dataset: 'alpacaeval-2', metric: 'lc-win-rate' });
      expect(answer.results).toBe(12);
      expect(compact(answer.points)).toEqual([
        ['2024-05-13', 'RELEASE', 57.46, null, 'gpt-4o', 'ae2-lb'],
        ['2024-12-26', 'RELEASE', 70, 12.54, 'deepseek-v3', 'dsv3-readme'],
      ]);
    });

    test('results with no date of their own and no release date are left out and counted', async () => {
      const answer = await series({ dataset: 'ifeval', metric: 'accuracy', setting: { variant: null } });
      expect([answer.results, answer.undatedResults]).toEqual([6, 4]);
      expect(compact(answer.points)).toEqual([
        ['2024-07-23', 'RELEASE', 88.6, null, 'llama-3.1-405b-instruct', 'l31-card'],
      ]);
    });

    test('lower is better (bits per byte): a later, higher value is no improvement', async () => {
      const answer = await series({ dataset: 'pile-test', metric: 'bits-per-byte' });
      expect(answer.results).toBe(2);
      expect(compact(answer.points)).toEqual([['2024-07-23', 'RELEASE', 0.542, null, 'llama-3.1-405b', 'dsv3-readme']]);
    });
  });

  describe('paretoFrontier', () => {
    const query = `query ($dataset: String!, $metric: String!, $setting: EvaluationSettingInput, $filter: ModelFilter) {
      paretoFrontier(dataset: $dataset, metric: $metric, setting: $setting, filter: $filter) {
        dominatedCount
        frontier { ...point } dominated { ...point } undisclosedSize { ...point } } }
      fragment point on ParetoPoint { model { slug } parameterCount value dominates dominatedBy result { source { slug } } }`;
    const frontier = async (variables: Record<string, unknown>) => (await data(query, variables)).paretoFrontier;
    const compact = (points: any[]) =>
      points.map((p) => [p.model.slug, p.parameterCount, p.value, p.dominates, p.dominatedBy]);

    test('IFEval: four models on the frontier from 24B to 405B; size undisclosed apart', async () => {
      const answer = await frontier({ dataset: 'ifeval', metric: 'accuracy', setting: { variant: null } });
      expect(compact(answer.frontier)).toEqual([
        ['mistral-small-3', 24e9, 82.9, 1, 0],
        ['qwen2.5-32b-instruct', 32e9, 84.01, 0, 0],
        ['llama-3.3-70b', 70e9, 88.35, 0, 0],
        ['llama-3.1-405b-instruct', 405e9, 88.6, 0, 0],
      ]);
      expect(answer.dominatedCount).toBe(1);
      expect(compact(answer.dominated)).toEqual([['gemma-2-27b', 27e9, 80.65, 0, 1]]);
      expect(compact(answer.undisclosedSize)).toEqual([['gpt-4o-mini', null, 84.99, null, null]]);
    });

    test('GSM8K: equal sizes, so the best 405B model dominates the other 405B models', async () => {
      const answer = await frontier({ dataset: 'gsm8k', metric: 'exact-match', setting: { variant: null } });
      expect(compact(answer.frontier)).toEqual([['tulu-3-405b', 405e9, 95.5, 5, 0]]);
      expect(compact(answer.dominated)).toEqual([
        ['llama-3.1-405b-instruct', 405e9, 95.4, 4, 1],
        ['tulu-3-405b-dpo', 405e9, 94.2, 3, 2],
        ['tulu-3-405b-sft', 405e9, 93.6, 1, 3],
        ['nous-hermes-3-405b', 405e9, 92.7, 0, 4],
        ['deepseek-v3', 671e9, 94.1, 0, 3],
      ]);
      expect(answer.dominatedCount).toBe(5);
      expect(compact(answer.undisclosedSize)).toEqual([['gpt-4o', null, 91.7, null, null]]);
    });

    test('lower is better: the smaller model with fewer bits per byte dominates', async () => {
      const answer = await frontier({ dataset: 'pile-test', metric: 'bits-per-byte' });
      expect(compact(answer.frontier)).toEqual([['llama-3.1-405b', 405e9, 0.542, 1, 0]]);
      expect(compact(answer.dominated)).toEqual([['deepseek-v3-base', 671e9, 0.548, 0, 1]]);
      expect(answer.undisclosedSize).toEqual([]);
    });

    test('a model filter narrows the models compared', async () => {
      const answer = await frontier({
        dataset: 'ifeval',
        metric: 'accuracy',
        setting: { variant: null },
        filter: { maxParameters: 50e9 },
      });
      expect(compact(answer.frontier).map(([slug]) => slug)).toEqual(['mistral-small-3', 'qwen2.5-32b-instruct']);
      expect(answer.undisclosedSize).toEqual([]);
    });
  });

  describe('errors', () => {
    const comparableFields = ['bestScoreByOrganization', 'stateOfTheArt', 'paretoFrontier'];
    const ask = (field: string, args: string) => `{ ${field}(${args}) { __typename } }`;

    test.each(comparableFields)('%s: unknown dataset or metric is NOT_FOUND', async (field) => {
      const [dataset] = (await errors(ask(field, 'dataset: "no-such-benchmark", metric: "accuracy"')))!;
      expect(dataset!.extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Dataset', slug: 'no-such-benchmark' });
      const [metric] = (await errors(ask(field, 'dataset: "gsm8k", metric: "no-such-metric"')))!;
      expect(metric!.extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Metric', slug: 'no-such-metric' });
    });

    test.each(comparableFields)('%s: several settings and no pick is BAD_USER_INPUT that lists them', async (field) => {
      const [error] = (await errors(ask(field, 'dataset: "gsm8k", metric: "exact-match"')))!;
      expect(error!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'setting' });
      expect(error!.message).toContain('8-shot, chain of thought: 7 results');
      expect(error!.message).toContain('variant "em_maj1@1": 1 results');
    });

    test.each(comparableFields)('%s: a setting that matches none, or a metric without results', async (field) => {
      const [setting] = (await errors(ask(field, 'dataset: "gsm8k", metric: "accuracy", setting: { shots: 5 }')))!;
      expect(setting!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'setting' });
      expect(setting!.message).toContain('8-shot: 2 results');
      const [metric] = (await errors(ask(field, 'dataset: "gsm8k", metric: "f1"')))!;
      expect(metric!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'metric' });
    });

    test('techniqueAdoption: unknown technique, empty list, inverted or impossible years', async () => {
      const cases: [string, Record<string, unknown>][] = [
        [
          'techniques: ["rlvr", "no-such-technique"]',
          { code: 'NOT_FOUND', type: 'Technique', slug: 'no-such-technique' },
        ],
        ['techniques: []', { code: 'BAD_USER_INPUT', argument: 'techniques' }],
        ['from: 2025, to: 2024', { code: 'BAD_USER_INPUT', argument: 'from' }],
        ['from: 20', { code: 'BAD_USER_INPUT', argument: 'from' }],
        ['to: 99999', { code: 'BAD_USER_INPUT', argument: 'to' }],
      ];
      for (const [args, extensions] of cases) {
        const [error] = (await errors(`{ techniqueAdoption(${args}) { models } }`))!;
        expect(error!.extensions, args).toMatchObject(extensions);
      }
    });

    test('group counts: filters are checked as on the connections', async () => {
      const [empty] = (await errors('{ modelStats(groupBy: COUNTRY, filter: { organization: [] }) { count } }'))!;
      expect(empty!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.organization' });
      const [range] = (await errors(
        '{ modelStats(groupBy: COUNTRY, filter: { minParameters: 10, maxParameters: 1 }) { count } }',
      ))!;
      expect(range!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      const [unknown] = (await errors(
        '{ resultStats(groupBy: EVALUATOR, filter: { dataset: ["no-such-benchmark"] }) { count } }',
      ))!;
      expect(unknown!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('SQL statements: a fixed number per aggregate, whatever the number of rows', () => {
    type Case = { name: string; queries: [string, string]; rows: (data: any) => number; statements: number };
    const cases: Case[] = [
      {
        name: 'modelStats (1: the grouped count)',
        queries: [
          '{ x: modelStats(groupBy: ARCHITECTURE) { key count } }',
          '{ x: modelStats(groupBy: TECHNIQUE) { key count } }',
        ],
        rows: (d) => d.x.length,
        statements: 1,
      },
      {
        name: 'resultStats (1)',
        queries: [
          '{ x: resultStats(groupBy: EVALUATOR_RELATIONSHIP) { key count } }',
          '{ x: resultStats(groupBy: DATASET) { key count } }',
        ],
        rows: (d) => d.x.length,
        statements: 1,
      },
      {
        name: 'techniqueAdoption with the techniques (1 + 1 batched load of the techniques)',
        queries: [
          '{ x: techniqueAdoption(techniques: ["rlvr"]) { technique { name } years { models } } }',
          '{ x: techniqueAdoption { technique { name } years { models } } }',
        ],
        rows: (d) => d.x.length,
        statements: 2,
      },
      {
        name: 'bestScoreByOrganization (2 to pick the setting + 1 + 3 batched loads: organizations, models, results with sources)',
        queries: [
          '{ x: bestScoreByOrganization(dataset: "aime-2024", metric: "pass-rate") { entries { organization { name } model { name organization { name } } result { source { url } } } } }',
          '{ x: bestScoreByOrganization(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }) { entries { organization { name } model { name organization { name } } result { source { url } } } } }',
        ],
        rows: (d) => d.x.entries.length,
        statements: 6,
      },
      {
        name: 'stateOfTheArt (2 + 1 + 2 batched loads: models, results with sources)',
        queries: [
          '{ x: stateOfTheArt(dataset: "mmlu", metric: "exact-match") { undatedResults points { value model { name } result { source { url } } } } }',
          '{ x: stateOfTheArt(dataset: "mmlu-pro", metric: "exact-match") { undatedResults points { value model { name } result { source { url } } } } }',
        ],
        rows: (d) => d.x.points.length,
        statements: 5,
      },
      {
        name: 'paretoFrontier (2 + 1 + 1: the three lists’ models need the same selection, so one batched load)',
        queries: [
          '{ x: paretoFrontier(dataset: "pile-test", metric: "bits-per-byte") { frontier { model { name } } dominated { model { name } } undisclosedSize { model { name } } } }',
          '{ x: paretoFrontier(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }) { frontier { model { name } } dominated { model { name } } undisclosedSize { model { name } } } }',
        ],
        rows: (d) => d.x.frontier.length + d.x.dominated.length + d.x.undisclosedSize.length,
        statements: 4,
      },
    ];

    test.each(cases)('$name', async ({ queries, rows, statements }) => {
      const { app, statements: counter } = backend();
      const counts: number[] = [];
      const rowCounts: number[] = [];
      for (const query of queries) {
        counter.reset();
        rowCounts.push(rows(await expectData(app, query)));
        counts.push(counter.count);
      }
      expect(rowCounts[1]).toBeGreaterThan(rowCounts[0]!);
      expect(counts).toEqual([statements, statements]);
    });
  });
});
