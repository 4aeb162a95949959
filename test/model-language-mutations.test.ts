/**
 * Stating and correcting a model's languages and task through the API (addModelLanguage, updateModelLanguage,
 * removeModelLanguage, setModelTask, clearModelTask): the payloads, the query API and the filters after each
 * write, the audit trail and the model's history naming the operation, every typed error with nothing written,
 * the roles, and claim 18's language check following the links of TinySwallow-1.5B.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { withApiKeys } from './helpers/auth.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { changesSince, lastChange, type Row, unchanged } from './helpers/db.ts';
import { execute, executeAs, expectData } from './helpers/graphql.ts';
import { conflict, mutationDocument, notFound, runMutation, validation } from './helpers/mutations.ts';

const LINK = 'language { slug } source { slug } unverified notes';
const TASK = 'task inputModalities outputModalities source { slug } unverified notes';

const payloads: Record<string, string> = {
  addModelLanguage: `... on ModelLanguagePayload { modelLanguage { ${LINK} } model { slug languages { language { slug } } } }`,
  updateModelLanguage: `... on ModelLanguagePayload { modelLanguage { ${LINK} } model { slug } }`,
  removeModelLanguage: '... on RemoveModelLanguagePayload { model { slug languages { language { slug } } } }',
  setModelTask: `... on ModelTaskPayload { modelTask { ${TASK} } model { slug task { task } } }`,
  clearModelTask: '... on ClearModelTaskPayload { model { slug task { task } } }',
};

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
const readmeExample = /```graphql\n(mutation \{[\s\S]*?)```/.exec(
  readme.slice(readme.indexOf("A model's languages and task are facts with a source")),
)?.[1];

const TINY = { slug: 'tinyswallow-1.5b' };
/** TinySwallow-1.5B's seeded language link (claim 18's evidence) and task. */
const SEEDED_JA = { model: TINY, language: 'ja', source: 'ts-card' };
const SEEDED_TASK = { model: TINY, task: 'TEXT_GENERATION', source: 'ts-card' };

describeEachBackend('model language and task mutations', (backend) => {
  const test = withApiKeys(backend);
  const db = () => backend().database.db;
  const app = () => backend().app;
  const mutate = (token: string, name: string, input: Row) =>
    runMutation(app(), token, name, input, mutationDocument(name, payloads[name]));

  const modelsWith = async (filter: string): Promise<string[]> =>
    (await expectData(app(), `{ models(filter: ${filter}, first: 100) { nodes { slug } } }`)).models.nodes.map(
      (node: Row) => node.slug,
    );
  const tiny = async (): Promise<Row> =>
    (
      await expectData(
        app(),
        `{ model(slug: "tinyswallow-1.5b") { languages { ${LINK} } task { ${TASK} }
             history(first: 1) { nodes { operation table action } } } }`,
      )
    ).model;

  describe('languages', () => {
    test('addModelLanguage: the link reads back, the filter finds the model, the trail names the write', async ({
      keys: { editor, editorActor },
    }) => {
      const before = await modelsWith('{ language: ["ko"] }');
      expect(before).not.toContain('tinyswallow-1.5b');
      const since = await lastChange(db());
      const result = await mutate(editor, 'addModelLanguage', {
        model: TINY,
        language: 'ko',
        source: 'ts-card',
        unverified: true,
        notes: '  Only in a test.  ',
      });
      const link = {
        language: { slug: 'ko' },
        source: { slug: 'ts-card' },
        unverified: true,
        notes: 'Only in a test.',
      };
      expect(result).toEqual({
        __typename: 'ModelLanguagePayload',
        modelLanguage: link,
        model: { slug: 'tinyswallow-1.5b', languages: [{ language: { slug: 'ja' } }, { language: { slug: 'ko' } }] },
      });
      expect(await changesSince(db(), since)).toEqual([[editorActor, 'addModelLanguage', 'model_language', 'insert']]);
      const model = await tiny();
      expect(model.languages).toContainEqual(link);
      expect(model.history.nodes).toEqual([
        { operation: 'addModelLanguage', table: 'model_language', action: 'INSERT' },
      ]);
      expect(await modelsWith('{ language: ["ko"] }')).toEqual([...before, 'tinyswallow-1.5b'].sort());
    });

    test('a second add of the same model, language and source is a ConflictError and writes nothing', async ({
      keys: { editor },
    }) => {
      const result = await unchanged(db(), () =>
        mutate(editor, 'addModelLanguage', { model: TINY, language: 'ko', source: 'ts-card' }),
      );
      expect(result).toEqual(
        conflict(
          'Model "tinyswallow-1.5b" already has language "ko" from source "ts-card"; change it with updateModelLanguage.',
          ['input', 'language'],
        ),
      );
    });

    test('updateModelLanguage changes unverified and the notes (null empties them), audited as an update', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const where = { model: TINY, language: 'ko', source: 'ts-card' };
      const result = await mutate(editor, 'updateModelLanguage', { where, unverified: false, notes: null });
      expect(result).toEqual({
        __typename: 'ModelLanguagePayload',
        modelLanguage: { language: { slug: 'ko' }, source: { slug: 'ts-card' }, unverified: false, notes: '' },
        model: { slug: 'tinyswallow-1.5b' },
      });
      expect(await changesSince(db(), since)).toEqual([
        [editorActor, 'updateModelLanguage', 'model_language', 'update'],
      ]);
      expect((await tiny()).history.nodes).toEqual([
        { operation: 'updateModelLanguage', table: 'model_language', action: 'UPDATE' },
      ]);
    });

    test('removeModelLanguage removes the link; the filter no longer finds the model', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const result = await mutate(editor, 'removeModelLanguage', {
        where: { model: TINY, language: 'ko', source: 'ts-card' },
      });
      expect(result).toEqual({
        __typename: 'RemoveModelLanguagePayload',
        model: { slug: 'tinyswallow-1.5b', languages: [{ language: { slug: 'ja' } }] },
      });
      expect(await changesSince(db(), since)).toEqual([
        [editorActor, 'removeModelLanguage', 'model_language', 'delete'],
      ]);
      expect(await modelsWith('{ language: ["ko"] }')).not.toContain('tinyswallow-1.5b');
    });

    test('unknown model, language or source is a NotFoundError; bad input a ValidationError; nothing written', async ({
      keys: { editor },
    }) => {
      const add = (input: Row) => unchanged(db(), () => mutate(editor, 'addModelLanguage', input));
      expect(await add({ ...SEEDED_JA, model: { slug: 'no-such-model' } })).toEqual(
        notFound('Model', 'slug', 'no-such-model', ['input', 'model', 'slug']),
      );
      expect(await add({ ...SEEDED_JA, language: 'xx' })).toEqual(
        notFound('Language', 'slug', 'xx', ['input', 'language']),
      );
      expect(await add({ ...SEEDED_JA, language: 'ko', source: 'no-such-source' })).toEqual(
        notFound('Source', 'slug', 'no-such-source', ['input', 'source']),
      );
      expect(await add({ ...SEEDED_JA, language: 'Japanese' })).toMatchObject({
        __typename: 'ValidationError',
        issues: [{ path: ['input', 'language'] }],
      });
      expect(await add({ ...SEEDED_JA, model: { slug: 'tinyswallow-1.5b', id: 'TW9kZWw6MQ==' } })).toEqual(
        validation([['input', 'model'], 'give exactly one of "id" and "slug" of the Model']),
      );
      expect(await add({ ...SEEDED_JA, model: { id: 'TGFuZ3VhZ2U6MQ==' } })).toEqual(
        validation([['input', 'model', 'id'], '"TGFuZ3VhZ2U6MQ==" is not the ID of a Model']),
      );
      const where = { model: TINY, language: 'ko', source: 'ts-card' };
      const missing = notFound('ModelLanguage', 'key', 'tinyswallow-1.5b ko from ts-card', ['input', 'where']);
      expect(await unchanged(db(), () => mutate(editor, 'updateModelLanguage', { where, unverified: true }))).toEqual(
        missing,
      );
      expect(await unchanged(db(), () => mutate(editor, 'removeModelLanguage', { where }))).toEqual(missing);
      expect(
        await unchanged(db(), () =>
          mutate(editor, 'updateModelLanguage', { where: SEEDED_JA, unverified: null, notes: 'x' }),
        ),
      ).toMatchObject({ __typename: 'ValidationError', issues: [{ path: ['input', 'unverified'] }] });
    });

    test('claim 18 follows TinySwallow-1.5B’s languages: unknown without one, failing on another, passing on ja', async ({
      keys: { editor },
    }) => {
      const languageCheck = async () => {
        const data = await expectData(
          app(),
          '{ claim(slug: "article-claim-18") { verdict { summary checks { outcome actual sources { slug } } } } }',
        );
        return { summary: data.claim.verdict.summary, check: data.claim.verdict.checks[0] };
      };
      expect(await languageCheck()).toEqual({
        summary: '2 of 3 checks pass, 1 lack data.',
        check: { outcome: 'PASS', actual: 'ja', sources: [{ slug: 'ts-card' }] },
      });
      await mutate(editor, 'removeModelLanguage', { where: SEEDED_JA });
      expect(await languageCheck()).toEqual({
        summary: '1 of 3 checks pass, 2 lack data.',
        check: { outcome: 'UNKNOWN', actual: 'no language recorded', sources: [] },
      });
      await mutate(editor, 'addModelLanguage', { model: TINY, language: 'en', source: 'ts-card' });
      expect(await languageCheck()).toEqual({
        summary: '1 of 3 checks pass, 1 fail, 1 lack data.',
        check: { outcome: 'FAIL', actual: 'en', sources: [{ slug: 'ts-card' }] },
      });
      await mutate(editor, 'removeModelLanguage', { where: { model: TINY, language: 'en', source: 'ts-card' } });
      await mutate(editor, 'addModelLanguage', { ...SEEDED_JA, unverified: true });
      expect((await languageCheck()).check).toEqual({
        outcome: 'PASS',
        actual: 'ja (unverified)',
        sources: [{ slug: 'ts-card' }],
      });
      await mutate(editor, 'updateModelLanguage', { where: SEEDED_JA, unverified: false });
      expect(await languageCheck()).toEqual({
        summary: '2 of 3 checks pass, 1 lack data.',
        check: { outcome: 'PASS', actual: 'ja', sources: [{ slug: 'ts-card' }] },
      });
    });
  });

  describe('task', () => {
    test('setModelTask replaces the task whole, modalities from the registry; the filter follows', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const result = await mutate(editor, 'setModelTask', {
        model: TINY,
        task: 'IMAGE_TEXT_TO_TEXT',
        source: 'ai2-blog',
        unverified: true,
        notes: 'A test.',
      });
      const task = {
        task: 'IMAGE_TEXT_TO_TEXT',
        inputModalities: ['IMAGE', 'TEXT'],
        outputModalities: ['TEXT'],
        source: { slug: 'ai2-blog' },
        unverified: true,
        notes: 'A test.',
      };
      expect(result).toEqual({
        __typename: 'ModelTaskPayload',
        modelTask: task,
        model: { slug: 'tinyswallow-1.5b', task: { task: 'IMAGE_TEXT_TO_TEXT' } },
      });
      expect(await changesSince(db(), since)).toEqual([[editorActor, 'setModelTask', 'model_task', 'update']]);
      const model = await tiny();
      expect(model.task).toEqual(task);
      expect(model.history.nodes).toEqual([{ operation: 'setModelTask', table: 'model_task', action: 'UPDATE' }]);
      expect(await modelsWith('{ task: [IMAGE_TEXT_TO_TEXT] }')).toContain('tinyswallow-1.5b');
      expect(await modelsWith('{ task: [TEXT_GENERATION] }')).not.toContain('tinyswallow-1.5b');

      // The same values again change nothing, not even the trail.
      const again = await lastChange(db());
      await mutate(editor, 'setModelTask', {
        model: TINY,
        task: 'IMAGE_TEXT_TO_TEXT',
        inputModalities: ['IMAGE', 'TEXT'],
        source: 'ai2-blog',
        unverified: true,
        notes: 'A test.',
      });
      expect(await changesSince(db(), again)).toEqual([]);

      // Given modalities are kept; what the input leaves out takes its default, not the replaced value.
      const explicit = await mutate(editor, 'setModelTask', {
        model: TINY,
        task: 'TEXT_GENERATION',
        inputModalities: ['TEXT', 'IMAGE'],
        outputModalities: ['TEXT'],
        source: 'ts-card',
      });
      expect(explicit.modelTask).toEqual({
        task: 'TEXT_GENERATION',
        inputModalities: ['TEXT', 'IMAGE'],
        outputModalities: ['TEXT'],
        source: { slug: 'ts-card' },
        unverified: false,
        notes: '',
      });
    });

    test('clearModelTask removes it (a second clear is a NotFoundError); setModelTask then inserts one', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      expect(await mutate(editor, 'clearModelTask', { model: TINY })).toEqual({
        __typename: 'ClearModelTaskPayload',
        model: { slug: 'tinyswallow-1.5b', task: null },
      });
      expect(await changesSince(db(), since)).toEqual([[editorActor, 'clearModelTask', 'model_task', 'delete']]);
      expect(await modelsWith('{ task: [TEXT_GENERATION] }')).not.toContain('tinyswallow-1.5b');
      expect(await unchanged(db(), () => mutate(editor, 'clearModelTask', { model: TINY }))).toEqual(
        notFound('ModelTask', 'model', 'tinyswallow-1.5b', ['input', 'model']),
      );

      const inserted = await lastChange(db());
      const result = await mutate(editor, 'setModelTask', SEEDED_TASK);
      expect(result.modelTask).toEqual({
        task: 'TEXT_GENERATION',
        inputModalities: ['TEXT'],
        outputModalities: ['TEXT'],
        source: { slug: 'ts-card' },
        unverified: false,
        notes: '',
      });
      expect(await changesSince(db(), inserted)).toEqual([[editorActor, 'setModelTask', 'model_task', 'insert']]);
      expect(await modelsWith('{ task: [TEXT_GENERATION] }')).toContain('tinyswallow-1.5b');
    });

    test('unknown model or source is a NotFoundError, a repeated modality a ValidationError; nothing written', async ({
      keys: { editor },
    }) => {
      const set = (input: Row) => unchanged(db(), () => mutate(editor, 'setModelTask', input));
      expect(await set({ ...SEEDED_TASK, model: { slug: 'no-such-model' } })).toEqual(
        notFound('Model', 'slug', 'no-such-model', ['input', 'model', 'slug']),
      );
      expect(await set({ ...SEEDED_TASK, task: 'FEATURE_EXTRACTION', source: 'no-such-source' })).toEqual(
        notFound('Source', 'slug', 'no-such-source', ['input', 'source']),
      );
      expect(await set({ ...SEEDED_TASK, inputModalities: ['TEXT', 'IMAGE', 'TEXT'] })).toEqual(
        validation([['input', 'inputModalities', '2'], 'modality "text" is already listed (at 0)']),
      );
      expect(await unchanged(db(), () => mutate(editor, 'clearModelTask', { model: { slug: 'nope' } }))).toEqual(
        notFound('Model', 'slug', 'nope', ['input', 'model', 'slug']),
      );
    });
  });

  test('anonymous writes are UNAUTHENTICATED and write nothing', async () => {
    const inputs: Record<string, Row> = {
      addModelLanguage: { model: TINY, language: 'ko', source: 'ts-card' },
      updateModelLanguage: { where: SEEDED_JA, unverified: true },
      removeModelLanguage: { where: SEEDED_JA },
      setModelTask: { ...SEEDED_TASK, task: 'FEATURE_EXTRACTION' },
      clearModelTask: { model: TINY },
    };
    for (const [name, input] of Object.entries(inputs)) {
      const response = await unchanged(db(), () => execute(app(), mutationDocument(name, payloads[name]), { input }));
      expect(response.body.data).toBeNull();
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', requiredRole: 'editor' });
    }
  });

  test('the README example runs as written', async ({ keys: { editor } }) => {
    expect(readmeExample, 'the README block after "A model\'s languages and task are facts"').toBeDefined();
    const response = await executeAs(app(), editor, readmeExample as string);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.addModelLanguage.model.languages).toContainEqual({
      language: { slug: 'en' },
      unverified: true,
    });
    expect(response.body.data.setModelTask.modelTask).toEqual({
      task: 'TEXT_GENERATION',
      inputModalities: ['TEXT'],
      outputModalities: ['TEXT'],
    });
  });
});
