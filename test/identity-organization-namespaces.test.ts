/**
 * One model named under several Hub namespaces of one organization (data/registry/organizations.yaml): Every Eval
 * Ever's LiveCodeBench Pro calls Qwen3-Next 80B A3B Thinking `alibaba/…` and `aliyun/…`, HELM Capabilities
 * `qwen/…` (real files at their origin paths, see REAL-SOURCES.md). They are one model; a repo of another
 * namespace with the same name is not.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { possibleDuplicates } from '../src/analytics/duplicates.ts';
import { IdentityCache } from '../src/import/identity/cache.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { rows } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const real = (file: string) => path.join(root, 'test', 'fixtures', 'every-eval-ever', 'real', file);
const TIMEOUT = 120_000;
const FILES = [
  'livecodebenchpro/alibaba/qwen3-next-80b-a3b-thinking/809a1503-a161-4532-afd3-fdbd6551eb63.json',
  'livecodebenchpro/aliyun/qwen3-next-80b-a3b-thinking/808ca8e4-9b14-48ba-bb39-e3b6a5672c80.json',
  'helm_capabilities/qwen/qwen3-next-80b-a3b-thinking/56e024b3-c963-4172-9f52-7605276b3854.json',
];

describeEachBackend('one model under the Hub namespaces of one organization', (backend) => {
  const db = () => backend().database.db;

  /** Models whose name or Hub id is Qwen3-Next 80B A3B Thinking's, with their Hub ids and result counts. */
  async function qwen3Next() {
    return rows(
      db(),
      sql`select m.slug,
            (select array_agg(e.value order by e.value) from model_external_id e
              where e.model_id = m.id and e.namespace = 'huggingface') as hub_ids,
            (select count(*)::int from benchmark_result r where r.model_id = m.id) as results
          from model m
          where exists (select 1 from model_external_id e where e.model_id = m.id
                          and lower(e.value) like '%/qwen3-next-80b-a3b-thinking')
          order by m.slug`,
    );
  }

  test(
    'alibaba/, aliyun/ and qwen/qwen3-next-80b-a3b-thinking (LiveCodeBench Pro ×2, HELM Capabilities) are one model',
    async () => {
      const cache = new IdentityCache();
      const reports = [];
      for (const file of FILES) {
        reports.push(
          await runImport({ db: db(), fileName: file, path: real(file), actor: 'import-test', identityCache: cache }),
        );
      }
      for (const report of reports) expect(report.problems).toEqual([]);
      // The first file creates the model; the next two find it through the organization's namespaces.
      expect(reports[0]?.resolutions).toContainEqual(
        expect.objectContaining({ type: 'Model', reference: 'alibaba/qwen3-next-80b-a3b-thinking', by: 'created' }),
      );
      for (const [index, id] of [
        [1, 'aliyun/qwen3-next-80b-a3b-thinking'],
        [2, 'qwen/qwen3-next-80b-a3b-thinking'],
      ] as const) {
        expect(reports[index]?.resolutions).toContainEqual(
          expect.objectContaining({
            type: 'Model',
            reference: id,
            slug: 'alibaba-qwen3-next-80b-a3b-thinking',
            by: 'registry',
          }),
        );
      }
      const models = await qwen3Next();
      expect(models).toEqual([
        {
          slug: 'alibaba-qwen3-next-80b-a3b-thinking',
          hub_ids: ['alibaba/qwen3-next-80b-a3b-thinking'],
          results: reports.reduce((n, report) => n + report.results.inserted, 0),
        },
      ]);
      expect(await possibleDuplicates(db(), 'MODEL')).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'the same repo name under a namespace of no listed organization is another model',
    async () => {
      const file = FILES[0] as string;
      // The real record with its model id moved to a namespace the registry does not list.
      const text = (await readFile(real(file), 'utf8')).replaceAll(
        'alibaba/qwen3-next-80b-a3b-thinking',
        'someone/qwen3-next-80b-a3b-thinking',
      );
      const report = await runImport({ db: db(), fileName: 'someone.json', text, actor: 'import-test' });
      expect(report.problems).toEqual([]);
      expect(report.resolutions).toContainEqual(
        expect.objectContaining({ type: 'Model', reference: 'someone/qwen3-next-80b-a3b-thinking', by: 'created' }),
      );
      expect((await qwen3Next()).map((model) => model.slug)).toEqual([
        'alibaba-qwen3-next-80b-a3b-thinking',
        'someone-qwen3-next-80b-a3b-thinking',
      ]);
    },
    TIMEOUT,
  );
});
