/**
 * Export and the exact round trip: the seeded graph exported as graph JSON and imported into an empty database
 * gives the same tables and the same document; imports are idempotent, dry runs and refused documents write
 * nothing; filters select exactly what they document; the results CSV and Every Eval Ever exports give the
 * importers' formats.
 */
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AppDb } from '../src/db/client.ts';
import { exportEveryEvalEver } from '../src/export/every-eval-ever.ts';
import { ExportFilterError } from '../src/export/graph-read.ts';
import { exportGraphJson, writeGraphJson } from '../src/export/graph-json.ts';
import { writeResultsCsv } from '../src/export/results-csv.ts';
import {
  type EveryEvalEverFile,
  everyEvalEverSchema,
  parse as parseEveryEvalEver,
} from '../src/formats/every-eval-ever.ts';
import { graphDocument, type GraphDocument, seedData, serializeGraphDocument } from '../src/formats/graph-json.ts';
import type { ImportedResult } from '../src/formats/records.ts';
import { CSV_COLUMNS } from '../src/formats/results-csv.ts';
import { importGraphJson } from '../src/import/graph-json.ts';
import { ValidationError } from '../src/errors.ts';
import { describeEachBackend, openBackend } from './helpers/backends.ts';
import { count, rows } from './helpers/db.ts';

/**
 * Every graph table's rows without generated ids, timestamps and the generated comparability key, with each
 * foreign key replaced by the slug (or natural key) of the row it points at.
 */
const slugOf = (table: string) => (column: string) => `(select slug from ${table} where id = x.${column})`;
const [source, license, organization, model, technique, metric, dataset, claim, language] = [
  'source',
  'license',
  'organization',
  'model',
  'technique',
  'metric',
  'dataset',
  'claim',
  'language',
].map(slugOf) as ((column: string) => string)[];
const graphTables: Record<string, Record<string, string>> = {
  source: {},
  license: { source_id: source!('source_id') },
  organization: {},
  organization_source: { entity_id: organization!('entity_id'), source_id: source!('source_id') },
  model: { license_id: license!('license_id') },
  model_source: { entity_id: model!('entity_id'), source_id: source!('source_id') },
  model_developer: {
    model_id: model!('model_id'),
    organization_id: organization!('organization_id'),
    source_id: source!('source_id'),
  },
  model_external_id: { model_id: model!('model_id') },
  model_lineage: {
    model_id: model!('model_id'),
    base_model_id: model!('base_model_id'),
    source_id: source!('source_id'),
  },
  technique: {
    introduced_by_source_id: source!('introduced_by_source_id'),
    parent_technique_id: technique!('parent_technique_id'),
  },
  technique_source: { entity_id: technique!('entity_id'), source_id: source!('source_id') },
  model_technique: {
    model_id: model!('model_id'),
    technique_id: technique!('technique_id'),
    source_id: source!('source_id'),
  },
  model_technique_dataset: {
    model_technique_id: `(select m.slug || ' ' || t.slug from model_technique u join model m on m.id = u.model_id
      join technique t on t.id = u.technique_id where u.id = x.model_technique_id)`,
    dataset_id: dataset!('dataset_id'),
  },
  metric: {},
  language: {},
  model_language: {
    model_id: model!('model_id'),
    language_id: language!('language_id'),
    source_id: source!('source_id'),
  },
  model_task: { model_id: model!('model_id'), source_id: source!('source_id') },
  dataset: {
    default_metric_id: metric!('default_metric_id'),
    license_id: license!('license_id'),
    paper_source_id: source!('paper_source_id'),
    parent_dataset_id: dataset!('parent_dataset_id'),
  },
  dataset_source: { entity_id: dataset!('entity_id'), source_id: source!('source_id') },
  dataset_creator: { dataset_id: dataset!('dataset_id'), organization_id: organization!('organization_id') },
  benchmark_result: {
    model_id: model!('model_id'),
    dataset_id: dataset!('dataset_id'),
    metric_id: metric!('metric_id'),
    evaluator_organization_id: organization!('evaluator_organization_id'),
    source_id: source!('source_id'),
  },
  claim: {
    source_id: source!('source_id'),
    subject_model_id: model!('subject_model_id'),
    subject_organization_id: organization!('subject_organization_id'),
  },
  claim_object: {
    claim_id: claim!('claim_id'),
    model_id: model!('model_id'),
    organization_id: organization!('organization_id'),
    technique_id: technique!('technique_id'),
    dataset_id: dataset!('dataset_id'),
  },
};
// Not the graph: bookkeeping (seed and import runs, the audit trail, credentials), the preferred results and
// comparable sets derived from the results (test/result-preference.test.ts checks those), and the search documents
// derived from the entities (test/search.test.ts checks those).
const notGraphTables = [
  'seed_run',
  'import_run',
  'change',
  'api_key',
  'result_preference',
  'result_preference_pending',
  'result_preference_refresh',
  'comparability_set',
  'search_document',
  'search_word',
];

async function graphContent(db: AppDb): Promise<Record<string, string[]>> {
  const content: Record<string, string[]> = {};
  for (const [table, foreignKeys] of Object.entries(graphTables)) {
    const dropped = ['id', 'created_at', 'updated_at', 'comparability_key', ...Object.keys(foreignKeys)];
    const replaced = Object.entries(foreignKeys).flatMap(([column, expression]) => [`'${column}'`, expression]);
    const found = await rows(
      db,
      sql.raw(`select ((to_jsonb(x) - array[${dropped.map((c) => `'${c}'`).join(', ')}])
        || jsonb_build_object(${replaced.join(', ')}))::text as row from ${table} x`),
    );
    content[table] = found.map((r) => String(r.row)).sort();
  }
  return content;
}

const toText = async (write: (out: PassThrough) => Promise<unknown>) => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(out);
  return Buffer.concat(chunks).toString('utf8');
};

const countsOf = (doc: GraphDocument) =>
  Object.fromEntries(Object.entries(doc).map(([key, value]) => [key, Array.isArray(value) ? value.length : value]));

const seededCounts = {
  format: 'modelgraph',
  version: 1,
  sources: 77,
  licenses: 7,
  organizations: 10,
  techniques: 16,
  metrics: 14,
  languages: 14,
  datasets: 59,
  models: 19,
  results: 257,
  claims: 22,
};

describeEachBackend('graph export', (backend) => {
  let empty: Awaited<ReturnType<typeof openBackend>>;
  let scratch: Awaited<ReturnType<typeof openBackend>>;
  let exported: GraphDocument;
  beforeAll(async () => {
    empty = await openBackend(backend().kind, { seed: false });
    scratch = await openBackend(backend().kind, { seed: false });
    exported = await exportGraphJson(backend().database.db);
  });
  afterAll(async () => {
    await empty?.close();
    await scratch?.close();
  });

  test('the export holds the whole seeded graph, in the seed’s record shapes, and streams the same bytes', async () => {
    expect(countsOf(exported)).toEqual(seededCounts);
    // Entities validate against the seed's own schemas (the graph document only relaxes what the seed lacks).
    for (const kind of [
      'sources',
      'licenses',
      'organizations',
      'techniques',
      'metrics',
      'datasets',
      'models',
    ] as const) {
      expect(seedData.shape[kind].safeParse(exported[kind]).error?.issues).toBeUndefined();
    }
    expect(seedData.shape.claims.safeParse(exported.claims).error?.issues).toBeUndefined();
    expect(graphDocument.parse(exported)).toEqual(exported);

    const gsm8k = exported.results.filter(
      (r) => r.model === 'tulu-3-405b' && r.dataset === 'gsm8k' && r.source === 't3-card',
    );
    expect(gsm8k).toEqual([
      {
        model: 'tulu-3-405b',
        dataset: 'gsm8k',
        metric: 'exact-match',
        shots: 8,
        chainOfThought: true,
        harness: 'OLMES',
        source: 't3-card',
        value: 95.5,
        reportedValue: '95.5',
        evaluator: 'allen-institute-for-ai',
        evaluatorRelationship: 'first_party',
        reportedOn: '2025-01-30',
        notes: expect.stringMatching(/^All models evaluated by Ai2 with its OLMES suite;/),
        unverified: false,
      },
    ]);
    const gpt4o = exported.results.find((r) => r.model === 'gpt-4o' && r.dataset === 'gsm8k' && r.source === 't3-card');
    expect(gpt4o?.modelVariant).toBe('gpt-4o-2024-11-20');

    const text = serializeGraphDocument(exported);
    // Small pages, so the streamed results cross page boundaries.
    expect(await toText((out) => writeGraphJson(backend().database.db, out, { pageSize: 7 }))).toBe(text);
    expect(serializeGraphDocument(await exportGraphJson(backend().database.db))).toBe(text);
  });

  test('round trip: import into an empty database, export again: the same document and the same tables', async () => {
    const db = empty.database.db;
    const summary = await importGraphJson(db, JSON.parse(serializeGraphDocument(exported)), {
      actor: 'test',
      operation: 'import export.json',
    });
    expect(summary.results).toEqual({ inserted: 257, updated: 0, unchanged: 0 });
    expect(summary.models).toEqual({ inserted: 19, updated: 0, unchanged: 0 });
    expect(summary.claimObjects).toEqual({ inserted: 21, updated: 0, unchanged: 0 });

    expect(serializeGraphDocument(await exportGraphJson(db))).toBe(serializeGraphDocument(exported));

    // The graph tables the schema has are exactly those compared here.
    const tables = await rows(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(
      tables
        .map((t) => String(t.table_name))
        .filter((t) => !notGraphTables.includes(t))
        .sort(),
    ).toEqual(Object.keys(graphTables).sort());
    const original = await graphContent(backend().database.db);
    const copy = await graphContent(db);
    expect(original.benchmark_result).toHaveLength(257);
    expect(original.model_technique_dataset).toHaveLength(13);
    for (const table of Object.keys(graphTables)) {
      expect(original[table]!.length, table).toBeGreaterThan(0);
      expect(copy[table], table).toEqual(original[table]);
    }
    // Every write is audited under the import's name.
    const actors = await rows(db, sql`select distinct actor, operation from change`);
    expect(actors).toEqual([{ actor: 'test', operation: 'import export.json' }]);
  });

  test('importing the same document again changes nothing: all rows unchanged, no change rows', async () => {
    for (const db of [empty.database.db, backend().database.db]) {
      const changes = await count(db, 'change');
      const before = await graphContent(db);
      const summary = await importGraphJson(db, exported);
      for (const [kind, counts] of Object.entries(summary)) {
        expect(counts.inserted + counts.updated + (counts.deleted ?? 0), kind).toBe(0);
      }
      expect(summary.results).toEqual({ inserted: 0, updated: 0, unchanged: 257 });
      expect(summary.entitySources).toEqual({ inserted: 0, updated: 0, unchanged: 193 });
      expect(await count(db, 'change')).toBe(changes);
      expect(await graphContent(db)).toEqual(before);
    }
  });

  test('a dry run reports what it would write and writes nothing', async () => {
    const db = scratch.database.db;
    const summary = await importGraphJson(db, exported, { dryRun: true });
    expect(summary.sources).toEqual({ inserted: 77, updated: 0, unchanged: 0 });
    expect(summary.results).toEqual({ inserted: 257, updated: 0, unchanged: 0 });
    expect(summary.claims).toEqual({ inserted: 22, updated: 0, unchanged: 0 });
    for (const table of [...Object.keys(graphTables), 'change']) expect(await count(db, table), table).toBe(0);

    // On the filled database: an edited description and a changed value are reported, and not written.
    const edited = structuredClone(exported);
    edited.models.find((m) => m.slug === 'gpt-4o')!.description += ' (edited)';
    edited.results.find((r) => r.model === 'tulu-3-405b' && r.dataset === 'gsm8k')!.value = 95.6;
    const filled = empty.database.db;
    const changes = await count(filled, 'change');
    const before = await graphContent(filled);
    const dry = await importGraphJson(filled, edited, { dryRun: true });
    expect(dry.models).toEqual({ inserted: 0, updated: 1, unchanged: 18 });
    expect(dry.results).toEqual({ inserted: 0, updated: 1, unchanged: 256 });
    expect(await graphContent(filled)).toEqual(before);
    expect(await count(filled, 'change')).toBe(changes);
  });

  test('a malformed document is refused with the paths of its problems, and nothing is written', async () => {
    const db = scratch.database.db;
    const refused = async (edit: (doc: Record<string, any>) => void): Promise<string[]> => {
      const doc = structuredClone(exported) as Record<string, any>;
      edit(doc);
      const error = await importGraphJson(db, doc).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    };
    const gsm8k = exported.results.findIndex((r) => r.model === 'tulu-3-405b' && r.dataset === 'gsm8k');
    const tulu = exported.models.findIndex((m) => m.slug === 'tulu-3-405b');

    expect(
      await refused((doc) => {
        doc.results[gsm8k].model = 'no-such-model';
        doc.models[tulu].developers[0].organization = 'no-such-org';
      }),
    ).toEqual([
      `models.${tulu}.developers.0.organization: unknown organization "no-such-org": neither in the document nor in the database`,
      `results.${gsm8k}.model: unknown model "no-such-model": neither in the document nor in the database`,
    ]);
    expect(
      await refused((doc) => {
        doc.results[gsm8k].value = 195.5;
      }),
    ).toEqual([`results.${gsm8k}.value: 195.5 is outside the range of metric "exact-match" (0 to 100)`]);
    expect(
      await refused((doc) => {
        doc.results[gsm8k].value = '95.5';
        doc.models[tulu].parameterCount = '405B';
      }),
    ).toEqual([
      `models.${tulu}.parameterCount: Invalid input: expected number, received string`,
      `results.${gsm8k}.value: Invalid input: expected number, received string`,
    ]);
    expect(
      await refused((doc) => {
        doc.results.push(doc.results[gsm8k]);
      }),
    ).toEqual([`results.257: the same result (natural key) as results.${gsm8k}`]);
    expect(
      await refused((doc) => {
        doc.version = 2;
      }),
    ).toEqual(['version: Invalid input: expected 1']);
    for (const table of [...Object.keys(graphTables), 'change']) expect(await count(db, table), table).toBe(0);
  });

  test('a filter exports the models, datasets and sources it names, the facts that match, and what they refer to', async () => {
    const db = backend().database.db;
    const slugs = (doc: GraphDocument) => ({
      sources: doc.sources.map((r) => r.slug),
      licenses: doc.licenses.map((r) => r.slug),
      organizations: doc.organizations.map((r) => r.slug),
      techniques: doc.techniques.map((r) => r.slug),
      metrics: doc.metrics.map((r) => r.slug),
      datasets: doc.datasets.map((r) => r.slug),
      models: doc.models.map((r) => r.slug),
      results: doc.results.map((r) => `${r.model} ${r.dataset} ${r.metric} ${r.source} ${r.value}`),
      claims: doc.claims.map((r) => r.slug),
    });

    const tulu = await exportGraphJson(db, { filter: { models: ['tulu-3-405b'] } });
    expect(slugs(tulu)).toEqual({
      // Referenced models' records come whole, with all their sources.
      sources: [
        'ae2-lb',
        'ai2-blog',
        'ai2-playground',
        'ainchina-dsv3',
        'alpacaeval-lc-paper',
        'alpacaeval-repo',
        'ap-deepseek-founder',
        'article',
        'bbh-paper',
        'bbh-repo',
        'deepseek-v2-paper',
        'deepseek-v2-readme',
        'deepseekmath-paper',
        'deepseekmoe-paper',
        'distillation-paper',
        'dpo-paper',
        'dsv3-readme',
        'dsv3-report',
        'evalplus-repo',
        'flan-paper',
        'geekwire-ai2-2017',
        'google-research-repo',
        'gsm8k-paper',
        'gsm8k-repo',
        'humaneval-paper',
        'humaneval-plus-paper',
        'humaneval-repo',
        'ifeval-paper',
        'ifeval-tomesphere',
        'instructgpt-paper',
        'l31-card',
        'l31-license',
        'llb',
        'long8v-dsv3',
        'math-hf',
        'math-paper',
        'math-repo',
        'mmlu-hf',
        'mmlu-paper',
        'mmlu-repo',
        'moe-paper',
        'notebookcheck-llama31',
        'oi-doc',
        'olmes-repo',
        'open-instruct-repo',
        'openrouter-gpt-4o-2024-05-13',
        'openrouter-gpt-4o-2024-11-20',
        'paul-allen-institutes',
        'persona-paper',
        'popqa-hf',
        'popqa-lowercase-hf',
        'popqa-paper',
        'popqa-repo',
        'ppo-paper',
        'qwen2.5-report',
        'rlhf-paper',
        't3-card',
        't3-paper',
        'the-decoder-tulu3',
        'thebeat-tulu3',
        'trl-repo',
        'tulu-3-sft-mixture-card',
      ],
      licenses: ['cc-by-nc-4.0', 'deepseek-license-v1', 'llama-3.1-community', 'mit', 'odc-by-1.0', 'proprietary'],
      organizations: ['allen-institute-for-ai', 'deepseek', 'google', 'meta', 'openai'],
      techniques: [
        'aux-loss-free-load-balancing',
        'deepseekmoe',
        'dpo',
        'fp8-training',
        'gqa',
        'grpo',
        'knowledge-distillation',
        'mla',
        'moe',
        'mtp',
        'ppo',
        'rlhf',
        'rlvr',
        'sft',
        'synthetic-data',
      ],
      metrics: ['accuracy', 'average', 'exact-match', 'lc-win-rate', 'pass-rate'],
      datasets: [
        'alpacaeval-2',
        'bbh',
        'gsm8k',
        'humaneval',
        'humaneval-plus',
        'ifeval',
        'math',
        'mmlu',
        'popqa',
        'rlvr-math',
        'tulu-3-405b-preference-mix',
        'tulu-3-sft-mixture',
        'tulu3-avg-with-safety',
        'tulu3-avg-without-safety',
        'tulu3-safety',
      ],
      // The model, its lineage (base models, theirs), and the models its claims compare it with.
      models: [
        'deepseek-v3',
        'deepseek-v3-base',
        'gpt-4o',
        'llama-3.1-405b',
        'llama-3.1-405b-instruct',
        'tulu-3-405b',
        'tulu-3-405b-dpo',
        'tulu-3-405b-sft',
      ],
      // Only the model's own results.
      results: [
        'tulu-3-405b alpacaeval-2 lc-win-rate t3-card 51.4',
        'tulu-3-405b bbh exact-match t3-card 88.6',
        'tulu-3-405b gsm8k exact-match t3-card 95.5',
        'tulu-3-405b humaneval pass-rate t3-card 95.9',
        'tulu-3-405b humaneval-plus pass-rate t3-card 92.9',
        'tulu-3-405b ifeval accuracy t3-card 86',
        'tulu-3-405b math exact-match t3-card 67.3',
        'tulu-3-405b mmlu accuracy t3-card 87',
        'tulu-3-405b popqa accuracy t3-card 55.5',
        'tulu-3-405b tulu3-avg-with-safety average t3-card 80.7',
        'tulu-3-405b tulu3-avg-without-safety average t3-card 80',
        'tulu-3-405b tulu3-safety average t3-card 86.7',
      ],
      // Claims about it: 02 names it as an object, 03-15 as the subject.
      claims: Array.from({ length: 14 }, (_, i) => `article-claim-${String(i + 2).padStart(2, '0')}`),
    });
    // Referenced records are whole: the DeepSeek-V3 record is the full graph's.
    expect(tulu.models.find((m) => m.slug === 'deepseek-v3')).toEqual(
      exported.models.find((m) => m.slug === 'deepseek-v3'),
    );

    // Filters of different kinds intersect on results and claims.
    const narrow = await exportGraphJson(db, { filter: { datasets: ['gsm8k'], sources: ['dsv3-readme'] } });
    expect(slugs(narrow)).toMatchObject({
      models: ['deepseek-v3-base', 'llama-3.1-405b'],
      results: ['deepseek-v3-base gsm8k accuracy dsv3-readme 89.3', 'llama-3.1-405b gsm8k accuracy dsv3-readme 83.5'],
      claims: [],
      datasets: ['gsm8k'],
      metrics: ['accuracy', 'exact-match'],
      organizations: ['deepseek', 'meta', 'openai'],
    });

    // Claims of a source, without results: the streamed text still matches.
    const article = await exportGraphJson(db, { filter: { sources: ['article'] } });
    expect([article.results.length, article.claims.length, article.models.length]).toEqual([0, 22, 14]);
    expect(await toText((out) => writeGraphJson(db, out, { filter: { sources: ['article'] } }))).toBe(
      serializeGraphDocument(article),
    );

    // A filtered document is self-contained: it imports into an empty database as is.
    const fresh = await openBackend(backend().kind, { seed: false });
    try {
      const summary = await importGraphJson(fresh.database.db, tulu);
      expect(summary.results).toEqual({ inserted: 12, updated: 0, unchanged: 0 });
      expect(serializeGraphDocument(await exportGraphJson(fresh.database.db))).toBe(serializeGraphDocument(tulu));
    } finally {
      await fresh.close();
    }

    await expect(exportGraphJson(db, { filter: { models: ['tulu-3-405b', 'no-such-model'] } })).rejects.toThrow(
      new ExportFilterError(['--models: unknown "no-such-model"']),
    );
  });

  test('the results CSV: the importer’s header, one row per result, every column', async () => {
    const db = backend().database.db;
    let summary;
    const text = await toText(async (out) => {
      summary = await writeResultsCsv(db, out, { pageSize: 50 });
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[0]).toBe(
      'model,organization,benchmark,metric,value,stderr,n_shot,cot,split,harness,evaluator_relationship,source_url,date,' +
        'model_variant,reported_value,pass_k,scaffold,variant,evaluator,source_title,source_kind,source_publisher,source_date,notes,unverified',
    );
    expect(lines.at(-1)).toBe('');
    const all = await rows(db, sql`select count(*)::int as n from benchmark_result`);
    expect(lines.length - 2).toBe(all[0]?.n);
    expect(summary).toEqual({ rows: 257 });
    const notes =
      '"All models evaluated by Ai2 with its OLMES suite; the card bolds the best value per row. The same evaluations underlie the Ai2 blog, whose results table is an image. GPT-4o is the 11-24 snapshot (gpt-4o-2024-11-20)."';
    const card =
      'allen-institute-for-ai,allenai/Llama-3.1-Tulu-3-405B model card,model_card,Allen Institute for AI (Hugging Face),';
    expect(
      lines.filter((line) => line.startsWith('allenai/Llama-3.1-Tulu-3-405B,') && line.includes(',gsm8k,')),
    ).toEqual([
      `allenai/Llama-3.1-Tulu-3-405B,allen-institute-for-ai,gsm8k,exact-match,95.5,,8,true,,OLMES,first_party,https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B,2025-01-30,,95.5,,,,${card},${notes},false`,
    ]);
    // Without a Hugging Face id the slug stands in.
    expect(lines.filter((line) => line.startsWith('gpt-4o,') && line.includes(',gsm8k,'))).toEqual([
      `gpt-4o,openai,gsm8k,exact-match,91.7,,8,true,,OLMES,third_party,https://huggingface.co/allenai/Llama-3.1-Tulu-3-405B,2025-01-30,gpt-4o-2024-11-20,91.7,,,,${card},${notes},false`,
    ]);

    // Results whose source has no URL are exported too, their source named by title.
    const small = {
      format: 'modelgraph',
      version: 1,
      sources: [
        { slug: 'no-url', title: 'A printed leaflet', kind: 'paper', primary: true },
        { slug: 'with-url', url: 'https://example.com/report', title: 'A report, "v2"', kind: 'paper', primary: true },
      ],
      licenses: [],
      organizations: [],
      techniques: [],
      metrics: [{ slug: 'score', name: 'Score', description: '', unit: 'points', higherIsBetter: true }],
      // Records as imports create them: no description, sources or domains.
      datasets: [
        {
          slug: 'bench',
          name: 'Bench',
          description: '',
          sources: [],
          benchmark: true,
          trainingData: false,
          domains: [],
        },
      ],
      models: [{ slug: 'm', name: 'M', description: '', sources: [], openWeights: false }],
      results: ['no-url', 'with-url'].map((source) => ({
        model: 'm',
        dataset: 'bench',
        metric: 'score',
        source,
        value: 1.5,
        reportedValue: '1.5',
        split: 'test, hard',
        evaluatorRelationship: 'third_party',
        unverified: false,
      })),
      claims: [],
    };
    const fresh = scratch.database.db;
    await importGraphJson(fresh, small);
    let smallSummary;
    const smallText = await toText(async (out) => {
      smallSummary = await writeResultsCsv(fresh, out);
    });
    expect(smallText).toBe(
      `${CSV_COLUMNS.join(',')}\n` +
        'm,,bench,score,1.5,,,,"test, hard",,third_party,,,,1.5,,,,,A printed leaflet,paper,,,,false\n' +
        'm,,bench,score,1.5,,,,"test, hard",,third_party,https://example.com/report,,,1.5,,,,,"A report, ""v2""",paper,,,,false\n',
    );
    expect(smallSummary).toEqual({ rows: 2 });
    // The relaxed records round-trip too (the export spells out the defaults: empty lists, unverified false).
    expect(await exportGraphJson(fresh)).toEqual(graphDocument.parse(small));
  });

  test('Every Eval Ever export: one valid record per model and source, read back to the same results', async () => {
    const db = backend().database.db;
    const files: EveryEvalEverFile[] = [];
    const summary = await exportEveryEvalEver(
      db,
      async (file) => {
        files.push(file);
      },
      { retrievedAt: new Date('2026-01-02T03:04:05Z'), pageSize: 10 },
    );
    const pairs = await rows(db, sql`select count(distinct (model_id, source_id))::int as n from benchmark_result`);
    expect(summary).toEqual({ files: pairs[0]?.n, results: 257 });
    expect(files).toHaveLength(summary.files);
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
    for (const file of files) {
      expect(everyEvalEverSchema.safeParse(file.record).error?.issues, file.path).toBeUndefined();
    }
    expect(files.reduce((n, f) => n + f.record.evaluation_results.length, 0)).toBe(257);

    const tulu = files.find((f) => f.path === 'tulu-3-405b/t3-card.json')!;
    expect(tulu.record).toMatchObject({
      schema_version: '0.2.2',
      evaluation_id: 'modelgraph/tulu-3-405b/t3-card',
      retrieved_timestamp: '1767323045',
      source_metadata: {
        source_type: 'documentation',
        source_organization_name: 'Allen Institute for AI',
        evaluator_relationship: 'first_party',
      },
      eval_library: { name: 'OLMES', version: 'unknown' },
      model_info: {
        name: 'Tülu 3 405B',
        id: 'allenai/Llama-3.1-Tulu-3-405B',
        developer: 'Allen Institute for AI',
        additional_details: { modelgraph_slug: 'tulu-3-405b' },
      },
    });
    expect(tulu.record.evaluation_results).toHaveLength(12);
    expect(tulu.record.evaluation_results.find((r) => r.evaluation_name === 'GSM8K')).toEqual({
      evaluation_name: 'GSM8K',
      // No Hugging Face id in the graph: the homepage.
      source_data: {
        dataset_name: 'GSM8K',
        source_type: 'url',
        url: ['https://github.com/openai/grade-school-math'],
        additional_details: { modelgraph_slug: 'gsm8k' },
      },
      evaluation_timestamp: '1738195200',
      metric_config: {
        metric_id: 'exact-match',
        metric_name: 'Exact match (EM)',
        metric_unit: 'percent',
        lower_is_better: false,
        score_type: 'continuous',
        min_score: 0,
        max_score: 100,
      },
      score_details: {
        score: 95.5,
        details: { reported_value: '95.5', notes: expect.stringMatching(/^All models evaluated by Ai2/) },
      },
      generation_config: { generation_args: { reasoning: true }, additional_details: { num_fewshot: '8' } },
    });

    // The Every Eval Ever parser reads the record back to the result's setting.
    const items = [];
    for await (const item of parseEveryEvalEver({ fileName: tulu.path, text: JSON.stringify(tulu.record) })) {
      items.push(item);
    }
    expect(items.filter((i) => i.kind === 'problem')).toEqual([]);
    const gsm8k = items.find((i) => i.kind === 'result' && i.dataset.name === 'GSM8K') as ImportedResult;
    expect(gsm8k).toMatchObject({
      model: { name: 'Tülu 3 405B', huggingfaceId: 'allenai/Llama-3.1-Tulu-3-405B' },
      dataset: { name: 'GSM8K' },
      // A modelgraph export names the metric by its id (the graph's slug), not its display name.
      metric: { name: 'exact-match', higherIsBetter: true },
      value: 95.5,
      reportedValue: '95.5',
      source: { title: 'allenai/Llama-3.1-Tulu-3-405B model card', kind: 'model_card' },
      scale: 'as-is',
      shots: 8,
      chainOfThought: true,
      harness: 'OLMES',
      evaluator: 'Allen Institute for AI',
      evaluatorRelationship: 'first_party',
      reportedOn: '2025-01-30',
    });
    expect(gsm8k.variant).toBeUndefined();
    expect(tulu.record.evaluation_results.find((r) => r.evaluation_name === 'MMLU')?.source_data).toEqual({
      dataset_name: 'MMLU',
      source_type: 'hf_dataset',
      hf_repo: 'cais/mmlu',
      additional_details: { modelgraph_slug: 'mmlu' },
    });
    expect(gsm8k.passK).toBeUndefined();
    const humaneval = items.find((i) => i.kind === 'result' && i.dataset.name === 'HumanEval') as ImportedResult;
    expect(humaneval.passK).toBe(10);
    const ifeval = items.find((i) => i.kind === 'result' && i.dataset.name === 'IFEval') as ImportedResult;
    expect(ifeval.variant).toBe('prompt-level loose');
  });
});
