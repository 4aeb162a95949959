/**
 * Claim verdicts are computed from the data, with their evidence: the 22 claims of the launch article get the
 * verdicts the seed numbers support (facts.md §6), at a fixed number of SQL statements.
 */
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { verifyClaims } from '../src/analytics/claims.ts';
import { rows } from '../src/analytics/sql.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { expectData } from './helpers/graphql.ts';

const expected: Record<number, string> = {
  1: 'SUPPORTED', // nonprofit in Seattle
  2: 'SUPPORTED', // Ai2 developed Tülu 3 405B
  3: 'SUPPORTED', // derives from Llama 3.1 405B
  4: 'SUPPORTED', // SFT, DPO, RLVR
  5: 'SUPPORTED', // public and synthetic data
  6: 'SUPPORTED', // 405B parameters
  7: 'SUPPORTED', // 256 GPUs
  8: 'PARTLY_SUPPORTED', // open weights, but the Llama 3.1 license is not permissive
  9: 'SUPPORTED', // PopQA: 55.5 vs 44.9, 53.6, 52.9
  10: 'SUPPORTED', // GSM8K: 95.5 vs 94.1, 91.7, 95.4
  11: 'PARTLY_SUPPORTED', // HumanEval pass@10: beats DeepSeek V3 (94.6) but not GPT-4o (97.0)
  12: 'PARTLY_SUPPORTED', // 39.6 % smaller in total parameters, 10.9x larger in active parameters
  13: 'SUPPORTED', // Ai2's averages: 80.0 vs 79.0 and 80.7 vs 75.9
  14: 'SUPPORTED', // wins some benchmarks against GPT-4o
  15: 'SUPPORTED', // chat app, GitHub, Hugging Face
  16: 'PARTLY_SUPPORTED', // 24B and Apache-2.0 check out; latency is not in the graph
  17: 'NO_DATA', // "3x faster": no speed data
  18: 'PARTLY_SUPPORTED', // TinySwallow: small (≤ 3B) and Japanese pass; the ranking has no data
  19: 'NO_DATA', // Qwen2.5-Max: no numeric results (chart images only)
  20: 'NO_DATA',
  21: 'SUPPORTED', // open MoE from DeepSeek
  22: 'SUPPORTED', // GPT-4o proprietary
};

describeEachBackend('claim verification', (backend) => {
  test('the article’s 22 claims get the verdicts the data supports', async () => {
    const data = await expectData(
      backend().app,
      `{ claims(first: 30, filter: { source: ["article"] }) { nodes { ordinal verdict { verdict } } } }`,
    );
    const verdicts = Object.fromEntries(data.claims.nodes.map((c: any) => [c.ordinal, c.verdict.verdict]));
    expect(verdicts).toEqual(Object.fromEntries(Object.entries(expected).map(([k, v]) => [Number(k), v])));
  });

  test('the HumanEval claim shows the figures compared, the results and their source', async () => {
    const data = await expectData(
      backend().app,
      `{ claim(slug: "article-claim-11") { verdict { verdict summary checks { description outcome actual
          results { value model { slug } setting { passK } } sources { slug } } } } }`,
    );
    const { verdict, summary, checks } = data.claim.verdict;
    expect(verdict).toBe('PARTLY_SUPPORTED');
    expect(summary).toBe('1 of 2 checks pass, 1 fail.');
    expect(checks).toEqual([
      {
        description: 'Tülu 3 405B vs DeepSeek-V3 on HumanEval (pass-rate)',
        outcome: 'PASS',
        actual: '95.9 vs 94.6',
        results: [
          { value: 95.9, model: { slug: 'tulu-3-405b' }, setting: { passK: 10 } },
          { value: 94.6, model: { slug: 'deepseek-v3' }, setting: { passK: 10 } },
        ],
        sources: [{ slug: 't3-card' }],
      },
      {
        description: 'Tülu 3 405B vs GPT-4o on HumanEval (pass-rate)',
        outcome: 'FAIL',
        actual: '95.9 vs 97',
        results: [
          { value: 95.9, model: { slug: 'tulu-3-405b' }, setting: { passK: 10 } },
          { value: 97, model: { slug: 'gpt-4o' }, setting: { passK: 10 } },
        ],
        sources: [{ slug: 't3-card' }],
      },
    ]);
  });

  test('"40% smaller" holds for total parameters and fails for active ones', async () => {
    const data = await expectData(
      backend().app,
      `{ claim(slug: "article-claim-12") { verdict { checks { description outcome actual } } } }`,
    );
    expect(data.claim.verdict.checks).toEqual([
      {
        description: 'Tülu 3 405B is 40% smaller than DeepSeek-V3 (total parameters)',
        outcome: 'PASS',
        actual: '405,000,000,000 vs 671,000,000,000: 39.6% smaller',
      },
      {
        description: 'Tülu 3 405B is 40% smaller than DeepSeek-V3 (active parameters)',
        outcome: 'FAIL',
        actual: '405,000,000,000 vs 37,000,000,000: 10.9× larger',
      },
    ]);
  });

  test('every claim gets the verdict recorded, with every field of every check', async () => {
    // Recorded before the facts were read with one statement (claims.ts), and compared with on every backend.
    const data = await expectData(
      backend().app,
      `{ claims(first: 100) { nodes { slug verdict { verdict summary
          checks { description outcome expected actual results { id } sources { slug } } } } } }`,
    );
    expect(data.claims.nodes).toHaveLength(22);
    await expect(`${JSON.stringify(data.claims.nodes, null, 2)}\n`).toMatchFileSnapshot('fixtures/claim-verdicts.json');
  });

  test('each claim verified alone gets the verdict recorded, as in a batch of all of them', async () => {
    // Alone, a claim's facts hold only the lists its own predicate reads (claim-facts.ts); in a batch, what the
    // batch's other predicates read too. Either way the verdicts are those recorded.
    const recorded = JSON.parse(await readFile(new URL('fixtures/claim-verdicts.json', import.meta.url), 'utf8'));
    expect(recorded).toHaveLength(22);
    for (const { slug, verdict } of recorded) {
      const data = await expectData(
        backend().app,
        `query ($slug: String!) { claim(slug: $slug) { verdict { verdict summary
          checks { description outcome expected actual results { id } sources { slug } } } } }`,
        { slug },
      );
      expect(data.claim.verdict, slug).toEqual(verdict);
    }
  });

  test('on PostgreSQL the facts statement is a prepared one, parsed and planned once per connection', async () => {
    const { database, kind } = backend();
    if (kind !== 'postgres') return;
    // One connection: a transaction's.
    await database.db.transaction(async (tx) => {
      expect((await verifyClaims(tx, [1, 2])).size).toBe(2);
      const prepared = await rows(tx, sql`select name from pg_prepared_statements where name = 'mg_claim_facts'`);
      expect(prepared).toHaveLength(1);
    });
  });

  test('verdicts of 11 claims or of all 22 cost the same number of statements', async () => {
    // Claims 1 to 11 already name every kind of object (organizations, models, techniques, benchmarks).
    const { app, statements } = backend();
    const counts: number[] = [];
    for (const first of [11, 22]) {
      statements.reset();
      await expectData(app, `{ claims(first: ${first}) { nodes { verdict { verdict checks { outcome } } } } }`);
      counts.push(statements.count);
    }
    expect(counts[0]).toBe(counts[1]);
    // One statement on the compiled query path: the page, with the facts of each claim (compiled/claims.ts).
    expect(counts[0]).toBe(1);
  });
});
