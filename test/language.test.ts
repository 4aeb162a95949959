/**
 * Language, the entity added by following README "Adding an entity": the seed's languages through the query
 * API, lookup and paging, the mutations with their roles, the audit trail, and the graph JSON export and import.
 */
import { beforeAll, expect, test } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.ts';
import { exportGraphJson } from '../src/export/graph-json.ts';
import { serializeGraphDocument } from '../src/formats/graph-json.ts';
import { importGraphJson } from '../src/import/graph-json.ts';
import { describeEachBackend, openBackend } from './helpers/backends.ts';
import { execute, executeAs, expectData, expectErrors } from './helpers/graphql.ts';

const SEED_SLUGS = ['de', 'en', 'es', 'fr', 'hi', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'th', 'zh'];

const write = (operation: 'create' | 'update' | 'delete') => {
  const name = `${operation}Language`;
  const payload =
    operation === 'delete'
      ? '... on DeletePayload { deletedId }'
      : '... on LanguagePayload { language { id slug name aliases description } }';
  const input = `${operation[0]?.toUpperCase()}${name.slice(1)}Input`;
  return `mutation($input: ${input}!) { ${name}(input: $input) {
    __typename ... on Error { message } ... on ValidationError { issues { path message } } ${payload} } }`;
};

describeEachBackend('languages', (backend) => {
  let editor: string;
  let admin: string;

  beforeAll(async () => {
    const { db } = backend().database;
    editor = (await createApiKey(db, { name: 'edith', role: 'editor' })).secret;
    admin = (await createApiKey(db, { name: 'ada', role: 'admin' })).secret;
  });

  test('the seed’s languages read back with their values', async () => {
    const data = await expectData(
      backend().app,
      `{ ja: language(slug: "ja") { __typename slug name aliases description }
         zh: language(slug: "zh") { slug name aliases description }
         languages(first: 100) { totalCount nodes { slug } } }`,
    );
    expect(data.ja).toEqual({
      __typename: 'Language',
      slug: 'ja',
      name: 'Japanese',
      aliases: ['日本語', 'jpn'],
      description: '',
    });
    expect(data.zh).toEqual({
      slug: 'zh',
      name: 'Chinese',
      aliases: ['中文', 'zho'],
      description:
        'The macrolanguage; Qwen and DeepSeek models are trained on Mandarin written in simplified characters.',
    });
    expect(data.languages.totalCount).toBe(SEED_SLUGS.length);
    expect(data.languages.nodes.map((l: { slug: string }) => l.slug)).toEqual(SEED_SLUGS);
  });

  test('an unknown slug is NOT_FOUND', async () => {
    const errors = await expectErrors(backend().app, '{ language(slug: "xx") { slug } }');
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'No Language with slug "xx".',
        path: ['language'],
        extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
      }),
    ]);
  });

  test('the connection pages by slug, forwards and backwards', async () => {
    const page = `query($first: Int, $after: String, $last: Int, $before: String) {
      languages(first: $first, after: $after, last: $last, before: $before) {
        totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const first = (await expectData(backend().app, page, { first: 4 })).languages;
    expect(first.nodes.map((l: { slug: string }) => l.slug)).toEqual(['de', 'en', 'es', 'fr']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = (await expectData(backend().app, page, { first: 4, after: first.pageInfo.endCursor })).languages;
    expect(second.nodes.map((l: { slug: string }) => l.slug)).toEqual(['hi', 'it', 'ja', 'ko']);
    const last = (await expectData(backend().app, page, { last: 2 })).languages;
    expect(last.nodes.map((l: { slug: string }) => l.slug)).toEqual(['th', 'zh']);
    const before = (await expectData(backend().app, page, { last: 1, before: last.pageInfo.startCursor })).languages;
    expect(before.nodes.map((l: { slug: string }) => l.slug)).toEqual(['ru']);
    expect(before.totalCount).toBe(SEED_SLUGS.length);
  });

  test('create, update and delete need the editor and admin roles, and are audited', async () => {
    const { app } = backend();
    const input = { slug: 'sv', name: 'Swedish', aliases: ['Svenska', 'swe'] };

    const anonymous = await execute(app, write('create'), { input });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const created = await executeAs(app, editor, write('create'), { input });
    expect(created.body.errors).toBeUndefined();
    const language = created.body.data?.createLanguage.language;
    expect(language).toEqual({ id: expect.any(String), ...input, description: '' });

    const taken = await executeAs(app, editor, write('create'), { input: { slug: 'sv', name: 'Swedish again' } });
    expect(taken.body.data?.createLanguage).toEqual({
      __typename: 'ConflictError',
      message: 'A language with slug "sv" already exists.',
    });
    const invalid = await executeAs(app, editor, write('create'), { input: { slug: 'Ru', name: ' ' } });
    expect(invalid.body.data?.createLanguage.__typename).toBe('ValidationError');
    expect(invalid.body.data?.createLanguage.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual([
      'input.slug',
      'input.name',
    ]);

    const updated = await executeAs(app, editor, write('update'), {
      input: { where: { slug: 'sv' }, description: 'A North Germanic language.' },
    });
    expect(updated.body.data?.updateLanguage.language).toEqual({
      ...language,
      description: 'A North Germanic language.',
    });

    const byEditor = await executeAs(app, editor, write('delete'), { input: { where: { slug: 'sv' } } });
    expect(byEditor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const history = await expectData(
      app,
      `{ language(slug: "sv") { history(first: 10) { totalCount nodes { action operation changedFields } } } }`,
    );
    expect(history.language.history).toEqual({
      totalCount: 2,
      nodes: [
        { action: 'UPDATE', operation: 'updateLanguage', changedFields: expect.arrayContaining(['description']) },
        { action: 'INSERT', operation: 'createLanguage', changedFields: expect.arrayContaining(['slug', 'name']) },
      ],
    });

    const deleted = await executeAs(app, admin, write('delete'), { input: { where: { id: language.id } } });
    expect(deleted.body.data?.deleteLanguage).toEqual({ __typename: 'DeletePayload', deletedId: language.id });
    const gone = await expectErrors(app, '{ language(slug: "sv") { slug } }');
    expect(gone[0]?.extensions?.code).toBe('NOT_FOUND');
    const trail = await expectData(
      app,
      `{ changes(first: 1, filter: { entityType: ["language"], action: [DELETE] }) { nodes { operation entityType } } }`,
    );
    expect(trail.changes.nodes).toEqual([{ operation: 'deleteLanguage', entityType: 'language' }]);

    // A language models are linked to stays: the links are facts with their sources.
    const linked = await executeAs(app, admin, write('delete'), { input: { where: { slug: 'ja' } } });
    expect(linked.body.data?.deleteLanguage).toEqual({
      __typename: 'ConflictError',
      message: 'Language ja has 4 model links to it; delete or move them first (or merge)',
    });
  });

  test('graph JSON: the export lists the languages, and an empty database imports them to the same bytes', async () => {
    const document = await exportGraphJson(backend().database.db);
    expect(document.languages.map((l) => l.slug)).toEqual(SEED_SLUGS);
    expect(document.languages.find((l) => l.slug === 'ja')).toEqual({
      slug: 'ja',
      name: 'Japanese',
      aliases: ['日本語', 'jpn'],
      description: '',
    });
    const text = serializeGraphDocument(document);
    const empty = await openBackend(backend().kind, { seed: false });
    try {
      const summary = await importGraphJson(empty.database.db, JSON.parse(text));
      expect(summary.languages).toEqual({ inserted: SEED_SLUGS.length, updated: 0, unchanged: 0 });
      expect(serializeGraphDocument(await exportGraphJson(empty.database.db))).toBe(text);
      // A record is the whole entity: one that drops its aliases clears them.
      const edited = JSON.parse(text);
      edited.languages = [{ slug: 'ja', name: 'Japanese', description: '' }];
      const again = await importGraphJson(empty.database.db, edited);
      expect(again.languages).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      const ja = (await exportGraphJson(empty.database.db)).languages.find((l) => l.slug === 'ja');
      expect(ja?.aliases).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
