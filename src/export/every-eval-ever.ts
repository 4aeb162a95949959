/**
 * Results as Every Eval Ever (EvalEval Coalition) aggregate records, schema 0.2.2, each checked against
 * `everyEvalEverSchema` (`src/import/formats/every-eval-ever.ts`) before it is written.
 *
 * One record per model and source: a source (paper, model card, leaderboard) is the "evaluation run" the
 * format describes, and the record-level fields are per source: who evaluated (`source_metadata`), the
 * harness (`eval_library`) and the checkpoint (`model_info`). When one model's results in one source differ
 * in those (another evaluator, harness or model variant), each combination gets its own record. Files are
 * `<model-slug>/<source-slug>.json`, then `<source-slug>+2.json`... for further combinations (`+` is never
 * part of a slug). Results are read in model order, so one model's results are in memory at a time.
 *
 * Mapping, chosen so that the Every Eval Ever importer reads the records back to the same results:
 * - model_info: name; id = the Hugging Face id, else the slug (no `/`, so not taken for a Hugging Face id);
 *   developer = the lead developer's name; additional_details: `modelgraph_slug`, `model_variant`.
 * - source_metadata: source_name = the source's title; source_type `documentation` (every result in the graph
 *   comes from a published source); source_organization_name = the evaluator's name (`unknown` when not
 *   stated), its website; evaluator_relationship; additional_details: the source's slug, URL, kind, date and
 *   the evaluator's slug.
 * - eval_library: name = the harness (`unknown` when not stated), version `unknown`.
 * - evaluation_results[]: evaluation_name = the variant when there is one, else the dataset's name;
 *   source_data = `hf_dataset` (hf_repo, hf_split) when the dataset has a Hugging Face id, else `url` (its
 *   homepage), else `other`; the split goes to `additional_details` when it has no `hf_split`;
 *   evaluation_timestamp = reportedOn as Unix seconds; metric_config: metric_id = slug, metric_name = name,
 *   metric_unit, lower_is_better, score_type `continuous` with min/max when the metric is bounded on both
 *   sides, metric_parameters.k = pass@k; score_details: score = value (in the metric's unit), standard error,
 *   details: reported_value, notes, unverified; generation_config: reasoning = chain of thought,
 *   additional_details.num_fewshot = shots.
 * - retrieved_timestamp: the export's time (option `retrievedAt`), as Unix seconds.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppDb } from '../db/client.ts';
import {
  EVERY_EVAL_EVER_SCHEMA_VERSION,
  type EveryEvalEverRecord,
  type EveryEvalEverResult,
  everyEvalEverSchema,
} from '../import/formats/every-eval-ever.ts';
import type { GraphResultRecord } from './document.ts';
import {
  checkFilter,
  compare,
  type ExportFilter,
  forEachResultPage,
  type GraphEntities,
  readEntities,
  readSnapshot,
  resultCondition,
} from './graph-read.ts';

export type EveryEvalEverOptions = {
  filter?: ExportFilter;
  /** `retrieved_timestamp` of every record. @default now */
  retrievedAt?: Date;
  pageSize?: number;
};

/** A record and its path relative to the output folder (`tulu-3-405b/t3-card.json`). */
export type EveryEvalEverFile = { path: string; record: EveryEvalEverRecord };
export type EveryEvalEverSummary = { files: number; results: number };

/** Drops undefined fields (the schema's optional fields must be absent, not undefined, in the JSON). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
/** A string map, or nothing when it would be empty. */
function details(entries: Record<string, string | undefined>): Record<string, string> | undefined {
  const map = defined(entries) as Record<string, string>;
  return Object.keys(map).length > 0 ? map : undefined;
}
const unixSeconds = (date: Date) => String(Math.floor(date.getTime() / 1000));

/** Calls `onFile` with each record, model by model. */
export async function exportEveryEvalEver(
  db: AppDb,
  onFile: (file: EveryEvalEverFile) => Promise<void>,
  { filter = {}, retrievedAt = new Date(), pageSize }: EveryEvalEverOptions = {},
): Promise<EveryEvalEverSummary> {
  const summary: EveryEvalEverSummary = { files: 0, results: 0 };
  await readSnapshot(db, async (tx) => {
    const index = await readEntities(tx);
    checkFilter(index, filter);
    const build = recordBuilder(index.records, unixSeconds(retrievedAt));
    let model: string | undefined;
    let buffered: GraphResultRecord[] = [];
    const flush = async () => {
      for (const file of build(buffered)) {
        await onFile(file);
        summary.files++;
      }
      summary.results += buffered.length;
      buffered = [];
    };
    await forEachResultPage(
      tx,
      resultCondition(index, filter),
      async (page) => {
        for (const result of page) {
          if (result.model !== model) {
            await flush();
            model = result.model;
          }
          buffered.push(result);
        }
      },
      pageSize,
    );
    await flush();
  });
  return summary;
}

/** Writes the records under `dir` as `<model>/<source>.json`. */
export async function writeEveryEvalEver(
  db: AppDb,
  dir: string,
  options: EveryEvalEverOptions = {},
): Promise<EveryEvalEverSummary> {
  return exportEveryEvalEver(
    db,
    async (file) => {
      const target = path.join(dir, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, `${JSON.stringify(file.record, null, 2)}\n`);
    },
    options,
  );
}

/** Builds one model's records from its results (all of them, in export order). */
function recordBuilder(entities: GraphEntities, retrieved: string) {
  const bySlug = <R extends { slug: string }>(list: R[]) => new Map(list.map((r) => [r.slug, r]));
  const models = bySlug(entities.models);
  const datasets = bySlug(entities.datasets);
  const metrics = bySlug(entities.metrics);
  const sources = bySlug(entities.sources);
  const organizations = bySlug(entities.organizations);
  const need = <R>(map: Map<string, R>, slug: string): R => {
    const found = map.get(slug);
    if (found === undefined) throw new Error(`export: "${slug}" is not in the graph`);
    return found;
  };

  const result = (r: GraphResultRecord): EveryEvalEverResult => {
    const dataset = need(datasets, r.dataset);
    const metric = need(metrics, r.metric);
    const datasetDetails = { modelgraph_slug: dataset.slug };
    const sourceData: EveryEvalEverResult['source_data'] = dataset.huggingfaceId
      ? defined({
          dataset_name: dataset.name,
          source_type: 'hf_dataset' as const,
          hf_repo: dataset.huggingfaceId,
          hf_split: r.split,
          additional_details: datasetDetails,
        })
      : dataset.homepage
        ? {
            dataset_name: dataset.name,
            source_type: 'url' as const,
            url: [dataset.homepage],
            additional_details: details({ ...datasetDetails, split: r.split }),
          }
        : {
            dataset_name: dataset.name,
            source_type: 'other' as const,
            source_id: dataset.slug,
            additional_details: details({ ...datasetDetails, split: r.split }),
          };
    const bounded = metric.minValue !== undefined && metric.maxValue !== undefined;
    return defined({
      evaluation_name: r.variant ?? dataset.name,
      source_data: sourceData,
      evaluation_timestamp: r.reportedOn === undefined ? undefined : unixSeconds(new Date(r.reportedOn)),
      metric_config: defined({
        metric_id: metric.slug,
        metric_name: metric.name,
        metric_unit: metric.unit,
        metric_parameters: r.passK === undefined ? undefined : { k: r.passK },
        lower_is_better: !metric.higherIsBetter,
        score_type: bounded ? ('continuous' as const) : undefined,
        min_score: metric.minValue,
        max_score: metric.maxValue,
      }),
      score_details: defined({
        score: r.value,
        details: details({
          reported_value: r.reportedValue,
          notes: r.notes,
          unverified: r.unverified ? 'true' : undefined,
        }),
        uncertainty: r.stderr === undefined ? undefined : { standard_error: { value: r.stderr } },
      }),
      generation_config:
        r.chainOfThought === undefined && r.shots === undefined
          ? undefined
          : defined({
              generation_args: r.chainOfThought === undefined ? undefined : { reasoning: r.chainOfThought },
              additional_details: details({ num_fewshot: r.shots === undefined ? undefined : String(r.shots) }),
            }),
    });
  };

  return (results: GraphResultRecord[]): EveryEvalEverFile[] => {
    const first = results[0];
    if (first === undefined) return [];
    const model = need(models, first.model);
    const lead = model.developers[0] && organizations.get(model.developers[0].organization);
    const huggingfaceId = model.externalIds
      .filter((e) => e.namespace === 'huggingface')
      .map((e) => e.value)
      .sort(compare)[0];

    // The record-level fields; U+0000 stands for "not stated" and sorts first.
    const keyOf = (r: GraphResultRecord) =>
      [r.source, r.modelVariant, r.evaluator, r.evaluatorRelationship, r.harness].map((v) => v ?? '\u0000');
    const groups = new Map<string, { key: string[]; results: GraphResultRecord[] }>();
    for (const r of results) {
      const key = keyOf(r);
      const id = JSON.stringify(key);
      const group = groups.get(id);
      if (group) group.results.push(r);
      else groups.set(id, { key, results: [r] });
    }
    const ordered = [...groups.values()].sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) {
        const order = compare(a.key[i] as string, b.key[i] as string);
        if (order !== 0) return order;
      }
      return 0;
    });

    const perSource = new Map<string, number>();
    return ordered.map(({ results: group }) => {
      const r = group[0] as GraphResultRecord;
      const n = (perSource.get(r.source) ?? 0) + 1;
      perSource.set(r.source, n);
      const name = n === 1 ? r.source : `${r.source}+${n}`;
      const source = need(sources, r.source);
      const evaluator = r.evaluator === undefined ? undefined : need(organizations, r.evaluator);
      const record = everyEvalEverSchema.safeParse({
        schema_version: EVERY_EVAL_EVER_SCHEMA_VERSION,
        evaluation_id: `modelgraph/${model.slug}/${name}`,
        retrieved_timestamp: retrieved,
        source_metadata: defined({
          source_name: source.title,
          source_type: 'documentation',
          source_organization_name: evaluator?.name ?? 'unknown',
          source_organization_url: evaluator?.website,
          evaluator_relationship: r.evaluatorRelationship,
          additional_details: details({
            source_slug: source.slug,
            source_url: source.url,
            source_kind: source.kind,
            source_published_on: source.publishedOn,
            evaluator_slug: evaluator?.slug,
          }),
        }),
        eval_library: { name: r.harness ?? 'unknown', version: 'unknown' },
        model_info: defined({
          name: model.name,
          id: huggingfaceId ?? model.slug,
          developer: lead?.name,
          additional_details: details({ modelgraph_slug: model.slug, model_variant: r.modelVariant }),
        }),
        evaluation_results: group.map(result),
      });
      // Records are built from validated graph data: a failure here is a bug in the mapping.
      if (!record.success) {
        const issue = record.error.issues[0];
        throw new Error(
          `export: invalid Every Eval Ever record for ${model.slug}/${name}: ${issue?.path.join('.')}: ${issue?.message}`,
        );
      }
      return { path: `${model.slug}/${name}.json`, record: record.data };
    });
  };
}
