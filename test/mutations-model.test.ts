/**
 * Mutations on models and the facts about them: models (create, update, delete with and without cascade),
 * lineage edges (cycles refused with the cycle named), technique stages, benchmark results (upsert on the
 * natural key, the metric's range, the derived evaluator relationship) and claims. Each: the written node
 * re-read through the query API, every rule as a typed error at its input path, NotFound and Conflict, the
 * roles, rollback of a failed write, and the audit trail.
 */
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { checkResultValue, deriveEvaluatorRelationship } from '../src/write/result.ts';
import { ValidationError } from '../src/errors.ts';
import { withApiKeys } from './helpers/auth.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { changesSince, lastChange, type Row, rowId, rows, unchanged } from './helpers/db.ts';
import { execute, executeAs, expectData } from './helpers/graphql.ts';
import { conflict, globalId, mutationDocument, notFound, runMutation, validation } from './helpers/mutations.ts';

const MODEL = `id slug name aliases description architecture architectureDetails parameterCount activeParameterCount
  contextLength releaseDate license { slug } licenseNotes openWeights access unverifiedFields
  trainingCompute { gpuCount gpuType gpuHours tokens notes } externalIds { namespace value }
  developers { organization { slug } position source { slug } } attributions { source { slug } notes }`;
const DERIVATION = 'id kind details unverified model { slug } baseModel { slug } source { slug }';
const TECHNIQUE_USE =
  'id stage details hyperparameters unverified technique { slug } model { slug } datasets { slug } source { slug }';
const RESULT = `id value reportedValue stderr modelVariant evaluatorRelationship reportedOn notes unverified
  model { slug } dataset { slug } metric { slug } evaluator { slug } source { slug }
  setting { shots chainOfThought passK split harness variant }`;
const CLAIM = `id slug ordinal statement quote predicate quantity quantityUnit attributes qualifier notes source { slug }
  subject { __typename ... on Model { slug } ... on Organization { slug } }
  objects { position kind model { slug } organization { slug } technique { slug } dataset { slug } }`;

/** Attributions come in source-id order; compare them by slug. */
function normalized(model: Row): Row {
  if (!model?.attributions) return model;
  return {
    ...model,
    attributions: [...model.attributions].sort((a: Row, b: Row) => a.source.slug.localeCompare(b.source.slug)),
  };
}

describeEachBackend('model and fact mutations', (backend) => {
  const test = withApiKeys(backend);
  const db = () => backend().database.db;

  /** Runs a mutation; the result is the field's value (payload or typed error), never a GraphQL error. */
  function mutate(token: string, name: string, input: Row, payload = ''): Promise<Row> {
    return runMutation(backend().app, token, name, input, mutationDocument(name, payload));
  }

  async function readModel(slug: string): Promise<Row> {
    const data = await expectData(backend().app, `query($slug: String!) { model(slug: $slug) { ${MODEL} } }`, {
      slug,
    });
    return normalized(data.model);
  }

  const modelPayload = `... on ModelPayload { model { ${MODEL} } }`;

  // -------------------------------------------------------------------------------------------------------
  describe('models', () => {
    const input = {
      slug: 'test-omni-47b',
      name: 'Test Omni 47B',
      aliases: ['Omni-47B'],
      description: '  A model made up for the tests.  ',
      developers: [
        { organization: 'mistral-ai', source: 'ms3-card' },
        { organization: 'google', source: 't3-card' },
      ],
      architecture: 'MOE',
      architectureDetails: '8 experts, 2 active per token.',
      parameterCount: 46_700_000_000,
      activeParameterCount: 12_900_000_000,
      contextLength: 32768,
      releaseDate: '2025-03-04',
      license: 'apache-2.0',
      licenseNotes: 'Apache 2.0 weights.',
      openWeights: true,
      access: ['WEIGHTS', 'API'],
      trainingCompute: {
        gpuCount: 512,
        gpuType: 'H100-80GB',
        gpuHours: 3_000_000_000,
        tokens: 8_000_000_000_000,
        notes: 'Made up.',
      },
      externalIds: [
        { namespace: 'API', value: 'omni-47b-latest' },
        { namespace: 'HUGGINGFACE', value: 'test/omni-47b' },
      ],
      unverifiedFields: ['contextLength'],
      sources: [{ source: 't3-card', notes: 'Everything.' }, { source: 'ms3-card' }],
    };
    const expected = (id: number) => ({
      id: globalId('Model', id),
      slug: 'test-omni-47b',
      name: 'Test Omni 47B',
      aliases: ['Omni-47B'],
      description: 'A model made up for the tests.',
      architecture: 'MOE',
      architectureDetails: '8 experts, 2 active per token.',
      parameterCount: 46_700_000_000,
      activeParameterCount: 12_900_000_000,
      contextLength: 32768,
      releaseDate: '2025-03-04',
      license: { slug: 'apache-2.0' },
      licenseNotes: 'Apache 2.0 weights.',
      openWeights: true,
      access: ['WEIGHTS', 'API'],
      unverifiedFields: ['contextLength'],
      trainingCompute: {
        gpuCount: 512,
        gpuType: 'H100-80GB',
        gpuHours: 3_000_000_000,
        tokens: 8_000_000_000_000,
        notes: 'Made up.',
      },
      // Ordered by namespace (enum order: huggingface before api), then value.
      externalIds: [
        { namespace: 'HUGGINGFACE', value: 'test/omni-47b' },
        { namespace: 'API', value: 'omni-47b-latest' },
      ],
      developers: [
        { organization: { slug: 'mistral-ai' }, position: 0, source: { slug: 'ms3-card' } },
        { organization: { slug: 'google' }, position: 1, source: { slug: 't3-card' } },
      ],
      attributions: [
        { source: { slug: 'ms3-card' }, notes: null },
        { source: { slug: 't3-card' }, notes: 'Everything.' },
      ],
    });

    test('create: every field as written, in the payload and through the query API; the trail has it', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const result = await mutate(editor, 'createModel', input, modelPayload);
      const id = await rowId(db(), 'model', 'test-omni-47b');
      expect({ ...result, model: normalized(result.model) }).toEqual({
        __typename: 'ModelPayload',
        model: expected(id),
      });
      expect(await readModel('test-omni-47b')).toEqual(expected(id));
      const insert = (table: string) => [editorActor, 'createModel', table, 'insert'];
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        insert('model'),
        insert('model_developer'),
        insert('model_developer'),
        insert('model_external_id'),
        insert('model_external_id'),
        insert('model_source'),
        insert('model_source'),
      ]);
      const [audit] = await rows(
        db(),
        sql`select entity_type, entity_id from change where id > ${since} and table_name = 'model_developer' limit 1`,
      );
      expect(audit).toEqual({ entity_type: 'model', entity_id: id });
    });

    test('create: every bad field at its path, nothing written', async ({ keys: { editor } }) => {
      const result = await unchanged(db(), () =>
        mutate(editor, 'createModel', {
          ...input,
          slug: 'Test Omni',
          name: ' ',
          developers: [
            { organization: 'meta', source: 't3-card' },
            { organization: 'meta', source: 'l31-card' },
          ],
          parameterCount: 1.5,
          activeParameterCount: -7,
          contextLength: 0,
          releaseDate: '2025-02-30',
          access: ['API', 'API'],
          trainingCompute: { gpuCount: 0, gpuHours: 2 ** 53 },
          externalIds: [{ namespace: 'HUGGINGFACE', value: 'no-owner' }],
          unverifiedFields: ['speed'],
          sources: [],
        }),
      );
      expect(result).toEqual(
        validation(
          [['input', 'slug'], 'a slug is lower-case letters and digits separated by "-" or "."'],
          [['input', 'name'], 'must not be empty'],
          [['input', 'developers', '1', 'organization'], 'organization "meta" is already listed (at 0)'],
          [['input', 'parameterCount'], 'must be a whole number'],
          [['input', 'activeParameterCount'], 'must be greater than zero'],
          [['input', 'contextLength'], 'must be greater than zero'],
          [['input', 'releaseDate'], 'must be a calendar date as YYYY-MM-DD'],
          [['input', 'access', '1'], 'access channel "api" is already listed (at 0)'],
          [['input', 'trainingCompute', 'gpuCount'], 'must be greater than zero'],
          [['input', 'trainingCompute', 'gpuHours'], 'must be at most 9007199254740991 (2^53 - 1)'],
          [['input', 'externalIds', '0', 'value'], 'a huggingface id is "owner/name"'],
          [
            ['input', 'unverifiedFields', '0'],
            'must be a field of the model (name, aliases, description, developers, architecture, architectureDetails, parameterCount, activeParameterCount, contextLength, releaseDate, license, licenseNotes, openWeights, access, trainingGpuCount, trainingGpuType, trainingGpuHours, trainingTokens, trainingComputeNotes, externalIds)',
          ],
          [['input', 'sources'], 'name at least one source'],
        ),
      );
    });

    test('create: counts above 2^31 are exact; active parameters cannot exceed the total', async ({
      keys: { editor },
    }) => {
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'createModel', {
            ...input,
            slug: 'too-active',
            externalIds: [],
            parameterCount: 7_000_000_000,
            activeParameterCount: 7_000_000_001,
          }),
        ),
      ).toEqual(
        validation([
          ['input', 'activeParameterCount'],
          'must not exceed the total parameter count (7000000001 > 7000000000)',
        ]),
      );
      const big = await mutate(
        editor,
        'createModel',
        {
          slug: 'test-huge',
          name: 'Test Huge',
          openWeights: false,
          parameterCount: 2 ** 53 - 1,
          trainingCompute: { tokens: 36_000_000_000_000 },
          sources: [{ source: 't3-card' }],
        },
        '... on ModelPayload { model { parameterCount trainingCompute { tokens gpuCount } developers { position } access aliases description } }',
      );
      expect(big).toEqual({
        __typename: 'ModelPayload',
        model: {
          parameterCount: 9007199254740991,
          trainingCompute: { tokens: 36_000_000_000_000, gpuCount: null },
          developers: [],
          access: [],
          aliases: [],
          description: '',
        },
      });
    });

    test('create: unknown references are NotFound at their path, and the half-written model is rolled back', async ({
      keys: { editor },
    }) => {
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'createModel', { ...input, slug: 'test-nf-1', externalIds: [], license: 'gpl-9' }),
        ),
      ).toEqual(notFound('License', 'slug', 'gpl-9', ['input', 'license']));
      // The model row is inserted before its developers are resolved: the failure must roll it back.
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'createModel', {
            ...input,
            slug: 'test-nf-2',
            externalIds: [],
            developers: [
              { organization: 'meta', source: 'l31-card' },
              { organization: 'meta-ai-research', source: 'l31-card' },
            ],
          }),
        ),
      ).toEqual(notFound('Organization', 'slug', 'meta-ai-research', ['input', 'developers', '1', 'organization']));
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'createModel', {
            ...input,
            slug: 'test-nf-3',
            externalIds: [],
            sources: [{ source: 't3-card' }, { source: 'no-such-source' }],
          }),
        ),
      ).toEqual(notFound('Source', 'slug', 'no-such-source', ['input', 'sources', '1']));
      const response = await execute(backend().app, `{ models(filter: { text: "test-nf" }) { totalCount } }`);
      expect(response.body.data?.models.totalCount).toBe(0);
    });

    test('create: a taken slug or an external id of another model is a Conflict', async ({ keys: { editor } }) => {
      expect(await unchanged(db(), () => mutate(editor, 'createModel', { ...input, slug: 'tulu-3-405b' }))).toEqual(
        conflict('A model with slug "tulu-3-405b" already exists.', ['input', 'slug']),
      );
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'createModel', {
            ...input,
            slug: 'test-clone',
            externalIds: [{ namespace: 'HUGGINGFACE', value: 'allenai/Llama-3.1-Tulu-3-405B' }],
          }),
        ),
      ).toEqual(
        conflict('The huggingface id "allenai/Llama-3.1-Tulu-3-405B" already identifies model "tulu-3-405b".', [
          'input',
          'externalIds',
          '0',
          'value',
        ]),
      );
    });

    test('update: changed, cleared and replaced fields; by global ID too; the trail has it', async ({
      keys: { editor, editorActor },
    }) => {
      const id = await rowId(db(), 'model', 'test-omni-47b');
      const since = await lastChange(db());
      const result = await mutate(
        editor,
        'updateModel',
        {
          where: { slug: 'test-omni-47b' },
          name: 'Test Omni 47B v2',
          contextLength: null,
          license: null,
          trainingCompute: { gpuType: 'H200', notes: null },
          developers: [
            { organization: 'google', source: 't3-card' },
            { organization: 'meta', source: 'l31-card' },
          ],
          externalIds: [],
          sources: [{ source: 'ms3-card', notes: 'Now the only source.' }],
        },
        modelPayload,
      );
      const want = {
        ...expected(id),
        name: 'Test Omni 47B v2',
        contextLength: null,
        license: null,
        trainingCompute: {
          gpuCount: 512,
          gpuType: 'H200',
          gpuHours: 3_000_000_000,
          tokens: 8_000_000_000_000,
          notes: null,
        },
        developers: [
          { organization: { slug: 'google' }, position: 0, source: { slug: 't3-card' } },
          { organization: { slug: 'meta' }, position: 1, source: { slug: 'l31-card' } },
        ],
        externalIds: [],
        attributions: [{ source: { slug: 'ms3-card' }, notes: 'Now the only source.' }],
      };
      expect(normalized(result.model)).toEqual(want);
      expect(await readModel('test-omni-47b')).toEqual(want);
      const op = (table: string, action: string) => [editorActor, 'updateModel', table, action];
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        op('model', 'update'),
        op('model_developer', 'insert'),
        op('model_developer', 'update'),
        op('model_developer', 'delete'),
        op('model_external_id', 'delete'),
        op('model_external_id', 'delete'),
        op('model_source', 'update'),
        op('model_source', 'delete'),
      ]);

      const byId = await mutate(
        editor,
        'updateModel',
        { where: { id: globalId('Model', id) }, trainingCompute: null, access: [] },
        '... on ModelPayload { model { trainingCompute { gpuCount } access } }',
      );
      expect(byId).toEqual({ __typename: 'ModelPayload', model: { trainingCompute: null, access: [] } });
    });

    test('update: the parameter rule holds against stored values; bad locators; nothing written', async ({
      keys: { editor },
    }) => {
      // Stored: 46.7B total. Raising active above it alone is refused.
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'updateModel', { where: { slug: 'test-omni-47b' }, activeParameterCount: 50_000_000_000 }),
        ),
      ).toEqual(
        validation([
          ['input', 'activeParameterCount'],
          'must not exceed the total parameter count (50000000000 > 46700000000)',
        ]),
      );
      expect(
        await unchanged(db(), () => mutate(editor, 'updateModel', { where: { slug: 'no-such-model' }, name: 'X' })),
      ).toEqual(notFound('Model', 'slug', 'no-such-model', ['input', 'where', 'slug']));
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'updateModel', { where: { slug: 'test-omni-47b', id: globalId('Model', 1) }, name: 'X' }),
        ),
      ).toEqual(validation([['input', 'where'], 'give exactly one of "id" and "slug" of the Model']));
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'updateModel', { where: { id: globalId('Organization', 1) }, name: 'X' }),
        ),
      ).toEqual(validation([['input', 'where', 'id'], `"${globalId('Organization', 1)}" is not the ID of a Model`]));
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'updateModel', { where: { slug: 'test-omni-47b' }, slug: 'tulu-3-405b' }),
        ),
      ).toEqual(conflict('A model with slug "tulu-3-405b" already exists.', ['input', 'slug']));
    });

    test('roles: anonymous writes are UNAUTHENTICATED; an editor cannot delete; nothing changes', async ({
      keys: { editor },
    }) => {
      await unchanged(db(), async () => {
        const anonymous = await execute(
          backend().app,
          `mutation($input: CreateModelInput!) { createModel(input: $input) { __typename } }`,
          { input: { ...input, slug: 'test-anonymous' } },
        );
        expect(anonymous.body.data).toBeNull();
        expect(anonymous.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', requiredRole: 'editor' });
        const forbidden = await executeAs(
          backend().app,
          editor,
          `mutation { deleteModel(input: { where: { slug: "test-omni-47b" } }) { __typename } }`,
        );
        expect(forbidden.body.data).toBeNull();
        expect(forbidden.body.errors?.[0]?.extensions).toEqual({
          code: 'FORBIDDEN',
          requiredRole: 'admin',
          role: 'editor',
        });
        expect(forbidden.body.errors?.[0]?.message).toBe(
          'Mutation.deleteModel needs the admin role; this API key has the editor role.',
        );
      });
    });

    const deletePayload = '... on DeleteModelPayload { deletedId cascaded { table count } }';

    test('delete: refused while facts refer to the model, unless cascade', async ({ keys: { admin, adminActor } }) => {
      expect(
        await unchanged(db(), () =>
          mutate(admin, 'deleteModel', { where: { slug: 'tulu-3-405b-dpo' } }, deletePayload),
        ),
      ).toEqual(
        conflict(
          'Model tulu-3-405b-dpo has 12 benchmark results, 2 lineage edges and 2 technique uses; delete or move them first (or merge), or delete with cascade: true',
          ['input', 'where'],
        ),
      );
      const id = await rowId(db(), 'model', 'tulu-3-405b-dpo');
      const since = await lastChange(db());
      const result = await mutate(
        admin,
        'deleteModel',
        { where: { slug: 'tulu-3-405b-dpo' }, cascade: true },
        deletePayload,
      );
      expect(result).toEqual({
        __typename: 'DeleteModelPayload',
        deletedId: globalId('Model', id),
        cascaded: [
          { table: 'benchmark_result', count: 12 },
          { table: 'model_lineage', count: 2 },
          { table: 'model_technique', count: 2 },
        ],
      });
      const trail = await changesSince(db(), since, { sorted: true });
      const tally: Record<string, number> = {};
      for (const [actor, operation, table, action] of trail) {
        expect([actor, operation, action]).toEqual([adminActor, 'deleteModel', 'delete']);
        tally[table] = (tally[table] ?? 0) + 1;
      }
      expect(tally).toEqual({
        benchmark_result: 12,
        model: 1,
        model_developer: 1,
        model_external_id: 1,
        model_language: 1,
        model_lineage: 2,
        model_source: 2,
        model_task: 1,
        model_technique: 2,
        model_technique_dataset: 2,
      });
      const gone = await execute(backend().app, `{ model(slug: "tulu-3-405b-dpo") { id } }`);
      expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const lineage = await expectData(
        backend().app,
        `{ model(slug: "tulu-3-405b") { baseModels { baseModel { slug } } } }`,
      );
      expect(lineage.model.baseModels).toEqual([{ baseModel: { slug: 'llama-3.1-405b' } }]);
    });

    test('delete: a model nothing refers to goes with its credits, ids and sources', async ({
      keys: { admin, adminActor },
    }) => {
      const id = await rowId(db(), 'model', 'test-huge');
      const since = await lastChange(db());
      expect(await mutate(admin, 'deleteModel', { where: { id: globalId('Model', id) } }, deletePayload)).toEqual({
        __typename: 'DeleteModelPayload',
        deletedId: globalId('Model', id),
        cascaded: [],
      });
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [adminActor, 'deleteModel', 'model', 'delete'],
        [adminActor, 'deleteModel', 'model_source', 'delete'],
      ]);
      const node = await expectData(backend().app, `query($id: ID!) { node(id: $id) { id } }`, {
        id: globalId('Model', id),
      });
      expect(node.node).toBeNull();
      expect(await unchanged(db(), () => mutate(admin, 'deleteModel', { where: { slug: 'test-huge' } }))).toEqual(
        notFound('Model', 'slug', 'test-huge', ['input', 'where', 'slug']),
      );
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('lineage', () => {
    const payload = `... on AddLineageEdgePayload { derivation { ${DERIVATION} } }`;
    const edge = (model: string, baseModel: string, extra: Row = {}) => ({
      model: { slug: model },
      baseModel: { slug: baseModel },
      kind: 'FINETUNE',
      source: 't3-card',
      ...extra,
    });

    test('add: the edge as written, in the payload and on both models; the trail has it', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const result = await mutate(
        editor,
        'addLineageEdge',
        edge('test-omni-47b', 'llama-3.1-405b', { kind: 'DISTILLATION', details: 'Distilled.', unverified: true }),
        payload,
      );
      const [row] = await rows(db(), sql`select id from model_lineage order by id desc limit 1`);
      const expected = {
        id: globalId('Derivation', Number(row?.id)),
        kind: 'DISTILLATION',
        details: 'Distilled.',
        unverified: true,
        model: { slug: 'test-omni-47b' },
        baseModel: { slug: 'llama-3.1-405b' },
        source: { slug: 't3-card' },
      };
      expect(result).toEqual({ __typename: 'AddLineageEdgePayload', derivation: expected });
      const data = await expectData(
        backend().app,
        `{ child: model(slug: "test-omni-47b") { baseModels { ${DERIVATION} } }
           parent: model(slug: "llama-3.1-405b") { derivatives { model { slug } } } }`,
      );
      expect(data.child.baseModels).toEqual([expected]);
      expect(data.parent.derivatives).toContainEqual({ model: { slug: 'test-omni-47b' } });
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [editorActor, 'addLineageEdge', 'model_lineage', 'insert'],
      ]);
      const [audit] = await rows(db(), sql`select entity_type, entity_id from change where id > ${since}`);
      expect(audit).toEqual({ entity_type: 'model', entity_id: await rowId(db(), 'model', 'test-omni-47b') });
    });

    test('a self-edge and cycles are refused, naming the cycle; nothing written', async ({ keys: { editor } }) => {
      expect(await unchanged(db(), () => mutate(editor, 'addLineageEdge', edge('tulu-3-405b', 'tulu-3-405b')))).toEqual(
        validation([['input', 'baseModel'], 'a model cannot be derived from itself ("tulu-3-405b")']),
      );
      expect(
        await unchanged(db(), () => mutate(editor, 'addLineageEdge', edge('llama-3.1-405b', 'tulu-3-405b'))),
      ).toEqual(
        validation([
          ['input', 'baseModel'],
          'this edge would close a lineage cycle: llama-3.1-405b → tulu-3-405b → llama-3.1-405b (each derived from the next); "tulu-3-405b" already descends from "llama-3.1-405b"',
        ]),
      );
      // Three steps: test-omni-47b → llama-3.1-405b, and llama's descendant tulu-3-405b-sft.
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'addLineageEdge', edge('llama-3.1-405b', 'tulu-3-405b-sft', { kind: 'MERGE' })),
        ),
      ).toEqual(
        validation([
          ['input', 'baseModel'],
          'this edge would close a lineage cycle: llama-3.1-405b → tulu-3-405b-sft → llama-3.1-405b (each derived from the next); "tulu-3-405b-sft" already descends from "llama-3.1-405b"',
        ]),
      );
      // Four steps: tulu-3-405b → tulu-3-405b-sft → test-omni-47b, then test-omni-47b from tulu-3-405b.
      for (const [model, base] of [
        ['tulu-3-405b-sft', 'test-omni-47b'],
        ['tulu-3-405b', 'tulu-3-405b-sft'],
      ] as const) {
        expect(await mutate(editor, 'addLineageEdge', edge(model, base, { kind: 'MERGE' }))).toEqual({
          __typename: 'AddLineageEdgePayload',
        });
      }
      expect(
        await unchanged(db(), () => mutate(editor, 'addLineageEdge', edge('test-omni-47b', 'tulu-3-405b'))),
      ).toEqual(
        validation([
          ['input', 'baseModel'],
          'this edge would close a lineage cycle: test-omni-47b → tulu-3-405b → tulu-3-405b-sft → test-omni-47b (each derived from the next); "tulu-3-405b" already descends from "test-omni-47b"',
        ]),
      );
    });

    test('duplicates are a Conflict; unknown references NotFound; bad input Validation', async ({
      keys: { editor },
    }) => {
      expect(
        await unchanged(db(), () => mutate(editor, 'addLineageEdge', edge('tulu-3-405b', 'llama-3.1-405b'))),
      ).toEqual(
        conflict('"tulu-3-405b" is already recorded as a finetune of "llama-3.1-405b".', ['input', 'baseModel']),
      );
      expect(await unchanged(db(), () => mutate(editor, 'addLineageEdge', edge('tulu-3-405b', 'llama-9')))).toEqual(
        notFound('Model', 'slug', 'llama-9', ['input', 'baseModel', 'slug']),
      );
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'addLineageEdge', edge('gemma-2-27b', 'llama-3.1-405b', { source: 'nope' })),
        ),
      ).toEqual(notFound('Source', 'slug', 'nope', ['input', 'source']));
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'addLineageEdge', edge('gemma-2-27b', 'llama-3.1-405b', { source: 'Not A Slug' })),
        ),
      ).toEqual(validation([['input', 'source'], 'a slug is lower-case letters and digits separated by "-" or "."']));
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'addLineageEdge', { ...edge('gemma-2-27b', 'llama-3.1-405b'), model: {} }),
        ),
      ).toEqual(validation([['input', 'model'], 'give exactly one of "id" and "slug" of the Model']));
    });

    test('remove: by key and by global ID; a missing edge is NotFound; anonymous refused', async ({
      keys: { editor, editorActor },
    }) => {
      await unchanged(db(), async () => {
        const response = await execute(
          backend().app,
          `mutation { removeLineageEdge(input: { where: { model: { slug: "tulu-3-405b" }, baseModel: { slug: "llama-3.1-405b" }, kind: FINETUNE } }) { __typename } }`,
        );
        expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      });
      const [row] = await rows(
        db(),
        sql`select l.id from model_lineage l join model m on m.id = l.model_id where m.slug = 'tulu-3-405b-sft' and l.kind = 'merge'`,
      );
      const since = await lastChange(db());
      expect(
        await mutate(
          editor,
          'removeLineageEdge',
          { where: { model: { slug: 'tulu-3-405b-sft' }, baseModel: { slug: 'test-omni-47b' }, kind: 'MERGE' } },
          '... on DeletePayload { deletedId }',
        ),
      ).toEqual({ __typename: 'DeletePayload', deletedId: globalId('Derivation', Number(row?.id)) });
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [editorActor, 'removeLineageEdge', 'model_lineage', 'delete'],
      ]);
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'removeLineageEdge', { where: { id: globalId('Derivation', Number(row?.id)) } }),
        ),
      ).toEqual(notFound('Derivation', 'id', String(row?.id), ['input', 'where', 'id']));
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'removeLineageEdge', {
            where: { model: { slug: 'tulu-3-405b-sft' }, baseModel: { slug: 'test-omni-47b' }, kind: 'MERGE' },
          }),
        ),
      ).toEqual(notFound('Derivation', 'key', 'tulu-3-405b-sft merge of test-omni-47b', ['input', 'where']));
      expect(
        await unchanged(db(), () => mutate(editor, 'removeLineageEdge', { where: { model: { slug: 'tulu-3-405b' } } })),
      ).toEqual(
        validation([['input', 'where'], 'give all of "model", "baseModel" and "kind" to name an edge without its id']),
      );
      // Without the sft → omni edge, the edge refused above closes no cycle any more.
      const added = await mutate(editor, 'addLineageEdge', edge('test-omni-47b', 'tulu-3-405b'), payload);
      expect(added.derivation).toMatchObject({ model: { slug: 'test-omni-47b' }, baseModel: { slug: 'tulu-3-405b' } });
      expect(
        await mutate(
          editor,
          'removeLineageEdge',
          { where: { id: added.derivation.id } },
          '... on DeletePayload { deletedId }',
        ),
      ).toEqual({ __typename: 'DeletePayload', deletedId: added.derivation.id });
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('technique stages', () => {
    const payload = `... on TechniqueUsePayload { techniqueUse { ${TECHNIQUE_USE} } }`;

    test('add: the use as written, in the payload and in the model’s recipe; the trail has it', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const result = await mutate(
        editor,
        'addTechniqueStage',
        {
          model: { slug: 'test-omni-47b' },
          technique: 'dpo',
          stage: 2,
          details: 'Preference tuning.',
          hyperparameters: { lr: 5e-7, beta: 0.1, schedule: { warmup: 100 } },
          datasets: ['tulu-3-405b-preference-mix', 'rlvr-math'],
          source: 'oi-doc',
        },
        payload,
      );
      const [row] = await rows(db(), sql`select id from model_technique order by id desc limit 1`);
      const expected = {
        id: globalId('TechniqueUse', Number(row?.id)),
        stage: 2,
        details: 'Preference tuning.',
        hyperparameters: { lr: 5e-7, beta: 0.1, schedule: { warmup: 100 } },
        unverified: false,
        technique: { slug: 'dpo' },
        model: { slug: 'test-omni-47b' },
        datasets: [{ slug: 'rlvr-math' }, { slug: 'tulu-3-405b-preference-mix' }],
        source: { slug: 'oi-doc' },
      };
      expect(result).toEqual({ __typename: 'TechniqueUsePayload', techniqueUse: expected });
      const data = await expectData(
        backend().app,
        `{ model(slug: "test-omni-47b") { techniques { ${TECHNIQUE_USE} } } }`,
      );
      expect(data.model.techniques).toEqual([expected]);
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [editorActor, 'addTechniqueStage', 'model_technique', 'insert'],
        [editorActor, 'addTechniqueStage', 'model_technique_dataset', 'insert'],
        [editorActor, 'addTechniqueStage', 'model_technique_dataset', 'insert'],
      ]);
    });

    test('add: Validation, NotFound and Conflict at their paths; nothing written', async ({ keys: { editor } }) => {
      const base = { model: { slug: 'test-omni-47b' }, technique: 'sft', source: 't3-card' };
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'addTechniqueStage', { ...base, stage: 0, datasets: ['rlvr-math', 'rlvr-math'] }),
        ),
      ).toEqual(
        validation(
          [['input', 'stage'], 'must be greater than zero'],
          [['input', 'datasets', '1'], 'dataset "rlvr-math" is already listed (at 0)'],
        ),
      );
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'addTechniqueStage', { ...base, datasets: ['rlvr-math', 'no-data'] }),
        ),
      ).toEqual(notFound('Dataset', 'slug', 'no-data', ['input', 'datasets', '1']));
      expect(await unchanged(db(), () => mutate(editor, 'addTechniqueStage', { ...base, technique: 'magic' }))).toEqual(
        notFound('Technique', 'slug', 'magic', ['input', 'technique']),
      );
      expect(await unchanged(db(), () => mutate(editor, 'addTechniqueStage', { ...base, technique: 'dpo' }))).toEqual(
        conflict('Model "test-omni-47b" already uses technique "dpo"; change that use with updateTechniqueStage.', [
          'input',
          'technique',
        ]),
      );
    });

    test('update: by model and technique, and by global ID; null clears; datasets replace the set', async ({
      keys: { editor, editorActor },
    }) => {
      const [row] = await rows(db(), sql`select id from model_technique order by id desc limit 1`);
      const id = globalId('TechniqueUse', Number(row?.id));
      const since = await lastChange(db());
      const result = await mutate(
        editor,
        'updateTechniqueStage',
        {
          where: { model: { slug: 'test-omni-47b' }, technique: 'dpo' },
          stage: null,
          hyperparameters: null,
          datasets: ['rlvr-math'],
          unverified: true,
          source: 't3-card',
        },
        payload,
      );
      expect(result).toEqual({
        __typename: 'TechniqueUsePayload',
        techniqueUse: {
          id,
          stage: null,
          details: 'Preference tuning.',
          hyperparameters: null,
          unverified: true,
          technique: { slug: 'dpo' },
          model: { slug: 'test-omni-47b' },
          datasets: [{ slug: 'rlvr-math' }],
          source: { slug: 't3-card' },
        },
      });
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [editorActor, 'updateTechniqueStage', 'model_technique', 'update'],
        [editorActor, 'updateTechniqueStage', 'model_technique_dataset', 'delete'],
      ]);
      const byId = await mutate(editor, 'updateTechniqueStage', { where: { id }, stage: 3 }, payload);
      expect(byId.techniqueUse.stage).toBe(3);
      expect(
        await unchanged(db(), () => mutate(editor, 'updateTechniqueStage', { where: { technique: 'dpo' }, stage: 1 })),
      ).toEqual(
        validation([['input', 'where'], 'give both "model" and "technique" to name a technique use without its id']),
      );
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'updateTechniqueStage', {
            where: { model: { slug: 'test-omni-47b' }, technique: 'sft' },
            stage: 1,
          }),
        ),
      ).toEqual(notFound('TechniqueUse', 'key', 'test-omni-47b uses sft', ['input', 'where']));
      expect(await unchanged(db(), () => mutate(editor, 'updateTechniqueStage', { where: { id }, stage: -1 }))).toEqual(
        validation([['input', 'stage'], 'must be greater than zero']),
      );
    });

    test('remove: the use and its datasets go; then it is NotFound', async ({ keys: { editor, editorActor } }) => {
      const [row] = await rows(db(), sql`select id from model_technique order by id desc limit 1`);
      const id = globalId('TechniqueUse', Number(row?.id));
      const since = await lastChange(db());
      expect(
        await mutate(editor, 'removeTechniqueStage', { where: { id } }, '... on DeletePayload { deletedId }'),
      ).toEqual({ __typename: 'DeletePayload', deletedId: id });
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [editorActor, 'removeTechniqueStage', 'model_technique', 'delete'],
        [editorActor, 'removeTechniqueStage', 'model_technique_dataset', 'delete'],
      ]);
      expect(await unchanged(db(), () => mutate(editor, 'removeTechniqueStage', { where: { id } }))).toEqual(
        notFound('TechniqueUse', 'id', String(row?.id), ['input', 'where', 'id']),
      );
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('benchmark results', () => {
    const payload = `... on UpsertBenchmarkResultPayload { created result { ${RESULT} } }`;
    const base = {
      model: 'gemma-2-27b',
      dataset: 'gsm8k',
      metric: 'exact-match',
      setting: { shots: 8, chainOfThought: true, harness: 'test-harness' },
      value: 71.25,
      evaluator: 'google',
      source: 'ai2-blog',
    };
    let resultId = 0;

    test('upsert: a new result with its defaults (reported value, date, first party) is created', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const result = await mutate(editor, 'upsertBenchmarkResult', base, payload);
      const [row] = await rows(db(), sql`select id from benchmark_result order by id desc limit 1`);
      resultId = Number(row?.id);
      const expected = {
        id: globalId('BenchmarkResult', resultId),
        value: 71.25,
        reportedValue: '71.25',
        stderr: null,
        modelVariant: null,
        evaluatorRelationship: 'FIRST_PARTY',
        reportedOn: '2025-01-30',
        notes: '',
        unverified: false,
        model: { slug: 'gemma-2-27b' },
        dataset: { slug: 'gsm8k' },
        metric: { slug: 'exact-match' },
        evaluator: { slug: 'google' },
        source: { slug: 'ai2-blog' },
        setting: { shots: 8, chainOfThought: true, passK: null, split: null, harness: 'test-harness', variant: null },
      };
      expect(result).toEqual({ __typename: 'UpsertBenchmarkResultPayload', created: true, result: expected });
      const data = await expectData(
        backend().app,
        `{ benchmarkResults(first: 5, filter: { model: ["gemma-2-27b"], harness: "test-harness" }) { nodes { ${RESULT} } } }`,
      );
      expect(data.benchmarkResults.nodes).toEqual([expected]);
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [editorActor, 'upsertBenchmarkResult', 'benchmark_result', 'insert'],
      ]);
    });

    test('upsert: the same result again changes nothing; a new value updates it in place', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const again = await mutate(editor, 'upsertBenchmarkResult', base, payload);
      expect(again.created).toBe(false);
      expect(again.result.id).toBe(globalId('BenchmarkResult', resultId));
      expect(await lastChange(db())).toBe(since);

      const updated = await mutate(
        editor,
        'upsertBenchmarkResult',
        { ...base, value: 72.5, reportedValue: '72.50', stderr: 1.2, notes: 'Rerun.', reportedOn: '2025-02-01' },
        payload,
      );
      expect(updated.created).toBe(false);
      expect(updated.result).toMatchObject({
        id: globalId('BenchmarkResult', resultId),
        value: 72.5,
        reportedValue: '72.50',
        stderr: 1.2,
        notes: 'Rerun.',
        reportedOn: '2025-02-01',
      });
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [editorActor, 'upsertBenchmarkResult', 'benchmark_result', 'update'],
      ]);

      // Another setting is another result; no evaluator (and none stated) means the relationship is unknown.
      const other = await mutate(
        editor,
        'upsertBenchmarkResult',
        { ...base, evaluator: null, setting: { ...base.setting, shots: 5 }, modelVariant: 'gemma-2-27b-it' },
        payload,
      );
      expect(other.created).toBe(true);
      expect(other.result).toMatchObject({
        evaluatorRelationship: 'UNKNOWN',
        evaluator: null,
        modelVariant: 'gemma-2-27b-it',
        setting: { shots: 5 },
      });
      expect(other.result.id).not.toBe(globalId('BenchmarkResult', resultId));
    });

    test('the value must be in the metric’s range, at input.value, naming it', async ({ keys: { editor } }) => {
      expect(await unchanged(db(), () => mutate(editor, 'upsertBenchmarkResult', { ...base, value: 100.5 }))).toEqual(
        validation([['input', 'value'], '100.5 is out of range: metric "exact-match" takes values between 0 and 100']),
      );
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'upsertBenchmarkResult', {
            ...base,
            dataset: 'mt-bench',
            metric: 'mt-bench-score',
            value: 11,
          }),
        ),
      ).toEqual(
        validation([['input', 'value'], '11 is out of range: metric "mt-bench-score" takes values between 0 and 10']),
      );
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'upsertBenchmarkResult', {
            ...base,
            dataset: 'pile-test',
            metric: 'bits-per-byte',
            value: -0.1,
          }),
        ),
      ).toEqual(
        validation([['input', 'value'], '-0.1 is out of range: metric "bits-per-byte" takes values at least 0']),
      );
    });

    test('setting and stderr rules; a dataset that is not a benchmark; nothing written', async ({
      keys: { editor },
    }) => {
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'upsertBenchmarkResult', {
            ...base,
            setting: { shots: -1, passK: 0, split: '', harness: 'h', variant: '   ' },
            stderr: -0.5,
            reportedOn: 'yesterday',
          }),
        ),
      ).toEqual(
        validation(
          [['input', 'setting', 'shots'], 'must not be negative'],
          [['input', 'setting', 'passK'], 'must be at least 1'],
          [['input', 'setting', 'split'], 'must not be empty'],
          [['input', 'setting', 'variant'], 'must not be empty'],
          [['input', 'stderr'], 'must not be negative'],
          [['input', 'reportedOn'], 'must be a calendar date as YYYY-MM-DD'],
        ),
      );
      expect(
        await unchanged(db(), () => mutate(editor, 'upsertBenchmarkResult', { ...base, dataset: 'rlvr-math' })),
      ).toEqual(validation([['input', 'dataset'], 'dataset "rlvr-math" is not a benchmark (is_benchmark is false)']));
    });

    test('unknown references are NotFound; a relationship that contradicts the evaluator is refused', async ({
      keys: { editor },
    }) => {
      for (const [field, type] of [
        ['model', 'Model'],
        ['dataset', 'Dataset'],
        ['metric', 'Metric'],
        ['source', 'Source'],
        ['evaluator', 'Organization'],
      ] as const) {
        expect(
          await unchanged(db(), () => mutate(editor, 'upsertBenchmarkResult', { ...base, [field]: 'nothing-here' })),
        ).toEqual(notFound(type, 'slug', 'nothing-here', ['input', field]));
      }
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'upsertBenchmarkResult', { ...base, evaluatorRelationship: 'THIRD_PARTY' }),
        ),
      ).toEqual(
        validation([
          ['input', 'evaluatorRelationship'],
          '"google" is a developer of "gemma-2-27b", so its result is first party',
        ]),
      );
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'upsertBenchmarkResult', { ...base, evaluator: 'meta', evaluatorRelationship: 'FIRST_PARTY' }),
        ),
      ).toEqual(
        validation([
          ['input', 'evaluatorRelationship'],
          '"meta" is not a developer of "gemma-2-27b", so its result is third party (add the developer credit first if it is one)',
        ]),
      );
      // Without an evaluator the given relationship stands.
      const stated = await mutate(
        editor,
        'upsertBenchmarkResult',
        { ...base, evaluator: null, evaluatorRelationship: 'FIRST_PARTY', setting: { shots: 0 } },
        payload,
      );
      expect(stated.result.evaluatorRelationship).toBe('FIRST_PARTY');
    });

    test('changing a model’s developers re-derives the relationship of its evaluated results', async ({
      keys: { editor, editorActor },
    }) => {
      const result = await mutate(
        editor,
        'upsertBenchmarkResult',
        { ...base, model: 'test-omni-47b', evaluator: 'openai' },
        payload,
      );
      expect(result.result.evaluatorRelationship).toBe('THIRD_PARTY');
      const since = await lastChange(db());
      await mutate(editor, 'updateModel', {
        where: { slug: 'test-omni-47b' },
        developers: [{ organization: 'openai', source: 't3-card' }],
      });
      const read = async () =>
        (
          await expectData(
            backend().app,
            `query($id: ID!) { node(id: $id) { ... on BenchmarkResult { evaluatorRelationship } } }`,
            {
              id: result.result.id,
            },
          )
        ).node.evaluatorRelationship;
      expect(await read()).toBe('FIRST_PARTY');
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [editorActor, 'updateModel', 'benchmark_result', 'update'],
        [editorActor, 'updateModel', 'model', 'update'],
        [editorActor, 'updateModel', 'model_developer', 'insert'],
        [editorActor, 'updateModel', 'model_developer', 'delete'],
        [editorActor, 'updateModel', 'model_developer', 'delete'],
      ]);
      await mutate(editor, 'updateModel', {
        where: { slug: 'test-omni-47b' },
        developers: [{ organization: 'google', source: 't3-card' }],
      });
      expect(await read()).toBe('THIRD_PARTY');
    });

    test('the pure core: range check and derived relationship', () => {
      const metric = { slug: 'accuracy', minValue: 0, maxValue: 100 };
      expect(() => checkResultValue(metric, 100, ['rows', '3', 'value'])).not.toThrow();
      expect(() => checkResultValue({ slug: 'open', minValue: null, maxValue: null }, -1e9, [])).not.toThrow();
      let error: unknown;
      try {
        checkResultValue(metric, -1, ['rows', '3', 'value']);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        {
          path: ['rows', '3', 'value'],
          message: '-1 is out of range: metric "accuracy" takes values between 0 and 100',
        },
      ]);
      expect(deriveEvaluatorRelationship([3, 4], 4)).toBe('first_party');
      expect(deriveEvaluatorRelationship([3, 4], 5)).toBe('third_party');
      expect(deriveEvaluatorRelationship([3, 4], null)).toBe('unknown');
    });

    test('delete: admin only; the result goes; wrong or missing ids are typed errors', async ({
      keys: { editor, admin, adminActor },
    }) => {
      const id = globalId('BenchmarkResult', resultId);
      const document = mutationDocument('deleteBenchmarkResult', '... on DeletePayload { deletedId }');
      await unchanged(db(), async () => {
        const forbidden = await executeAs(backend().app, editor, document, { input: { id } });
        expect(forbidden.body.errors?.[0]?.extensions).toEqual({
          code: 'FORBIDDEN',
          requiredRole: 'admin',
          role: 'editor',
        });
        const anonymous = await execute(backend().app, document, { input: { id } });
        expect(anonymous.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', requiredRole: 'admin' });
      });
      const since = await lastChange(db());
      expect(await mutate(admin, 'deleteBenchmarkResult', { id }, '... on DeletePayload { deletedId }')).toEqual({
        __typename: 'DeletePayload',
        deletedId: id,
      });
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [adminActor, 'deleteBenchmarkResult', 'benchmark_result', 'delete'],
      ]);
      expect((await expectData(backend().app, `query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
      expect(await unchanged(db(), () => mutate(admin, 'deleteBenchmarkResult', { id }))).toEqual(
        notFound('BenchmarkResult', 'id', String(resultId), ['input', 'id']),
      );
      expect(await unchanged(db(), () => mutate(admin, 'deleteBenchmarkResult', { id: globalId('Model', 1) }))).toEqual(
        validation([['input', 'id'], `"${globalId('Model', 1)}" is not the ID of a BenchmarkResult`]),
      );
    });
  });

  // -------------------------------------------------------------------------------------------------------
  describe('claims', () => {
    const payload = `... on ClaimPayload { claim { ${CLAIM} } }`;
    const input = {
      slug: 'test-claim-1',
      source: 'article',
      statement: 'Omni beats GPT-4o on GSM8K',
      quote: 'Omni outperforms GPT-4o on GSM8K.',
      predicate: 'OUTPERFORMS_ON',
      subject: { model: 'test-omni-47b' },
      objects: [{ model: 'gpt-4o' }, { dataset: 'gsm8k' }, { organization: 'openai' }, { technique: 'dpo' }],
      quantity: 3.5,
      quantityUnit: 'points',
      attributes: { margin: 'small' },
      qualifier: 'on one benchmark',
      notes: 'Made up.',
    };

    test('record: the claim as written with the next free ordinal; re-read; the trail has it', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const result = await mutate(editor, 'recordClaim', input, payload);
      const id = await rowId(db(), 'claim', 'test-claim-1');
      const expected = {
        id: globalId('Claim', id),
        slug: 'test-claim-1',
        ordinal: 23,
        statement: 'Omni beats GPT-4o on GSM8K',
        quote: 'Omni outperforms GPT-4o on GSM8K.',
        predicate: 'OUTPERFORMS_ON',
        quantity: 3.5,
        quantityUnit: 'points',
        attributes: { margin: 'small' },
        qualifier: 'on one benchmark',
        notes: 'Made up.',
        source: { slug: 'article' },
        subject: { __typename: 'Model', slug: 'test-omni-47b' },
        objects: [
          { position: 0, kind: 'MODEL', model: { slug: 'gpt-4o' }, organization: null, technique: null, dataset: null },
          {
            position: 1,
            kind: 'DATASET',
            model: null,
            organization: null,
            technique: null,
            dataset: { slug: 'gsm8k' },
          },
          {
            position: 2,
            kind: 'ORGANIZATION',
            model: null,
            organization: { slug: 'openai' },
            technique: null,
            dataset: null,
          },
          {
            position: 3,
            kind: 'TECHNIQUE',
            model: null,
            organization: null,
            technique: { slug: 'dpo' },
            dataset: null,
          },
        ],
      };
      expect(result).toEqual({ __typename: 'ClaimPayload', claim: expected });
      expect((await expectData(backend().app, `{ claim(slug: "test-claim-1") { ${CLAIM} } }`)).claim).toEqual(expected);
      const insert = (table: string) => [editorActor, 'recordClaim', table, 'insert'];
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        insert('claim'),
        insert('claim_object'),
        insert('claim_object'),
        insert('claim_object'),
        insert('claim_object'),
      ]);
      const minimal = await mutate(
        editor,
        'recordClaim',
        {
          slug: 'test-claim-2',
          source: 'article',
          ordinal: 40,
          statement: 'Ai2 is a lab',
          predicate: 'HAS_ATTRIBUTES',
          subject: { organization: 'allen-institute-for-ai' },
        },
        '... on ClaimPayload { claim { ordinal quote notes objects { position } subject { ... on Organization { slug } } } }',
      );
      expect(minimal.claim).toEqual({
        ordinal: 40,
        quote: '',
        notes: '',
        objects: [],
        subject: { slug: 'allen-institute-for-ai' },
      });
    });

    test('record: exactly one subject, exactly one target per object, a unit needs a quantity', async ({
      keys: { editor },
    }) => {
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'recordClaim', {
            ...input,
            slug: 'test-claim-x',
            subject: { model: 'gpt-4o', organization: 'openai' },
            objects: [{ model: 'gpt-4o' }, {}, { model: 'gpt-4o', technique: 'dpo' }],
            quantity: null,
          }),
        ),
      ).toEqual(
        validation(
          [['input', 'subject'], 'give exactly one of "model", "organization" (got model, organization)'],
          [['input', 'objects', '1'], 'give exactly one of "model", "organization", "technique", "dataset"'],
          [
            ['input', 'objects', '2'],
            'give exactly one of "model", "organization", "technique", "dataset" (got model, technique)',
          ],
          [['input', 'quantityUnit'], 'a unit needs a quantity'],
        ),
      );
      expect(
        await unchanged(db(), () => mutate(editor, 'recordClaim', { ...input, slug: 'test-claim-x', subject: {} })),
      ).toEqual(validation([['input', 'subject'], 'give exactly one of "model", "organization"']));
    });

    test('record: unknown slugs are NotFound at their path; taken slug or ordinal a Conflict', async ({
      keys: { editor },
    }) => {
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'recordClaim', {
            ...input,
            slug: 'test-claim-x',
            objects: [{ model: 'gpt-4o' }, { technique: 'magic' }],
          }),
        ),
      ).toEqual(notFound('Technique', 'slug', 'magic', ['input', 'objects', '1', 'technique']));
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'recordClaim', { ...input, slug: 'test-claim-x', subject: { model: 'nope' } }),
        ),
      ).toEqual(notFound('Model', 'slug', 'nope', ['input', 'subject', 'model']));
      expect(
        await unchanged(db(), () => mutate(editor, 'recordClaim', { ...input, slug: 'test-claim-x', source: 'nope' })),
      ).toEqual(notFound('Source', 'slug', 'nope', ['input', 'source']));
      expect(await unchanged(db(), () => mutate(editor, 'recordClaim', input))).toEqual(
        conflict('A claim with slug "test-claim-1" already exists.', ['input', 'slug']),
      );
      expect(
        await unchanged(db(), () => mutate(editor, 'recordClaim', { ...input, slug: 'test-claim-x', ordinal: 9 })),
      ).toEqual(conflict('Claim "article-claim-09" already has ordinal 9 in source "article".', ['input', 'ordinal']));
    });

    test('delete: admin only; the claim and its objects go', async ({ keys: { editor, admin, adminActor } }) => {
      const id = globalId('Claim', await rowId(db(), 'claim', 'test-claim-1'));
      await unchanged(db(), async () => {
        const forbidden = await executeAs(
          backend().app,
          editor,
          `mutation { deleteClaim(input: { where: { slug: "test-claim-1" } }) { __typename } }`,
        );
        expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      });
      const since = await lastChange(db());
      expect(await mutate(admin, 'deleteClaim', { where: { id } }, '... on DeletePayload { deletedId }')).toEqual({
        __typename: 'DeletePayload',
        deletedId: id,
      });
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [adminActor, 'deleteClaim', 'claim', 'delete'],
        [adminActor, 'deleteClaim', 'claim_object', 'delete'],
        [adminActor, 'deleteClaim', 'claim_object', 'delete'],
        [adminActor, 'deleteClaim', 'claim_object', 'delete'],
        [adminActor, 'deleteClaim', 'claim_object', 'delete'],
      ]);
      const gone = await execute(backend().app, `{ claim(slug: "test-claim-1") { id } }`);
      expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await unchanged(db(), () => mutate(admin, 'deleteClaim', { where: { slug: 'test-claim-1' } }))).toEqual(
        notFound('Claim', 'slug', 'test-claim-1', ['input', 'where', 'slug']),
      );
    });
  });
});
