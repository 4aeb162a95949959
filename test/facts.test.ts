/**
 * The seeded facts come back through the API with their sources (facts.md: Tülu 3 405B and its comparators).
 */
import { expect, test } from 'vitest';
import { describeEachBackend } from './helpers/backends.ts';
import { expectData } from './helpers/graphql.ts';

describeEachBackend('sourced facts', (backend) => {
  test('Tülu 3 405B: developer, size, license and base model, each with a source', async () => {
    const data = await expectData(
      backend().app,
      `{ model(slug: "tulu-3-405b") {
          name aliases parameterCount architecture openWeights releaseDate huggingfaceId
          organization { slug name kind country headquarters }
          developers { organization { slug } source { slug url } }
          license { slug category }
          baseModels { kind baseModel { slug } source { slug } }
          trainingCompute { gpuCount }
          sources { slug }
        } }`,
    );
    const m = data.model;
    expect(m).toMatchObject({
      name: 'Tülu 3 405B',
      parameterCount: 405_000_000_000,
      architecture: 'DENSE',
      openWeights: true,
      releaseDate: '2025-01-30',
      huggingfaceId: 'allenai/Llama-3.1-Tulu-3-405B',
      organization: { slug: 'allen-institute-for-ai', kind: 'NONPROFIT', country: 'US' },
      developers: [{ organization: { slug: 'allen-institute-for-ai' }, source: { slug: 't3-card' } }],
      license: { slug: 'llama-3.1-community' },
      trainingCompute: { gpuCount: 256 },
    });
    expect(m.organization.headquarters).toMatch(/Seattle/);
    expect(m.baseModels).toContainEqual({
      kind: 'FINETUNE',
      baseModel: { slug: 'llama-3.1-405b' },
      source: { slug: 't3-card' },
    });
    expect(m.sources.map((s: { slug: string }) => s.slug)).toContain('t3-card');
  });

  test('Tülu 3 405B was post-trained in the stages SFT -> DPO -> RLVR', async () => {
    const data = await expectData(
      backend().app,
      `{ model(slug: "tulu-3-405b") { techniques { stage technique { slug } datasets { slug } source { slug } } } }`,
    );
    const staged = data.model.techniques.filter((u: { stage: number | null }) => u.stage !== null);
    const order = ['sft', 'dpo', 'rlvr'].map((slug) => staged.find((u: any) => u.technique.slug === slug)?.stage);
    expect(order).toEqual([1, 2, 3]);
    const rlvr = staged.find((u: any) => u.technique.slug === 'rlvr');
    expect(rlvr.datasets).toEqual([{ slug: 'rlvr-math' }]);
    expect(rlvr.source.slug).toBe('t3-card');
    // Stages come back in order; unstaged (architecture) uses come last.
    const stages = data.model.techniques.map((u: { stage: number | null }) => u.stage ?? Number.POSITIVE_INFINITY);
    expect(stages).toEqual([...stages].sort((a, b) => a - b));
  });

  test('its PopQA, GSM8K and HumanEval results from Ai2’s table, with setting and source', async () => {
    const data = await expectData(
      backend().app,
      `{ model(slug: "tulu-3-405b") {
          results(first: 10, filter: { dataset: ["popqa", "gsm8k", "humaneval"] }) {
            totalCount
            nodes { dataset { slug } metric { slug } value reportedValue
                    setting { shots chainOfThought passK harness }
                    evaluator { slug } evaluatorRelationship source { slug url } }
          } } }`,
    );
    const results = data.model.results;
    expect(results.totalCount).toBe(3);
    const byDataset = Object.fromEntries(results.nodes.map((r: any) => [r.dataset.slug, r]));
    expect(byDataset.popqa).toMatchObject({ value: 55.5, reportedValue: '55.5', setting: { shots: 3 } });
    expect(byDataset.gsm8k).toMatchObject({ value: 95.5, setting: { shots: 8, chainOfThought: true } });
    expect(byDataset.humaneval).toMatchObject({ value: 95.9, metric: { slug: 'pass-rate' }, setting: { passK: 10 } });
    for (const r of results.nodes) {
      expect(r).toMatchObject({
        evaluator: { slug: 'allen-institute-for-ai' },
        evaluatorRelationship: 'FIRST_PARTY',
        source: { slug: 't3-card', url: 'https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B' },
      });
    }
  });

  test('the same model and benchmark keep every source’s result (DeepSeek V3 on MMLU)', async () => {
    const data = await expectData(
      backend().app,
      `{ benchmarkResults(first: 20, filter: { model: ["deepseek-v3"], dataset: ["mmlu"] }, orderBy: { field: VALUE, direction: ASC }) {
          totalCount nodes { value evaluatorRelationship source { slug } } } }`,
    );
    expect(data.benchmarkResults.nodes).toEqual([
      { value: 82.1, evaluatorRelationship: 'THIRD_PARTY', source: { slug: 't3-card' } },
      { value: 88.5, evaluatorRelationship: 'FIRST_PARTY', source: { slug: 'dsv3-readme' } },
    ]);
  });

  test('Mistral’s fractions are stored in percent and kept as printed', async () => {
    const data = await expectData(
      backend().app,
      `{ benchmarkResults(first: 5, filter: { model: ["mistral-small-3"], dataset: ["humaneval"] }) { nodes { value reportedValue setting { passK } } } }`,
    );
    expect(data.benchmarkResults.nodes).toEqual([{ value: 84.8, reportedValue: '0.848', setting: { passK: 1 } }]);
  });

  test('lineage both ways: TinySwallow is distilled from Qwen2.5-32B-Instruct', async () => {
    const data = await expectData(
      backend().app,
      `{ child: model(slug: "tinyswallow-1.5b") { baseModels { kind baseModel { slug } } }
         parent: model(slug: "qwen2.5-32b-instruct") { derivatives { kind model { slug } } } }`,
    );
    expect(data.child.baseModels).toContainEqual({ kind: 'DISTILLATION', baseModel: { slug: 'qwen2.5-32b-instruct' } });
    expect(data.parent.derivatives).toContainEqual({ kind: 'DISTILLATION', model: { slug: 'tinyswallow-1.5b' } });
  });

  test('a source lists the facts it backs', async () => {
    const data = await expectData(
      backend().app,
      `{ source(slug: "t3-card") { kind primary results(first: 1) { totalCount } lineage { model { slug } } techniqueUses { technique { slug } } } }`,
    );
    expect(data.source.kind).toBe('MODEL_CARD');
    expect(data.source.primary).toBe(true);
    expect(data.source.results.totalCount).toBe(84);
    expect(data.source.lineage.map((e: any) => e.model.slug)).toContain('tulu-3-405b');
    expect(data.source.techniqueUses.map((u: any) => u.technique.slug)).toContain('rlvr');
  });

  test('the 22 article claims are stored structured, with their source', async () => {
    const data = await expectData(
      backend().app,
      `{ claims(first: 30, filter: { source: ["article"] }) {
          totalCount
          nodes { ordinal predicate subjectModel { slug } subjectOrganization { slug } quantity quantityUnit
                  objects { kind model { slug } dataset { slug } technique { slug } } source { kind } } } }`,
    );
    expect(data.claims.totalCount).toBe(22);
    const claims = data.claims.nodes;
    expect(claims.map((c: any) => c.ordinal)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(claims[8]).toMatchObject({
      predicate: 'OUTPERFORMS_ON',
      subjectModel: { slug: 'tulu-3-405b' },
      objects: [
        { kind: 'MODEL', model: { slug: 'deepseek-v3' } },
        { kind: 'MODEL', model: { slug: 'gpt-4o' } },
        { kind: 'MODEL', model: { slug: 'llama-3.1-405b-instruct' } },
        { kind: 'DATASET', dataset: { slug: 'popqa' } },
      ],
      source: { kind: 'NEWS' },
    });
    expect(claims[11]).toMatchObject({ predicate: 'SMALLER_THAN', quantity: 40, quantityUnit: 'percent' });
    expect(claims[0]).toMatchObject({ subjectOrganization: { slug: 'allen-institute-for-ai' }, subjectModel: null });
  });
  test('every relation can be followed back: claims from what they mention, results from their metric, licenses from their source', async () => {
    const data = await expectData(
      backend().app,
      `{ dataset(slug: "popqa") { claimsMentioning { slug } }
         deepseek: model(slug: "deepseek-v3") { claimsMentioning { slug } claimsAbout { slug } }
         rlvr: technique(slug: "rlvr") { claimsMentioning { slug } }
         metric(slug: "pass-rate") { results(first: 1) { totalCount } datasets { slug } }
         source(slug: "l31-license") { licenses { slug } }
         claim(slug: "article-claim-01") { subject { __typename ... on Organization { slug } } }
         modelClaim: claim(slug: "article-claim-09") { subject { __typename ... on Model { slug } } } }`,
    );
    expect(data.dataset.claimsMentioning).toEqual([{ slug: 'article-claim-09' }]);
    expect(data.deepseek.claimsMentioning.map((c: { slug: string }) => c.slug)).toEqual(
      expect.arrayContaining([
        'article-claim-09',
        'article-claim-10',
        'article-claim-11',
        'article-claim-12',
        'article-claim-13',
      ]),
    );
    expect(data.deepseek.claimsAbout).toEqual([{ slug: 'article-claim-21' }]);
    expect(data.rlvr.claimsMentioning).toEqual([{ slug: 'article-claim-04' }]);
    expect(data.metric.results.totalCount).toBeGreaterThan(0);
    expect(data.source.licenses).toEqual([{ slug: 'llama-3.1-community' }]);
    expect(data.claim.subject).toEqual({ __typename: 'Organization', slug: 'allen-institute-for-ai' });
    expect(data.modelClaim.subject).toEqual({ __typename: 'Model', slug: 'tulu-3-405b' });
  });

  test('attributions say which source backs what', async () => {
    const data = await expectData(
      backend().app,
      `{ model(slug: "tulu-3-405b") { attributions { source { slug } notes } } }`,
    );
    expect(data.model.attributions).toContainEqual({
      source: { slug: 'the-decoder-tulu3' },
      notes: expect.stringMatching(/256 GPUs/),
    });
  });
});
