/**
 * Languages, modalities and tasks of models (issue 14): the seed's values with their sources, real model cards'
 * `language:` and `pipeline_tag:` imported by the same rules as the rest of a card (unknown codes and tags listed,
 * never refusing the card; a second import changes nothing), the filters and aggregates returning exactly the
 * expected models, and claim 18 ("a small Japanese language model") checked for size and language.
 *
 * The cards are real files copied unedited into test/fixtures/huggingface-model-card/real/cards/ (REAL-SOURCES.md).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { IdentityCache } from '../src/import/identity/cache.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { GRAPH_TABLES, rows, unchanged } from './helpers/db.ts';
import { expectData, expectErrors } from './helpers/graphql.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const card = (name: string) => path.join(root, 'test', 'fixtures', 'huggingface-model-card', 'real', 'cards', name);
const TIMEOUT = 120_000;

/** The seed's models that a source says support Japanese, by slug. */
const JAPANESE = ['mistral-small-3', 'mistral-small-3-base', 'tinyswallow-1.5b', 'tinyswallow-1.5b-instruct'];
const LLAMA_31_LANGUAGES = ['de', 'en', 'es', 'fr', 'hi', 'it', 'pt', 'th'];

type Link = { language: { slug: string }; source: { slug: string }; unverified: boolean };

describeEachBackend('languages, modalities and tasks of models', (backend) => {
  const app = () => backend().app;
  const db = () => backend().database.db;
  const slugs = async (filter: string) =>
    (await expectData(app(), `{ models(filter: ${filter}, first: 100) { totalCount nodes { slug } } }`)).models;

  test('the seed’s languages and tasks read back with their sources', async () => {
    const data = await expectData(
      app(),
      `{ tiny: model(slug: "tinyswallow-1.5b") { ...facts }
         llama: model(slug: "llama-3.1-405b-instruct") { ...facts }
         deepseek: model(slug: "deepseek-v3") { ...facts }
         gpt4o: model(slug: "gpt-4o") { ...facts }
         qwenMax: model(slug: "qwen2.5-max") { ...facts }
         mistral: model(slug: "mistral-small-3") { ...facts }
         mistralBase: model(slug: "mistral-small-3-base") { ...facts } }
       fragment facts on Model {
         languages { language { slug name } source { slug } unverified notes }
         task { task inputModalities outputModalities source { slug } unverified } }`,
    );
    expect(data.tiny.languages).toEqual([
      { language: { slug: 'ja', name: 'Japanese' }, source: { slug: 'ts-card' }, unverified: false, notes: '' },
    ]);
    expect(data.tiny.task).toEqual({
      task: 'TEXT_GENERATION',
      inputModalities: ['TEXT'],
      outputModalities: ['TEXT'],
      source: { slug: 'ts-card' },
      unverified: false,
    });
    // Llama 3.1's card lists eight supported languages.
    expect(data.llama.languages.map((l: Link) => l.language.slug).sort()).toEqual(LLAMA_31_LANGUAGES);
    expect(new Set(data.llama.languages.map((l: Link) => `${l.source.slug}/${l.unverified}`))).toEqual(
      new Set(['l31-card/false']),
    );
    // DeepSeek-V3's README only reports English and Chinese benchmarks: inferred, so unverified.
    expect(data.deepseek.languages.map((l: Link) => [l.language.slug, l.source.slug, l.unverified])).toEqual([
      ['en', 'dsv3-readme', true],
      ['zh', 'dsv3-readme', true],
    ]);
    // GPT-4o takes images: an aggregator's listing, so unverified; no language is recorded for it.
    expect(data.gpt4o.languages).toEqual([]);
    expect(data.gpt4o.task).toEqual({
      task: 'IMAGE_TEXT_TO_TEXT',
      inputModalities: ['IMAGE', 'TEXT'],
      outputModalities: ['TEXT'],
      source: { slug: 'openrouter-gpt-4o-2024-11-20' },
      unverified: true,
    });
    expect(data.qwenMax.task.source).toEqual({ slug: 'qmax-blog' });
    // Mistral Small 3's card names eleven languages in its prose and ten in its metadata tags: Russian only in the
    // tags, Dutch and Polish only in the prose. Both lists are the card's, so all twelve are recorded, each noted.
    const mistral = new Map(data.mistral.languages.map((l: Link & { notes: string }) => [l.language.slug, l]));
    expect([...mistral.keys()].sort()).toEqual([
      'de',
      'en',
      'es',
      'fr',
      'it',
      'ja',
      'ko',
      'nl',
      'pl',
      'pt',
      'ru',
      'zh',
    ]);
    expect(data.mistral.languages.filter((l: Link) => l.unverified || l.source.slug !== 'ms3-card')).toEqual([]);
    expect(mistral.get('ru')).toMatchObject({ notes: expect.stringContaining('metadata `language` tags') });
    expect(mistral.get('nl')).toMatchObject({ notes: expect.stringContaining('Not among the card') });
    // The base model's languages come from the instruct model's card: kept, but unverified.
    expect(data.mistralBase.languages).toHaveLength(11);
    expect(data.mistralBase.languages.every((l: Link) => l.unverified)).toBe(true);
    // Every one of the 19 seed models has a task from one of its sources.
    const all = await expectData(app(), '{ models(first: 100) { nodes { slug task { task } sources { slug } } } }');
    expect(all.models.nodes).toHaveLength(19);
    expect(all.models.nodes.filter((m: { task: unknown }) => m.task === null)).toEqual([]);
  });

  test('filters by language, task and modality return exactly the expected models', async () => {
    expect((await slugs('{ language: ["ja"] }')).nodes.map((m: { slug: string }) => m.slug)).toEqual(JAPANESE);
    expect((await slugs('{ language: ["ja"] }')).totalCount).toBe(JAPANESE.length);
    // With the size: the small Japanese models.
    expect(await slugs('{ language: ["ja"], maxParameters: 3000000000 }')).toEqual({
      totalCount: 2,
      nodes: [{ slug: 'tinyswallow-1.5b' }, { slug: 'tinyswallow-1.5b-instruct' }],
    });
    // Several languages: any of them.
    expect((await slugs('{ language: ["hi", "th"] }')).nodes.map((m: { slug: string }) => m.slug)).toEqual([
      'llama-3.1-405b',
      'llama-3.1-405b-instruct',
    ]);
    expect(await slugs('{ task: [IMAGE_TEXT_TO_TEXT] }')).toEqual({ totalCount: 1, nodes: [{ slug: 'gpt-4o' }] });
    expect(await slugs('{ inputModality: [IMAGE] }')).toEqual({ totalCount: 1, nodes: [{ slug: 'gpt-4o' }] });
    expect(await slugs('{ modality: [IMAGE, AUDIO] }')).toEqual({ totalCount: 1, nodes: [{ slug: 'gpt-4o' }] });
    expect(await slugs('{ outputModality: [EMBEDDING] }')).toEqual({ totalCount: 0, nodes: [] });
    expect((await slugs('{ task: [TEXT_GENERATION] }')).totalCount).toBe(18);

    const unknown = await expectErrors(app(), '{ models(filter: { language: ["xx"] }) { totalCount } }');
    expect(unknown[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown[0]?.message).toContain('"xx"');
    const empty = await expectErrors(app(), '{ models(filter: { inputModality: [] }) { totalCount } }');
    expect(empty[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('aggregates count models per language and per task', async () => {
    const data = await expectData(
      app(),
      `{ language: modelStats(groupBy: LANGUAGE, order: KEY) { key label count }
         task: modelStats(groupBy: TASK) { key label count }
         input: modelStats(groupBy: INPUT_MODALITY, order: KEY) { key count }
         japaneseTasks: modelStats(groupBy: TASK, filter: { language: ["ja"] }) { key count } }`,
    );
    const count = (key: string | null) => data.language.find((g: { key: string | null }) => g.key === key)?.count;
    expect(count('ja')).toBe(4);
    expect(count('en')).toBe(9); // Tülu 3 405B and its two stages, Llama 3.1 ×2, DeepSeek-V3 ×2, Mistral Small 3 ×2
    expect(count('hi')).toBe(2);
    expect(count(null)).toBe(8); // GPT-4o, GPT-4o mini, Qwen2.5-Max, two Qwen2.5 instruct, Hermes 3, Llama 3.3, Gemma 2
    expect(data.language.find((g: { key: string }) => g.key === 'ja')?.label).toBe('Japanese');
    expect(data.task).toEqual([
      { key: 'TEXT_GENERATION', label: 'Text generation', count: 18 },
      { key: 'IMAGE_TEXT_TO_TEXT', label: 'Image-text-to-text (vision language models)', count: 1 },
    ]);
    expect(data.input).toEqual([
      { key: 'TEXT', count: 19 },
      { key: 'IMAGE', count: 1 },
    ]);
    expect(data.japaneseTasks).toEqual([{ key: 'TEXT_GENERATION', count: 4 }]);
  });

  test('claim 18: TinySwallow-1.5B is checked as small and Japanese; the ranking stays unknown', async () => {
    const data = await expectData(
      app(),
      `{ claim(slug: "article-claim-18") { verdict { verdict summary
           checks { description outcome expected actual sources { slug } } } } }`,
    );
    expect(data.claim.verdict.verdict).toBe('PARTLY_SUPPORTED');
    expect(data.claim.verdict.summary).toBe('2 of 3 checks pass, 1 lack data.');
    const [language, size, ranking] = data.claim.verdict.checks;
    expect(language).toEqual({
      description: 'TinySwallow-1.5B: language',
      outcome: 'PASS',
      expected: 'ja',
      actual: 'ja',
      sources: [{ slug: 'ts-card' }],
    });
    expect(size).toMatchObject({
      description: 'TinySwallow-1.5B: at most 3,000,000,000 parameters',
      outcome: 'PASS',
      actual: '1,500,000,000',
    });
    expect(ranking).toMatchObject({ outcome: 'UNKNOWN' });
  });

  test(
    'real cards: language and pipeline_tag are imported with the card as source; unknown values are listed, not refused',
    async () => {
      const cache = new IdentityCache();
      const importCard = (name: string) =>
        runImport({ db: db(), fileName: name, path: card(name), actor: 'import-test', identityCache: cache });
      const languagesOf = async (hfId: string) =>
        rows(
          db(),
          sql`select l.slug, l.name, s.url as source, ml.unverified, t.task, t.input_modalities::text[] as input,
                     t.output_modalities::text[] as output
              from model_external_id e
              join model_language ml on ml.model_id = e.model_id
              join language l on l.id = ml.language_id
              join source s on s.id = ml.source_id
              left join model_task t on t.model_id = e.model_id
              where e.namespace = 'huggingface' and e.value = ${hfId}
              order by l.slug`,
        );

      // answerdotai_JaColBERTv2.5.md: `language: [ja]`, `pipeline_tag: sentence-similarity` (an embedding model).
      const jacolbert = await importCard('answerdotai_JaColBERTv2.5.md');
      expect(jacolbert.refused).toBe(false);
      expect(jacolbert.languages).toEqual({ inserted: 1, unchanged: 0 });
      expect(jacolbert.tasks).toEqual({ inserted: 1, unchanged: 0 });
      expect(await languagesOf('answerdotai/JaColBERTv2.5')).toEqual([
        {
          slug: 'ja',
          name: 'Japanese',
          source: 'https://huggingface.co/answerdotai/JaColBERTv2.5',
          unverified: false,
          task: 'sentence-similarity',
          input: ['text'],
          output: ['embedding'],
        },
      ]);
      expect(jacolbert.resolutions).toContainEqual({
        type: 'Language',
        reference: 'ja',
        slug: 'ja',
        by: 'slug',
        confidence: 'exact',
      });

      // JosephusCheung_Guanaco.md: four languages and the retired tag `conversational` (text generation).
      const guanaco = await importCard('JosephusCheung_Guanaco.md');
      expect(guanaco.languages).toEqual({ inserted: 4, unchanged: 0 });
      const guanacoFacts = await languagesOf('JosephusCheung/Guanaco');
      expect(guanacoFacts.map((row) => row.slug)).toEqual(['de', 'en', 'ja', 'zh']);
      expect(new Set(guanacoFacts.map((row) => row.task))).toEqual(new Set(['text-generation']));

      // NbAiLab_nb-whisper-large-beta.md: Norwegian ('no'), Bokmål and Nynorsk are created from the ISO tables;
      // speech recognition takes audio in.
      const whisper = await importCard('NbAiLab_nb-whisper-large-beta.md');
      expect(whisper.refused).toBe(false);
      const whisperFacts = await languagesOf('NbAiLab/nb-whisper-large-beta');
      expect(whisperFacts.map((row) => [row.slug, row.name])).toEqual([
        ['en', 'English'],
        ['nb', 'Norwegian Bokmål'],
        ['nn', 'Norwegian Nynorsk'],
        ['no', 'Norwegian'],
      ]);
      expect(whisperFacts[0]).toMatchObject({
        task: 'automatic-speech-recognition',
        input: ['audio'],
        output: ['text'],
      });
      expect(whisper.resolutions.filter((r) => r.type === 'Language' && r.by === 'created').map((r) => r.slug)).toEqual(
        ['no', 'nb', 'nn'],
      );

      // BAAI_bge-reranker-v2-gemma.md: `language: [multilingual]` is no ISO code: listed as skipped, the card kept.
      const reranker = await importCard('BAAI_bge-reranker-v2-gemma.md');
      expect(reranker.refused).toBe(false);
      expect(reranker.languages).toEqual({ inserted: 0, unchanged: 0 });
      expect(reranker.tasks).toEqual({ inserted: 1, unchanged: 0 });
      expect(reranker.skipped).toContainEqual({
        kind: 'skipped',
        location: 'line 8',
        field: 'language',
        message: '"multilingual" is not an ISO 639 language code: left out of the model\'s languages',
      });

      // The filters and aggregates see the imported models.
      const japanese = (await slugs('{ language: ["ja"] }')).nodes.map((m: { slug: string }) => m.slug);
      expect(japanese).toHaveLength(JAPANESE.length + 2);
      expect(japanese).toEqual(expect.arrayContaining(JAPANESE));
      const embedders = await expectData(
        app(),
        '{ models(filter: { outputModality: [EMBEDDING] }) { nodes { huggingfaceId } } }',
      );
      expect(embedders.models.nodes).toEqual([{ huggingfaceId: 'answerdotai/JaColBERTv2.5' }]);
      const perLanguage = await expectData(app(), '{ modelStats(groupBy: LANGUAGE) { key count } }');
      expect(perLanguage.modelStats.find((g: { key: string }) => g.key === 'ja')?.count).toBe(JAPANESE.length + 2);
      expect(perLanguage.modelStats.find((g: { key: string }) => g.key === 'nn')?.count).toBe(1);

      // A second import of the same cards changes nothing and creates nothing.
      const names = [
        'answerdotai_JaColBERTv2.5.md',
        'JosephusCheung_Guanaco.md',
        'NbAiLab_nb-whisper-large-beta.md',
        'BAAI_bge-reranker-v2-gemma.md',
      ];
      const again = await unchanged(
        db(),
        async () => {
          const second = new IdentityCache();
          const reports = [];
          for (const name of names) {
            reports.push(
              await runImport({
                db: db(),
                fileName: name,
                path: card(name),
                actor: 'import-test',
                identityCache: second,
              }),
            );
          }
          return reports;
        },
        GRAPH_TABLES.filter((table) => table !== 'change'),
      );
      expect(again.map((r) => r.languages.inserted + r.tasks.inserted)).toEqual([0, 0, 0, 0]);
      expect(again.map((r) => r.languages.unchanged)).toEqual([1, 4, 4, 0]);
      expect(again.flatMap((r) => r.resolutions.filter((x) => x.by === 'created'))).toEqual([]);
    },
    TIMEOUT,
  );

  test('a card naming another task than the one the graph holds keeps the graph’s, and says so', async () => {
    // The Tülu 3 405B card fixture (pipeline_tag: text-generation) agrees with the seed: unchanged.
    const tulu = path.join(root, 'test', 'fixtures', 'huggingface-model-card', 'allenai', 'Llama-3.1-Tulu-3-405B');
    const agrees = await runImport({
      db: db(),
      fileName: 'allenai/Llama-3.1-Tulu-3-405B/README.md',
      path: path.join(tulu, 'README.md'),
      actor: 'import-test',
    });
    expect(agrees.tasks).toEqual({ inserted: 0, unchanged: 1 });
    // en from the card, beside en from the seed's t3-card source (the same URL: one source, one link).
    expect(agrees.languages.inserted + agrees.languages.unchanged).toBe(1);
    const text = [
      '---',
      'language: [ja, xx]',
      'pipeline_tag: image-text-to-text',
      '---',
      '# TinySwallow-1.5B',
      'See https://huggingface.co/SakanaAI/TinySwallow-1.5B',
    ].join('\n');
    const other = await runImport({
      db: db(),
      fileName: 'README.md',
      text,
      format: 'huggingface-model-card',
      huggingfaceId: 'SakanaAI/TinySwallow-1.5B',
      actor: 'import-test',
    });
    expect(other.refused).toBe(false);
    expect(other.tasks).toEqual({ inserted: 0, unchanged: 0 });
    expect(other.skipped.map((s) => [s.location, s.field, s.message])).toEqual([
      ['line 2', 'language', '"xx" is not an ISO 639 language code: left out of the model\'s languages'],
      [
        'line 3',
        'pipeline_tag',
        "tinyswallow-1.5b already has the primary task text-generation (source ts-card); this file's image-text-to-text is not stored",
      ],
    ]);
    const tiny = await expectData(app(), '{ model(slug: "tinyswallow-1.5b") { task { task source { slug } } } }');
    expect(tiny.model.task).toEqual({ task: 'TEXT_GENERATION', source: { slug: 'ts-card' } });
  });
});
