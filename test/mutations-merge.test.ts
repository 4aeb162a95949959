/**
 * Merging duplicates (admin): models, organizations, datasets and techniques. Every reference of the removed
 * entity moves onto the kept one; rows the kept one already has are dropped and counted; links between the
 * two that would become self-references are dropped and described; a merge that would close a cycle is
 * refused and rolled back; the removed entity's names become aliases; the trail records it all.
 */
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiKeys, withApiKeys } from './helpers/auth.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { changesSince, lastChange, type Row, rowId, rows, unchanged } from './helpers/db.ts';
import { execute, executeAs, expectData } from './helpers/graphql.ts';
import { globalId, mutationDocument, runMutation, validation } from './helpers/mutations.ts';

const counted = (entries: [string, number][]) => entries.map(([table, count]) => ({ table, count }));

describeEachBackend('merge mutations', (backend) => {
  const test = withApiKeys(backend);
  const db = () => backend().database.db;

  /** Audit rows since `since`, tallied as "operation table action" → count; every one by the admin. */
  async function trailSince(since: number): Promise<Record<string, number>> {
    const { adminActor } = await apiKeys(backend().database);
    const tally: Record<string, number> = {};
    for (const [actor, operation, table, action] of await changesSince(db(), since)) {
      expect(actor).toBe(adminActor);
      const key = `${operation} ${table} ${action}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    return tally;
  }

  function mutate(token: string, name: string, input: Row, payload = ''): Promise<Row> {
    return runMutation(backend().app, token, name, input, mutationDocument(name, payload));
  }

  /** Setup writes through the editor's mutations must succeed. */
  async function setup(name: string, input: Row) {
    const { editor } = await apiKeys(backend().database);
    const result = await mutate(editor, name, input);
    expect(result.__typename, JSON.stringify(result)).toMatch(/Payload$/);
  }

  const mergePayload = (type: string, field: string, selection: string) =>
    `... on Merge${type}sPayload { ${field} { ${selection} } moved { table count } dropped { table count } remarks }`;

  // -------------------------------------------------------------------------------------------------------
  describe('models', () => {
    const payload = mergePayload('Model', 'model', 'id slug aliases');

    test('every reference moves to the kept model; duplicates and the self-edge are dropped and counted', async ({
      keys: { admin },
    }) => {
      await setup('createModel', {
        slug: 'dup-tulu',
        name: 'Dup Tulu',
        aliases: ['Tulu Dup Alias', 'Tulu 3 405B'],
        openWeights: true,
        developers: [
          { organization: 'allen-institute-for-ai', source: 't3-card' },
          { organization: 'meta', source: 'l31-card' },
        ],
        externalIds: [{ namespace: 'HUGGINGFACE', value: 'dup/tulu' }],
        sources: [{ source: 't3-card' }, { source: 'ms3-card' }],
      });
      const edge = (model: string, baseModel: string, kind: string) => ({
        model: { slug: model },
        baseModel: { slug: baseModel },
        kind,
        source: 't3-card',
      });
      await setup('addLineageEdge', edge('dup-tulu', 'llama-3.1-405b', 'FINETUNE')); // tulu has it: dropped
      await setup('addLineageEdge', edge('dup-tulu', 'gemma-2-27b', 'DISTILLATION')); // moved
      await setup('addLineageEdge', edge('tulu-3-405b', 'dup-tulu', 'MERGE')); // self-edge: dropped
      await setup('addLineageEdge', edge('gpt-4o-mini', 'dup-tulu', 'DISTILLATION')); // moved
      await setup('addTechniqueStage', {
        model: { slug: 'dup-tulu' },
        technique: 'dpo', // tulu has it: dropped with its dataset
        datasets: ['rlvr-math'],
        source: 't3-card',
      });
      await setup('addTechniqueStage', { model: { slug: 'dup-tulu' }, technique: 'mla', source: 't3-card' });
      const result = (dataset: string, metric: string, setting: Row, source: string) => ({
        model: 'dup-tulu',
        dataset,
        metric,
        setting,
        value: 50,
        source,
      });
      // Same natural key as a seeded Tülu 3 405B result: dropped. Another source: moved.
      await setup(
        'upsertBenchmarkResult',
        result('mmlu', 'accuracy', { shots: 5, chainOfThought: true, harness: 'OLMES' }, 't3-card'),
      );
      await setup('upsertBenchmarkResult', result('popqa', 'accuracy', { shots: 3 }, 'ai2-blog'));
      await setup('recordClaim', {
        slug: 'dup-claim-subject',
        source: 'article',
        statement: 'Dup Tulu is big',
        predicate: 'HAS_PARAMETER_COUNT',
        subject: { model: 'dup-tulu' },
        quantity: 405e9,
      });
      await setup('recordClaim', {
        slug: 'dup-claim-objects',
        source: 'article',
        statement: 'GPT-4o beats both',
        predicate: 'OUTPERFORMS_OVERALL',
        subject: { model: 'gpt-4o' },
        objects: [{ model: 'dup-tulu' }, { model: 'tulu-3-405b' }, { model: 'dup-tulu' }],
      });
      await setup('recordClaim', {
        slug: 'dup-claim-object',
        source: 'article',
        statement: 'Ai2 made Dup Tulu',
        predicate: 'DEVELOPED',
        subject: { organization: 'allen-institute-for-ai' },
        objects: [{ model: 'dup-tulu' }],
      });

      const keepId = await rowId(db(), 'model', 'tulu-3-405b');
      const removeId = await rowId(db(), 'model', 'dup-tulu');
      const since = await lastChange(db());
      const merged = await mutate(
        admin,
        'mergeModels',
        { keep: { slug: 'tulu-3-405b' }, remove: { id: globalId('Model', removeId) } },
        payload,
      );
      expect(merged).toEqual({
        __typename: 'MergeModelsPayload',
        model: {
          id: globalId('Model', keepId),
          slug: 'tulu-3-405b',
          aliases: ['Tulu 3 405B', 'Llama-3.1-Tulu-3-405B', 'Dup Tulu', 'dup-tulu', 'Tulu Dup Alias'],
        },
        moved: counted([
          ['model_developer', 1],
          ['model_external_id', 1],
          ['model_lineage', 2],
          ['model_technique', 1],
          ['benchmark_result', 1],
          ['claim', 1],
          ['claim_object', 1],
          ['model_source', 1],
        ]),
        dropped: counted([
          ['model_developer', 1],
          ['model_lineage', 2],
          ['model_technique_dataset', 1],
          ['model_technique', 1],
          ['benchmark_result', 1],
          ['claim_object', 2],
          ['model_source', 1],
        ]),
        remarks: [
          'Dropped the lineage edge "tulu-3-405b" merge of "dup-tulu": after the merge it would join "tulu-3-405b" to itself.',
        ],
      });

      const data = await expectData(
        backend().app,
        `{ model(slug: "tulu-3-405b") {
            developers { organization { slug } position }
            externalIds { value }
            baseModels { kind baseModel { slug } }
            derivatives { kind model { slug } }
            techniques { technique { slug } }
            results(first: 100, filter: { dataset: ["popqa", "mmlu"] }) { totalCount nodes { value source { slug } dataset { slug } } }
            claimsAbout { slug }
            claimsMentioning { slug }
            attributions { source { slug } }
          }
          objects: claim(slug: "dup-claim-objects") { objects { position model { slug } } } }`,
      );
      const model = data.model;
      expect(model.developers).toEqual([
        { organization: { slug: 'allen-institute-for-ai' }, position: 0 },
        { organization: { slug: 'meta' }, position: 1 },
      ]);
      expect(model.externalIds.map((e: Row) => e.value).sort()).toEqual(['allenai/Llama-3.1-Tulu-3-405B', 'dup/tulu']);
      expect(model.baseModels).toEqual([
        { kind: 'FINETUNE', baseModel: { slug: 'llama-3.1-405b' } },
        { kind: 'FINETUNE', baseModel: { slug: 'tulu-3-405b-dpo' } },
        { kind: 'DISTILLATION', baseModel: { slug: 'gemma-2-27b' } },
      ]);
      expect(model.derivatives).toContainEqual({ kind: 'DISTILLATION', model: { slug: 'gpt-4o-mini' } });
      expect(model.techniques.map((u: Row) => u.technique.slug)).toEqual([
        'sft',
        'synthetic-data',
        'dpo',
        'rlvr',
        'ppo',
        'gqa',
        'mla',
      ]);
      // Kept: the seeded MMLU and PopQA results (its own), plus the moved ai2-blog PopQA result.
      expect(model.results.totalCount).toBe(3);
      expect(model.results.nodes).toContainEqual({
        value: 50,
        source: { slug: 'ai2-blog' },
        dataset: { slug: 'popqa' },
      });
      expect(model.results.nodes).toContainEqual({ value: 87, source: { slug: 't3-card' }, dataset: { slug: 'mmlu' } });
      expect(model.claimsAbout.map((c: Row) => c.slug)).toContain('dup-claim-subject');
      expect(model.claimsMentioning.map((c: Row) => c.slug)).toEqual(
        expect.arrayContaining(['dup-claim-objects', 'dup-claim-object']),
      );
      expect(data.objects.objects).toEqual([{ position: 1, model: { slug: 'tulu-3-405b' } }]);
      expect(model.attributions.map((a: Row) => a.source.slug)).toContain('ms3-card');

      const gone = await execute(backend().app, `{ model(slug: "dup-tulu") { id } }`);
      expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await trailSince(since)).toEqual({
        'mergeModels model_developer delete': 1,
        'mergeModels model_developer update': 1,
        'mergeModels model_external_id update': 1,
        'mergeModels model_lineage delete': 2,
        'mergeModels model_lineage update': 2,
        'mergeModels model_technique_dataset delete': 1,
        'mergeModels model_technique delete': 1,
        'mergeModels model_technique update': 1,
        'mergeModels benchmark_result delete': 1,
        'mergeModels benchmark_result update': 1,
        'mergeModels claim update': 1,
        'mergeModels claim_object delete': 2,
        'mergeModels claim_object update': 1,
        'mergeModels model_source delete': 1,
        'mergeModels model_source update': 1,
        'mergeModels model delete': 1,
        'mergeModels model update': 1,
      });
    });

    test('a merge that would close a lineage cycle is refused and everything is rolled back', async ({
      keys: { admin },
    }) => {
      await setup('createModel', {
        slug: 'cycle-child',
        name: 'Cycle Child',
        openWeights: false,
        sources: [{ source: 't3-card' }],
      });
      await setup('addLineageEdge', {
        model: { slug: 'cycle-child' },
        baseModel: { slug: 'tulu-3-405b' },
        kind: 'FINETUNE',
        source: 't3-card',
      });
      // cycle-child's base (tulu-3-405b) descends from llama-3.1-405b: folding cycle-child into llama closes a loop.
      expect(
        await unchanged(db(), () =>
          mutate(admin, 'mergeModels', { keep: { slug: 'llama-3.1-405b' }, remove: { slug: 'cycle-child' } }, payload),
        ),
      ).toEqual(
        validation([
          ['input', 'remove'],
          'merging would close a lineage cycle: llama-3.1-405b → tulu-3-405b → llama-3.1-405b (each derived from the next)',
        ]),
      );
      const still = await expectData(
        backend().app,
        `{ model(slug: "cycle-child") { baseModels { baseModel { slug } } } }`,
      );
      expect(still.model.baseModels).toEqual([{ baseModel: { slug: 'tulu-3-405b' } }]);
    });

    test('merging a model with itself, or with nothing, is refused', async ({ keys: { admin } }) => {
      const id = await rowId(db(), 'model', 'gpt-4o');
      expect(
        await unchanged(db(), () =>
          mutate(admin, 'mergeModels', { keep: { slug: 'gpt-4o' }, remove: { id: globalId('Model', id) } }),
        ),
      ).toEqual(
        validation([['input', 'remove'], 'cannot merge a model with itself: "keep" and "remove" name the same one']),
      );
      expect(
        await unchanged(db(), () =>
          mutate(admin, 'mergeModels', { keep: { slug: 'gpt-4o' }, remove: { slug: 'gpt-5' } }),
        ),
      ).toEqual({
        __typename: 'NotFoundError',
        message: 'No Model with slug "gpt-5" (input.remove.slug).',
        type: 'Model',
        key: 'slug',
        value: 'gpt-5',
        path: ['input', 'remove', 'slug'],
      });
      expect(
        await unchanged(db(), () =>
          mutate(admin, 'mergeModels', { keep: { slug: 'gpt-4o' }, remove: { id: globalId('Dataset', 1) } }),
        ),
      ).toEqual(validation([['input', 'remove', 'id'], `"${globalId('Dataset', 1)}" is not the ID of a Model`]));
    });

    test('roles: anonymous is UNAUTHENTICATED, an editor FORBIDDEN; nothing changes', async ({ keys: { editor } }) => {
      await unchanged(db(), async () => {
        for (const mutation of ['mergeModels', 'mergeOrganizations', 'mergeDatasets', 'mergeTechniques']) {
          const document = `mutation { ${mutation}(input: { keep: { slug: "a" }, remove: { slug: "b" } }) { __typename } }`;
          const anonymous = await execute(backend().app, document);
          expect(anonymous.body.data).toBeNull();
          expect(anonymous.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', requiredRole: 'admin' });
          const forbidden = await executeAs(backend().app, editor, document);
          expect(forbidden.body.data).toBeNull();
          expect(forbidden.body.errors?.[0]?.extensions).toEqual({
            code: 'FORBIDDEN',
            requiredRole: 'admin',
            role: 'editor',
          });
          expect(forbidden.body.errors?.[0]?.message).toBe(
            `Mutation.${mutation} needs the admin role; this API key has the editor role.`,
          );
        }
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('organizations', () => {
    test('credits, evaluations, dataset credits, claims and sources move; duplicates are dropped', async ({
      keys: { admin },
    }) => {
      await setup('createOrganization', {
        slug: 'dup-meta',
        name: 'Meta AI (duplicate)',
        aliases: ['Facebook AI'],
        kind: 'COMPANY',
        sources: [{ source: 'l31-card' }, { source: 't3-card' }],
      });
      await setup('createModel', {
        slug: 'dup-org-model',
        name: 'Dup Org Model',
        openWeights: true,
        developers: [{ organization: 'dup-meta', source: 'l31-card' }],
        sources: [{ source: 'l31-card' }],
      });
      await setup('createModel', {
        slug: 'dup-org-model-2',
        name: 'Dup Org Model 2',
        openWeights: true,
        developers: [
          { organization: 'meta', source: 'l31-card' },
          { organization: 'dup-meta', source: 'l31-card' },
        ],
        sources: [{ source: 'l31-card' }],
      });
      await setup('upsertBenchmarkResult', {
        model: 'dup-org-model',
        dataset: 'mmlu',
        metric: 'accuracy',
        value: 60,
        evaluator: 'dup-meta',
        source: 'l31-card',
      });
      // Evaluated by dup-meta, which did not develop Llama 3.3 70B: third party until dup-meta is Meta.
      await setup('upsertBenchmarkResult', {
        model: 'llama-3.3-70b',
        dataset: 'mmlu',
        metric: 'accuracy',
        value: 61,
        evaluator: 'dup-meta',
        source: 't3-card',
      });
      await rows(
        db(),
        sql`insert into dataset_creator (dataset_id, organization_id) select d.id, o.id from dataset d, organization o where d.slug = 'mmlu' and o.slug = 'dup-meta'`,
      );
      await setup('recordClaim', {
        slug: 'dup-org-claim',
        source: 'article',
        statement: 'Dup Meta developed a model',
        predicate: 'DEVELOPED',
        subject: { organization: 'dup-meta' },
        objects: [{ model: 'dup-org-model' }, { organization: 'dup-meta' }, { organization: 'meta' }],
      });
      await setup('recordClaim', {
        slug: 'dup-org-claim-2',
        source: 'article',
        statement: 'Llama was made with Dup Meta',
        predicate: 'DEVELOPED',
        subject: { model: 'llama-3.1-405b' },
        objects: [{ organization: 'dup-meta' }],
      });

      const since = await lastChange(db());
      const merged = await mutate(
        admin,
        'mergeOrganizations',
        { keep: { slug: 'meta' }, remove: { slug: 'dup-meta' } },
        mergePayload('Organization', 'organization', 'slug aliases'),
      );
      expect(merged).toEqual({
        __typename: 'MergeOrganizationsPayload',
        organization: { slug: 'meta', aliases: ['Meta Platforms', 'Meta AI (duplicate)', 'dup-meta', 'Facebook AI'] },
        moved: counted([
          ['model_developer', 1],
          ['benchmark_result', 2],
          ['dataset_creator', 1],
          ['claim', 1],
          ['claim_object', 1],
          ['organization_source', 1],
        ]),
        dropped: counted([
          ['model_developer', 1],
          ['claim_object', 1],
          ['organization_source', 1],
        ]),
        remarks: [
          'Re-derived the evaluator relationship (first or third party) of 1 benchmark result from the merged developers.',
        ],
      });
      const data = await expectData(
        backend().app,
        `{ one: model(slug: "dup-org-model") { developers { organization { slug } position } }
           two: model(slug: "dup-org-model-2") { developers { organization { slug } position } }
           results: benchmarkResults(first: 5, filter: { model: ["dup-org-model", "llama-3.3-70b"], evaluator: ["meta"] }) {
             nodes { model { slug } evaluator { slug } evaluatorRelationship } }
           mmlu: dataset(slug: "mmlu") { creatorOrganizations { slug } }
           claim: claim(slug: "dup-org-claim") { subject { ... on Organization { slug } } objects { position organization { slug } model { slug } } }
           other: claim(slug: "dup-org-claim-2") { objects { organization { slug } } }
           meta: organization(slug: "meta") { sources { slug } } }`,
      );
      expect(data.one.developers).toEqual([{ organization: { slug: 'meta' }, position: 0 }]);
      expect(data.two.developers).toEqual([{ organization: { slug: 'meta' }, position: 0 }]);
      expect(data.results.nodes).toEqual([
        { model: { slug: 'dup-org-model' }, evaluator: { slug: 'meta' }, evaluatorRelationship: 'FIRST_PARTY' },
        { model: { slug: 'llama-3.3-70b' }, evaluator: { slug: 'meta' }, evaluatorRelationship: 'FIRST_PARTY' },
      ]);
      expect(data.mmlu.creatorOrganizations).toContainEqual({ slug: 'meta' });
      expect(data.claim).toEqual({
        subject: { slug: 'meta' },
        objects: [
          { position: 0, organization: null, model: { slug: 'dup-org-model' } },
          { position: 2, organization: { slug: 'meta' }, model: null },
        ],
      });
      expect(data.other.objects).toEqual([{ organization: { slug: 'meta' } }]);
      expect(data.meta.sources.map((s: Row) => s.slug).sort()).toEqual(['l31-card', 'llb', 't3-card']);
      expect(await trailSince(since)).toEqual({
        'mergeOrganizations model_developer delete': 1,
        'mergeOrganizations model_developer update': 1,
        'mergeOrganizations benchmark_result update': 3,
        'mergeOrganizations dataset_creator update': 1,
        'mergeOrganizations claim update': 1,
        'mergeOrganizations claim_object delete': 1,
        'mergeOrganizations claim_object update': 1,
        'mergeOrganizations organization_source delete': 1,
        'mergeOrganizations organization_source update': 1,
        'mergeOrganizations organization delete': 1,
        'mergeOrganizations organization update': 1,
      });
      const gone = await execute(backend().app, `{ organization(slug: "dup-meta") { id } }`);
      expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('datasets', () => {
    const payload = mergePayload('Dataset', 'dataset', 'slug aliases parent { slug } subsets { slug }');

    test('results, training uses, claims, sources and subsets move; the link between the two is dropped', async ({
      keys: { admin },
    }) => {
      await rows(
        db(),
        sql`insert into dataset (slug, name, aliases, is_benchmark, is_training_data, domains, parent_dataset_id)
        select 'dup-gsm8k', 'GSM8K (duplicate)', '{Grade School Math dup}', true, false, '{math}', id from dataset where slug = 'gsm8k'`,
      );
      await rows(
        db(),
        sql`insert into dataset (slug, name, is_benchmark, is_training_data, parent_dataset_id)
        select 'dup-gsm8k-hard', 'GSM8K hard (duplicate)', true, false, id from dataset where slug = 'dup-gsm8k'`,
      );
      await rows(
        db(),
        sql`insert into dataset_source (entity_id, source_id)
        select d.id, s.id from dataset d, source s where d.slug = 'dup-gsm8k' and s.slug in ('t3-card', 'ms3-card')`,
      );
      await rows(
        db(),
        sql`insert into dataset_creator (dataset_id, organization_id)
        select d.id, o.id from dataset d, organization o where d.slug = 'dup-gsm8k' and o.slug = 'openai'`,
      );
      // The seeded Tülu 3 405B GSM8K result has this natural key on gsm8k: dropped. Gemma's is moved.
      await setup('upsertBenchmarkResult', {
        model: 'tulu-3-405b',
        dataset: 'dup-gsm8k',
        metric: 'exact-match',
        setting: { shots: 8, chainOfThought: true, harness: 'OLMES' },
        value: 1,
        source: 't3-card',
      });
      await setup('upsertBenchmarkResult', {
        model: 'gemma-2-27b',
        dataset: 'dup-gsm8k',
        metric: 'exact-match',
        setting: { shots: 3 },
        value: 2,
        source: 'ms3-card',
      });
      await setup('addTechniqueStage', {
        model: { slug: 'gemma-2-27b' },
        technique: 'sft',
        datasets: ['dup-gsm8k'],
        source: 'ms3-card',
      });
      await setup('recordClaim', {
        slug: 'dup-gsm8k-claim',
        source: 'article',
        statement: 'Gemma is good at grade-school math',
        predicate: 'STATE_OF_THE_ART',
        subject: { model: 'gemma-2-27b' },
        objects: [{ dataset: 'dup-gsm8k' }],
      });

      const since = await lastChange(db());
      expect(
        await mutate(admin, 'mergeDatasets', { keep: { slug: 'gsm8k' }, remove: { slug: 'dup-gsm8k' } }, payload),
      ).toEqual({
        __typename: 'MergeDatasetsPayload',
        dataset: {
          slug: 'gsm8k',
          aliases: expect.arrayContaining(['GSM8K (duplicate)', 'dup-gsm8k', 'Grade School Math dup']),
          parent: null,
          subsets: [{ slug: 'dup-gsm8k-hard' }],
        },
        moved: counted([
          ['benchmark_result', 1],
          ['model_technique_dataset', 1],
          ['claim_object', 1],
          ['dataset_source', 1],
          ['dataset.parent', 1],
        ]),
        dropped: counted([
          ['benchmark_result', 1],
          ['dataset_creator', 1],
          ['dataset_source', 1],
          ['dataset.parent', 1],
        ]),
        remarks: [
          'Dropped the parent link of "dup-gsm8k" to "gsm8k": after the merge it would make "gsm8k" its own parent.',
        ],
      });
      const data = await expectData(
        backend().app,
        `{ results: benchmarkResults(first: 50, filter: { dataset: ["gsm8k"], model: ["gemma-2-27b", "tulu-3-405b"] }) { nodes { value model { slug } } }
           gemma: model(slug: "gemma-2-27b") { techniques { technique { slug } datasets { slug } } }
           claim: claim(slug: "dup-gsm8k-claim") { objects { dataset { slug } } } }`,
      );
      expect(data.results.nodes).toContainEqual({ value: 2, model: { slug: 'gemma-2-27b' } });
      expect(data.results.nodes).toContainEqual({ value: 95.5, model: { slug: 'tulu-3-405b' } });
      expect(data.results.nodes).not.toContainEqual({ value: 1, model: { slug: 'tulu-3-405b' } });
      expect(data.gemma.techniques).toContainEqual({ technique: { slug: 'sft' }, datasets: [{ slug: 'gsm8k' }] });
      expect(data.claim.objects).toEqual([{ dataset: { slug: 'gsm8k' } }]);
      expect(await trailSince(since)).toEqual({
        'mergeDatasets benchmark_result delete': 1,
        'mergeDatasets benchmark_result update': 1,
        'mergeDatasets model_technique_dataset update': 1,
        'mergeDatasets claim_object update': 1,
        'mergeDatasets dataset_creator delete': 1,
        'mergeDatasets dataset_source delete': 1,
        'mergeDatasets dataset_source update': 1,
        'mergeDatasets dataset update': 2,
        'mergeDatasets dataset delete': 1,
      });
    });

    test('a merge that would make the kept dataset its own ancestor is refused and rolled back', async ({
      keys: { admin },
    }) => {
      await rows(
        db(),
        sql`insert into dataset (slug, name, is_benchmark, is_training_data)
        values ('cycle-ds', 'Cycle', true, false)`,
      );
      await rows(
        db(),
        sql`insert into dataset (slug, name, is_benchmark, is_training_data, parent_dataset_id)
        select 'cycle-ds-child', 'Cycle child', true, false, id from dataset where slug = 'cycle-ds'`,
      );
      await rows(
        db(),
        sql`update dataset set parent_dataset_id = (select id from dataset where slug = 'cycle-ds-child') where slug = 'popqa'`,
      );
      expect(
        await unchanged(db(), () =>
          mutate(admin, 'mergeDatasets', { keep: { slug: 'popqa' }, remove: { slug: 'cycle-ds' } }, payload),
        ),
      ).toEqual(
        validation([
          ['input', 'remove'],
          'merging would make "popqa" its own ancestor: popqa → cycle-ds-child → popqa (each the child of the next)',
        ]),
      );
      expect(
        await unchanged(db(), () =>
          mutate(admin, 'mergeDatasets', { keep: { slug: 'popqa' }, remove: { slug: 'popqa' } }),
        ),
      ).toEqual(
        validation([['input', 'remove'], 'cannot merge a dataset with itself: "keep" and "remove" name the same one']),
      );
      await rows(db(), sql`update dataset set parent_dataset_id = null where slug = 'popqa'`);
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('techniques', () => {
    test('uses, claims, sources and specializations move; the parent link between the two is dropped', async ({
      keys: { admin },
    }) => {
      await rows(
        db(),
        sql`insert into technique (slug, name, kind, parent_technique_id)
        select 'grpo-variant', 'GRPO variant', 'reinforcement_learning', id from technique where slug = 'grpo'`,
      );
      await setup('addTechniqueStage', {
        model: { slug: 'tulu-3-405b' },
        technique: 'grpo', // Tülu uses PPO already: dropped with its dataset
        datasets: ['rlvr-math'],
        source: 't3-card',
      });
      await setup('recordClaim', {
        slug: 'grpo-claim',
        source: 'article',
        statement: 'Trained with GRPO and PPO',
        predicate: 'TRAINED_WITH',
        subject: { model: 'deepseek-v3' },
        objects: [{ technique: 'grpo' }, { technique: 'ppo' }],
      });
      await setup('recordClaim', {
        slug: 'grpo-claim-2',
        source: 'article',
        statement: 'Trained with GRPO',
        predicate: 'TRAINED_WITH',
        subject: { model: 'deepseek-v3' },
        objects: [{ technique: 'grpo' }],
      });

      const since = await lastChange(db());
      expect(
        await mutate(
          admin,
          'mergeTechniques',
          { keep: { slug: 'ppo' }, remove: { slug: 'grpo' } },
          mergePayload(
            'Technique',
            'technique',
            'slug aliases parent { slug } specializations { slug } sources { slug }',
          ),
        ),
      ).toEqual({
        __typename: 'MergeTechniquesPayload',
        technique: {
          slug: 'ppo',
          aliases: ['PPO', 'Group Relative Policy Optimization', 'grpo', 'GRPO'],
          parent: null,
          specializations: [{ slug: 'grpo-variant' }],
          sources: [{ slug: 'deepseekmath-paper' }, { slug: 'ppo-paper' }, { slug: 'qwen2.5-report' }],
        },
        moved: counted([
          ['model_technique', 1],
          ['claim_object', 1],
          ['technique_source', 2],
          ['technique.parent', 1],
        ]),
        dropped: counted([
          ['model_technique_dataset', 1],
          ['model_technique', 1],
          ['claim_object', 1],
          ['technique.parent', 1],
        ]),
        remarks: ['Dropped the parent link of "grpo" to "ppo": after the merge it would make "ppo" its own parent.'],
      });
      const data = await expectData(
        backend().app,
        `{ deepseek: model(slug: "deepseek-v3") { techniques { stage details technique { slug } } }
           tulu: model(slug: "tulu-3-405b") { techniques { technique { slug } } }
           claim: claim(slug: "grpo-claim") { objects { position technique { slug } } } }`,
      );
      expect(data.deepseek.techniques).toContainEqual({
        stage: 2,
        details: 'The RL stage uses GRPO (secondary source).',
        technique: { slug: 'ppo' },
      });
      expect(data.tulu.techniques.filter((u: Row) => u.technique.slug === 'ppo')).toHaveLength(1);
      expect(data.claim.objects).toEqual([{ position: 1, technique: { slug: 'ppo' } }]);
      expect(await trailSince(since)).toEqual({
        'mergeTechniques model_technique_dataset delete': 1,
        'mergeTechniques model_technique delete': 1,
        'mergeTechniques model_technique update': 1,
        'mergeTechniques claim_object delete': 1,
        'mergeTechniques claim_object update': 1,
        'mergeTechniques technique_source update': 2,
        'mergeTechniques technique update': 2,
        'mergeTechniques technique delete': 1,
      });
      const gone = await execute(backend().app, `{ technique(slug: "grpo") { id } }`);
      expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});
