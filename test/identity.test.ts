/**
 * Canonical identity on real files (copied into test/fixtures, see REAL-SOURCES.md): the spellings the files use
 * for one real thing land on one entity, setting qualifiers move into the setting, a loose match crosses neither
 * repositories nor task types, the lookup tables shared by a run stay right when a file is refused, and
 * `possibleDuplicates` lists what looks alike.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { IdentityCache } from '../src/import/identity/cache.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { rows } from './helpers/db.ts';
import { expectData } from './helpers/graphql.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (file: string) => path.join(root, 'test', 'fixtures', file);
const TIMEOUT = 120_000;

const REAL = {
  openLlmV2: 'every-eval-ever/real/hfopenllm-v2-meta-llama-Llama-3.1-8B-Instruct.json',
  rewardBench: 'every-eval-ever/real/reward-bench-meta-llama-Meta-Llama-3.1-8B-Instruct-Turbo.json',
  helm: 'every-eval-ever/real/helm-capabilities-meta-llama-3.1-405b-instruct-turbo.json',
  notusArc: 'lm-eval-harness/real/notus-v1-arc.json',
  notusTruthfulqa: 'lm-eval-harness/real/notus-v1-truthfulqa.json',
  // Cards under the Hub's org/repo/README.md layout, so that each is tied to its repo.
  lexiCard: 'huggingface-model-card/real/Orenguteng/Llama-3-8B-Lexi-Uncensored/README.md',
  abliteratedCard: 'huggingface-model-card/real/mlabonne/Meta-Llama-3.1-8B-Instruct-abliterated/README.md',
  embeddingCard: 'huggingface-model-card/real/openbmb/MiniCPM-Embedding/README.md',
};
const fileNameOf = (file: string) =>
  file.startsWith('huggingface-model-card/real/')
    ? file.slice('huggingface-model-card/real/'.length)
    : path.basename(file);

describeEachBackend('canonical identity on real files', (backend) => {
  const db = () => backend().database.db;
  const cache = new IdentityCache();
  const importReal = (file: string) =>
    runImport({
      db: db(),
      fileName: fileNameOf(file),
      path: fixture(file),
      actor: 'identity-test',
      skipInvalid: true,
      identityCache: cache,
    });
  /** Dataset slugs of the results of a model, with their shots, per source title prefix. */
  const resultsOf = async (model: string) =>
    rows(
      db(),
      sql`select d.slug as dataset, r.shots, r.chain_of_thought as cot, s.title as source from benchmark_result r
          join model m on m.id = r.model_id join dataset d on d.id = r.dataset_id join source s on s.id = r.source_id
          where m.slug = ${model} order by d.slug, s.title`,
    );
  const count = async (query: ReturnType<typeof sql>) => Number((await rows(db(), query))[0]?.n);

  test(
    'every real file imports, sharing the lookup tables of the run',
    async () => {
      for (const file of Object.values(REAL)) {
        const report = await importReal(file);
        expect(report.refused, `${file}: ${JSON.stringify(report.problems.slice(0, 3))}`).toBe(false);
        for (const resolution of report.resolutions) {
          expect(['exact', 'registry', 'loose', 'created']).toContain(resolution.confidence);
        }
      }
      // The graph did not change between files but by their own writes: each file after the first reused them.
      expect(cache.hits).toBe(Object.keys(REAL).length - 1);
    },
    TIMEOUT,
  );

  test('Llama-3.1-8B-Instruct under its current id, its old id and HELM/Together’s Turbo id is one model by Meta', async () => {
    const models = await rows(
      db(),
      sql`select distinct m.slug from model m join model_external_id e on e.model_id = m.id
          where lower(e.value) in ('meta-llama/llama-3.1-8b-instruct', 'meta-llama/meta-llama-3.1-8b-instruct',
            'meta-llama/meta-llama-3.1-8b-instruct-turbo')
          union select slug from model where slug ~ '^meta-llama-(meta-)?llama-3\\.1-8b-instruct(-turbo)?$'`,
    );
    expect(models).toEqual([{ slug: 'llama-3.1-8b-instruct' }]);
    const datasets = (await resultsOf('llama-3.1-8b-instruct')).map((r) => r.dataset);
    // Open LLM Leaderboard v2 (meta-llama/Llama-3.1-8B-Instruct) and RewardBench (…Meta-Llama-3.1-8B-Instruct-Turbo).
    expect(datasets).toEqual(expect.arrayContaining(['musr', 'math-level-5', 'mmlu-pro', 'ifeval', 'rewardbench']));
    // The abliterated card's base_model (the old id) is this model too.
    const base = await rows(
      db(),
      sql`select b.slug from model_lineage l join model m on m.id = l.model_id join model b on b.id = l.base_model_id
          where m.slug = 'mlabonne-meta-llama-3.1-8b-instruct-abliterated'`,
    );
    expect(base).toEqual([{ slug: 'llama-3.1-8b-instruct' }]);
    const developers = await rows(
      db(),
      sql`select o.slug from model_developer d join model m on m.id = d.model_id join organization o on o.id = d.organization_id
          where m.slug = 'llama-3.1-8b-instruct'`,
    );
    expect(developers).toEqual([{ slug: 'meta' }]);
    expect(await count(sql`select count(*) as n from organization where slug in ('meta-llama', 'meta-2')`)).toBe(0);
  });

  test('HELM’s meta/llama-3.1-405b-instruct-turbo is the seed’s Llama 3.1 405B Instruct', async () => {
    const helm = (await resultsOf('llama-3.1-405b-instruct')).filter((r) => String(r.source).includes('helm'));
    expect(helm.map((r) => r.dataset)).toEqual(
      expect.arrayContaining(['gpqa', 'ifeval', 'mmlu-pro', 'omni-math', 'wildbench']),
    );
    expect(await count(sql`select count(*) as n from model where slug like '%405b-instruct-turbo%'`)).toBe(0);
  });

  test('ARC, TruthfulQA, HellaSwag, MuSR and MATH Level 5: one dataset each, the qualifier in the setting', async () => {
    const notus = await resultsOf('argilla-notus-7b-v1');
    expect(notus.map((r) => r.dataset)).toEqual(
      expect.arrayContaining(['arc-challenge', 'truthfulqa', 'truthfulqa-mc1', 'truthfulqa-mc2', 'truthfulqa-gen']),
    );
    const lexi = await resultsOf('orenguteng-llama-3-8b-lexi-uncensored');
    const bySlug = Object.fromEntries(lexi.map((r) => [r.dataset, r.shots]));
    // "AI2 Reasoning Challenge (25-Shot)", "HellaSwag (10-Shot)", "TruthfulQA (0-shot)", "Winogrande (5-shot)"…
    expect(bySlug).toMatchObject({
      'arc-challenge': 25,
      hellaswag: 10,
      truthfulqa: 0,
      winogrande: 5,
      gsm8k: 5,
      mmlu: 5,
    });
    const abliterated = await resultsOf('mlabonne-meta-llama-3.1-8b-instruct-abliterated');
    expect(Object.fromEntries(abliterated.map((r) => [r.dataset, r.shots]))).toMatchObject({
      musr: 0,
      'math-level-5': 4,
      ifeval: 0,
      bbh: 3,
      gpqa: 0,
      'mmlu-pro': 5,
    });
    // No dataset keeps a setting qualifier in its name, and each real benchmark is one dataset.
    expect(await count(sql`select count(*) as n from dataset where name ~* '\\d+-shot'`)).toBe(0);
    expect(
      await count(
        sql`select count(*) as n from dataset where slug ~ '^(ai2|arc|truthful|hellaswag|musr|math-l|math-lvl)'
            and slug not in ('arc-challenge', 'truthfulqa', 'truthfulqa-mc1', 'truthfulqa-mc2', 'truthfulqa-gen',
              'hellaswag', 'musr', 'math-level-5')`,
      ),
    ).toBe(0);
    const parent = await rows(
      db(),
      sql`select p.slug from dataset d join dataset p on p.id = d.parent_dataset_id where d.slug = 'math-level-5'`,
    );
    expect(parent).toEqual([{ slug: 'math' }]);
  });

  test('MTEB NQ (retrieval) is not NaturalQuestions (QA)', async () => {
    const embedding = await resultsOf('openbmb-minicpm-embedding');
    expect(embedding.map((r) => r.dataset)).toContain('mteb-nq');
    expect(embedding.map((r) => r.dataset)).not.toContain('naturalquestions');
  });

  test(
    'a second import of every file changes nothing and creates nothing',
    async () => {
      for (const file of Object.values(REAL)) {
        const report = await importReal(file);
        expect(report.results.inserted + report.results.updated, file).toBe(0);
        expect(
          report.resolutions.filter((r) => r.confidence === 'created'),
          file,
        ).toEqual([]);
      }
    },
    TIMEOUT,
  );

  const CARD = (name: string, shots: number) =>
    `---\nmodel-index:\n- name: Planted-Model\n  results:\n  - task:\n      type: text-generation\n    dataset:\n      name: ${name}\n      type: cais/mmlu\n      args:\n        num_few_shot: ${shots}\n    metrics:\n    - type: acc\n      value: 50.0\n---\n`;

  test('a qualifier that contradicts the stated setting is refused with its place; the run’s tables forget the file', async () => {
    const refused = await runImport({
      db: db(),
      fileName: 'planted/Planted-Model/README.md',
      text: CARD('MMLU (5-shot)', 0),
      actor: 'identity-test',
      identityCache: cache,
    });
    expect(refused.refused).toBe(true);
    expect(refused.problems).toEqual([
      expect.objectContaining({
        field: 'dataset.name',
        message: '"MMLU (5-shot)" says 5-shot but the file states 0 shots',
      }),
    ]);
    expect(refused.problems[0]?.location).toMatch(/^line \d+$/);
    // The refused file's model was rolled back: the next file of the run creates it anew, not a ghost.
    const kept = await runImport({
      db: db(),
      fileName: 'planted/Planted-Model/README.md',
      text: CARD('MMLU (5-shot)', 5),
      actor: 'identity-test',
      identityCache: cache,
    });
    expect(kept.refused).toBe(false);
    expect(kept.resolutions).toContainEqual(
      expect.objectContaining({ type: 'Model', reference: 'planted/Planted-Model', confidence: 'created' }),
    );
    expect(await count(sql`select count(*) as n from model where slug = 'planted-planted-model'`)).toBe(1);
  });

  const DUPLICATES = `query ($type: DuplicateEntityType!, $first: Int, $after: String) {
    possibleDuplicates(type: $type, first: $first, after: $after) {
      edges { cursor node { reason key members { slug name } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  type Page = {
    possibleDuplicates: {
      edges: { cursor: string; node: { reason: string; key: string; members: { slug: string }[] } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
  const allGroups = async (type: string) => {
    const groups: Page['possibleDuplicates']['edges'][number]['node'][] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await expectData(backend().app, DUPLICATES, { type, first: 2, after });
      groups.push(...page.possibleDuplicates.edges.map((e) => e.node));
      if (!page.possibleDuplicates.pageInfo.hasNextPage) return groups;
      after = page.possibleDuplicates.pageInfo.endCursor;
    }
  };

  test('possibleDuplicates finds a planted pair, and none of the known pairs', async () => {
    const slugsIn = (groups: { members: { slug: string }[] }[]) => groups.flatMap((g) => g.members.map((m) => m.slug));
    expect(slugsIn(await allGroups('DATASET'))).not.toEqual(expect.arrayContaining(['arc-challenge']));
    // Planted: a model whose Hub id differs from another's only in case, and a dataset named with a qualifier.
    await db()
      .execute(sql`with m as (insert into model (slug, name, open_weights) values ('planted-a', 'Planted A', true) returning id)
      insert into model_external_id (model_id, namespace, value) select id, 'huggingface', 'planted/Planted-Model-A' from m`);
    await db()
      .execute(sql`with m as (insert into model (slug, name, open_weights) values ('planted-b', 'Planted B', true) returning id)
      insert into model_external_id (model_id, namespace, value) select id, 'huggingface', 'PLANTED/planted-model-a' from m`);
    await db().execute(sql`insert into dataset (slug, name, is_benchmark, is_training_data)
      values ('foo-bench', 'Foo Bench', true, false), ('foo-bench-5-shot', 'Foo-Bench (5-shot)', true, false)`);
    const models = await allGroups('MODEL');
    expect(models).toContainEqual({
      reason: 'HUGGINGFACE_ID',
      key: 'planted/planted-model-a',
      members: [
        { slug: 'planted-a', name: 'Planted A' },
        { slug: 'planted-b', name: 'Planted B' },
      ],
    });
    expect(slugsIn(models)).not.toContain('llama-3.1-8b-instruct');
    const datasets = await allGroups('DATASET');
    expect(datasets).toContainEqual({
      reason: 'NAME',
      key: 'foobench',
      members: [
        { slug: 'foo-bench', name: 'Foo Bench' },
        { slug: 'foo-bench-5-shot', name: 'Foo-Bench (5-shot)' },
      ],
    });
  });
});
