/**
 * Who beats whom, from comparable results only: comparability keys, leaderboards (ties, filters, as-of dates,
 * source conflicts), comparison matrices and derived wins, with exact values from the seed.
 */
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { describeEachBackend } from './helpers/backends.ts';
import type { Comparability } from '../src/analytics/comparability.ts';
import { leaderboard } from '../src/analytics/ranking.ts';
import { rows } from './helpers/db.ts';
import { expectData, expectErrors } from './helpers/graphql.ts';

describeEachBackend('comparisons', (backend) => {
  test('GSM8K exact match comes in two settings that are not comparable', async () => {
    const data = await expectData(
      backend().app,
      `{ comparabilityKeys(dataset: "gsm8k", metric: "exact-match") { settingDescription resultCount } }`,
    );
    expect(data.comparabilityKeys).toEqual([
      { settingDescription: '8-shot, chain of thought', resultCount: 7 },
      { settingDescription: '8-shot, chain of thought, variant "em_maj1@1"', resultCount: 1 },
    ]);
  });

  test('a leaderboard needs one setting, and says which exist when the choice is ambiguous', async () => {
    const [error] = (await expectErrors(
      backend().app,
      `{ leaderboard(dataset: "gsm8k", metric: "exact-match") { totalModels } }`,
    ))!;
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain('(8-shot, chain of thought: 7 results)');
    expect(error?.message).toContain('variant "em_maj1@1": 1 results');
  });

  test('the GSM8K leaderboard of Ai2’s run, with organization and source', async () => {
    const data = await expectData(
      backend().app,
      `{ leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }) {
          totalModels entries { rank value model { slug } organization { slug } source { slug } } } }`,
    );
    expect(data.leaderboard.totalModels).toBe(7);
    expect(data.leaderboard.entries.map((e: any) => [e.rank, e.model.slug, e.value])).toEqual([
      [1, 'tulu-3-405b', 95.5],
      [2, 'llama-3.1-405b-instruct', 95.4],
      [3, 'tulu-3-405b-dpo', 94.2],
      [4, 'deepseek-v3', 94.1],
      [5, 'tulu-3-405b-sft', 93.6],
      [6, 'nous-hermes-3-405b', 92.7],
      [7, 'gpt-4o', 91.7],
    ]);
    expect(data.leaderboard.entries[0]).toMatchObject({
      organization: { slug: 'allen-institute-for-ai' },
      source: { slug: 't3-card' },
    });
  });

  test('ties share a rank (HumanEval pass@10: 95.9 twice)', async () => {
    const data = await expectData(
      backend().app,
      `{ leaderboard(dataset: "humaneval", metric: "pass-rate", setting: { passK: 10 }) { entries { rank value model { slug } } } }`,
    );
    const ranks = data.leaderboard.entries.map((e: any) => [e.rank, e.value]);
    expect(ranks.slice(0, 5)).toEqual([
      [1, 97.2],
      [2, 97],
      [3, 95.9],
      [3, 95.9],
      [5, 95.7],
    ]);
  });

  test('filters and as-of dates restrict the ranked models', async () => {
    const data = await expectData(
      backend().app,
      `{ open: leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }, filter: { openWeights: false }) { entries { model { slug } } }
         before: leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }, asOf: "2025-01-29") { totalModels } }`,
    );
    expect(data.open.entries).toEqual([{ model: { slug: 'gpt-4o' } }]);
    expect(data.before.totalModels).toBe(0);
  });

  test('several sources for one model are shown with their spread (AlpacaEval 2 LC)', async () => {
    const data = await expectData(
      backend().app,
      `{ leaderboard(dataset: "alpacaeval-2", metric: "lc-win-rate") { entries { model { slug } value source { slug }
          conflict { count min max spread results { value modelVariant source { slug } } } } } }`,
    );
    const gpt4o = data.leaderboard.entries.find((e: any) => e.model.slug === 'gpt-4o');
    // Ai2's run covers the most models, so its 65.0 is ranked; DeepSeek's 51.1 and the leaderboard's 57.46 are shown.
    expect(gpt4o).toMatchObject({ value: 65, source: { slug: 't3-card' }, conflict: { count: 3, min: 51.1, max: 65 } });
    expect(gpt4o.conflict.spread).toBeCloseTo(13.9, 9);
  });

  test('compare: a matrix of comparable rows, winners, margins and records', async () => {
    const data = await expectData(
      backend().app,
      `{ compare(models: ["tulu-3-405b", "deepseek-v3", "gpt-4o"], datasets: ["humaneval", "popqa"]) {
          rows { comparability { dataset { slug } settingDescription } cells { value } winners { slug } margin }
          incomparable { comparability { settingDescription } cells { value } }
          records { model { slug } wins ties losses missing } } }`,
    );
    const rows = data.compare.rows.map((r: any) => [
      r.comparability.dataset.slug,
      r.cells.map((c: any) => c.value),
      r.winners.map((w: any) => w.slug),
      Number(r.margin.toFixed(6)),
    ]);
    expect(rows).toEqual([
      ['popqa', [55.5, 44.9, 53.6], ['tulu-3-405b'], 1.9],
      ['humaneval', [95.9, 94.6, 97], ['gpt-4o'], 1.1],
    ]);
    // Pass@1 results exist only for GPT-4o here: listed, never ranked.
    expect(data.compare.incomparable.length).toBeGreaterThan(0);
    expect(data.compare.records).toEqual([
      { model: { slug: 'tulu-3-405b' }, wins: 1, ties: 0, losses: 1, missing: 0 },
      { model: { slug: 'deepseek-v3' }, wins: 0, ties: 0, losses: 2, missing: 0 },
      { model: { slug: 'gpt-4o' }, wins: 1, ties: 0, losses: 1, missing: 0 },
    ]);
  });

  test('a leaderboard over all models, read from the stored preferences, is the computed one', async () => {
    // Without asOf or a filter the leaderboard pages `result_preference` through its index; with a filter that
    // keeps every model it computes preferred_results(). Both must rank alike at every key, in both directions.
    const db = backend().database.db;
    const keys = await rows(
      db,
      sql`select distinct comparability_key as key, dataset_id, metric_id from benchmark_result order by 1`,
    );
    expect(keys.length).toBeGreaterThan(20);
    for (const k of keys) {
      const comparability = {
        key: k.key as string,
        datasetId: Number(k.dataset_id),
        metricId: Number(k.metric_id),
        setting: {} as Comparability['setting'],
        resultCount: 0,
      };
      for (const limit of [1, 3, 100]) {
        const stored = await leaderboard(db, { comparability, limit });
        const computed = await leaderboard(db, { comparability, limit, models: sql`true` });
        expect(stored, `${comparability.key} first ${limit}`).toEqual(computed);
      }
    }
  });

  test('beats and beatenBy are derived from comparable results, with margins', async () => {
    const data = await expectData(
      backend().app,
      `{ model(slug: "tulu-3-405b") {
          beats(dataset: "humaneval") { loser { slug } winnerValue loserValue }
          beatenBy(dataset: "humaneval") { winner { slug } winnerValue loserValue comparability { settingDescription } }
          big: beats(minMargin: 10) { loser { slug } comparability { dataset { slug } } } } }`,
    );
    expect(data.model.beats).toEqual([
      { loser: { slug: 'nous-hermes-3-405b' }, winnerValue: 95.9, loserValue: 92.3 },
      { loser: { slug: 'deepseek-v3' }, winnerValue: 95.9, loserValue: 94.6 },
      { loser: { slug: 'tulu-3-405b-sft' }, winnerValue: 95.9, loserValue: 95.7 },
    ]);
    expect(data.model.beatenBy.map((b: any) => [b.winner.slug, b.winnerValue])).toEqual([
      ['tulu-3-405b-dpo', 97.2],
      ['gpt-4o', 97],
    ]);
    expect(data.model.big.map((b: any) => [b.loser.slug, b.comparability.dataset.slug])).toEqual([
      ['nous-hermes-3-405b', 'alpacaeval-2'],
      ['tulu-3-405b-sft', 'alpacaeval-2'],
      ['nous-hermes-3-405b', 'tulu3-safety'],
      ['deepseek-v3', 'tulu3-safety'],
      ['llama-3.1-405b-instruct', 'alpacaeval-2'],
      ['deepseek-v3', 'popqa'],
    ]);
  });

  test('a model’s wins and losses, read from its side, are the model_beats facts, paged by margin', async () => {
    const { app, database } = backend();
    // Every model's wins and losses in the view, in the fields' order (margin, set, opponent).
    const facts = (await rows(
      database.db,
      sql`select w.slug as winner, l.slug as loser, b.margin, b.comparability_key
          from model_beats b join model w on w.id = b.winner_id join model l on l.id = b.loser_id
          order by b.margin desc, b.comparability_key, w.id, l.id`,
    )) as { winner: string; loser: string; margin: number }[];
    expect(facts.length).toBeGreaterThan(20);
    const slugs = (await rows(database.db, sql`select slug from model order by slug`)).map((r) => r.slug as string);
    const models = [];
    for (const slug of slugs) {
      const data = await expectData(
        app,
        `query ($slug: String!) { model(slug: $slug) { slug
           beats(first: 100) { winner { slug } loser { slug } margin }
           beatenBy(first: 100) { winner { slug } loser { slug } margin }
           top: beats(first: 2) { loser { slug } } } }`,
        { slug },
      );
      models.push(data.model);
    }
    const round = (margin: number) => Number(margin.toFixed(6));
    const line = (b: { winner: { slug: string }; loser: { slug: string }; margin: number }) =>
      `${b.winner.slug}>${b.loser.slug}@${round(b.margin)}`;
    for (const model of models) {
      const wins = facts.filter((f) => f.winner === model.slug);
      const losses = facts.filter((f) => f.loser === model.slug);
      const expected = (list: typeof facts) => list.map((f) => `${f.winner}>${f.loser}@${round(Number(f.margin))}`);
      expect(model.beats.map(line), model.slug).toEqual(expected(wins));
      expect(model.beatenBy.map(line), model.slug).toEqual(expected(losses));
      expect(model.top.map((b: { loser: { slug: string } }) => b.loser.slug)).toEqual(
        wins.slice(0, 2).map((f) => f.loser),
      );
    }
  });

  test('beats of every model in a list cost a fixed number of statements', async () => {
    const { app, statements } = backend();
    const counts: number[] = [];
    for (const first of [2, 19]) {
      statements.reset();
      await expectData(app, `{ models(first: ${first}) { nodes { slug beats { margin } } } }`);
      counts.push(statements.count);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  test('unknown slugs and bad sizes are clear errors', async () => {
    const app = backend().app;
    const cases: [string, string][] = [
      ['{ leaderboard(dataset: "nope", metric: "accuracy") { totalModels } }', 'NOT_FOUND'],
      ['{ leaderboard(dataset: "gsm8k", metric: "nope") { totalModels } }', 'NOT_FOUND'],
      ['{ leaderboard(dataset: "gsm8k", metric: "f1") { totalModels } }', 'BAD_USER_INPUT'],
      ['{ leaderboard(dataset: "popqa", metric: "accuracy", first: 101) { totalModels } }', 'BAD_USER_INPUT'],
      ['{ compare(models: ["gpt-4o"], datasets: ["popqa"]) { rows { margin } } }', 'BAD_USER_INPUT'],
      ['{ compare(models: ["gpt-4o", "gpt-9"], datasets: ["popqa"]) { rows { margin } } }', 'NOT_FOUND'],
      ['{ model(slug: "gpt-4o") { beats(dataset: "nope") { margin } } }', 'NOT_FOUND'],
      ['{ model(slug: "gpt-4o") { beats(first: 101) { margin } } }', 'BAD_USER_INPUT'],
      ['{ model(slug: "gpt-4o") { beatenBy(first: 0) { margin } } }', 'BAD_USER_INPUT'],
    ];
    for (const [query, code] of cases) {
      const [error] = (await expectErrors(app, query))!;
      expect(error?.extensions?.code, query).toBe(code);
    }
  });
});
