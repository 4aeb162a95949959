/**
 * `Query.search` on the seed: ranking, accents, case, typos, words run together or split, types, limits, the
 * statements it costs, and that the candidate filter can use the trigram indexes of src/db/sql/20-search.sql.
 */
import { TransactionRollbackError, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { describeEachBackend } from './helpers/backends.ts';
import { expectData, expectErrors } from './helpers/graphql.ts';

type Hit = { type: string; name: string; slug: string; score: number; matchedField: string; matchedText: string };

const SEARCH = `query ($text: String!, $types: [SearchableType!], $first: Int) {
  search(text: $text, types: $types, first: $first) {
    totalCount
    exhaustive
    hits { type name slug score matchedField matchedText }
  }
}`;

describeEachBackend('search', (backend) => {
  const search = async (text: string, variables: Record<string, unknown> = {}) =>
    (await expectData(backend().app, SEARCH, { text, ...variables })).search as {
      totalCount: number;
      exhaustive: boolean;
      hits: Hit[];
    };

  test('"tulu 3" finds Tülu 3 405B first, then its checkpoints and the Tülu 3 datasets', async () => {
    const { hits, totalCount } = await search('tulu 3', { first: 8 });
    expect(hits.map((h) => [h.type, h.name, h.matchedField, h.score])).toEqual([
      ['MODEL', 'Tülu 3 405B', 'NAME', 0.7692],
      ['MODEL', 'Tülu 3 405B DPO', 'NAME', 0.7059],
      ['MODEL', 'Tülu 3 405B SFT', 'NAME', 0.7059],
      ['DATASET', 'Tülu 3 SFT mixture', 'NAME', 0.6842],
      ['DATASET', 'Tülu 3 Safety (6-task average)', 'SLUG', 0.675],
      ['DATASET', 'Tülu 3 average with safety', 'NAME', 0.6296],
      ['DATASET', 'Tülu 3 405B preference mix', 'NAME', 0.625],
      ['DATASET', 'Tülu 3 average without safety', 'NAME', 0.6167],
    ]);
    expect(hits[0]).toMatchObject({ slug: 'tulu-3-405b', matchedText: 'Tülu 3 405B' });
    expect(hits[4]).toMatchObject({ matchedText: 'tulu3-safety' });
    // The rest match through their descriptions ("... post-trained from Llama 3.1 405B into Tülu 3 ...").
    expect(totalCount).toBe(16);
  });

  test('"Tulu3", "TULU 3" and "Tülu 3" rank exactly as "tulu 3": case, accents and word breaks do not matter', async () => {
    const reference = await search('tulu 3');
    for (const text of ['Tulu3', 'TULU 3', 'Tülu 3', '  tülu-3 ']) {
      expect(await search(text), text).toEqual(reference);
    }
    expect(reference.hits[0]?.name).toBe('Tülu 3 405B');
  });

  test('"deepsek" (a typo) finds the organization DeepSeek first, then DeepSeek-V3', async () => {
    const { hits } = await search('deepsek');
    expect(hits.slice(0, 4).map((h) => [h.type, h.name, h.matchedField])).toEqual([
      ['ORGANIZATION', 'DeepSeek', 'NAME'],
      ['MODEL', 'DeepSeek-V3', 'NAME'],
      ['TECHNIQUE', 'DeepSeekMoE', 'NAME'],
      ['MODEL', 'DeepSeek-V3-Base', 'NAME'],
    ]);
  });

  test('"lama 3.1" finds the Llama 3.1 models, by name or by alias', async () => {
    const { hits } = await search('lama 3.1', { types: ['MODEL'] });
    expect(hits[0]).toMatchObject({ name: 'Llama 3.1 405B', matchedField: 'NAME' });
    const byName = Object.fromEntries(hits.map((h) => [h.name, h]));
    expect(byName['Llama 3.1 405B Instruct']).toMatchObject({ matchedField: 'NAME' });
    expect(byName['Tülu 3 405B']).toMatchObject({ matchedField: 'ALIAS', matchedText: 'Llama-3.1-Tulu-3-405B' });
    expect(hits.every((h) => h.type === 'MODEL')).toBe(true);
  });

  test('"mistral" finds Mistral AI (its alias "Mistral" is an exact match) and Mistral Small 3', async () => {
    const { hits } = await search('mistral', { first: 3 });
    expect(hits.map((h) => [h.type, h.name, h.matchedField, h.matchedText, h.score])).toEqual([
      ['ORGANIZATION', 'Mistral AI', 'ALIAS', 'Mistral', 1],
      ['MODEL', 'Mistral Small 3', 'NAME', 'Mistral Small 3', 0.75],
      ['MODEL', 'Mistral Small 3 Base', 'NAME', 'Mistral Small 3 Base', 0.6905],
    ]);
  });

  test('words typed together match names that separate them ("tinyswallow", "gpt4o")', async () => {
    expect((await search('tinyswallow')).hits[0]).toMatchObject({ name: 'TinySwallow-1.5B', score: 0.8333 });
    expect((await search('gpt4o')).hits.slice(0, 2).map((h) => [h.name, h.score])).toEqual([
      ['GPT-4o', 1],
      ['GPT-4o mini', 0.8077],
    ]);
  });

  test('descriptions match at half weight, and say so', async () => {
    const { hits } = await search('Seattle');
    expect(hits[0]).toMatchObject({
      type: 'ORGANIZATION',
      name: 'Allen Institute for AI',
      matchedField: 'DESCRIPTION',
    });
    expect(hits[0]!.score).toBe(0.5);
    expect(hits[0]!.matchedText).toContain('Seattle');
  });

  test('types restrict the hits; sources are searched only when asked for', async () => {
    const datasets = await search('tulu 3', { types: ['DATASET'], first: 100 });
    expect(datasets.hits.every((h) => h.type === 'DATASET')).toBe(true);
    expect(datasets.totalCount).toBe(datasets.hits.length);
    expect((await search('tulu 3', { first: 100 })).hits.some((h) => h.type === 'SOURCE')).toBe(false);
    const sources = await search('tulu 3 technical report', { types: ['SOURCE'], first: 3 });
    expect(sources.hits.length).toBeGreaterThan(0);
    expect(sources.hits.every((h) => h.type === 'SOURCE')).toBe(true);
  });

  test('nothing found is an empty list, not an error', async () => {
    expect(await search('zzqxv')).toEqual({ totalCount: 0, exhaustive: true, hits: [] });
  });

  test('each hit loads its entity through the Node interface', async () => {
    const data = await expectData(
      backend().app,
      `{ search(text: "mistral", first: 2) { hits { entityId entity { id ... on Organization { country } ... on Model { parameterCount organization { slug } } } } } }`,
    );
    expect(data.search.hits).toEqual([
      { entityId: expect.any(String), entity: { id: data.search.hits[0].entityId, country: 'FR' } },
      {
        entityId: expect.any(String),
        entity: { id: data.search.hits[1].entityId, parameterCount: 24000000000, organization: { slug: 'mistral-ai' } },
      },
    ]);
  });

  test('a word in too many descriptions: the first 100 description matches per type are ranked, and it says so', async () => {
    const { db } = backend().database;
    await db.execute(sql`insert into model (slug, name, open_weights, description)
      select 'cap-test-' || i, 'Test model ' || i, true, 'A model that mentions the quokka.'
      from generate_series(1, 102) as i`);
    try {
      const result = await search('quokka', { first: 3 });
      expect(result.exhaustive).toBe(false);
      expect(result.totalCount).toBe(101);
      expect(result.hits.map((h) => [h.matchedField, h.score])).toEqual([
        ['DESCRIPTION', 0.5],
        ['DESCRIPTION', 0.5],
        ['DESCRIPTION', 0.5],
      ]);
      expect((await search('mistral')).exhaustive).toBe(true);
    } finally {
      await db.execute(sql`delete from model where slug like 'cap-test-%'`);
    }
  });

  test('a name only the compact query matches is found, and past the names cap the first matches are ranked', async () => {
    // "quokkaisland" resembles no word of "Quokka Island 7" ("quokka", "island", "7"), only its compact form.
    const { db } = backend().database;
    const insert = (from: number, to: number, name: string) =>
      db.execute(sql`insert into model (slug, name, open_weights)
        select 'names-cap-' || i, ${name} || ' ' || i, true from generate_series(${from}::int, ${to}::int) as i`);
    try {
      await insert(1, 1, 'Quokka Island');
      expect(await search('quokkaisland', { types: ['MODEL'] })).toMatchObject({
        totalCount: 1,
        exhaustive: true,
        hits: [{ name: 'Quokka Island 1', matchedField: 'NAME' }],
      });
      // 1,002 names hold both words: the first 1,001 found (in storage order) are ranked, each once.
      await insert(2, 1002, 'Quokka Island');
      const capped = await search('quokka island', { types: ['MODEL'], first: 1 });
      expect(capped.exhaustive).toBe(false);
      expect(capped.totalCount).toBe(1001);
      expect(capped.hits[0]?.name).toMatch(/^Quokka Island \d+$/);
    } finally {
      await db.execute(sql`delete from model where slug like 'names-cap-%'`);
    }
  });

  test('a name matches when it holds every word of the text, or all but one of three with a typo or of four or more', async () => {
    const names = async (text: string) =>
      (await search(text, { types: ['MODEL'], first: 100 })).hits
        .filter((h) => h.matchedField !== 'DESCRIPTION')
        .map((h) => h.name);
    // Llama 3.1 405B and the Tülu 3 405B models (by their Llama-3.1 aliases) lack "3.3" and "70B".
    expect(await names('llama 3.3 70b')).toEqual(['Llama 3.3 70B']);
    expect(await names('gpt-4o mini')).toEqual(['GPT-4o mini']);
    // Five words: the name without "Instruct" holds the four others.
    expect((await names('Llama 3.1 405B Instruct')).slice(0, 2)).toEqual(['Llama 3.1 405B Instruct', 'Llama 3.1 405B']);
    // Three words may miss one that resembles no word of any name ("mistal", one letter off); two may not.
    expect((await names('mistal small 3')).slice(0, 2)).toEqual(['Mistral Small 3', 'Mistral Small 3 Base']);
    expect(await names('zzqxv 3')).toEqual([]);
  });

  test('a lone letter against digits is no word of its own: "b" matches no name, "v3" no name with a "3"', async () => {
    // Every "…B" model held the word "b" (its size, split from the digits): "b" matched every model name.
    expect(
      (await search('b', { types: ['MODEL'], first: 100 })).hits.every((h) => h.matchedField === 'DESCRIPTION'),
    ).toBe(true);
    const v3 = (await search('v3', { types: ['MODEL'], first: 100 })).hits.filter(
      (h) => h.matchedField !== 'DESCRIPTION',
    );
    expect(v3.map((h) => h.name)).toEqual(['DeepSeek-V3', 'DeepSeek-V3-Base']);
    // Written apart or together, the size is the same word.
    expect((await search('tulu 3 405 b', { first: 1 })).hits[0]?.name).toBe('Tülu 3 405B');
  });

  test.each([
    ['', 'text', '"text" must not be empty.'],
    ['   ', 'text', '"text" must not be empty.'],
    ['-- !', 'text', '"text" must contain a letter or a digit.'],
    ['x'.repeat(201), 'text', '"text" is 201 characters long, above the maximum of 200.'],
  ])('text %j is BAD_USER_INPUT', async (text, argument, message) => {
    const errors = await expectErrors(backend().app, SEARCH, { text });
    expect(errors[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', argument } });
  });

  test('200 characters are accepted', async () => {
    expect((await search(`mistral ${'x'.repeat(192)}`)).hits).toBeDefined();
  });

  test.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ types: [] }, 'types'],
  ])('%j is BAD_USER_INPUT', async (variables, argument) => {
    const errors = await expectErrors(backend().app, SEARCH, { text: 'mistral', ...variables });
    expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  test('one statement finds and ranks; entities cost one statement per type among the hits, whatever their number', async () => {
    const { app, statements } = backend();
    const query = (first: number) =>
      `{ search(text: "mistral", first: ${first}) { hits { name entity { id ... on Model { name organization { name } } ... on Organization { name } } } } }`;
    const counts: number[] = [];
    for (const first of [2, 8]) {
      statements.reset();
      const data = await expectData(app, query(first));
      expect(new Set(data.search.hits.map((h: { entity: { id: string } }) => h.entity.id)).size).toBe(first);
      counts.push(statements.count);
    }
    // The hits are organizations and models: search + organizations + models.
    expect(counts).toEqual([3, 3]);
    statements.reset();
    await expectData(app, `{ search(text: "tulu 3", first: 20) { totalCount hits { name score } } }`);
    expect(statements.count).toBe(1);
  });

  test('the candidate filter uses the indexes of search_word and search_document, per type', async () => {
    const { db } = backend().database;
    const explain = async (query: string) => {
      let plan = '';
      await db
        .transaction(async (tx) => {
          // The seed is small enough for a sequential scan, or a scan of a whole primary key, to win: forbid the
          // one and drop the others (rolled back) to see whether the index can serve.
          await tx.execute(sql`set local enable_seqscan = off`);
          await tx.execute(sql`alter table search_document drop constraint search_document_pkey`);
          await tx.execute(sql`alter table search_word drop constraint search_word_pkey`);
          const result = await tx.execute(sql.raw(`explain ${query}`));
          plan = (result as unknown as { rows: { 'QUERY PLAN': string }[] }).rows
            .map((r) => r['QUERY PLAN'])
            .join('\n');
          tx.rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof TransactionRollbackError)) throw error;
        });
      return plan;
    };
    expect(
      await explain(`select word from search_word where not compact and word !~ '^[0-9]+$' and 'tulu' <% word`),
    ).toContain('search_word_words_idx');
    expect(
      await explain(`select word from search_word where not compact and word ~ '^[0-9]+$' and '405' <% word`),
    ).toContain('search_word_numbers_idx');
    expect(await explain(`select word from search_word where compact and 'tulu3' <% word`)).toContain(
      'search_word_compacts_idx',
    );
    for (const type of ['ORGANIZATION', 'MODEL', 'TECHNIQUE', 'DATASET', 'SOURCE']) {
      const plan = await explain(`select d.entity_id from search_document d
        where d.type = '${type}' and (d.lexemes @@ 'tulu'::tsquery or search_normalize('tulu') <% d.description)`);
      const table = type.toLowerCase();
      expect(plan).toContain(`search_document_${table}_lexemes_idx`);
      expect(plan).toContain(`search_document_${table}_description_idx`);
    }
  });

  test('the stored documents follow inserts, renames, alias and description changes, and deletes', async () => {
    const { db } = backend().database;
    const find = async (text: string, types = ['MODEL']) =>
      (await search(text, { types })).hits
        .filter((h) => h.slug.startsWith('sync-test-'))
        .map((h) => [h.slug, h.matchedField, h.matchedText]);
    await db.execute(sql`insert into model (slug, name, aliases, open_weights, description)
      values ('sync-test-model', 'Quetzalcoatlus 7B', '{}', true, '')`);
    try {
      expect(await find('quetzalcoatlus')).toEqual([['sync-test-model', 'NAME', 'Quetzalcoatlus 7B']]);
      await db.execute(sql`update model set name = 'Archaeopteryx 7B' where slug = 'sync-test-model'`);
      expect(await find('quetzalcoatlus')).toEqual([]);
      expect(await find('archaeopteryx')).toEqual([['sync-test-model', 'NAME', 'Archaeopteryx 7B']]);
      await db.execute(sql`update model set aliases = '{Pterodaustro}' where slug = 'sync-test-model'`);
      expect(await find('pterodaustro')).toEqual([['sync-test-model', 'ALIAS', 'Pterodaustro']]);
      await db.execute(sql`update model set description = 'Trained near Tlaxcala.' where slug = 'sync-test-model'`);
      expect(await find('tlaxcala')).toEqual([['sync-test-model', 'DESCRIPTION', 'Trained near Tlaxcala.']]);
      await db.execute(sql`update model set slug = 'sync-test-iguanodon' where slug = 'sync-test-model'`);
      expect(await find('iguanodon')).toEqual([['sync-test-iguanodon', 'SLUG', 'sync-test-iguanodon']]);
      await db.execute(sql`insert into source (slug, url, title, kind, is_primary, notes)
        values ('sync-test-source', null, 'Quokka field notes', 'webpage', false, 'Seen on Rottnest.')`);
      expect(await find('quokka field notes', ['SOURCE'])).toEqual([
        ['sync-test-source', 'NAME', 'Quokka field notes'],
      ]);
      expect(await find('rottnest', ['SOURCE'])).toEqual([['sync-test-source', 'DESCRIPTION', 'Seen on Rottnest.']]);
    } finally {
      await db.execute(sql`delete from model where slug like 'sync-test-%'`);
      await db.execute(sql`delete from source where slug like 'sync-test-%'`);
    }
    expect(await find('archaeopteryx')).toEqual([]);
    expect(await find('quokka field notes', ['SOURCE'])).toEqual([]);
    const [orphans] = (
      (await db.execute(sql`select count(*)::int as n from search_document d
        where d.type = 'MODEL' and not exists (select 1 from model m where m.id = d.entity_id)`)) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    expect(orphans?.n).toBe(0);
  });

  test('search_word loses the words and compact names that no document holds after a rename or a delete', async () => {
    const { db } = backend().database;
    const entries = async () =>
      (
        (await db.execute(sql`select word || (case when compact then ' (compact)' else '' end) as entry
          from search_word where word ~ '^(quetzal|archaeo|pterodaustro|wordtest)' order by word, compact`)) as unknown as {
          rows: { entry: string }[];
        }
      ).rows.map((r) => r.entry);
    await db.execute(sql`insert into model (slug, name, aliases, open_weights, description) values
      ('word-test-one', 'Quetzalcoatlus 405B', '{Pterodaustro}', true, ''),
      ('word-test-two', 'Mistral Quetzal', '{Pterodaustro}', true, '')`);
    try {
      expect(await entries()).toEqual([
        'pterodaustro',
        'pterodaustro (compact)',
        'quetzal',
        'quetzalcoatlus',
        'quetzalcoatlus405b (compact)',
        'wordtestone (compact)',
        'wordtesttwo (compact)',
      ]);
      // A description changes no name: every word stays.
      await db.execute(sql`update model set description = 'Flies.' where slug = 'word-test-one'`);
      expect(await entries()).toHaveLength(7);
      // The rename drops what only the old name held ("405b" is other models' word too).
      await db.execute(sql`update model set name = 'Archaeopteryx 405B' where slug = 'word-test-one'`);
      expect(await entries()).toEqual([
        'archaeopteryx',
        'archaeopteryx405b (compact)',
        'pterodaustro',
        'pterodaustro (compact)',
        'quetzal',
        'wordtestone (compact)',
        'wordtesttwo (compact)',
      ]);
      expect((await search('quetzalcoatlus', { types: ['MODEL'] })).hits).toEqual([]);
      // An alias two models hold stays until the second goes.
      await db.execute(sql`delete from model where slug = 'word-test-two'`);
      expect(await entries()).toEqual([
        'archaeopteryx',
        'archaeopteryx405b (compact)',
        'pterodaustro',
        'pterodaustro (compact)',
        'wordtestone (compact)',
      ]);
      await db.execute(sql`delete from model where slug = 'word-test-one'`);
      expect(await entries()).toEqual([]);
      const [kept] = (
        (await db.execute(sql`select count(*)::int as n from search_word
          where (word, compact) in (('405b', false), ('mistral', false), ('mistral', true))`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows;
      expect(kept?.n).toBe(3);
    } finally {
      await db.execute(sql`delete from model where slug like 'word-test-%'`);
    }
  });
});
