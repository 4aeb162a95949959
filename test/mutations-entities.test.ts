/**
 * Create, update and delete of organizations, sources, licenses, metrics, techniques and datasets: the written
 * node (in the payload, then re-read through the query API), every rule as a typed error with its input
 * path, NotFound and Conflict errors, the roles, rollback of a failed write, and the audit trail.
 */
import { sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiKeys, withApiKeys } from './helpers/auth.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { changesSince, counts, lastChange, type Row, rowId, rows } from './helpers/db.ts';
import { execute, executeAs, expectData } from './helpers/graphql.ts';
import { conflict, globalId, mutationDocument, notFound, runMutation, validation } from './helpers/mutations.ts';

type Entity = 'Organization' | 'Source' | 'License' | 'Metric' | 'Technique' | 'Dataset';
type Operation = 'create' | 'update' | 'delete';
const field = (type: Entity) => `${type[0]?.toLowerCase()}${type.slice(1)}`;

/** The fields the tests read back, for the payload's node and for the query API alike. */
const selection: Record<Entity, string> = {
  Organization:
    'id slug name aliases description kind country headquarters website foundedYear attributions { source { slug } notes }',
  Source: 'id slug url title publisher kind primary publishedOn notes',
  License: 'id slug spdxId name category osiApproved url description source { slug }',
  Metric: 'id slug name description unit higherIsBetter minValue maxValue',
  Technique:
    'id slug name aliases description kind introducedYear introducedBy { slug } parent { slug } attributions { source { slug } notes }',
  Dataset: `id slug name aliases description benchmark trainingData domains size exampleCount defaultMetric { slug }
    defaultSetting license { slug } licenseNotes creators creatorOrganizations { slug } introducedYear paper { slug }
    parent { slug } huggingfaceId homepage attributions { source { slug } notes }`,
};

function document(operation: Operation, type: Entity) {
  const name = `${operation}${type}`;
  const payload =
    operation === 'delete'
      ? '... on DeletePayload { deletedId }'
      : `... on ${type}Payload { ${field(type)} { ${selection[type]} } }`;
  return mutationDocument(name, payload);
}

/** The tables an entity's writes touch, then `change`: a refused write leaves them all as they were. */
const tables: Record<Entity, string[]> = {
  Organization: ['organization', 'organization_source', 'change'],
  Source: ['source', 'change'],
  License: ['license', 'change'],
  Metric: ['metric', 'change'],
  Technique: ['technique', 'technique_source', 'change'],
  Dataset: ['dataset', 'dataset_source', 'dataset_creator', 'change'],
};

describeEachBackend('entity mutations', (backend) => {
  const test = withApiKeys(backend);
  const db = () => backend().database.db;

  /** Runs a mutation; the result is the field's value (payload or typed error), never a GraphQL error. */
  function mutate(token: string, operation: Operation, type: Entity, input: Row): Promise<Row> {
    return runMutation(backend().app, token, `${operation}${type}`, input, document(operation, type));
  }

  async function read(type: Entity, slug: string): Promise<Row> {
    const data = await expectData(
      backend().app,
      `query($slug: String!) { ${field(type)}(slug: $slug) { ${selection[type]} } }`,
      { slug },
    );
    return data[field(type)];
  }

  /** Creates, expects the payload to hold `expected`, re-reads it identically, and returns its row id. */
  async function createAndCheck(type: Entity, input: Row, expected: Row): Promise<number> {
    const { editor } = await apiKeys(backend().database);
    const result = await mutate(editor, 'create', type, input);
    const slug = String(input.slug);
    const id = await rowId(db(), field(type), slug);
    const node = { id: globalId(type, id), ...expected };
    expect(result).toEqual({ __typename: `${type}Payload`, [field(type)]: node });
    expect(await read(type, slug)).toEqual(node);
    return id;
  }

  async function expectNotReadable(type: Entity, slug: string) {
    const response = await execute(backend().app, `query($slug: String!) { ${field(type)}(slug: $slug) { id } }`, {
      slug,
    });
    expect(response.body.data).toEqual({ [field(type)]: null });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }

  describe('organizations', () => {
    const input = {
      slug: 'example-lab',
      name: 'Example Lab',
      aliases: ['ExLab'],
      description: '  A research lab used by the tests.  ',
      kind: 'RESEARCH_LAB',
      country: 'FR',
      headquarters: 'Paris',
      website: 'https://example.org/lab',
      foundedYear: 2020,
      sources: [{ source: 't3-card', notes: 'Named in the card.' }, { source: 'ai2-blog' }],
    };

    test('create: the payload and the query API give the organization as written; the trail has it', async ({
      keys: { editorActor },
    }) => {
      const since = await lastChange(db());
      const id = await createAndCheck('Organization', input, {
        slug: 'example-lab',
        name: 'Example Lab',
        aliases: ['ExLab'],
        description: 'A research lab used by the tests.',
        kind: 'RESEARCH_LAB',
        country: 'FR',
        headquarters: 'Paris',
        website: 'https://example.org/lab',
        foundedYear: 2020,
        attributions: [
          { source: { slug: 't3-card' }, notes: 'Named in the card.' },
          { source: { slug: 'ai2-blog' }, notes: null },
        ],
      });
      expect(id).toBeGreaterThan(0);
      expect(await changesSince(db(), since)).toEqual([
        [editorActor, 'createOrganization', 'organization', 'insert'],
        [editorActor, 'createOrganization', 'organization_source', 'insert'],
        [editorActor, 'createOrganization', 'organization_source', 'insert'],
      ]);
    });

    test('update: changed fields, cleared fields, a replaced source set; by global ID too', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const result = await mutate(editor, 'update', 'Organization', {
        where: { slug: 'example-lab' },
        name: 'Example Laboratory',
        country: null,
        headquarters: null,
        sources: [{ source: 'ai2-blog', notes: 'Now the only source.' }],
      });
      const id = await rowId(db(), 'organization', 'example-lab');
      const expected = {
        id: globalId('Organization', id),
        slug: 'example-lab',
        name: 'Example Laboratory',
        aliases: ['ExLab'],
        description: 'A research lab used by the tests.',
        kind: 'RESEARCH_LAB',
        country: null,
        headquarters: null,
        website: 'https://example.org/lab',
        foundedYear: 2020,
        attributions: [{ source: { slug: 'ai2-blog' }, notes: 'Now the only source.' }],
      };
      expect(result).toEqual({ __typename: 'OrganizationPayload', organization: expected });
      expect(await read('Organization', 'example-lab')).toEqual(expected);
      expect(await changesSince(db(), since)).toEqual([
        [editorActor, 'updateOrganization', 'organization', 'update'],
        [editorActor, 'updateOrganization', 'organization_source', 'delete'],
        [editorActor, 'updateOrganization', 'organization_source', 'update'],
      ]);
      const byId = await mutate(editor, 'update', 'Organization', {
        where: { id: globalId('Organization', id) },
        foundedYear: 2021,
      });
      expect((byId.organization as Row).foundedYear).toBe(2021);
    });

    test('validation: every bad field at its path, nothing written', async ({ keys: { editor } }) => {
      const before = await counts(db(), tables.Organization);
      expect(
        await mutate(editor, 'create', 'Organization', {
          ...input,
          slug: 'Bad Slug',
          name: '  ',
          country: 'France',
          website: 'ftp://example.org/lab',
          foundedYear: 3000,
          sources: [],
        }),
      ).toEqual(
        validation(
          [['input', 'slug'], 'a slug is lower-case letters and digits separated by "-" or "."'],
          [['input', 'name'], 'must not be empty'],
          [['input', 'country'], 'must be an ISO 3166-1 alpha-2 code such as US'],
          [['input', 'website'], 'must be an http:// or https:// URL'],
          [['input', 'foundedYear'], 'Too big: expected number to be <=2100'],
          [['input', 'sources'], 'name at least one source'],
        ),
      );
      expect(
        await mutate(editor, 'create', 'Organization', {
          ...input,
          slug: 'twice-sourced-lab',
          sources: [{ source: 't3-card' }, { source: 'ai2-blog' }, { source: 't3-card', notes: 'again' }],
        }),
      ).toEqual(validation([['input', 'sources', '2', 'source'], 'source "t3-card" is already listed (at 0)']));
      expect(await counts(db(), tables.Organization)).toEqual(before);
    });

    test('conflicts: a taken slug, and a delete refused while anything refers to it', async ({
      keys: { editor, admin },
    }) => {
      expect(await mutate(editor, 'create', 'Organization', { ...input, slug: 'meta' })).toEqual(
        conflict('An organization with slug "meta" already exists.', ['input', 'slug']),
      );
      expect(
        await mutate(editor, 'update', 'Organization', { where: { slug: 'example-lab' }, slug: 'openai' }),
      ).toEqual(conflict('An organization with slug "openai" already exists.', ['input', 'slug']));
      const before = await counts(db(), [...tables.Organization, 'claim', 'claim_object']);
      expect(await mutate(admin, 'delete', 'Organization', { where: { slug: 'allen-institute-for-ai' } })).toEqual(
        conflict(
          'Organization allen-institute-for-ai has 3 models it developed, 6 datasets it created, 84 benchmark results it evaluated and 2 claims about it; delete or move them first (or merge)',
          ['input', 'where'],
        ),
      );
      expect(await counts(db(), [...tables.Organization, 'claim', 'claim_object'])).toEqual(before);
    });

    test('delete: claims about an organization or naming it would cascade with it, so they refuse the delete', async ({
      keys: { editor, admin },
    }) => {
      await mutate(editor, 'create', 'Organization', {
        ...input,
        slug: 'claimed-lab',
        sources: [{ source: 'ai2-blog' }],
      });
      const id = await rowId(db(), 'organization', 'claimed-lab');
      const source = await rowId(db(), 'source', 'ai2-blog');
      await rows(
        db(),
        sql`insert into claim (slug, source_id, ordinal, statement, predicate, subject_organization_id)
        values ('claimed-lab-claim', ${source}, 9001, 'Claimed Lab developed things.', 'developed', ${id})`,
      );
      const claimId = await rowId(db(), 'claim', 'claimed-lab-claim');
      await rows(
        db(),
        sql`insert into claim_object (claim_id, position, organization_id) values (${claimId}, 1, ${id})`,
      );
      const before = await counts(db(), [...tables.Organization, 'claim', 'claim_object']);
      expect(await mutate(admin, 'delete', 'Organization', { where: { slug: 'claimed-lab' } })).toEqual(
        conflict(
          'Organization claimed-lab has 1 claim about it and 1 claim naming it; delete or move them first (or merge)',
          ['input', 'where'],
        ),
      );
      expect(await counts(db(), [...tables.Organization, 'claim', 'claim_object'])).toEqual(before);
    });

    test('rollback: a create whose second source is unknown writes nothing', async ({ keys: { editor } }) => {
      const before = await counts(db(), tables.Organization);
      expect(
        await mutate(editor, 'create', 'Organization', {
          ...input,
          slug: 'rolled-back-lab',
          sources: [{ source: 't3-card' }, { source: 'no-such-source' }],
        }),
      ).toEqual(notFound('Source', 'slug', 'no-such-source', ['input', 'sources', '1']));
      expect(await counts(db(), tables.Organization)).toEqual(before);
    });

    test('delete: admin removes an unreferenced organization and its source links', async ({
      keys: { admin, adminActor },
    }) => {
      const id = await rowId(db(), 'organization', 'example-lab');
      const since = await lastChange(db());
      expect(await mutate(admin, 'delete', 'Organization', { where: { slug: 'example-lab' } })).toEqual({
        __typename: 'DeletePayload',
        deletedId: globalId('Organization', id),
      });
      await expectNotReadable('Organization', 'example-lab');
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [adminActor, 'deleteOrganization', 'organization', 'delete'],
        [adminActor, 'deleteOrganization', 'organization_source', 'delete'],
      ]);
      expect(await mutate(admin, 'delete', 'Organization', { where: { slug: 'example-lab' } })).toEqual(
        notFound('Organization', 'slug', 'example-lab', ['input', 'where', 'slug']),
      );
    });
  });

  describe('sources', () => {
    const input = {
      slug: 'example-paper',
      url: 'https://example.org/paper.pdf',
      title: 'An Example Paper',
      publisher: 'arXiv',
      kind: 'PAPER',
      primary: true,
      publishedOn: '2025-02-03',
      notes: 'Read in full.',
    };

    test('create, then update (clearing fields), with the trail', async ({ keys: { editor, editorActor } }) => {
      const since = await lastChange(db());
      const id = await createAndCheck('Source', input, {
        slug: 'example-paper',
        url: 'https://example.org/paper.pdf',
        title: 'An Example Paper',
        publisher: 'arXiv',
        kind: 'PAPER',
        primary: true,
        publishedOn: '2025-02-03',
        notes: 'Read in full.',
      });
      const minimal = await createAndCheck(
        'Source',
        { slug: 'example-note', title: 'A note', kind: 'WEBPAGE', primary: false },
        {
          slug: 'example-note',
          url: null,
          title: 'A note',
          publisher: null,
          kind: 'WEBPAGE',
          primary: false,
          publishedOn: null,
          notes: '',
        },
      );
      expect(minimal).toBe(id + 1);
      const updated = {
        id: globalId('Source', id),
        slug: 'example-paper-v2',
        url: null,
        title: 'An Example Paper (v2)',
        publisher: null,
        kind: 'PAPER',
        primary: false,
        publishedOn: '2025-03-01',
        notes: 'Read in full.',
      };
      expect(
        await mutate(editor, 'update', 'Source', {
          where: { slug: 'example-paper' },
          slug: 'example-paper-v2',
          url: null,
          title: 'An Example Paper (v2)',
          publisher: null,
          primary: false,
          publishedOn: '2025-03-01',
        }),
      ).toEqual({ __typename: 'SourcePayload', source: updated });
      expect(await read('Source', 'example-paper-v2')).toEqual(updated);
      expect(await changesSince(db(), since)).toEqual([
        [editorActor, 'createSource', 'source', 'insert'],
        [editorActor, 'createSource', 'source', 'insert'],
        [editorActor, 'updateSource', 'source', 'update'],
      ]);
    });

    test('validation, not found, conflicts (slug and URL)', async ({ keys: { editor } }) => {
      const before = await counts(db(), tables.Source);
      expect(
        await mutate(editor, 'create', 'Source', {
          ...input,
          slug: 'x_y',
          url: 'example.org',
          title: '',
          publishedOn: '2025-02-30',
        }),
      ).toEqual(
        validation(
          [['input', 'slug'], 'a slug is lower-case letters and digits separated by "-" or "."'],
          [['input', 'url'], 'must be an http:// or https:// URL'],
          [['input', 'title'], 'must not be empty'],
          [['input', 'publishedOn'], 'must be a calendar date as YYYY-MM-DD'],
        ),
      );
      expect(await mutate(editor, 'update', 'Source', { where: { slug: 't3-card' }, primary: null })).toEqual(
        validation([['input', 'primary'], 'Invalid input: expected boolean, received null']),
      );
      expect(await mutate(editor, 'create', 'Source', { ...input, slug: 't3-card', url: null })).toEqual(
        conflict('A source with slug "t3-card" already exists.', ['input', 'slug']),
      );
      expect(
        await mutate(editor, 'create', 'Source', {
          ...input,
          slug: 'another-t3-card',
          url: 'https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B',
        }),
      ).toEqual(
        conflict('Source t3-card already has the URL "https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B".', [
          'input',
          'url',
        ]),
      );
      expect(
        await mutate(editor, 'update', 'Source', {
          where: { slug: 'ai2-blog' },
          url: 'https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B',
        }),
      ).toEqual(
        conflict('Source t3-card already has the URL "https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B".', [
          'input',
          'url',
        ]),
      );
      // Its own URL is no conflict.
      expect(
        await mutate(editor, 'update', 'Source', {
          where: { slug: 't3-card' },
          url: 'https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B',
        }),
      ).toMatchObject({ __typename: 'SourcePayload' });
      // Only that last update wrote (its updatedAt): one audit row.
      expect(await counts(db(), tables.Source)).toEqual({ ...before, change: Number(before.change) + 1 });
    });

    test('delete: refused while anything refers to the source, saying what; then allowed', async ({
      keys: { admin, adminActor },
    }) => {
      expect(await mutate(admin, 'delete', 'Source', { where: { slug: 't3-card' } })).toEqual(
        conflict(
          'Source t3-card has 84 benchmark results, 5 lineage edges, 5 technique uses, 4 developer credits, 3 model language links, 4 model tasks, 2 organizations it backs, 4 models it backs and 13 datasets it backs; delete or move them first (or merge)',
          ['input', 'where'],
        ),
      );
      expect(await mutate(admin, 'delete', 'Source', { where: { slug: 'l31-license' } })).toEqual(
        conflict(
          'Source l31-license has 1 license citing it and 2 models it backs; delete or move them first (or merge)',
          ['input', 'where'],
        ),
      );
      for (const [slug, referrers] of [
        ['article', '22 claims'],
        ['ppo-paper', '1 technique it backs and 1 technique it introduced'],
        ['gsm8k-paper', '1 dataset it backs and 1 dataset it introduced'],
      ]) {
        expect(await mutate(admin, 'delete', 'Source', { where: { slug } })).toEqual(
          conflict(`Source ${slug} has ${referrers}; delete or move them first (or merge)`, ['input', 'where']),
        );
      }
      const id = await rowId(db(), 'source', 'example-note');
      const since = await lastChange(db());
      expect(await mutate(admin, 'delete', 'Source', { where: { id: globalId('Source', id) } })).toEqual({
        __typename: 'DeletePayload',
        deletedId: globalId('Source', id),
      });
      await expectNotReadable('Source', 'example-note');
      expect(await changesSince(db(), since)).toEqual([[adminActor, 'deleteSource', 'source', 'delete']]);
    });
  });

  describe('licenses', () => {
    const input = {
      slug: 'example-license',
      spdxId: 'Example-1.0',
      name: 'Example License 1.0',
      category: 'PERMISSIVE',
      osiApproved: true,
      url: 'https://example.org/license',
      description: 'A license for tests.',
      source: 'ai2-blog',
    };

    test('create, then update (clearing the source and the SPDX id), with the trail', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const id = await createAndCheck('License', input, {
        slug: 'example-license',
        spdxId: 'Example-1.0',
        name: 'Example License 1.0',
        category: 'PERMISSIVE',
        osiApproved: true,
        url: 'https://example.org/license',
        description: 'A license for tests.',
        source: { slug: 'ai2-blog' },
      });
      const updated = {
        id: globalId('License', id),
        slug: 'example-license',
        spdxId: null,
        name: 'Example License 1.0',
        category: 'NON_COMMERCIAL',
        osiApproved: false,
        url: 'https://example.org/license',
        description: 'A license for tests.',
        source: null,
      };
      expect(
        await mutate(editor, 'update', 'License', {
          where: { slug: 'example-license' },
          spdxId: null,
          category: 'NON_COMMERCIAL',
          osiApproved: false,
          source: null,
        }),
      ).toEqual({ __typename: 'LicensePayload', license: updated });
      expect(await read('License', 'example-license')).toEqual(updated);
      expect(await changesSince(db(), since)).toEqual([
        [editorActor, 'createLicense', 'license', 'insert'],
        [editorActor, 'updateLicense', 'license', 'update'],
      ]);
    });

    test('only a permissive or copyleft license can be OSI-approved, checked against the stored license', async ({
      keys: { editor },
    }) => {
      const before = await counts(db(), tables.License);
      expect(
        await mutate(editor, 'create', 'License', { ...input, slug: 'osi-restrictive', category: 'RESTRICTIVE' }),
      ).toEqual(
        validation([
          ['input', 'osiApproved'],
          'only a permissive or copyleft license can be OSI-approved (category restrictive, osiApproved true)',
        ]),
      );
      // mit is OSI-approved: changing only its category breaks the rule, at "category".
      expect(await mutate(editor, 'update', 'License', { where: { slug: 'mit' }, category: 'PROPRIETARY' })).toEqual(
        validation([
          ['input', 'category'],
          'only a permissive or copyleft license can be OSI-approved (category proprietary, osiApproved true)',
        ]),
      );
      // proprietary is not: approving it breaks the rule, at "osiApproved".
      expect(await mutate(editor, 'update', 'License', { where: { slug: 'proprietary' }, osiApproved: true })).toEqual(
        validation([
          ['input', 'osiApproved'],
          'only a permissive or copyleft license can be OSI-approved (category proprietary, osiApproved true)',
        ]),
      );
      expect(
        await mutate(editor, 'create', 'License', { ...input, slug: 'bad-spdx', spdxId: 'Not SPDX', url: 'mailto:x' }),
      ).toEqual(
        validation(
          [['input', 'spdxId'], 'an SPDX identifier is letters, digits, ".", "-" and "+" (e.g. Apache-2.0)'],
          [['input', 'url'], 'must be an http:// or https:// URL'],
        ),
      );
      expect(await counts(db(), tables.License)).toEqual(before);
    });

    test('not found, conflicts and delete', async ({ keys: { editor, admin, adminActor } }) => {
      expect(
        await mutate(editor, 'create', 'License', { ...input, slug: 'unsourced', spdxId: null, source: 'nope' }),
      ).toEqual(notFound('Source', 'slug', 'nope', ['input', 'source']));
      expect(await mutate(editor, 'create', 'License', { ...input, slug: 'mit', spdxId: null })).toEqual(
        conflict('A license with slug "mit" already exists.', ['input', 'slug']),
      );
      expect(await mutate(editor, 'update', 'License', { where: { slug: 'example-license' }, spdxId: 'MIT' })).toEqual(
        conflict('License mit already has the SPDX identifier "MIT".', ['input', 'spdxId']),
      );
      expect(await mutate(admin, 'delete', 'License', { where: { slug: 'mit' } })).toEqual(
        conflict('License mit has 5 datasets under it; delete or move them first (or merge)', ['input', 'where']),
      );
      const id = await rowId(db(), 'license', 'example-license');
      const since = await lastChange(db());
      expect(await mutate(admin, 'delete', 'License', { where: { slug: 'example-license' } })).toEqual({
        __typename: 'DeletePayload',
        deletedId: globalId('License', id),
      });
      await expectNotReadable('License', 'example-license');
      expect(await changesSince(db(), since)).toEqual([[adminActor, 'deleteLicense', 'license', 'delete']]);
    });
  });

  describe('metrics', () => {
    const input = {
      slug: 'example-score',
      name: 'Example score',
      description: 'A score for tests.',
      unit: 'points',
      higherIsBetter: true,
      minValue: 0,
      maxValue: 10,
    };

    test('create, then update (an open upper bound), with the trail', async ({ keys: { editor, editorActor } }) => {
      const since = await lastChange(db());
      const id = await createAndCheck('Metric', input, {
        slug: 'example-score',
        name: 'Example score',
        description: 'A score for tests.',
        unit: 'points',
        higherIsBetter: true,
        minValue: 0,
        maxValue: 10,
      });
      const updated = {
        id: globalId('Metric', id),
        slug: 'example-score',
        name: 'Example score',
        description: 'A score for tests.',
        unit: 'points',
        higherIsBetter: false,
        minValue: -5.5,
        maxValue: null,
      };
      expect(
        await mutate(editor, 'update', 'Metric', {
          where: { slug: 'example-score' },
          higherIsBetter: false,
          minValue: -5.5,
          maxValue: null,
        }),
      ).toEqual({ __typename: 'MetricPayload', metric: updated });
      expect(await read('Metric', 'example-score')).toEqual(updated);
      expect(await changesSince(db(), since)).toEqual([
        [editorActor, 'createMetric', 'metric', 'insert'],
        [editorActor, 'updateMetric', 'metric', 'update'],
      ]);
    });

    test('minValue < maxValue, on the input and on the stored metric', async ({ keys: { editor } }) => {
      const before = await counts(db(), tables.Metric);
      expect(
        await mutate(editor, 'create', 'Metric', { ...input, slug: 'inverted', minValue: 10, maxValue: 10 }),
      ).toEqual(validation([['input', 'maxValue'], 'must be greater than minValue (10)']));
      expect(await mutate(editor, 'update', 'Metric', { where: { slug: 'accuracy' }, minValue: 100 })).toEqual(
        validation([['input', 'minValue'], 'must be less than maxValue (100)']),
      );
      expect(await mutate(editor, 'create', 'Metric', { ...input, slug: 'Bad', name: '', unit: ' ' })).toEqual(
        validation(
          [['input', 'slug'], 'a slug is lower-case letters and digits separated by "-" or "."'],
          [['input', 'name'], 'must not be empty'],
          [['input', 'unit'], 'must not be empty'],
        ),
      );
      expect(
        await mutate(editor, 'update', 'Metric', { where: { slug: 'f1' }, higherIsBetter: null, unit: null }),
      ).toEqual(
        validation(
          [['input', 'unit'], 'Invalid input: expected string, received null'],
          [['input', 'higherIsBetter'], 'Invalid input: expected boolean, received null'],
        ),
      );
      expect(await counts(db(), tables.Metric)).toEqual(before);
    });

    test('a new range must hold every result in the metric: the error says how many fall outside', async ({
      keys: { editor },
    }) => {
      const [outside] = await rows(
        db(),
        sql`
        select count(*) filter (where value > 50)::int as above, count(*) filter (where value < 20)::int as below,
          max(value) as highest, min(value) as lowest
        from benchmark_result where metric_id = (select id from metric where slug = 'accuracy')`,
      );
      expect(outside).toEqual({ above: 86, below: 2, highest: 96.9, lowest: 5.8 });
      const before = await counts(db(), ['metric', 'benchmark_result', 'change']);
      expect(await mutate(editor, 'update', 'Metric', { where: { slug: 'accuracy' }, maxValue: 50 })).toEqual(
        validation([
          ['input', 'maxValue'],
          '86 benchmark results in accuracy would fall above 50 (the highest is 96.9); correct or delete them first',
        ]),
      );
      expect(
        await mutate(editor, 'update', 'Metric', { where: { slug: 'accuracy' }, minValue: 20, maxValue: 50 }),
      ).toEqual(
        validation(
          [
            ['input', 'minValue'],
            '2 benchmark results in accuracy would fall below 20 (the lowest is 5.8); correct or delete them first',
          ],
          [
            ['input', 'maxValue'],
            '86 benchmark results in accuracy would fall above 50 (the highest is 96.9); correct or delete them first',
          ],
        ),
      );
      expect(await counts(db(), ['metric', 'benchmark_result', 'change'])).toEqual(before);
      expect(await read('Metric', 'accuracy')).toMatchObject({ minValue: 0, maxValue: 100 });
      // A range that still holds them all is fine.
      expect(
        await mutate(editor, 'update', 'Metric', { where: { slug: 'accuracy' }, minValue: 5.8, maxValue: 96.9 }),
      ).toMatchObject({ __typename: 'MetricPayload', metric: { minValue: 5.8, maxValue: 96.9 } });
      await mutate(editor, 'update', 'Metric', { where: { slug: 'accuracy' }, minValue: 0, maxValue: 100 });
    });

    test('conflicts and delete', async ({ keys: { editor, admin, adminActor } }) => {
      expect(await mutate(editor, 'update', 'Metric', { where: { slug: 'example-score' }, slug: 'f1' })).toEqual(
        conflict('A metric with slug "f1" already exists.', ['input', 'slug']),
      );
      expect(await mutate(admin, 'delete', 'Metric', { where: { slug: 'exact-match' } })).toEqual(
        conflict(
          'Metric exact-match has 39 benchmark results and 4 datasets scored in it by default; delete or move them first (or merge)',
          ['input', 'where'],
        ),
      );
      const id = await rowId(db(), 'metric', 'example-score');
      const since = await lastChange(db());
      expect(await mutate(admin, 'delete', 'Metric', { where: { slug: 'example-score' } })).toEqual({
        __typename: 'DeletePayload',
        deletedId: globalId('Metric', id),
      });
      await expectNotReadable('Metric', 'example-score');
      expect(await changesSince(db(), since)).toEqual([[adminActor, 'deleteMetric', 'metric', 'delete']]);
    });
  });

  describe('techniques', () => {
    const input = {
      slug: 'example-po',
      name: 'Example Policy Optimization',
      aliases: ['EPO'],
      description: 'A PPO variant for tests.',
      kind: 'REINFORCEMENT_LEARNING',
      introducedYear: 2025,
      introducedBy: 'ppo-paper',
      parent: 'ppo',
      sources: [{ source: 'ppo-paper', notes: 'The base algorithm.' }, { source: 't3-paper' }],
    };

    test('create, then update (clear the parent and paper, replace the sources), with the trail', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const id = await createAndCheck('Technique', input, {
        slug: 'example-po',
        name: 'Example Policy Optimization',
        aliases: ['EPO'],
        description: 'A PPO variant for tests.',
        kind: 'REINFORCEMENT_LEARNING',
        introducedYear: 2025,
        introducedBy: { slug: 'ppo-paper' },
        parent: { slug: 'ppo' },
        // Attributions come in source order (t3-paper was stored before ppo-paper).
        attributions: [
          { source: { slug: 't3-paper' }, notes: null },
          { source: { slug: 'ppo-paper' }, notes: 'The base algorithm.' },
        ],
      });
      const updated = {
        id: globalId('Technique', id),
        slug: 'example-po',
        name: 'Example Policy Optimization',
        aliases: [],
        description: 'A PPO variant for tests.',
        kind: 'ALIGNMENT',
        introducedYear: null,
        introducedBy: null,
        parent: null,
        attributions: [{ source: { slug: 'deepseekmath-paper' }, notes: null }],
      };
      expect(
        await mutate(editor, 'update', 'Technique', {
          where: { slug: 'example-po' },
          aliases: [],
          kind: 'ALIGNMENT',
          introducedYear: null,
          introducedBy: null,
          parent: null,
          sources: [{ source: 'deepseekmath-paper' }],
        }),
      ).toEqual({ __typename: 'TechniquePayload', technique: updated });
      expect(await read('Technique', 'example-po')).toEqual(updated);
      expect(await changesSince(db(), since)).toEqual([
        [editorActor, 'createTechnique', 'technique', 'insert'],
        [editorActor, 'createTechnique', 'technique_source', 'insert'],
        [editorActor, 'createTechnique', 'technique_source', 'insert'],
        [editorActor, 'updateTechnique', 'technique', 'update'],
        [editorActor, 'updateTechnique', 'technique_source', 'delete'],
        [editorActor, 'updateTechnique', 'technique_source', 'delete'],
        [editorActor, 'updateTechnique', 'technique_source', 'insert'],
      ]);
      // Back under ppo for the next tests.
      await mutate(editor, 'update', 'Technique', { where: { slug: 'example-po' }, parent: 'ppo' });
    });

    test('parents never form a cycle', async ({ keys: { editor } }) => {
      const before = await counts(db(), tables.Technique);
      expect(await mutate(editor, 'update', 'Technique', { where: { slug: 'ppo' }, parent: 'ppo' })).toEqual(
        validation([['input', 'parent'], 'a technique cannot be its own parent']),
      );
      expect(await mutate(editor, 'update', 'Technique', { where: { slug: 'ppo' }, parent: 'grpo' })).toEqual(
        validation([
          ['input', 'parent'],
          'would make a cycle: ppo → grpo → ppo (a technique cannot be its own ancestor)',
        ]),
      );
      // Two levels: example-po is under ppo; grpo under example-po would be fine, ppo under example-po is not.
      expect(await mutate(editor, 'update', 'Technique', { where: { slug: 'ppo' }, parent: 'example-po' })).toEqual(
        validation([
          ['input', 'parent'],
          'would make a cycle: ppo → example-po → ppo (a technique cannot be its own ancestor)',
        ]),
      );
      expect(await counts(db(), tables.Technique)).toEqual(before);
    });

    test('validation, not found, conflicts and rollback', async ({ keys: { editor } }) => {
      const before = await counts(db(), tables.Technique);
      expect(
        await mutate(editor, 'create', 'Technique', {
          ...input,
          slug: 'old-technique',
          introducedYear: 1899,
          aliases: ['ok', ''],
          sources: [{ source: 'Not A Slug' }],
        }),
      ).toEqual(
        validation(
          [['input', 'aliases', '1'], 'must not be empty'],
          [['input', 'introducedYear'], 'must be between 1900 and 2100'],
          [['input', 'sources', '0', 'source'], 'a slug is lower-case letters and digits separated by "-" or "."'],
        ),
      );
      expect(await mutate(editor, 'create', 'Technique', { ...input, slug: 'orphan', parent: 'nope' })).toEqual(
        notFound('Technique', 'slug', 'nope', ['input', 'parent']),
      );
      expect(
        await mutate(editor, 'create', 'Technique', { ...input, slug: 'unsourced', introducedBy: 'nope' }),
      ).toEqual(notFound('Source', 'slug', 'nope', ['input', 'introducedBy']));
      // The technique row is inserted before the sources fail: the whole write rolls back.
      expect(
        await mutate(editor, 'create', 'Technique', {
          ...input,
          slug: 'half-sourced',
          sources: [{ source: 'ppo-paper' }, { source: 'no-such-source' }],
        }),
      ).toEqual(notFound('Source', 'slug', 'no-such-source', ['input', 'sources', '1']));
      expect(await mutate(editor, 'create', 'Technique', { ...input, slug: 'dpo' })).toEqual(
        conflict('A technique with slug "dpo" already exists.', ['input', 'slug']),
      );
      expect(await counts(db(), tables.Technique)).toEqual(before);
    });

    test('delete: refused while used, specialized or named by a claim; then allowed', async ({
      keys: { admin, adminActor },
    }) => {
      expect(await mutate(admin, 'delete', 'Technique', { where: { slug: 'ppo' } })).toEqual(
        conflict('Technique ppo has 1 model use and 2 specializations; delete or move them first (or merge)', [
          'input',
          'where',
        ]),
      );
      expect(await mutate(admin, 'delete', 'Technique', { where: { slug: 'dpo' } })).toEqual(
        conflict('Technique dpo has 2 model uses and 1 claim naming it; delete or move them first (or merge)', [
          'input',
          'where',
        ]),
      );
      const id = await rowId(db(), 'technique', 'example-po');
      const since = await lastChange(db());
      expect(await mutate(admin, 'delete', 'Technique', { where: { slug: 'example-po' } })).toEqual({
        __typename: 'DeletePayload',
        deletedId: globalId('Technique', id),
      });
      await expectNotReadable('Technique', 'example-po');
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [adminActor, 'deleteTechnique', 'technique', 'delete'],
        [adminActor, 'deleteTechnique', 'technique_source', 'delete'],
      ]);
    });
  });

  describe('datasets', () => {
    const input = {
      slug: 'example-bench',
      name: 'ExampleBench',
      aliases: ['EB'],
      description: 'A benchmark for tests.',
      benchmark: true,
      trainingData: false,
      domains: ['MATH', 'REASONING'],
      size: '500 problems',
      exampleCount: 500,
      defaultMetric: 'exact-match',
      defaultSetting: '0-shot',
      license: 'mit',
      licenseNotes: 'Code and data.',
      creators: 'The test suite',
      creatorOrganizations: ['openai', 'meta'],
      introducedYear: 2025,
      paper: 'gsm8k-paper',
      parent: 'gsm8k',
      huggingfaceId: 'example/example-bench',
      homepage: 'https://example.org/bench',
      sources: [{ source: 'gsm8k-paper', notes: 'The parent’s paper.' }],
    };

    test('create, then update (clear references, replace creators and sources), with the trail', async ({
      keys: { editor, editorActor },
    }) => {
      const since = await lastChange(db());
      const id = await createAndCheck('Dataset', input, {
        slug: 'example-bench',
        name: 'ExampleBench',
        aliases: ['EB'],
        description: 'A benchmark for tests.',
        benchmark: true,
        trainingData: false,
        domains: ['MATH', 'REASONING'],
        size: '500 problems',
        exampleCount: 500,
        defaultMetric: { slug: 'exact-match' },
        defaultSetting: '0-shot',
        license: { slug: 'mit' },
        licenseNotes: 'Code and data.',
        creators: 'The test suite',
        creatorOrganizations: [{ slug: 'meta' }, { slug: 'openai' }],
        introducedYear: 2025,
        paper: { slug: 'gsm8k-paper' },
        parent: { slug: 'gsm8k' },
        huggingfaceId: 'example/example-bench',
        homepage: 'https://example.org/bench',
        attributions: [{ source: { slug: 'gsm8k-paper' }, notes: 'The parent’s paper.' }],
      });
      const updated = {
        id: globalId('Dataset', id),
        slug: 'example-bench',
        name: 'ExampleBench',
        aliases: ['EB'],
        description: 'A benchmark for tests.',
        benchmark: false,
        trainingData: true,
        domains: ['CODE'],
        size: null,
        exampleCount: null,
        defaultMetric: null,
        defaultSetting: null,
        license: null,
        licenseNotes: null,
        creators: null,
        creatorOrganizations: [{ slug: 'google' }, { slug: 'openai' }],
        introducedYear: null,
        paper: null,
        parent: null,
        huggingfaceId: null,
        homepage: null,
        attributions: [{ source: { slug: 'gsm8k-paper' }, notes: null }],
      };
      expect(
        await mutate(editor, 'update', 'Dataset', {
          where: { slug: 'example-bench' },
          benchmark: false,
          trainingData: true,
          domains: ['CODE'],
          size: null,
          exampleCount: null,
          defaultMetric: null,
          defaultSetting: null,
          license: null,
          licenseNotes: null,
          creators: null,
          creatorOrganizations: ['openai', 'google'],
          introducedYear: null,
          paper: null,
          parent: null,
          huggingfaceId: null,
          homepage: null,
          sources: [{ source: 'gsm8k-paper' }],
        }),
      ).toEqual({ __typename: 'DatasetPayload', dataset: updated });
      expect(await read('Dataset', 'example-bench')).toEqual(updated);
      expect(await changesSince(db(), since)).toEqual([
        [editorActor, 'createDataset', 'dataset', 'insert'],
        [editorActor, 'createDataset', 'dataset_creator', 'insert'],
        [editorActor, 'createDataset', 'dataset_creator', 'insert'],
        [editorActor, 'createDataset', 'dataset_source', 'insert'],
        [editorActor, 'updateDataset', 'dataset', 'update'],
        [editorActor, 'updateDataset', 'dataset_creator', 'delete'],
        [editorActor, 'updateDataset', 'dataset_creator', 'insert'],
        [editorActor, 'updateDataset', 'dataset_source', 'update'],
      ]);
      // Back under gsm8k, a benchmark again, for the next tests.
      await mutate(editor, 'update', 'Dataset', { where: { slug: 'example-bench' }, parent: 'gsm8k', benchmark: true });
    });

    test('validation: role, domains, counts, years, ids, URLs, lists', async ({ keys: { editor } }) => {
      const before = await counts(db(), tables.Dataset);
      expect(
        await mutate(editor, 'create', 'Dataset', {
          ...input,
          slug: 'bad-dataset',
          domains: [],
          exampleCount: 0,
          introducedYear: 2101,
          huggingfaceId: 'not an id',
          homepage: 'ftp://example.org',
          size: '  ',
          creatorOrganizations: ['openai', 'meta', 'openai'],
        }),
      ).toEqual(
        validation(
          [['input', 'domains'], 'name at least one domain'],
          [['input', 'size'], 'must not be empty'],
          [['input', 'exampleCount'], 'must be greater than zero'],
          [['input', 'creatorOrganizations', '2'], 'organization "openai" is already listed (at 0)'],
          [['input', 'introducedYear'], 'must be between 1900 and 2100'],
          [['input', 'huggingfaceId'], 'must be a Hugging Face dataset id such as "owner/name"'],
          [['input', 'homepage'], 'must be an http:// or https:// URL'],
        ),
      );
      expect(
        await mutate(editor, 'create', 'Dataset', {
          ...input,
          slug: 'no-role',
          benchmark: false,
          domains: ['MATH', 'MATH'],
        }),
      ).toEqual(validation([['input', 'domains', '1'], 'domain MATH is already listed (at 0)']));
      expect(
        await mutate(editor, 'create', 'Dataset', { ...input, slug: 'no-role', benchmark: false, huggingfaceId: null }),
      ).toEqual(
        validation([
          ['input', 'trainingData'],
          'a dataset is a benchmark, training data or both: benchmark and trainingData cannot both be false',
        ]),
      );
      // gsm8k is a benchmark and not training data: turning off "benchmark" alone breaks the rule there.
      expect(await mutate(editor, 'update', 'Dataset', { where: { slug: 'gsm8k' }, benchmark: false })).toEqual(
        validation([
          ['input', 'benchmark'],
          'a dataset is a benchmark, training data or both: benchmark and trainingData cannot both be false',
        ]),
      );
      expect(await counts(db(), tables.Dataset)).toEqual(before);
    });

    test('parents never form a cycle', async ({ keys: { editor } }) => {
      expect(await mutate(editor, 'update', 'Dataset', { where: { slug: 'gsm8k' }, parent: 'gsm8k' })).toEqual(
        validation([['input', 'parent'], 'a dataset cannot be its own parent']),
      );
      expect(
        await mutate(editor, 'update', 'Dataset', { where: { slug: 'humaneval' }, parent: 'humaneval-plus' }),
      ).toEqual(
        validation([
          ['input', 'parent'],
          'would make a cycle: humaneval → humaneval-plus → humaneval (a dataset cannot be its own ancestor)',
        ]),
      );
      expect(await mutate(editor, 'update', 'Dataset', { where: { slug: 'gsm8k' }, parent: 'example-bench' })).toEqual(
        validation([
          ['input', 'parent'],
          'would make a cycle: gsm8k → example-bench → gsm8k (a dataset cannot be its own ancestor)',
        ]),
      );
      expect((await read('Dataset', 'gsm8k')).parent).toBeNull();
    });

    test('not found, conflicts and rollback', async ({ keys: { editor } }) => {
      const before = await counts(db(), tables.Dataset);
      const create = (changes: Row) =>
        mutate(editor, 'create', 'Dataset', { ...input, huggingfaceId: null, ...changes });
      expect(await create({ slug: 'd1', defaultMetric: 'nope' })).toEqual(
        notFound('Metric', 'slug', 'nope', ['input', 'defaultMetric']),
      );
      expect(await create({ slug: 'd2', license: 'nope' })).toEqual(
        notFound('License', 'slug', 'nope', ['input', 'license']),
      );
      expect(await create({ slug: 'd3', paper: 'nope' })).toEqual(
        notFound('Source', 'slug', 'nope', ['input', 'paper']),
      );
      expect(await create({ slug: 'd4', parent: 'nope' })).toEqual(
        notFound('Dataset', 'slug', 'nope', ['input', 'parent']),
      );
      // The dataset row is written before the creators fail, and both before the sources fail: all roll back.
      expect(await create({ slug: 'd5', creatorOrganizations: ['openai', 'nope'] })).toEqual(
        notFound('Organization', 'slug', 'nope', ['input', 'creatorOrganizations', '1']),
      );
      expect(await create({ slug: 'd6', sources: [{ source: 'gsm8k-paper' }, { source: 'no-such-source' }] })).toEqual(
        notFound('Source', 'slug', 'no-such-source', ['input', 'sources', '1']),
      );
      expect(await create({ slug: 'gsm8k' })).toEqual(
        conflict('A dataset with slug "gsm8k" already exists.', ['input', 'slug']),
      );
      expect(await create({ slug: 'mmlu-copy', huggingfaceId: 'cais/mmlu' })).toEqual(
        conflict('Dataset mmlu already has the Hugging Face id "cais/mmlu".', ['input', 'huggingfaceId']),
      );
      expect(await counts(db(), tables.Dataset)).toEqual(before);
    });

    test('delete: refused while results, training uses, subsets or claims refer to it; then allowed', async ({
      keys: { admin, adminActor },
    }) => {
      expect(await mutate(admin, 'delete', 'Dataset', { where: { slug: 'gsm8k' } })).toEqual(
        conflict(
          'Dataset gsm8k has 10 benchmark results, 1 subset and 1 claim naming it; delete or move them first (or merge)',
          ['input', 'where'],
        ),
      );
      expect(await mutate(admin, 'delete', 'Dataset', { where: { slug: 'humaneval' } })).toEqual(
        conflict(
          'Dataset humaneval has 16 benchmark results, 1 subset and 1 claim naming it; delete or move them first (or merge)',
          ['input', 'where'],
        ),
      );
      expect(await mutate(admin, 'delete', 'Dataset', { where: { slug: 'tulu-3-sft-mixture' } })).toEqual(
        conflict('Dataset tulu-3-sft-mixture has 4 training uses; delete or move them first (or merge)', [
          'input',
          'where',
        ]),
      );
      // The same counts, read through the query API.
      const gsm8k = await expectData(
        backend().app,
        '{ dataset(slug: "gsm8k") { results { totalCount } subsets { slug } claimsMentioning { slug } } }',
      );
      expect(gsm8k.dataset.results.totalCount).toBe(10);
      expect(gsm8k.dataset.subsets).toEqual([{ slug: 'example-bench' }]);
      expect(gsm8k.dataset.claimsMentioning).toHaveLength(1);
      const id = await rowId(db(), 'dataset', 'example-bench');
      const since = await lastChange(db());
      expect(await mutate(admin, 'delete', 'Dataset', { where: { slug: 'example-bench' } })).toEqual({
        __typename: 'DeletePayload',
        deletedId: globalId('Dataset', id),
      });
      await expectNotReadable('Dataset', 'example-bench');
      expect(await changesSince(db(), since, { sorted: true })).toEqual([
        [adminActor, 'deleteDataset', 'dataset', 'delete'],
        [adminActor, 'deleteDataset', 'dataset_creator', 'delete'],
        [adminActor, 'deleteDataset', 'dataset_creator', 'delete'],
        [adminActor, 'deleteDataset', 'dataset_source', 'delete'],
      ]);
    });
  });

  describe('every entity: roles, lookups, conflicts, delete', () => {
    const creates: Record<Entity, Row> = {
      Organization: { slug: 'auth-org', name: 'Auth', kind: 'COMPANY', sources: [{ source: 't3-card' }] },
      Source: { slug: 'auth-source', title: 'Auth', kind: 'BLOG', primary: false },
      License: { slug: 'auth-license', name: 'Auth', category: 'PROPRIETARY', osiApproved: false },
      Metric: { slug: 'auth-metric', name: 'Auth', unit: 'points', higherIsBetter: true },
      Technique: { slug: 'auth-technique', name: 'Auth', kind: 'DATA', sources: [{ source: 't3-card' }] },
      Dataset: {
        slug: 'auth-dataset',
        name: 'Auth',
        benchmark: true,
        trainingData: false,
        domains: ['CHAT'],
        sources: [{ source: 't3-card' }],
      },
    };
    const existing: Record<Entity, string> = {
      Organization: 'sakana-ai',
      Source: 'ai2-blog',
      License: 'cc-by-nc-4.0',
      Metric: 'f1',
      Technique: 'gqa',
      Dataset: 'popqa',
    };
    const entities = Object.keys(creates) as Entity[];
    /** A field each update may change (a source has a title, the others a name). */
    const rename = (type: Entity): Row => (type === 'Source' ? { title: 'Renamed' } : { name: 'Renamed' });

    test.for(entities)(
      '%s: unknown slugs and IDs are NotFound, a taken slug a Conflict, a locator must be one ID of the type',
      async (type, { keys: { editor, admin } }) => {
        const noun = field(type).toLowerCase();
        const before = await counts(db(), tables[type]);
        expect(await mutate(editor, 'update', type, { where: { slug: 'nope' }, ...rename(type) })).toEqual(
          notFound(type, 'slug', 'nope', ['input', 'where', 'slug']),
        );
        expect(await mutate(editor, 'update', type, { where: { id: globalId(type, 99999) } })).toEqual(
          notFound(type, 'id', '99999', ['input', 'where', 'id']),
        );
        expect(await mutate(admin, 'delete', type, { where: { slug: 'nope' } })).toEqual(
          notFound(type, 'slug', 'nope', ['input', 'where', 'slug']),
        );
        expect(
          await mutate(editor, 'update', type, { where: { slug: existing[type], id: globalId(type, 1) } }),
        ).toEqual(validation([['input', 'where'], `give exactly one of "id" and "slug" of the ${type}`]));
        expect(await mutate(editor, 'update', type, { where: { id: globalId('Model', 1) }, ...rename(type) })).toEqual(
          validation([['input', 'where', 'id'], `"${globalId('Model', 1)}" is not the ID of a ${type}`]),
        );
        expect(await mutate(editor, 'create', type, { ...creates[type], slug: existing[type] })).toEqual(
          conflict(`${/^[aeiou]/.test(noun) ? 'An' : 'A'} ${noun} with slug "${existing[type]}" already exists.`, [
            'input',
            'slug',
          ]),
        );
        expect(await counts(db(), tables[type])).toEqual(before);
      },
    );

    test.for(entities)(
      '%s: an admin deletes by global ID; the trail has it; then it is neither readable nor deletable',
      async (type, { keys: { editor, admin, adminActor } }) => {
        const slug = `short-lived-${field(type).toLowerCase()}`;
        expect(await mutate(editor, 'create', type, { ...creates[type], slug })).toMatchObject({
          __typename: `${type}Payload`,
        });
        const id = await rowId(db(), field(type).toLowerCase(), slug);
        const since = await lastChange(db());
        expect(await mutate(admin, 'delete', type, { where: { id: globalId(type, id) } })).toEqual({
          __typename: 'DeletePayload',
          deletedId: globalId(type, id),
        });
        await expectNotReadable(type, slug);
        const [table] = tables[type];
        expect((await changesSince(db(), since)).filter((change) => change[2] === table)).toEqual([
          [adminActor, `delete${type}`, table, 'delete'],
        ]);
        expect(await mutate(admin, 'delete', type, { where: { slug } })).toEqual(
          notFound(type, 'slug', slug, ['input', 'where', 'slug']),
        );
        expect(await mutate(editor, 'update', type, { where: { id: globalId(type, id) } })).toEqual(
          notFound(type, 'id', String(id), ['input', 'where', 'id']),
        );
      },
    );

    test.for(entities)('%s: anonymous writes are UNAUTHENTICATED, with data null, and change nothing', async (type) => {
      const before = await counts(db(), tables[type]);
      for (const [operation, input] of [
        ['create', creates[type]],
        ['update', { where: { slug: existing[type] }, name: 'Renamed' }],
        ['delete', { where: { slug: existing[type] } }],
      ] as const) {
        const patch = type === 'Source' && operation === 'update' ? { where: input.where, title: 'Renamed' } : input;
        const response = await execute(backend().app, document(operation, type), { input: patch });
        expect(response.status).toBe(200);
        expect(response.body.data).toBeNull();
        expect(response.body.errors).toHaveLength(1);
        expect(response.body.errors?.[0]?.extensions).toEqual({
          code: 'UNAUTHENTICATED',
          requiredRole: operation === 'delete' ? 'admin' : 'editor',
        });
        expect(response.body.errors?.[0]?.message).toBe(
          `Mutation.${operation}${type} needs the ${operation === 'delete' ? 'admin' : 'editor'} role; this request is anonymous. Send "Authorization: Bearer <API key or JWT>".`,
        );
      }
      expect(await counts(db(), tables[type])).toEqual(before);
    });

    test.for(entities)(
      '%s: an editor cannot delete (FORBIDDEN, nothing changes); an admin can create',
      async (type, { keys: { editor, admin, adminActor } }) => {
        const before = await counts(db(), tables[type]);
        const response = await executeAs(backend().app, editor, document('delete', type), {
          input: { where: { slug: existing[type] } },
        });
        expect(response.status).toBe(200);
        expect(response.body.data).toBeNull();
        expect(response.body.errors?.[0]?.extensions).toEqual({
          code: 'FORBIDDEN',
          requiredRole: 'admin',
          role: 'editor',
        });
        expect(response.body.errors?.[0]?.message).toBe(
          `Mutation.delete${type} needs the admin role; this API key has the editor role.`,
        );
        expect(await counts(db(), tables[type])).toEqual(before);
        const since = await lastChange(db());
        expect(await mutate(admin, 'create', type, creates[type])).toMatchObject({ __typename: `${type}Payload` });
        expect((await changesSince(db(), since))[0]).toEqual([adminActor, `create${type}`, tables[type][0], 'insert']);
      },
    );
  });
});
