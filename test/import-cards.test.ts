/**
 * Real Hugging Face model cards (test/fixtures/huggingface-model-card/real/, see REAL-SOURCES.md) into a real
 * database: licences the graph lacks are kept (from the licence registry, or as unverified licences with the
 * card as source), and the card's repo is found whatever path it comes by (`org_repo.md` as the collector saved
 * it, `org/repo/README.md`, `--hf-id` / `huggingfaceId`). Tests build on each other in order.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { GRAPH_TABLES, lastChange, rows } from './helpers/db.ts';
import { executeAs } from './helpers/graphql.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const card = (name: string) => path.join(root, 'test', 'fixtures', 'huggingface-model-card', 'real', 'cards', name);
const GROQ = 'Groq/Llama-3-Groq-70B-Tool-Use';
const TIMEOUT = 60_000;

describeEachBackend('real model cards: licences and repo identity', (backend) => {
  const db = () => backend().database.db;
  const importCard = (fileName: string, file = card(fileName), huggingfaceId?: string) =>
    runImport({ db: db(), fileName, path: file, actor: 'import-test', ...(huggingfaceId ? { huggingfaceId } : {}) });

  /** The model with this Hugging Face id: licence, developer, open weights, sources. */
  async function modelOf(hfId: string) {
    const [model] = await rows(
      db(),
      sql`select m.slug, m.open_weights, l.slug as license, l.category, l.unverified_fields as license_unverified,
            (select array_agg(o.slug order by o.slug) from model_developer d join organization o on o.id = d.organization_id
              where d.model_id = m.id) as developers,
            (select array_agg(s.url order by s.url) from model_source ms join source s on s.id = ms.source_id
              where ms.entity_id = m.id) as sources
          from model m join model_external_id e on e.model_id = m.id and e.namespace = 'huggingface'
          left join license l on l.id = m.license_id
          where e.value = ${hfId}`,
    );
    return model;
  }

  async function graphCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of [...GRAPH_TABLES, 'license', 'source']) {
      const [row] = await rows(db(), sql`select count(*)::int as n from ${sql.identifier(table)}`);
      counts[table] = Number(row?.n);
    }
    return counts;
  }

  describe('licences', () => {
    test(
      'Groq_Llama-3-Groq-70B-Tool-Use.md: `license: llama3` is the Llama 3 licence from the registry; the repo comes from the file name',
      async () => {
        const report = await importCard('Groq_Llama-3-Groq-70B-Tool-Use.md');
        expect(report.problems).toEqual([]);
        expect(report.written).toBe(true);
        expect(report.licensesSet).toBe(1);
        expect(report.resolutions).toContainEqual({
          type: 'License',
          reference: 'llama3',
          slug: 'llama-3-community',
          by: 'created',
          confidence: 'created',
        });
        expect(await modelOf(GROQ)).toMatchObject({
          open_weights: true,
          license: 'llama-3-community',
          category: 'restrictive',
          license_unverified: [],
          sources: [`https://huggingface.co/${GROQ}`],
        });
        expect((await modelOf(GROQ))?.developers).toHaveLength(1);
      },
      TIMEOUT,
    );

    test(
      'Danielbrdz_Barcenas-Llama3-8b-ORPO.md: `license: other` + `license_name: llama3` is the same Llama 3 licence',
      async () => {
        const report = await importCard('Danielbrdz_Barcenas-Llama3-8b-ORPO.md');
        expect(report.problems).toEqual([]);
        expect(report.resolutions.filter((r) => r.type === 'License')).toEqual([]);
        expect(await modelOf('Danielbrdz/Barcenas-Llama3-8b-ORPO')).toMatchObject({ license: 'llama-3-community' });
        const licences = await rows(db(), sql`select count(*)::int as n from license where slug = 'llama-3-community'`);
        expect(licences).toEqual([{ n: 1 }]);
      },
      TIMEOUT,
    );

    test(
      'fluently_Fluently-XL-v2.md: the unknown `license_name: fluently-license` becomes an unverified licence sourced by the card',
      async () => {
        const report = await importCard('fluently_Fluently-XL-v2.md');
        expect(report.problems).toEqual([]);
        expect(await modelOf('fluently/Fluently-XL-v2')).toMatchObject({
          license: 'fluently-license',
          category: 'unknown',
          license_unverified: ['name', 'category', 'url'],
        });
        const [licence] = await rows(
          db(),
          sql`select l.name, l.url, l.osi_approved, s.url as source from license l join source s on s.id = l.source_id
              where l.slug = 'fluently-license'`,
        );
        expect(licence).toEqual({
          name: 'fluently-license',
          url: 'https://huggingface.co/spaces/fluently/License',
          osi_approved: false,
          source: 'https://huggingface.co/fluently/Fluently-XL-v2',
        });
      },
      TIMEOUT,
    );

    test(
      'Qwen_Qwen1.5-14B.md: `license_name: tongyi-qianwen` is the Qwen licence of the registry',
      async () => {
        const report = await importCard('Qwen_Qwen1.5-14B.md');
        expect(report.problems).toEqual([]);
        expect(await modelOf('Qwen/Qwen1.5-14B')).toMatchObject({ license: 'qwen-license', category: 'restrictive' });
      },
      TIMEOUT,
    );

    test(
      're-importing the cards changes nothing: same licences, no new row, no audit entry',
      async () => {
        const before = await graphCounts();
        const since = await lastChange(db());
        for (const name of ['Groq_Llama-3-Groq-70B-Tool-Use.md', 'fluently_Fluently-XL-v2.md']) {
          const report = await importCard(name);
          expect(report.problems).toEqual([]);
          expect(report.licensesSet).toBe(0);
          expect(report.resolutions.filter((r) => r.by === 'created')).toEqual([]);
        }
        expect(await graphCounts()).toEqual(before);
        expect(await lastChange(db())).toBe(since);
      },
      TIMEOUT,
    );
  });

  describe('which repo a card is for', () => {
    test(
      'Qwen_Qwen2.5-32B.md: the base model’s card is not the seed’s Qwen2.5-32B-Instruct, whose alias is "Qwen2.5-32B"',
      async () => {
        const report = await importCard('Qwen_Qwen2.5-32B.md');
        expect(report.problems).toEqual([]);
        const model = report.resolutions.find((r) => r.type === 'Model');
        expect(model).toMatchObject({
          reference: 'Qwen/Qwen2.5-32B',
          by: 'created',
          avoided: 'not qwen2.5-32b-instruct: it is the instruct variant, which Qwen/Qwen2.5-32B’s name does not say',
        });
        expect(await modelOf('Qwen/Qwen2.5-32B')).toMatchObject({ slug: model?.slug, developers: ['alibaba-cloud'] });
        const instruct = await rows(
          db(),
          sql`select (select count(*)::int from model_external_id e where e.model_id = m.id) as ids,
                (select count(*)::int from model_language l where l.model_id = m.id) as languages
              from model m where m.slug = 'qwen2.5-32b-instruct'`,
        );
        expect(instruct).toEqual([{ ids: 0, languages: 0 }]);
      },
      TIMEOUT,
    );

    test(
      'the same card by its repo path Groq/Llama-3-Groq-70B-Tool-Use/README.md: one source, no duplicate claim, nothing written',
      async () => {
        const before = await graphCounts();
        const since = await lastChange(db());
        const report = await importCard(
          `${GROQ}/README.md`,
          path.join(root, 'test/fixtures/huggingface-model-card/real', GROQ, 'README.md'),
        );
        expect(report.problems).toEqual([]);
        expect(report.resolutions).toContainEqual({
          type: 'Source',
          reference: `https://huggingface.co/${GROQ}`,
          slug: expect.any(String) as unknown,
          by: 'url',
          confidence: 'exact',
        });
        expect(await graphCounts()).toEqual(before);
        expect(await lastChange(db())).toBe(since);
        const sources = await rows(
          db(),
          sql`select count(*)::int as n from source where url = ${`https://huggingface.co/${GROQ}`}`,
        );
        expect(sources).toEqual([{ n: 1 }]);
      },
      TIMEOUT,
    );

    test(
      'allenai_scibert_scivocab_uncased.md: two splits possible, the card names scibert_scivocab_uncased; a front matter of `language` only is a card',
      async () => {
        const report = await importCard('allenai_scibert_scivocab_uncased.md');
        expect(report.format).toBe('huggingface-model-card');
        expect(report.problems).toEqual([]);
        expect(await modelOf('allenai/scibert_scivocab_uncased')).toMatchObject({
          open_weights: true,
          sources: ['https://huggingface.co/allenai/scibert_scivocab_uncased'],
        });
        expect(await modelOf('allenai_scibert/scivocab_uncased')).toBeUndefined();
      },
      TIMEOUT,
    );

    test(
      'TheBloke_Mistral-7B-Instruct-v0.1-AWQ.md: a quantized copy whose model_name is its base keeps its repo name and derives from the base',
      async () => {
        const report = await importCard('TheBloke_Mistral-7B-Instruct-v0.1-AWQ.md');
        expect(report.problems).toEqual([]);
        const lineage = await rows(
          db(),
          sql`select m.name as model, b.name as base, be.value as base_hf from model_lineage l
              join model m on m.id = l.model_id join model b on b.id = l.base_model_id
              join model_external_id me on me.model_id = m.id and me.namespace = 'huggingface'
              left join model_external_id be on be.model_id = b.id and be.namespace = 'huggingface'
              where me.value = 'TheBloke/Mistral-7B-Instruct-v0.1-AWQ'`,
        );
        expect(lineage).toEqual([
          {
            model: 'Mistral-7B-Instruct-v0.1-AWQ',
            base: 'Mistral-7B-Instruct-v0.1',
            base_hf: 'mistralai/Mistral-7B-Instruct-v0.1',
          },
        ]);
      },
      TIMEOUT,
    );

    test(
      'wangqixun_YamerMIX_v8.md: two splits and nothing in the card to choose: refused, naming both, nothing written',
      async () => {
        const before = await graphCounts();
        const since = await lastChange(db());
        const report = await importCard('wangqixun_YamerMIX_v8.md');
        expect(report.refused).toBe(true);
        expect(report.problems).toEqual([
          {
            kind: 'problem',
            location: 'file',
            field: 'huggingfaceId',
            message:
              'cannot tell which Hugging Face repo this card is for: the file name could be wangqixun/YamerMIX_v8 or wangqixun_YamerMIX/v8; neither the card (links, ids under one of those namespaces, model-index name, model_name, titles) nor the organization registry nor the graph (model ids, namespaces) settles which; pass --hf-id (API: huggingfaceId)',
          },
        ]);
        expect(await graphCounts()).toEqual(before);
        expect(await lastChange(db())).toBe(since);
      },
      TIMEOUT,
    );

    test(
      'microsoft_speecht5_hifigan.md: two splits, nothing in the card to choose, `microsoft` a namespace of the organization registry: microsoft/speecht5_hifigan',
      async () => {
        const report = await importCard('microsoft_speecht5_hifigan.md');
        expect(report.problems).toEqual([]);
        expect(report.written).toBe(true);
        expect(await modelOf('microsoft/speecht5_hifigan')).toMatchObject({
          license: 'mit',
          open_weights: true,
          developers: ['microsoft'],
          sources: ['https://huggingface.co/microsoft/speecht5_hifigan'],
        });
      },
      TIMEOUT,
    );

    test(
      'a given id that is not org/repo refuses the card',
      async () => {
        const report = await importCard('wangqixun_YamerMIX_v8.md', undefined, 'YamerMIX v8');
        expect(report.refused).toBe(true);
        expect(report.problems.map((p) => p.field)).toEqual(['huggingfaceId']);
      },
      TIMEOUT,
    );

    describe('the importFile mutation with huggingfaceId', () => {
      let editor = '';
      beforeAll(async () => {
        editor = (await createApiKey(db(), { name: 'cards-editor', role: 'editor' })).secret;
      });

      test(
        'wangqixun_YamerMIX_v8.md with huggingfaceId wangqixun/YamerMIX_v8 is imported under that repo',
        async () => {
          const response = await executeAs(
            backend().app,
            editor,
            /* GraphQL */ `
              mutation ($input: ImportFileInput!) {
                importFile(input: $input) {
                  __typename
                  ... on ImportPayload {
                    written
                    licensesSet
                  }
                }
              }
            `,
            {
              input: {
                fileName: 'wangqixun_YamerMIX_v8.md',
                content: await readFile(card('wangqixun_YamerMIX_v8.md'), 'utf8'),
                huggingfaceId: 'wangqixun/YamerMIX_v8',
              },
            },
          );
          expect(response.body).toEqual({
            data: { importFile: { __typename: 'ImportPayload', written: true, licensesSet: 1 } },
          });
          expect(await modelOf('wangqixun/YamerMIX_v8')).toMatchObject({
            license: 'mit',
            open_weights: true,
            sources: ['https://huggingface.co/wangqixun/YamerMIX_v8'],
          });
        },
        TIMEOUT,
      );
    });
  });
});
