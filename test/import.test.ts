/**
 * The importers against a real database, for each of the six formats: what a valid file writes (counts, name
 * resolutions, the stored results read back through GraphQL), that a second import changes nothing, that a dry
 * run reports exactly what the import then does and writes nothing, that a malformed file is refused whole with
 * the place and field of each problem, and what `skipInvalid` keeps. Then format detection, the checks the writer
 * makes (metric ranges, duplicate results, lineage cycles), the `importFile` mutation and the CLI.
 *
 * Each suite shares one seeded database and its tests run in order: later expectations (what was created and
 * what already exists) follow from the imports before them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.ts';
import type { AppDb } from '../src/db/client.ts';
import type { ImportFormat } from '../src/formats/index.ts';
import { ImportFormatError, type ImportReport, runImport } from '../src/import/run.ts';
import type { App } from '../src/yoga.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { lastChange, publicTables, rows } from './helpers/db.ts';
import { execute, executeAs, expectData } from './helpers/graphql.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (file: string) => path.join(root, 'test', 'fixtures', file);

type Row = Record<string, unknown>;

/** Rows in every table of the database (the graph, the audit trail, keys, seed runs). */
async function tableCounts(db: AppDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await publicTables(db)) {
    const [row] = await rows(db, sql`select count(*)::int as n from ${sql.identifier(name)}`);
    counts[name] = Number(row?.n);
  }
  expect(Object.keys(counts)).toEqual(expect.arrayContaining(['benchmark_result', 'model', 'change']));
  return counts;
}

/** `table action` -> number of audit rows written after `since`, with every row's actor and operation. */
async function changesSince(db: AppDb, since: number) {
  const found = await rows(
    db,
    sql`select actor, operation, table_name, action from change where id > ${since} order by id`,
  );
  const byTable: Record<string, number> = {};
  for (const row of found) {
    const key = `${String(row.table_name)} ${String(row.action)}`;
    byTable[key] = (byTable[key] ?? 0) + 1;
  }
  return {
    byTable,
    actors: [...new Set(found.map((row) => String(row.actor)))],
    operations: [...new Set(found.map((row) => String(row.operation)))],
  };
}

/** The counts of a report, without its resolutions and problems. */
function counts(report: ImportReport) {
  return {
    format: report.format,
    dryRun: report.dryRun,
    written: report.written,
    refused: report.refused,
    records: report.records,
    results: report.results,
    lineageEdges: report.lineageEdges,
    licensesSet: report.licensesSet,
    trainingDataClaims: report.trainingDataClaims,
    problemCount: report.problemCount,
  };
}

/** What an import created, as `Type reference -> slug`, sorted. */
const created = (report: ImportReport) =>
  report.resolutions
    .filter((resolution) => resolution.by === 'created')
    .map((resolution) => `${resolution.type} ${resolution.reference} -> ${resolution.slug}`)
    .sort();

const problem = (location: string, field: string | undefined, message: string) => ({
  kind: 'problem',
  location,
  ...(field === undefined ? {} : { field }),
  message,
});

const RESULTS = /* GraphQL */ `
  query ($model: String!, $dataset: [String!], $metric: [String!]) {
    model(slug: $model) {
      results(first: 100, filter: { dataset: $dataset, metric: $metric }) {
        nodes {
          value
          reportedValue
          stderr
          reportedOn
          notes
          evaluatorRelationship
          modelVariant
          unverified
          setting {
            shots
            chainOfThought
            passK
            split
            harness
            variant
          }
          evaluator {
            slug
          }
          source {
            slug
          }
        }
      }
    }
  }
`;

type StoredResult = {
  value: number;
  reportedValue: string;
  stderr: number | null;
  reportedOn: string | null;
  notes: string;
  evaluatorRelationship: string;
  modelVariant: string | null;
  unverified: boolean;
  setting: Record<string, unknown>;
  evaluator: { slug: string } | null;
  source: { slug: string };
};

/** A dataset's slug and the slugs of its parents, up to the root, read through GraphQL. */
async function parentChain(app: App, slug: string): Promise<string[]> {
  const data = await expectData<{
    dataset: { slug: string; parent: { slug: string; parent: { slug: string } | null } | null };
  }>(app, `query ($slug: String!) { dataset(slug: $slug) { slug parent { slug parent { slug parent { slug } } } } }`, {
    slug,
  });
  const chain: string[] = [];
  for (let d: { slug: string; parent?: unknown } | null = data.dataset; d; d = (d.parent as typeof d) ?? null) {
    chain.push(d.slug);
  }
  return chain;
}

/** A model's results on one dataset and metric from one source, read through GraphQL, ordered by variant. */
async function storedResults(
  app: App,
  model: string,
  dataset: string,
  metric: string,
  source: string,
): Promise<StoredResult[]> {
  const data = await expectData<{ model: { results: { nodes: StoredResult[] } } }>(app, RESULTS, {
    model,
    dataset: [dataset],
    metric: [metric],
  });
  return data.model.results.nodes
    .filter((node) => node.source.slug === source)
    .sort((a, b) => String(a.setting.variant).localeCompare(String(b.setting.variant)));
}

/** A stored result with the defaults of a file that states little. */
const stored = (result: Partial<StoredResult> & Pick<StoredResult, 'value' | 'reportedValue' | 'source'>) => ({
  stderr: null,
  reportedOn: null,
  notes: '',
  // No evaluator and none stated: the relationship is unknown, not third party.
  evaluatorRelationship: 'UNKNOWN',
  modelVariant: null,
  unverified: false,
  evaluator: null,
  ...result,
  setting: {
    shots: null,
    chainOfThought: null,
    passK: null,
    split: null,
    harness: null,
    variant: null,
    ...result.setting,
  },
});

type Format = {
  format: ImportFormat;
  /** Fixture path under test/fixtures, and the name the import is given. */
  valid: { path: string; fileName: string };
  expected: {
    records: number;
    results: number;
    lineageEdges?: { inserted: number; unchanged: number };
    trainingDataClaims?: { inserted: number; updated: number; unchanged: number };
    /** Resolutions that must be in the report. */
    resolutions: { type: string; reference: string; slug: string; by: string }[];
    /** Exactly what the import creates, given the imports before it in this suite. */
    created: string[];
  };
  /** Checks of stored rows after the import. */
  check: (app: App, db: AppDb) => Promise<void>;
  malformed: {
    path: string;
    fileName: string;
    problems: ReturnType<typeof problem>[];
    /** With skipInvalid (after the valid file was imported): the report's counts, or undefined when nothing is valid. */
    skipped: {
      records: number;
      results: { inserted: number; updated: number; unchanged: number };
      lineageEdges?: { inserted: number; unchanged: number };
      trainingDataClaims?: { inserted: number; updated: number; unchanged: number };
    };
  }[];
};

const TULU = 'allenai/Llama-3.1-Tulu-3-405B';
const tuluHf = { type: 'Model', reference: TULU, slug: 'tulu-3-405b', by: 'huggingface-id' };
const LM_SOURCE = 'lm-evaluation-harness-run-of-allenai-llama-3.1-tulu-3-405b-2024-12-05';
const EEE_SOURCE = 'every-eval-ever-record-tulu3-report-allenai-llama-3.1-tulu-3-405b-1738195200.0';
const EEE_NOTES = 'source: Tülu 3 405B release (documentation); eval library: olmes unknown';

const formats: Format[] = [
  {
    format: 'csv',
    valid: { path: 'csv/results.csv', fileName: 'results.csv' },
    expected: {
      records: 7,
      results: 7,
      resolutions: [
        tuluHf,
        { type: 'Model', reference: 'Llama 3.1 405B Instruct', slug: 'llama-3.1-405b-instruct', by: 'slug' },
        {
          type: 'Model',
          reference: 'meta-llama/Llama-3.1-405B-Instruct',
          slug: 'llama-3.1-405b-instruct',
          by: 'huggingface-id',
        },
        { type: 'Source', reference: 'https://allenai.org/blog/tulu-3-405B', slug: 'ai2-blog', by: 'url' },
        { type: 'Dataset', reference: 'popqa', slug: 'popqa', by: 'slug' },
        { type: 'Metric', reference: 'exact_match', slug: 'exact-match', by: 'spelling' },
        { type: 'Metric', reference: 'pass@10', slug: 'pass-rate', by: 'spelling' },
      ],
      created: [
        'Metric macro_avg/acc -> macro-avg-acc',
        'Metric prompt_level_loose_acc -> loose-accuracy',
        'Source https://ai.meta.com/blog/meta-llama-3-1/ -> ai.meta.com-blog-meta-llama-3-1',
      ],
    },
    check: async (app) => {
      expect(await storedResults(app, 'tulu-3-405b', 'humaneval', 'pass-rate', 'ai2-blog')).toEqual([
        stored({
          value: 89.9,
          reportedValue: '89.9',
          reportedOn: '2025-01-30',
          evaluatorRelationship: 'FIRST_PARTY',
          setting: { shots: 0, passK: 10, split: 'test' },
          source: { slug: 'ai2-blog' },
        }),
      ]);
      expect(
        await storedResults(app, 'llama-3.1-405b-instruct', 'mmlu', 'macro-avg-acc', 'ai.meta.com-blog-meta-llama-3-1'),
      ).toEqual([
        stored({
          value: 88.6,
          reportedValue: '88.6',
          stderr: 0.3,
          reportedOn: '2024-07-23',
          evaluatorRelationship: 'FIRST_PARTY',
          setting: { shots: 0, chainOfThought: true, split: 'test', harness: 'lm-evaluation-harness, fork' },
          source: { slug: 'ai.meta.com-blog-meta-llama-3-1' },
        }),
      ]);
    },
    malformed: [
      {
        path: 'csv/bad-rows.csv',
        fileName: 'bad-rows.csv',
        problems: [
          problem('line 3', 'value', 'value must be a number, got "n/a"'),
          problem('line 4', 'model', 'model is required'),
          problem('line 4', 'stderr', 'stderr must be a non-negative number, got "-0.5"'),
          problem('line 5', 'n_shot', 'n_shot must be a non-negative integer, got "eight"'),
          problem('line 5', 'cot', 'cot must be true or false, got "yes"'),
          problem(
            'line 5',
            'evaluator_relationship',
            'evaluator_relationship must be first_party, third_party or unknown, got "independent"',
          ),
          problem('line 5', 'date', 'date must be a real date as YYYY-MM-DD, got "2024-02-30"'),
          problem('line 5', 'source_url', 'source_url must be an http(s) URL, got "ftp://allenai.org/tulu"'),
          problem('line 6', undefined, 'expected 13 fields as in the header, found 11'),
          problem(
            'line 7',
            undefined,
            'malformed CSV: Invalid Opening Quote: a quote is found on field 4 at line 7, value is "9"',
          ),
        ],
        // Line 2 is line 2 of results.csv, already imported; line 8 is new.
        skipped: { records: 2, results: { inserted: 1, updated: 0, unchanged: 1 } },
      },
      {
        path: 'csv/bad-header.csv',
        fileName: 'bad-header.csv',
        problems: [
          problem(
            'line 1',
            'organisation',
            'unknown column "organisation"; the columns are model, organization, benchmark, metric, value, stderr, n_shot, cot, split, harness, evaluator_relationship, source_url, date, model_variant, reported_value, pass_k, scaffold, variant, evaluator, source_title, source_kind, source_publisher, source_date, notes, unverified',
          ),
          problem(
            'line 1',
            'score',
            'unknown column "score"; the columns are model, organization, benchmark, metric, value, stderr, n_shot, cot, split, harness, evaluator_relationship, source_url, date, model_variant, reported_value, pass_k, scaffold, variant, evaluator, source_title, source_kind, source_publisher, source_date, notes, unverified',
          ),
          problem('line 1', 'value', 'required column "value" is missing'),
        ],
        skipped: { records: 0, results: { inserted: 0, updated: 0, unchanged: 0 } },
      },
    ],
  },
  {
    format: 'huggingface-model-card',
    // The path in the repo, as the Hub has it: the card's model is the repo `allenai/Llama-3.1-Tulu-3-405B`.
    valid: { path: 'huggingface-model-card/allenai/Llama-3.1-Tulu-3-405B/README.md', fileName: `${TULU}/README.md` },
    expected: {
      records: 7,
      results: 6,
      // The seed already has Tülu 3 405B fine-tuned from Llama 3.1 405B.
      lineageEdges: { inserted: 0, unchanged: 1 },
      trainingDataClaims: { inserted: 1, updated: 0, unchanged: 0 },
      resolutions: [
        tuluHf,
        { type: 'Model', reference: 'meta-llama/Llama-3.1-405B', slug: 'llama-3.1-405b', by: 'huggingface-id' },
        { type: 'Source', reference: `https://huggingface.co/${TULU}`, slug: 't3-card', by: 'url' },
        { type: 'Source', reference: 'https://arxiv.org/abs/2411.15124', slug: 't3-paper', by: 'url' },
        { type: 'Dataset', reference: 'EleutherAI/hendrycks_math', slug: 'math', by: 'huggingface-id' },
        { type: 'Dataset', reference: 'allenai/tulu-3-sft-mixture', slug: 'tulu-3-sft-mixture', by: 'huggingface-id' },
        { type: 'Metric', reference: 'acc', slug: 'accuracy', by: 'spelling' },
        { type: 'Metric', reference: 'prompt_level_loose_acc', slug: 'loose-accuracy', by: 'spelling' },
      ],
      created: ['Dataset allenai/RLVR-GSM-MATH-IF-Mixed-Constraints -> allenai-rlvr-gsm-math-if-mixed-constraints'],
    },
    check: async (app, db) => {
      // The seed has results of this card too (OLMES, Flex...): the import's own are added beside them.
      expect(await storedResults(app, 'tulu-3-405b', 'math', 'exact-match', 't3-card')).toContainEqual(
        stored({
          value: 67.3,
          reportedValue: '67.30',
          // "MATH (4-shot, CoT)": the qualifiers of the name are the setting.
          setting: { shots: 4, chainOfThought: true, split: 'test' },
          source: { slug: 't3-card' },
        }),
      );
      // A result with its own `source` is that source's, not the card's.
      expect(await storedResults(app, 'tulu-3-405b', 'mmlu', 'accuracy', 't3-paper')).toContainEqual(
        stored({
          value: 87,
          reportedValue: '87.0',
          setting: { shots: 0, chainOfThought: true, split: 'test' },
          source: { slug: 't3-paper' },
        }),
      );
      // `datasets:` is the card's claim that the model was trained on them, in the card's order.
      const claims = await rows(
        db,
        sql`select c.predicate, m.slug as model, s.slug as source,
              (select array_agg(d.slug order by o.position) from claim_object o join dataset d on d.id = o.dataset_id
                where o.claim_id = c.id) as datasets
            from claim c join model m on m.id = c.subject_model_id join source s on s.id = c.source_id
            where c.predicate = 'trained_on_data' and s.slug = 't3-card'`,
      );
      expect(claims).toEqual([
        {
          predicate: 'trained_on_data',
          model: 'tulu-3-405b',
          source: 't3-card',
          datasets: ['tulu-3-sft-mixture', 'allenai-rlvr-gsm-math-if-mixed-constraints'],
        },
      ]);
    },
    malformed: [
      {
        path: 'huggingface-model-card/malformed/README.md',
        fileName: `${TULU}/README.md`,
        problems: [
          // A free-text datasets entry, a value that is no number and a result without a dataset are skipped by the
          // card's rules (reported, not problems): the card is refused for the three below.
          problem('line 4', 'base_model_relation', 'base_model_relation must be adapter, merge, quantized or finetune'),
          problem(
            'line 34',
            'model-index[0].results[2].dataset.args.num_few_shot',
            'the number of shots must be a whole number',
          ),
          problem(
            'line 44',
            'model-index[0].results[3].metrics[0].type',
            'metric type (such as acc or exact_match) is missing',
          ),
        ],
        // The one valid metric (GSM8K without shots) is a new result; the card's claim now lists one dataset.
        skipped: {
          records: 2,
          results: { inserted: 1, updated: 0, unchanged: 0 },
          lineageEdges: { inserted: 0, unchanged: 1 },
          trainingDataClaims: { inserted: 0, updated: 1, unchanged: 0 },
        },
      },
    ],
  },
  {
    format: 'huggingface-eval-results',
    valid: {
      path: 'huggingface-eval-results/allenai/Llama-3.1-Tulu-3-405B/.eval_results/gsm8k.yaml',
      fileName: `${TULU}/.eval_results/gsm8k.yaml`,
    },
    expected: {
      records: 2,
      results: 2,
      resolutions: [
        tuluHf,
        { type: 'Source', reference: 'https://arxiv.org/abs/2411.15124', slug: 't3-paper', by: 'url' },
        { type: 'Dataset', reference: 'openai/gsm8k', slug: 'gsm8k', by: 'registry' },
      ],
      created: [
        'Source https://github.com/EleutherAI/lm-evaluation-harness -> github.com-eleutherai-lm-evaluation-harness',
      ],
    },
    check: async (app) => {
      expect(await storedResults(app, 'tulu-3-405b', 'gsm8k', 'exact-match', 't3-paper')).toEqual([
        stored({
          value: 95.5,
          reportedValue: '95.5',
          reportedOn: '2024-11-22',
          notes: '8-shot, chain-of-thought',
          setting: { shots: 8, chainOfThought: true },
          source: { slug: 't3-paper' },
        }),
      ]);
    },
    malformed: [
      {
        path: 'huggingface-eval-results/allenai/Llama-3.1-Tulu-3-405B/.eval_results/malformed.yaml',
        fileName: `${TULU}/.eval_results/malformed.yaml`,
        problems: [
          problem('line 4', '[0].value', 'value "n/a" is not a number'),
          problem('line 6', '[1].dataset.id', 'dataset.id (the Hub id of the benchmark) is missing'),
          problem('line 12', '[2].source.url', 'source.url is required when a source is given'),
          problem('line 16', '[3].date', 'date "30 January 2025" is not an ISO-8601 date'),
          problem('line 17', '[4].dataset', 'an entry needs dataset.id, the Hub id of the benchmark'),
        ],
        skipped: { records: 1, results: { inserted: 1, updated: 0, unchanged: 0 } },
      },
    ],
  },
  {
    format: 'papers-with-code',
    valid: { path: 'papers-with-code/evaluation-tables.json', fileName: 'evaluation-tables.json' },
    expected: {
      records: 5,
      results: 5,
      resolutions: [
        tuluHf,
        {
          type: 'Model',
          reference: 'Llama 3.1 405B Instruct (8-shot, CoT)',
          slug: 'llama-3.1-405b-instruct',
          by: 'name',
        },
        { type: 'Model', reference: 'Tülu 3 405B (4-shot, CoT)', slug: 'tulu-3-405b', by: 'name' },
        { type: 'Model', reference: 'Llama 3.1 405B', slug: 'llama-3.1-405b', by: 'slug' },
        // The setting qualifier moved into the result's setting; the registry knows MMLU.
        { type: 'Dataset', reference: 'MMLU', slug: 'mmlu', by: 'registry' },
        { type: 'Dataset', reference: 'GSM8K', slug: 'gsm8k', by: 'registry' },
        { type: 'Metric', reference: 'Accuracy', slug: 'accuracy', by: 'spelling' },
        { type: 'Metric', reference: 'Average (%)', slug: 'average', by: 'slug' },
      ],
      created: [
        'Metric Accuracy (maj@8) -> accuracy-maj-8',
        'Source Papers with Code: Math Word Problem Solving on MATH -> papers-with-code-math-word-problem-solving-on-math',
        'Source https://arxiv.org/abs/2407.21783 -> arxiv.org-abs-2407.21783',
      ],
    },
    check: async (app) => {
      expect(
        await storedResults(app, 'llama-3.1-405b-instruct', 'gsm8k', 'accuracy', 'arxiv.org-abs-2407.21783'),
      ).toEqual([
        stored({
          value: 95.4,
          reportedValue: '95.4%',
          reportedOn: '2024-07-31',
          notes: 'uses additional training data',
          source: { slug: 'arxiv.org-abs-2407.21783' },
        }),
      ]);
      expect(
        await storedResults(
          app,
          'tulu-3-405b',
          'math',
          'accuracy',
          'papers-with-code-math-word-problem-solving-on-math',
        ),
      ).toEqual([
        stored({
          value: 67.3,
          reportedValue: '67.3',
          source: { slug: 'papers-with-code-math-word-problem-solving-on-math' },
        }),
      ]);
    },
    malformed: [
      {
        path: 'papers-with-code/malformed.json',
        fileName: 'malformed.json',
        problems: [
          problem(
            '[0].datasets[0].sota.rows[2]',
            '[0].datasets[0].sota.rows[2].metrics',
            'metrics must be an object of metric name → value',
          ),
          problem('[0].datasets[1]', '[0].datasets[1].dataset', 'the dataset has no name'),
          problem('[0].subtasks[0]', '[0].subtasks[0].task', 'the task has no name'),
        ],
        skipped: { records: 1, results: { inserted: 1, updated: 0, unchanged: 0 } },
      },
    ],
  },
  {
    format: 'lm-eval-harness',
    valid: {
      path: 'lm-eval-harness/results_2024-12-05T10-31-07.517320.json',
      fileName: 'results_2024-12-05T10-31-07.517320.json',
    },
    expected: {
      records: 13,
      results: 13,
      resolutions: [
        tuluHf,
        { type: 'Dataset', reference: 'cais/mmlu', slug: 'mmlu', by: 'huggingface-id' },
        { type: 'Dataset', reference: 'openai/openai_humaneval', slug: 'humaneval', by: 'registry' },
        { type: 'Metric', reference: 'acc', slug: 'accuracy', by: 'spelling' },
        { type: 'Metric', reference: 'pass@1', slug: 'pass-rate', by: 'spelling' },
        { type: 'Metric', reference: 'prompt_level_loose_acc', slug: 'loose-accuracy', by: 'spelling' },
      ],
      created: [
        'Dataset mmlu_abstract_algebra -> mmlu-abstract-algebra',
        'Dataset mmlu_college_physics -> mmlu-college-physics',
        'Dataset mmlu_formal_logic -> mmlu-formal-logic',
        'Dataset mmlu_humanities -> mmlu-humanities',
        'Dataset mmlu_stem -> mmlu-stem',
        'Metric inst_level_loose_acc -> instruction-loose-accuracy',
        'Metric inst_level_strict_acc -> instruction-strict-accuracy',
        'Metric prompt_level_strict_acc -> strict-accuracy',
        `Source lm-evaluation-harness run of ${TULU} (2024-12-05) -> ${LM_SOURCE}`,
      ],
    },
    check: async (app) => {
      const run = {
        reportedOn: '2024-12-05',
        source: { slug: LM_SOURCE },
      };
      // Fractions on a percent metric are stored as percentages (0.955... -> 95.5...), stderr too.
      expect(await storedResults(app, 'tulu-3-405b', 'gsm8k', 'exact-match', LM_SOURCE)).toEqual([
        stored({
          ...run,
          value: 95.6785443518,
          reportedValue: '0.9567854435178165',
          stderr: 0.560014949756,
          notes: 'task version 3; lm_eval 0.4.7; git 9a5b6a1',
          setting: { shots: 8, split: 'test', harness: 'lm-evaluation-harness', variant: 'main|flexible-extract' },
        }),
        stored({
          ...run,
          value: 95.526914329,
          reportedValue: '0.9552691432903715',
          stderr: 0.569388613141,
          notes: 'task version 3; lm_eval 0.4.7; git 9a5b6a1',
          setting: { shots: 8, split: 'test', harness: 'lm-evaluation-harness', variant: 'main|strict-match' },
        }),
      ]);
      expect(await storedResults(app, 'tulu-3-405b', 'humaneval', 'pass-rate', LM_SOURCE)).toEqual([
        stored({
          ...run,
          value: 89.6341463415,
          reportedValue: '0.8963414634146342',
          stderr: 2.38985179344,
          notes: 'task version 1; lm_eval 0.4.7; git 9a5b6a1',
          setting: { shots: 0, passK: 1, split: 'test', harness: 'lm-evaluation-harness', variant: 'create_test' },
        }),
      ]);
      // The group aggregate on MMLU; each nested group and subject on a dataset of its own, under its group.
      const values = async (dataset: string) =>
        (await storedResults(app, 'tulu-3-405b', dataset, 'accuracy', LM_SOURCE)).map((r) => [
          r.setting.variant,
          r.value,
        ]);
      expect(await values('mmlu')).toEqual([[null, 75]]);
      expect(await values('mmlu-humanities')).toEqual([[null, 73.8095238095]]);
      expect(await values('mmlu-formal-logic')).toEqual([[null, 73.8095238095]]);
      expect(await values('mmlu-stem')).toEqual([[null, 75.7425742574]]);
      expect(await values('mmlu-abstract-algebra')).toEqual([[null, 79]]);
      expect(await values('mmlu-college-physics')).toEqual([[null, 72.5490196078]]);
      expect(await parentChain(app, 'mmlu-college-physics')).toEqual(['mmlu-college-physics', 'mmlu-stem', 'mmlu']);
    },
    malformed: [
      {
        path: 'lm-eval-harness/results_2024-12-06T10-15-23.250000.json',
        fileName: 'results_2024-12-06T10-15-23.250000.json',
        problems: [
          problem('n-shot', 'gsm8k', 'n-shot must be a non-negative integer'),
          problem('results.gsm8k', 'exact_match,strict-match', 'metric value must be a finite number, got "0.9545"'),
          problem(
            'results.gsm8k',
            'exact_match_stderr,flexible-extract',
            'stderr must be a non-negative number or "N/A", got -0.0056',
          ),
          problem('results.humaneval', 'pass@1,create_test', 'metric value must be a finite number, got null'),
          problem(
            'results.ifeval',
            'prompt_level_strict_acc,none',
            'prompt_level_strict_acc is a proportion in [0, 1], got 88.4',
          ),
        ],
        skipped: { records: 1, results: { inserted: 1, updated: 0, unchanged: 0 } },
      },
      {
        path: 'lm-eval-harness/results_missing-comma.json.broken',
        fileName: 'results_missing-comma.json.broken',
        problems: [
          problem(
            'line 410',
            undefined,
            "invalid JSON at line 410, column 5: expected ',' or '}' after a property value",
          ),
        ],
        skipped: { records: 0, results: { inserted: 0, updated: 0, unchanged: 0 } },
      },
    ],
  },
  {
    format: 'every-eval-ever',
    valid: { path: 'every-eval-ever/tulu-3-405b.json', fileName: 'tulu-3-405b.json' },
    expected: {
      records: 5,
      results: 5,
      resolutions: [
        tuluHf,
        { type: 'Organization', reference: 'Ai2', slug: 'allen-institute-for-ai', by: 'registry' },
        { type: 'Dataset', reference: 'popqa', slug: 'popqa', by: 'slug' },
        { type: 'Dataset', reference: 'cais/mmlu', slug: 'mmlu', by: 'huggingface-id' },
        { type: 'Metric', reference: 'pass@10', slug: 'pass-rate', by: 'spelling' },
      ],
      created: [
        `Source Every Eval Ever record tulu3-report/allenai_Llama-3.1-Tulu-3-405B/1738195200.0 -> ${EEE_SOURCE}`,
      ],
    },
    check: async (app) => {
      const record = {
        reportedOn: '2025-01-30',
        evaluatorRelationship: 'FIRST_PARTY',
        evaluator: { slug: 'allen-institute-for-ai' },
        source: { slug: EEE_SOURCE },
      };
      expect(await storedResults(app, 'tulu-3-405b', 'humaneval', 'pass-rate', EEE_SOURCE)).toEqual([
        stored({
          ...record,
          value: 89.9,
          reportedValue: '0.899',
          notes: `${EEE_NOTES}; description: HumanEval pass@10, 20 samples at temperature 0.8`,
          setting: { passK: 10, split: 'test', harness: 'olmes' },
        }),
      ]);
      expect(await storedResults(app, 'tulu-3-405b', 'mmlu', 'accuracy', EEE_SOURCE)).toEqual([
        stored({
          ...record,
          value: 87,
          reportedValue: '0.87',
          stderr: 0.28,
          notes: `${EEE_NOTES}; description: MMLU, 0-shot chain of thought`,
          setting: { shots: 0, chainOfThought: true, split: 'test', harness: 'olmes' },
        }),
      ]);
    },
    malformed: [
      {
        path: 'every-eval-ever/llama-3.1-405b-instruct-malformed.json',
        fileName: 'llama-3.1-405b-instruct-malformed.json',
        problems: [
          problem('evaluation_results[1].score_details', 'score', 'Invalid input: expected number, received string'),
          problem(
            'evaluation_results[2].metric_config',
            'lower_is_better',
            'Invalid input: expected boolean, received undefined',
          ),
          problem('evaluation_results[3].metric_config', 'max_score', 'required when score_type is continuous'),
          problem(
            'evaluation_results[4].source_data',
            'source_type',
            "Invalid discriminator value. Expected 'url' | 'hf_dataset' | 'other'",
          ),
        ],
        skipped: { records: 1, results: { inserted: 1, updated: 0, unchanged: 0 } },
      },
      {
        path: 'every-eval-ever/trailing-comma.json.broken',
        fileName: 'trailing-comma.json.broken',
        problems: [problem('line 41', undefined, 'invalid JSON at line 41, column 3: unexpected character "]"')],
        skipped: { records: 0, results: { inserted: 0, updated: 0, unchanged: 0 } },
      },
    ],
  },
];

const noClaims = { inserted: 0, updated: 0, unchanged: 0 };
const noEdges = { inserted: 0, unchanged: 0 };

describeEachBackend('import, format by format', (backend) => {
  const db = () => backend().database.db;
  const importFile = (
    file: { path: string; fileName: string },
    options: { dryRun?: boolean; skipInvalid?: boolean } = {},
  ) => runImport({ db: db(), fileName: file.fileName, path: fixture(file.path), actor: 'import-test', ...options });

  for (const spec of formats) {
    describe(spec.format, () => {
      const { expected } = spec;
      const written = {
        format: spec.format,
        records: expected.records,
        results: { inserted: expected.results, updated: 0, unchanged: 0 },
        lineageEdges: expected.lineageEdges ?? noEdges,
        licensesSet: 0,
        trainingDataClaims: expected.trainingDataClaims ?? noClaims,
        problemCount: 0,
      };

      test('a dry run reports what the import then does, and writes nothing; the import writes it', async () => {
        const before = await tableCounts(db());
        const since = await lastChange(db());

        const dry = await importFile(spec.valid, { dryRun: true });
        expect(counts(dry)).toEqual({ ...written, dryRun: true, written: false, refused: false });
        expect(dry.problems).toEqual([]);
        expect(await tableCounts(db())).toEqual(before);
        expect(await lastChange(db())).toBe(since);

        const report = await importFile(spec.valid);
        expect(counts(report)).toEqual({ ...written, dryRun: false, written: true, refused: false });
        expect(report.problems).toEqual([]);
        expect(report.file).toBe(spec.valid.fileName);
        for (const resolution of expected.resolutions) {
          expect(report.resolutions).toContainEqual(expect.objectContaining(resolution));
        }
        expect(created(report)).toEqual(expected.created);
        // The dry run resolved every name the same way.
        const sorted = (r: ImportReport) => r.resolutions.map((x) => JSON.stringify(x)).sort();
        expect(sorted(dry)).toEqual(sorted(report));

        const after = await tableCounts(db());
        expect(after.benchmark_result).toBe((before.benchmark_result ?? 0) + expected.results);
        expect(after.model_lineage).toBe((before.model_lineage ?? 0) + (expected.lineageEdges?.inserted ?? 0));
        // Every row written is audited as this import, by this actor.
        const changes = await changesSince(db(), since);
        expect(changes.actors).toEqual(['import-test']);
        expect(changes.operations).toEqual([`import ${spec.valid.fileName}`]);
        expect(changes.byTable['benchmark_result insert']).toBe(expected.results);
      });

      test('the stored results read back with their value, setting, source and evaluator', async () => {
        await spec.check(backend().app, db());
      });

      test('importing the same file again changes nothing', async () => {
        const before = await tableCounts(db());
        const since = await lastChange(db());
        const again = await importFile(spec.valid);
        expect(counts(again)).toEqual({
          ...written,
          dryRun: false,
          written: true,
          refused: false,
          results: { inserted: 0, updated: 0, unchanged: expected.results },
          lineageEdges: {
            inserted: 0,
            unchanged: (expected.lineageEdges?.inserted ?? 0) + (expected.lineageEdges?.unchanged ?? 0),
          },
          trainingDataClaims: {
            inserted: 0,
            updated: 0,
            unchanged: (expected.trainingDataClaims?.inserted ?? 0) + (expected.trainingDataClaims?.unchanged ?? 0),
          },
        });
        expect(created(again)).toEqual([]);
        expect(await tableCounts(db())).toEqual(before);
        expect(await lastChange(db())).toBe(since);
      });

      for (const malformed of spec.malformed) {
        test(`${malformed.fileName} is refused whole, with the place and field of every problem`, async () => {
          const before = await tableCounts(db());
          const since = await lastChange(db());
          const report = await importFile(malformed);
          expect(report.refused).toBe(true);
          expect(report.written).toBe(false);
          expect(report.format).toBe(spec.format);
          expect(report.problems).toEqual(malformed.problems);
          expect(report.problemCount).toBe(malformed.problems.length);
          expect(await tableCounts(db())).toEqual(before);
          expect(await lastChange(db())).toBe(since);
        });

        test(`${malformed.fileName} with skipInvalid: the valid records are written, the others listed`, async () => {
          const before = await tableCounts(db());
          const report = await importFile(malformed, { skipInvalid: true });
          // A file of which nothing could be read is refused even with skipInvalid: there is nothing to keep.
          const unreadable = malformed.skipped.records === 0;
          expect(counts(report)).toEqual({
            format: spec.format,
            dryRun: false,
            written: !unreadable,
            refused: unreadable,
            records: malformed.skipped.records,
            results: malformed.skipped.results,
            lineageEdges: malformed.skipped.lineageEdges ?? noEdges,
            licensesSet: 0,
            trainingDataClaims: malformed.skipped.trainingDataClaims ?? noClaims,
            problemCount: malformed.problems.length,
          });
          expect(report.problems).toEqual(malformed.problems);
          const after = await tableCounts(db());
          expect(after.benchmark_result).toBe((before.benchmark_result ?? 0) + malformed.skipped.results.inserted);
        });
      }
    });
  }

  describe('what the skipped records left', () => {
    test('csv: the valid rows of bad-rows.csv are stored, the bad ones are not', async () => {
      expect(await storedResults(backend().app, 'llama-3.1-405b-instruct', 'mmlu', 'accuracy', 'ai2-blog')).toEqual([
        stored({
          value: 88,
          reportedValue: '88.0',
          reportedOn: '2025-01-30',
          evaluatorRelationship: 'THIRD_PARTY',
          setting: { shots: 0, chainOfThought: true, split: 'test' },
          source: { slug: 'ai2-blog' },
        }),
      ]);
      // Line 3 (mmlu accuracy "n/a") left results.csv's value of the same result as it was.
      expect(
        (await storedResults(backend().app, 'tulu-3-405b', 'mmlu', 'accuracy', 'ai2-blog')).map((r) => r.value),
      ).toEqual([87]);
    });

    test('papers-with-code: the one valid row of malformed.json created its model', async () => {
      expect(
        await storedResults(backend().app, 'llama-3.1-70b-instruct', 'gsm8k', 'accuracy', 'arxiv.org-abs-2407.21783'),
      ).toEqual([
        stored({
          value: 95.1,
          reportedValue: '95.1',
          reportedOn: '2024-07-31',
          source: { slug: 'arxiv.org-abs-2407.21783' },
        }),
      ]);
    });
  });

  describe('values on one scale', () => {
    // A metric the import creates is a percentage when its name says it is a proportion or a file states it
    // as fractions, so lm-eval-harness's 0.865 and the CSV's 86 land on one scale.
    test('a proportion on a metric the import created is stored on the scale of its percentages', async () => {
      const app = backend().app;
      const values = async (source: string) =>
        (await storedResults(app, 'tulu-3-405b', 'ifeval', 'loose-accuracy', source)).map((r) => r.value);
      expect(await values('ai2-blog')).toEqual([86]);
      expect(await values('t3-card')).toEqual([86]);
      expect(await values(LM_SOURCE)).toEqual([86.5064695009]);
      expect(await values(EEE_SOURCE)).toEqual([86]);
    });

    // Within one file: huggingface-eval-results reads 0.9538 as a proportion; GSM8K's metric (exact match, from the
    // metric registry) is a percentage, so both GSM8K entries are stored as percentages.
    test('huggingface-eval-results: both GSM8K entries of gsm8k.yaml are percentages', async () => {
      expect(
        await storedResults(
          backend().app,
          'tulu-3-405b',
          'gsm8k',
          'exact-match',
          'github.com-eleutherai-lm-evaluation-harness',
        ),
      ).toEqual([
        stored({
          value: 95.38,
          reportedValue: '0.9538',
          reportedOn: '2025-02-03',
          notes: '5-shot, flexible-extract',
          setting: { shots: 5, harness: 'lm-evaluation-harness' },
          source: { slug: 'github.com-eleutherai-lm-evaluation-harness' },
        }),
      ]);
    });
  });
});

const CSV_HEADER = 'model,benchmark,metric,value,n_shot,source_url\n';

describeEachBackend('import checks, detection and the importFile mutation', (backend) => {
  const db = () => backend().database.db;
  const importText = (fileName: string, text: string, options: { dryRun?: boolean; skipInvalid?: boolean } = {}) =>
    runImport({ db: db(), fileName, text, actor: 'import-test', ...options });

  /** Imports `text` and expects it refused with exactly `problems`, the database untouched. */
  async function expectRefused(fileName: string, text: string, problems: ReturnType<typeof problem>[]) {
    const before = await tableCounts(db());
    const since = await lastChange(db());
    const report = await importText(fileName, text);
    expect(report.refused).toBe(true);
    expect(report.written).toBe(false);
    expect(report.problems).toEqual(problems);
    expect(await tableCounts(db())).toEqual(before);
    expect(await lastChange(db())).toBe(since);
    return report;
  }

  describe('format detection', () => {
    const fixtures: [ImportFormat, string, string][] = [
      ['csv', 'csv/results.csv', 'results.csv'],
      ['csv', 'csv/bad-rows.csv', 'bad-rows.csv'],
      ['csv', 'csv/bad-header.csv', 'bad-header.csv'],
      ['huggingface-model-card', 'huggingface-model-card/allenai/Llama-3.1-Tulu-3-405B/README.md', `${TULU}/README.md`],
      ['huggingface-model-card', 'huggingface-model-card/malformed/README.md', 'malformed/README.md'],
      [
        'huggingface-eval-results',
        'huggingface-eval-results/allenai/Llama-3.1-Tulu-3-405B/.eval_results/gsm8k.yaml',
        `${TULU}/.eval_results/gsm8k.yaml`,
      ],
      [
        'huggingface-eval-results',
        'huggingface-eval-results/allenai/Llama-3.1-Tulu-3-405B/.eval_results/malformed.yaml',
        `${TULU}/.eval_results/malformed.yaml`,
      ],
      // Without the `.eval_results/` path, by its content: a YAML list of dataset/value entries.
      [
        'huggingface-eval-results',
        'huggingface-eval-results/allenai/Llama-3.1-Tulu-3-405B/.eval_results/gsm8k.yaml',
        'gsm8k.yaml',
      ],
      ['papers-with-code', 'papers-with-code/evaluation-tables.json', 'evaluation-tables.json'],
      ['papers-with-code', 'papers-with-code/malformed.json', 'malformed.json'],
      // Real files (test/fixtures/REAL-SOURCES.md): sota-extractor's sorted keys put `task` past the first 4 KB.
      ['papers-with-code', 'papers-with-code/real/hotpotqa.json', 'hotpotqa.json'],
      ['lm-eval-harness', 'lm-eval-harness/real/notus-v1-mmlu.json', 'notus-v1-mmlu.json'],
      ['lm-eval-harness', 'lm-eval-harness/real/notus-v1-truthfulqa.json', 'notus-v1-truthfulqa.json'],
      ['lm-eval-harness', 'lm-eval-harness/results_2024-12-05T10-31-07.517320.json', 'results.json'],
      ['lm-eval-harness', 'lm-eval-harness/results_2024-12-06T10-15-23.250000.json', 'results.json'],
      ['lm-eval-harness', 'lm-eval-harness/results_missing-comma.json.broken', 'results.json'],
      ['every-eval-ever', 'every-eval-ever/tulu-3-405b.json', 'record.json'],
      ['every-eval-ever', 'every-eval-ever/llama-3.1-405b-instruct-malformed.json', 'record.json'],
      ['every-eval-ever', 'every-eval-ever/trailing-comma.json.broken', 'record.json'],
    ];

    test('every fixture is read in its own format when none is given (dry runs: nothing written)', async () => {
      const before = await tableCounts(db());
      const detected: [string, string][] = [];
      for (const [, file, fileName] of fixtures) {
        const report = await runImport({ db: db(), fileName, path: fixture(file), actor: 'import-test', dryRun: true });
        detected.push([file, report.format]);
      }
      expect(detected).toEqual(fixtures.map(([format, file]) => [file, format]));
      expect(await tableCounts(db())).toEqual(before);
    });

    test('a file of no known format is an ImportFormatError naming the formats', async () => {
      const before = await tableCounts(db());
      const message =
        'Cannot tell the format of notes.txt; pass one of: graph-json, huggingface-eval-results, huggingface-model-card, every-eval-ever, lm-eval-harness, papers-with-code, csv';
      await expect(importText('notes.txt', 'Tülu 3 405B scores 95.5 on GSM8K.\n')).rejects.toThrow(ImportFormatError);
      await expect(importText('notes.txt', 'Tülu 3 405B scores 95.5 on GSM8K.\n')).rejects.toThrow(message);
      await expect(importText('scores.json', '{ "tulu-3-405b": { "gsm8k": 95.5 } }')).rejects.toThrow(
        ImportFormatError,
      );
      expect(await tableCounts(db())).toEqual(before);
    });
  });

  describe('what the writer checks', () => {
    const row = (value: string, shots = '8', url = 'https://example.org/scores') =>
      `allenai/Llama-3.1-Tulu-3-405B,gsm8k,accuracy,${value},${shots},${url}\n`;

    test('a value outside its metric’s range refuses the file, naming the range', async () => {
      await expectRefused('range.csv', CSV_HEADER + row('95.5', '4') + row('140'), [
        problem('line 3', 'value', '140 is outside the range of metric accuracy [0, 100]'),
      ]);
      await expectRefused('negative.csv', CSV_HEADER + row('-0.5'), [
        problem('line 2', 'value', '-0.5 is outside the range of metric accuracy [0, 100]'),
      ]);
    });

    test('what the database would refuse is refused first, at the record and field', async () => {
      await expectRefused('huge-shots.csv', CSV_HEADER + row('95.5', '3000000000'), [
        problem('line 2', 'shots', '3000000000 shots: must be a whole number from 0 to 2147483647'),
      ]);
      await expectRefused(
        'pass-at-zero.csv',
        CSV_HEADER + 'allenai/Llama-3.1-Tulu-3-405B,humaneval,pass@0,90,0,https://example.org/p0\n',
        [problem('line 2', 'pass_k', 'pass@0: k must be at least 1')],
      );
      await expectRefused(
        'allenai/Llama-3.1-Tulu-3-405B/README.md',
        [
          '---',
          'model-index:',
          '- name: Llama-3.1-Tulu-3-405B',
          '  results:',
          '  - task: { type: text-generation }',
          '    dataset: { type: openai/gsm8k, name: GSM8K }',
          '    metrics: [{ type: exact_match, value: 95.5 }]',
          '    source: { name: A paper, url: arxiv.org/abs/2411.15124 }',
          '---',
          '',
        ].join('\n'),
        [
          problem(
            expect.stringMatching(/^line \d+$/) as unknown as string,
            'source.url',
            '"arxiv.org/abs/2411.15124" is not an http(s) URL',
          ),
        ],
      );
    });

    test('an organization the import creates is linked to the source that names it', async () => {
      const report = await importText(
        'new-org.csv',
        'model,organization,benchmark,metric,value,source_url\nNew Lab Model 7B,New Lab,gsm8k,accuracy,61.5,https://example.org/new-lab\n',
      );
      expect(report.written).toBe(true);
      expect(report.resolutions.filter((r) => r.by === 'created').map((r) => `${r.type}:${r.slug}`)).toEqual([
        'Source:example.org-new-lab',
        'Organization:new-lab',
        'Model:new-lab-model-7b',
      ]);
      expect(
        await rows(
          db(),
          sql`select o.slug as organization, s.url from organization_source os join organization o on o.id = os.entity_id
              join source s on s.id = os.source_id where o.slug = 'new-lab'`,
        ),
      ).toEqual([{ organization: 'new-lab', url: 'https://example.org/new-lab' }]);
    });

    test('a training dataset that a file reports results on becomes a benchmark too', async () => {
      const flags = () =>
        rows(db(), sql`select is_benchmark, is_training_data from dataset where slug = 'tulu-3-sft-mixture'`);
      expect(await flags()).toEqual([{ is_benchmark: false, is_training_data: true }]);
      const report = await importText(
        'on-training-data.csv',
        CSV_HEADER + 'allenai/Llama-3.1-Tulu-3-405B,allenai/tulu-3-sft-mixture,accuracy,50,0,https://example.org/sft\n',
      );
      expect(report.results).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
      expect(await flags()).toEqual([{ is_benchmark: true, is_training_data: true }]);
    });

    test('with skipInvalid the out-of-range row is left out and listed', async () => {
      const report = await importText('range.csv', CSV_HEADER + row('95.5', '4') + row('140'), { skipInvalid: true });
      expect(counts(report)).toMatchObject({ written: true, refused: false, records: 2, problemCount: 1 });
      expect(report.results).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
      expect(report.problems).toEqual([
        problem('line 3', 'value', '140 is outside the range of metric accuracy [0, 100]'),
      ]);
      const [stored] = await rows(
        db(),
        sql`select r.value, r.shots from benchmark_result r join source s on s.id = r.source_id
            where s.url = 'https://example.org/scores'`,
      );
      expect(stored).toEqual({ value: 95.5, shots: 4 });
    });

    test('two rows for the same result with different values refuse the file', async () => {
      await expectRefused(
        'twice.csv',
        CSV_HEADER + row('90', '8', 'https://example.org/twice') + row('91', '8', 'https://example.org/twice'),
        [
          problem(
            'line 3',
            'value',
            'the same result (model, benchmark, metric, setting, source) has another value at line 2',
          ),
        ],
      );
    });

    // Duplicates more than a batch apart are found too: the writer remembers the ids of the results it wrote.
    test('two rows for the same result far apart (in different batches) refuse the file too', async () => {
      const url = 'https://example.org/far-apart';
      let text = CSV_HEADER + row('90', '8', url);
      for (let shots = 100; shots < 10_101; shots++) text += row('50', String(shots), url);
      text += row('91', '8', url);
      const report = await importText('far-apart.csv', text, { dryRun: true });
      expect(report.refused).toBe(true);
      expect(report.problems).toEqual([
        problem(
          'line 10004',
          'value',
          'the same result (model, benchmark, metric, setting, source) has another value earlier in the file',
        ),
      ]);
    });

    // A refused file is still written to its end (then rolled back), so the writer's checks report too.
    test('a refused file reports the writer’s problems as well as the parser’s', async () => {
      const report = await importText('both.csv', CSV_HEADER + row('140') + row('n/a', '0'));
      expect(report.refused).toBe(true);
      expect([...report.problems].sort((a, b) => a.location.localeCompare(b.location))).toEqual([
        problem('line 2', 'value', '140 is outside the range of metric accuracy [0, 100]'),
        problem('line 3', 'value', 'value must be a number, got "n/a"'),
      ]);
    });

    test('a model card whose base_model would close a lineage cycle is refused', async () => {
      const report = await expectRefused(
        'meta-llama/Llama-3.1-405B/README.md',
        `---\nbase_model: ${TULU}\n---\n\n# Llama 3.1 405B\n`,
        [
          {
            kind: 'problem',
            location: expect.stringMatching(/base_model\[0\]$/) as unknown as string,
            field: 'base_model',
            message: 'would create a lineage cycle: tulu-3-405b already derives from llama-3.1-405b',
          },
        ],
      );
      expect(report.resolutions).toContainEqual({
        type: 'Model',
        reference: 'meta-llama/Llama-3.1-405B',
        slug: 'llama-3.1-405b',
        by: 'huggingface-id',
        confidence: 'exact',
      });
      await expectRefused(`${TULU}/README.md`, `---\nbase_model: ${TULU}\n---\n`, [
        {
          kind: 'problem',
          location: expect.stringMatching(/base_model\[0\]$/) as unknown as string,
          field: 'base_model',
          message: 'a model cannot derive from itself',
        },
      ]);
    });

    test('a model card for a new model adds its lineage edge and license, once', async () => {
      const card = `---\nlicense: llama3.1\nbase_model: ${TULU}\nbase_model_relation: quantized\n---\n`;
      const first = await importText('someone/Tulu-3-405B-GGUF/README.md', card);
      expect(counts(first)).toEqual({
        format: 'huggingface-model-card',
        dryRun: false,
        written: true,
        refused: false,
        records: 1,
        results: { inserted: 0, updated: 0, unchanged: 0 },
        lineageEdges: { inserted: 1, unchanged: 0 },
        licensesSet: 1,
        trainingDataClaims: noClaims,
        problemCount: 0,
      });
      expect(created(first)).toContain('Model someone/Tulu-3-405B-GGUF -> someone-tulu-3-405b-gguf');
      const edges = await rows(
        db(),
        sql`select m.slug as model, b.slug as base, l.kind, m.open_weights, li.slug as license
            from model_lineage l join model m on m.id = l.model_id join model b on b.id = l.base_model_id
            left join license li on li.id = m.license_id where m.slug = 'someone-tulu-3-405b-gguf'`,
      );
      expect(edges).toEqual([
        {
          model: 'someone-tulu-3-405b-gguf',
          base: 'tulu-3-405b',
          kind: 'quantization',
          open_weights: true,
          license: 'llama-3.1-community',
        },
      ]);

      const since = await lastChange(db());
      const again = await importText('someone/Tulu-3-405B-GGUF/README.md', card);
      expect(again.lineageEdges).toEqual({ inserted: 0, unchanged: 1 });
      expect(again.licensesSet).toBe(0);
      expect(await lastChange(db())).toBe(since);
    });
  });

  describe('the importFile mutation', () => {
    const IMPORT = /* GraphQL */ `
      mutation ($input: ImportFileInput!) {
        importFile(input: $input) {
          __typename
          ... on ImportPayload {
            fileName
            format
            dryRun
            written
            records
            results {
              inserted
              updated
              unchanged
            }
            lineageEdgesInserted
            licensesSet
            trainingDataClaims {
              inserted
              updated
              unchanged
            }
            resolutions {
              type
              reference
              slug
              by
            }
            rejected {
              location
              field
              message
            }
            rejectedCount
          }
          ... on ValidationError {
            message
            issues {
              path
              message
            }
          }
        }
      }
    `;
    let editor = '';
    let editorActor = '';
    let csv = '';
    let badRows = '';

    beforeAll(async () => {
      const key = await createApiKey(db(), { name: 'edith', role: 'editor' });
      editor = key.secret;
      editorActor = `api-key:${key.id} (edith)`;
      csv = await readFile(fixture('csv/results.csv'), 'utf8');
      badRows = await readFile(fixture('csv/bad-rows.csv'), 'utf8');
    });

    async function importAs(token: string | undefined, input: Record<string, unknown>) {
      const response = token
        ? await executeAs(backend().app, token, IMPORT, { input })
        : await execute(backend().app, IMPORT, { input });
      expect(response.status).toBe(200);
      return response;
    }

    async function payload(input: Record<string, unknown>) {
      const response = await importAs(editor, input);
      expect(response.body.errors, JSON.stringify(response.body)).toBeUndefined();
      return response.body.data?.importFile as Row;
    }

    const csvPayload = (dryRun: boolean, results: Row) => ({
      __typename: 'ImportPayload',
      fileName: 'results.csv',
      format: 'CSV',
      dryRun,
      written: !dryRun,
      records: 7,
      results,
      lineageEdgesInserted: 0,
      licensesSet: 0,
      trainingDataClaims: noClaims,
      resolutions: expect.arrayContaining([
        { type: 'Model', reference: TULU, slug: 'tulu-3-405b', by: 'huggingface-id' },
        { type: 'Source', reference: 'https://allenai.org/blog/tulu-3-405B', slug: 'ai2-blog', by: 'url' },
      ]) as unknown,
      rejected: [],
      rejectedCount: 0,
    });

    test('anonymous: UNAUTHENTICATED, and nothing is written', async () => {
      const before = await tableCounts(db());
      const response = await importAs(undefined, { fileName: 'results.csv', content: csv });
      expect(response.body.data).toBeNull();
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', requiredRole: 'editor' });
      expect(await tableCounts(db())).toEqual(before);
    });

    test('a dry run reports the counts and writes nothing', async () => {
      const before = await tableCounts(db());
      const result = await payload({ fileName: 'results.csv', content: csv, format: 'CSV', dryRun: true });
      expect(result).toEqual(csvPayload(true, { inserted: 7, updated: 0, unchanged: 0 }));
      expect(await tableCounts(db())).toEqual(before);
    });

    test('an editor imports the file (format detected); every change is audited with the key’s actor', async () => {
      const since = await lastChange(db());
      const result = await payload({ fileName: 'results.csv', content: csv });
      expect(result).toEqual(csvPayload(false, { inserted: 7, updated: 0, unchanged: 0 }));
      const changes = await changesSince(db(), since);
      expect(changes.actors).toEqual([editorActor]);
      expect(changes.operations).toEqual(['import results.csv']);
      expect(changes.byTable).toEqual({ 'benchmark_result insert': 7, 'metric insert': 2, 'source insert': 1 });
      expect(await storedResults(backend().app, 'tulu-3-405b', 'popqa', 'exact-match', 'ai2-blog')).toEqual([
        stored({
          value: 55.7,
          reportedValue: '55.7',
          reportedOn: '2025-01-30',
          evaluatorRelationship: 'FIRST_PARTY',
          setting: { shots: 15, chainOfThought: false, split: 'test' },
          source: { slug: 'ai2-blog' },
        }),
      ]);
    });

    test('the same file again: all unchanged, no change rows', async () => {
      const since = await lastChange(db());
      const result = await payload({ fileName: 'results.csv', content: csv });
      expect(result).toEqual(csvPayload(false, { inserted: 0, updated: 0, unchanged: 7 }));
      expect(await lastChange(db())).toBe(since);
    });

    test('a malformed file is a ValidationError listing each problem as [file, location, field]', async () => {
      const before = await tableCounts(db());
      const result = await payload({ fileName: 'bad-rows.csv', content: badRows });
      expect(result.__typename).toBe('ValidationError');
      const issues = result.issues as { path: string[]; message: string }[];
      expect(issues).toHaveLength(10);
      expect(issues[0]).toEqual({
        path: ['bad-rows.csv', 'line 3', 'value'],
        message: 'value must be a number, got "n/a"',
      });
      expect(issues[1]).toEqual({ path: ['bad-rows.csv', 'line 4', 'model'], message: 'model is required' });
      expect(issues[8]).toEqual({
        path: ['bad-rows.csv', 'line 6'],
        message: 'expected 13 fields as in the header, found 11',
      });
      expect(result.message).toMatch(
        /^Invalid input \(10 problems\): bad-rows\.csv\.line 3\.value: value must be a number/,
      );
      expect(await tableCounts(db())).toEqual(before);
    });

    test('with skipInvalid the valid rows are imported and the others listed as rejected', async () => {
      const result = await payload({ fileName: 'bad-rows.csv', content: badRows, skipInvalid: true });
      expect(result).toMatchObject({
        __typename: 'ImportPayload',
        written: true,
        records: 2,
        results: { inserted: 1, updated: 0, unchanged: 1 },
        rejectedCount: 10,
      });
      expect((result.rejected as Row[])[0]).toEqual({
        location: 'line 3',
        field: 'value',
        message: 'value must be a number, got "n/a"',
      });
      expect((result.rejected as Row[])[8]).toEqual({
        location: 'line 6',
        field: null,
        message: 'expected 13 fields as in the header, found 11',
      });
    });

    test('a file of no known format is a ValidationError on input.format', async () => {
      const result = await payload({ fileName: 'notes.txt', content: 'Tülu 3 405B scores 95.5 on GSM8K.\n' });
      expect(result).toEqual({
        __typename: 'ValidationError',
        message: expect.stringContaining('Cannot tell the format of notes.txt') as unknown,
        issues: [
          {
            path: ['input', 'format'],
            message: expect.stringMatching(/^Cannot tell the format of notes\.txt; pass one of: /) as unknown,
          },
        ],
      });
    });
  });
});

/**
 * Real files nobody on the team wrote (test/fixtures/REAL-SOURCES.md names their origin and licence): the facts
 * they state, stored exactly. Each test names the file and the fact.
 */
describeEachBackend('real files', (backend) => {
  const db = () => backend().database.db;
  const importReal = (file: string, options: { skipInvalid?: boolean } = {}) =>
    runImport({
      db: db(),
      fileName: path.basename(file),
      path: fixture(file),
      actor: 'import-test',
      ...options,
    });
  /** Results per dataset slug written from one source. */
  const perDataset = async (source: string) =>
    Object.fromEntries(
      (
        await rows(
          db(),
          sql`select d.slug, count(*)::int as n from benchmark_result r join dataset d on d.id = r.dataset_id
              join source s on s.id = r.source_id where s.slug = ${source} group by d.slug order by d.slug`,
        )
      ).map((row) => [String(row.slug), Number(row.n)]),
    );

  describe('lm-eval-harness 0.4.0-dev MMLU (notus-v1-mmlu.json)', () => {
    const SOURCE = 'lm-evaluation-harness-run-of-argilla-notus-7b-v1-notus-v1-mmlu.json';
    test('every subject on its own dataset under its group, the group aggregates on the groups, under MMLU', async () => {
      const report = await importReal('lm-eval-harness/real/notus-v1-mmlu.json');
      expect(report.problems).toEqual([]);
      expect(report.results).toEqual({ inserted: 62, updated: 0, unchanged: 0 });
      const counts = await perDataset(SOURCE);
      // 57 subjects + 4 groups + MMLU, one result each: nothing filed under another's name.
      expect(Object.keys(counts)).toHaveLength(62);
      expect(Object.values(counts).every((n) => n === 1)).toBe(true);
      expect(counts).toMatchObject({ mmlu: 1, 'mmlu-humanities': 1, 'mmlu-stem': 1, 'mmlu-formal-logic': 1 });
      const app = backend().app;
      const accuracy = (dataset: string) => storedResults(app, 'argilla-notus-7b-v1', dataset, 'accuracy', SOURCE);
      const setting = { shots: 5, split: 'test', harness: 'lm-evaluation-harness' };
      expect(await accuracy('mmlu-formal-logic')).toEqual([
        stored({
          value: 38.8888888889,
          reportedValue: '0.3888888888888889',
          stderr: 4.36031486008,
          notes: 'task version Yaml',
          setting,
          source: { slug: SOURCE },
        }),
      ]);
      expect((await accuracy('mmlu')).map((r) => r.value)).toEqual([61.6934909557]);
      expect((await accuracy('mmlu-stem')).map((r) => r.value)).toEqual([52.2359657469]);
      expect(await parentChain(app, 'mmlu-formal-logic')).toEqual(['mmlu-formal-logic', 'mmlu-humanities', 'mmlu']);
      expect(await parentChain(app, 'mmlu-abstract-algebra')).toEqual(['mmlu-abstract-algebra', 'mmlu-stem', 'mmlu']);
    });

    test('a second import changes nothing', async () => {
      const report = await importReal('lm-eval-harness/real/notus-v1-mmlu.json');
      expect(report.results).toEqual({ inserted: 0, updated: 0, unchanged: 62 });
      expect(report.resolutions.filter((r) => r.by === 'created')).toEqual([]);
    });
  });

  describe('values on the scale of their metric', () => {
    test('notus-v1-truthfulqa.json: bleu_acc 0.4969 is 49.69 % on a percent metric, bleu_max stays 29.89', async () => {
      const SOURCE = 'lm-evaluation-harness-run-of-argilla-notus-7b-v1-notus-v1-truthfulqa.json';
      const report = await importReal('lm-eval-harness/real/notus-v1-truthfulqa.json');
      expect(report.problems).toEqual([]);
      const app = backend().app;
      const one = async (metric: string) =>
        (await storedResults(app, 'argilla-notus-7b-v1', 'truthfulqa-gen', metric, SOURCE)).map((r) => [
          r.value,
          r.reportedValue,
          r.stderr,
        ]);
      expect(await one('bleu-acc')).toEqual([[49.694002448, '0.4969400244798042', 1.7503173261]]);
      expect(await one('rougel-acc')).toEqual([[49.8164014688, '0.4981640146878825', 1.75033830469]]);
      expect(await one('bleu-max')).toEqual([[29.892398101, '29.892398101025726', 0.850554725198]]);
      const units = await rows(
        db(),
        sql`select slug, unit, min_value, max_value from metric where slug in ('bleu-acc', 'bleu-max') order by slug`,
      );
      expect(units).toEqual([
        { slug: 'bleu-acc', unit: 'percent', min_value: 0, max_value: 100 },
        { slug: 'bleu-max', unit: 'score', min_value: 0, max_value: 100 },
      ]);
    });

    test('hotpotqa.json (Papers with Code): ANS-EM 0.675 is 67.5 % on a percent metric', async () => {
      // Detected by its content; its 15 rows naming no model ("" or "Anonymous") and one resubmission are left out by rule, not refused.
      const report = await importReal('papers-with-code/real/hotpotqa.json');
      expect([report.format, report.refused, report.written, report.problemCount]).toEqual([
        'papers-with-code',
        false,
        true,
        0,
      ]);
      expect(report.skippedCount).toBe(16); // and SAFSr_model of 2019, superseded by "SAFSR model" of 2020
      expect(report.skipped[0]).toEqual({
        kind: 'skipped',
        location: '[0].datasets[0].sota.rows[7]',
        message: 'the row names no model (model_name "Anonymous"): left out',
      });
      const found = await rows(
        db(),
        sql`select m.slug as model, d.slug as dataset, x.slug as metric, x.unit, r.value, r.reported_value
            from benchmark_result r join model m on m.id = r.model_id join dataset d on d.id = r.dataset_id
            join metric x on x.id = r.metric_id join source s on s.id = r.source_id
            where s.slug = 'papers-with-code-question-answering-on-hotpotqa' and m.name = 'AISO' order by x.slug`,
      );
      expect(found.map((r) => [r.dataset, r.metric, r.unit, r.value, r.reported_value])).toEqual([
        ['hotpotqa', 'exact-match', 'percent', 67.5, '0.675'],
        ['hotpotqa', 'f1', 'percent', 80.5, '0.805'],
        ['hotpotqa', 'joint-em', 'percent', 44.9, '0.449'],
        ['hotpotqa', 'joint-f1', 'percent', 72, '0.720'],
        ['hotpotqa', 'sup-em', 'percent', 61.2, '0.612'],
        ['hotpotqa', 'sup-f1', 'percent', 86, '0.860'],
      ]);
      const [range] = await rows(
        db(),
        sql`select min(r.value) as lo, max(r.value) as hi from benchmark_result r join metric x on x.id = r.metric_id
            join source s on s.id = r.source_id where x.slug = 'exact-match' and s.slug = 'papers-with-code-question-answering-on-hotpotqa'`,
      );
      expect([Number(range?.lo), Number(range?.hi)]).toEqual([23.6, 67.5]);
    });

    test('coqa.json (Papers with Code): a resubmission of TR-MT (ensemble) leaves the latest, the earlier reported', async () => {
      const report = await importReal('papers-with-code/real/coqa.json');
      expect([report.format, report.refused, report.problemCount]).toEqual(['papers-with-code', false, 0]);
      expect(report.skipped).toEqual([
        {
          kind: 'skipped',
          location: '[0].datasets[0].sota.rows[3]',
          message: 'an earlier submission of TR-MT (ensemble) to this table; the one of 2020-04-22 (rows[1]) is kept',
        },
      ]);
      const found = await rows(
        db(),
        sql`select x.slug as metric, r.value, r.reported_on from benchmark_result r join model m on m.id = r.model_id
            join metric x on x.id = r.metric_id join dataset d on d.id = r.dataset_id
            where m.name = 'TR-MT (ensemble)' order by x.slug`,
      );
      expect(found.map((r) => [r.metric, r.value, r.reported_on])).toEqual([
        ['in-domain', 91.5, '2020-04-22'],
        ['out-of-domain', 88.8, '2020-04-22'],
        ['overall', 90.7, '2020-04-22'],
      ]);
    });

    test('a lone proportion in [0, 1] with nothing to place it is refused at its place; nothing is written', async () => {
      const before = await lastChange(db());
      const text = JSON.stringify([
        {
          task: 'Question Answering',
          datasets: [{ dataset: 'HotpotQA', sota: { rows: [{ model_name: 'X', metrics: { 'ANS-EM': '0.8' } }] } }],
        },
      ]);
      const report = await runImport({ db: db(), fileName: 'one.json', text, actor: 'import-test' });
      expect(report.refused).toBe(true);
      expect(report.problems).toEqual([
        {
          kind: 'problem',
          location: '[0].datasets[0].sota.rows[0].metrics.ANS-EM',
          field: 'value',
          message:
            'cannot tell whether 0.8 is a fraction or a percentage of exact-match: the file gives no range and no other value of it to go by',
        },
      ]);
      expect(await lastChange(db())).toBe(before);
    });
  });
});

describe('npm run import (the CLI, on an embedded database)', () => {
  let dataDir = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'modelgraph-import-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { DATABASE_URL: _url, ...env } = process.env;
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/scripts/import.ts', ...args],
        { cwd: root, env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_ON_START: 'true' }, timeout: 120_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  test('imports a file: exit 0 and a JSON report', async () => {
    const run = await cli(['test/fixtures/csv/results.csv', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const reports = JSON.parse(run.stdout) as ImportReport[];
    expect(reports).toHaveLength(1);
    expect(counts(reports[0] as ImportReport)).toEqual({
      format: 'csv',
      dryRun: false,
      written: true,
      refused: false,
      records: 7,
      results: { inserted: 7, updated: 0, unchanged: 0 },
      lineageEdges: noEdges,
      licensesSet: 0,
      trainingDataClaims: noClaims,
      problemCount: 0,
    });
    expect(reports[0]?.file).toBe('test/fixtures/csv/results.csv');
  }, 120_000);

  test('a refused file is exit code 1 with --strict; the other file is still imported (unchanged: it was kept)', async () => {
    const run = await cli(['test/fixtures/csv/bad-rows.csv', 'test/fixtures/csv/results.csv', '--json', '--strict']);
    expect(run.code, run.stderr).toBe(1);
    const [bad, good] = JSON.parse(run.stdout) as ImportReport[];
    expect(bad).toMatchObject({
      file: 'test/fixtures/csv/bad-rows.csv',
      refused: true,
      written: false,
      problemCount: 10,
    });
    expect(bad?.problems[0]).toEqual(problem('line 3', 'value', 'value must be a number, got "n/a"'));
    expect(good).toMatchObject({
      file: 'test/fixtures/csv/results.csv',
      refused: false,
      written: true,
      results: { inserted: 0, updated: 0, unchanged: 7 },
    });
  }, 120_000);

  test('a bad argument is exit code 2, with the usage', async () => {
    const run = await cli(['test/fixtures/csv/results.csv', '--format', 'yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown format "yaml"');
    expect(run.stderr).toContain('usage: npm run import --');
    expect(run.stdout).toBe('');
  }, 120_000);
});
