/**
 * Every Eval Ever (EvalEval Coalition) aggregate records: one JSON file per model and evaluation run, validated
 * against `eval.schema.json` (evaleval/every_eval_ever, `every_eval_ever/schemas/eval.schema.json`, version 0.2.2).
 *
 * `everyEvalEverSchema` below is that JSON Schema in zod, for the serializer (at the end of this file): a file it accepts validates against
 * 0.2.2 (top level and `generation_args` are closed, as there; other objects accept and strip extra keys, where the
 * JSON Schema accepts and keeps them). The importer reads 0.2.x and is lenient where older 0.2 files differ:
 * `eval_library` may be missing (0.2.0), `hf_repo` may be missing (0.2.1), `details` / `additional_details` values
 * need not be strings (0.2.0 files carry numbers there). It also reads 0.0.1, the schema of the HELM Classic
 * records (`data/helm_classic`, written by `scripts/HELM/convert_to_schema.py`; its pydantic model is
 * `eval_types.py` @ 00e300d), mapped onto the 0.2 shape by `fromLegacy` below: `source_data` is one array of URLs
 * at the top, not per result; the source's name and type are in `evaluation_source` (first files) or already in
 * `source_metadata` (later ones); a result is named by HELM's column header "<benchmark> - <metric>" ("MMLU - EM")
 * or the suite's "Mean win rate", one per tab of the leaderboard (`score_details.details.tab`); -1 stands for no
 * value. Only the Accuracy tab is stored (as from 0.2 HELM records, which keep the other tabs inside the main
 * result's details) and -1 is skipped, each with its reason. Other versions are refused (0.1 kept `source_data`
 * at the top level too but is not read; 0.0.x other than 0.0.1 is no known layout).
 *
 * Mapping, one result per `evaluation_results[i]`:
 * - model: `model_info.name`; `huggingfaceId` = `model_info.id` when it is `owner/name` (the schema calls the id
 *   "HuggingFace format"; three-part API ids such as `openai/azure/gpt-4o` are not); organization =
 *   `model_info.developer` (0.0.1: not when `unknown`). A 0.0.1 HELM Classic model ("Falcon (40B)", id
 *   `Falcon-(40B)`) has no Hub id: it resolves by name, onto HELM Lite's "Falcon 40B" when the graph has it.
 * - modelVariant: `model_info.additional_details.model_variant` (modelgraph's export), else its `precision`
 *   (the Open LLM Leaderboard evaluated some models twice, in `bfloat16` and `float16`, under one evaluation_id:
 *   the weights' dtype or quantization is which build of the model ran, so the two runs are two results of one
 *   model, side by side in one comparable set, not one result overwriting the other).
 * - scaffold: `generation_args.agentic_eval_config.additional_details` `scaffold` (modelgraph's export), `agent`
 *   or `agent_name`, else `generation_args.eval_plan.name` (Inspect's solver plan) unless it is the generic
 *   `plan`: the agent the model ran in, so two GAIA runs with different agents are two results.
 * - dataset: `source_data.dataset_name` (0.0.1: the header's benchmark part, "MMLU"; the suite, `helm_classic`,
 *   for "Mean win rate"); `huggingfaceId` = `hf_repo` of an `hf_dataset` source; split = `hf_split`.
 * - variant: `hf_config` when set and not the dataset name, then `evaluation_name` when it differs from both (names
 *   compared loosely: "Global MMLU Lite" on `global-mmlu-lite` is the dataset itself) and
 *   does not name the metric or the overall score (HELM "Mean win rate" on `helm_lite` is a metric on the suite's
 *   dataset; RewardBench "Score" is its overall score), joined with `|` (Global MMLU Lite: variant `Arabic`). An
 *   Inspect record's sole result is named after its scorer (`choice`, `gaia_scorer`): that goes to the notes.
 * - metric, through the metric registry (data/registry/metrics.yaml): `metric_config.metric_name` (0.0.1: the
 *   header's metric part, "EM", or "Mean win rate"), else
 *   `metric_id`, else the `evaluation_description` (0.2.0 files give nothing else): "<metric> on <evaluation>"
 *   ("Accuracy on BBH", "EM on GSM8K", "COT correct on GPQA": accuracy after a chain of thought) or a registry
 *   pattern (HELM's "How many models this model outperforms…" = mean win rate, RewardBench's "Chat accuracy - …");
 *   else the description's metric phrase, else `score`. higherIsBetter = !`lower_is_better`; passK from
 *   `metric_parameters.k` or a `pass@k` name.
 * - scale, from evidence: the declared `min_score`/`max_score` (or `metric_unit` proportion / percent) against the
 *   metric's range: equal → as is; [0, 1] on a [0, 100] metric → ×100; anything else, or a score outside the
 *   declared range, is skipped with its place and reason, never guessed.
 * - stderr: `score_details.uncertainty.standard_error.value`; shots: `generation_config.additional_details
 *   .num_fewshot` (the lm-eval converter's key); chainOfThought: `generation_config.generation_args.reasoning`.
 * - evaluator: `source_metadata.source_organization_name` (not when `unknown`); evaluatorRelationship: `first_party`
 *   / `third_party` as stated; `collaborative` and `other` become `unknown` (the word goes to the notes).
 * - harness: `eval_library.name` (`lm_eval` becomes `lm-evaluation-harness`); reportedOn: the result's
 *   `evaluation_timestamp`, else the record's (unix seconds or ISO).
 * - source: the record itself: title `Every Eval Ever record <evaluation_id>`, kind `aggregator`, publisher = the
 *   source organization, publishedOn = `retrieved_timestamp`; no URL (the record has none of its own).
 */
import { z } from 'zod';
import { looseKey } from '../import/identity/keys.ts';
import { metricRegistry, type Placement, placeScale } from '../import/identity/metrics.ts';
import { isRecord, unixDate } from './fields.ts';
import { compare, type GraphEntities, type GraphResultRecord, huggingfaceIdOf } from './graph-json.ts';
import { HUB_REPO_ID } from './hub-ids.ts';
import { readJsonObject } from './json.ts';
import type {
  ImportedResult,
  ImportItem,
  ImportProblem,
  ImportSkip,
  ModelRef,
  ParserInput,
  RecordFormat,
  SourceRef,
} from './records.ts';

export const EVERY_EVAL_EVER_SCHEMA_VERSION = '0.2.2';

/** The schema's objects, strict (export) or as the importer accepts them. */
function buildSchema(lenient: boolean) {
  // The importer reads a few keys of `additional_details`; in a real file it may be a string instead of an object
  // (Inspect's GAIA records: `"additional_details": "temperature=0.5"`), which says nothing it reads: ignored.
  const details = lenient
    ? z.preprocess((value) => (isRecord(value) ? value : undefined), z.record(z.string(), z.unknown()).optional())
    : z.record(z.string(), z.string());
  const additional_details = details.optional();
  const modelInfo = z.object({
    name: z.string(),
    id: z.string(),
    developer: z.string().optional(),
    inference_platform: z.string().optional(),
    inference_engine: z.object({ name: z.string().optional(), version: z.string().optional() }).optional(),
    additional_details,
  });
  const sourceMetadata = z.object({
    source_name: z.string().optional(),
    source_type: z.enum(['documentation', 'evaluation_run']),
    source_organization_name: z.string(),
    source_organization_url: z.string().optional(),
    source_organization_logo_url: z.string().optional(),
    evaluator_relationship: z.enum(['first_party', 'third_party', 'collaborative', 'other']),
    additional_details,
  });
  const evalLibrary = z.object({ name: z.string(), version: z.string(), additional_details });
  const sourceData = z.discriminatedUnion('source_type', [
    z.object({
      dataset_name: z.string(),
      source_type: z.literal('url'),
      url: z.array(z.string()).min(1),
      additional_details,
    }),
    z.object({
      dataset_name: z.string(),
      source_type: z.literal('hf_dataset'),
      hf_repo: lenient ? z.string().optional() : z.string(),
      hf_split: z.string().optional(),
      hf_config: z.string().optional(),
      hf_revision: z.string().optional(),
      samples_number: z.int().optional(),
      // 0.2.0 allows integer ids too (`eval.schema.json`: items integer or string; Inspect writes 1, 2, 3).
      sample_ids: z.array(lenient ? z.union([z.string(), z.int()]) : z.string()).optional(),
      additional_details,
    }),
    z.object({
      dataset_name: z.string(),
      source_type: z.literal('other'),
      source_id: z.string().optional(),
      source_version: z.string().optional(),
      additional_details,
    }),
  ]);
  const judgeConfig = z.object({
    model_info: modelInfo,
    temperature: z.number().optional(),
    weight: z.number().optional(),
    additional_details,
  });
  const metricConfig = z
    .object({
      evaluation_description: z.string().optional(),
      metric_id: z.string().optional(),
      metric_name: z.string().optional(),
      metric_kind: z.string().optional(),
      metric_unit: z.string().optional(),
      metric_parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
      lower_is_better: z.boolean(),
      score_type: z.enum(['binary', 'continuous', 'levels']).optional(),
      level_names: z.array(z.string()).optional(),
      level_metadata: z.array(z.string()).optional(),
      has_unknown_level: z.boolean().optional(),
      min_score: z.number().optional(),
      max_score: z.number().optional(),
      llm_scoring: z
        .object({
          judges: z.array(judgeConfig).min(1),
          input_prompt: z.string(),
          aggregation_method: z.enum(['majority_vote', 'average', 'weighted_average', 'median']).optional(),
          expert_baseline: z.number().optional(),
          additional_details,
        })
        .optional(),
      additional_details,
    })
    // The schema's if/then: levels need their names, continuous scores their bounds.
    .superRefine((config, ctx) => {
      const required =
        config.score_type === 'levels'
          ? (['level_names', 'has_unknown_level'] as const)
          : config.score_type === 'continuous'
            ? (['min_score', 'max_score'] as const)
            : [];
      for (const key of required) {
        if (config[key] === undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: `required when score_type is ${config.score_type}` });
        }
      }
    });
  const scoreDetails = z.object({
    score: z.number(),
    details: details.optional(),
    uncertainty: z
      .object({
        standard_error: z.object({ value: z.number(), method: z.string().optional() }).optional(),
        confidence_interval: z
          .object({
            lower: z.number(),
            upper: z.number(),
            confidence_level: z.number().min(0).max(1).optional(),
            method: z.string().optional(),
          })
          .optional(),
        standard_deviation: z.number().optional(),
        num_samples: z.int().optional(),
        num_bootstrap_samples: z.int().optional(),
      })
      .optional(),
  });
  const nullableNumber = z.number().nullable().optional();
  const generationArgs = z.strictObject({
    temperature: nullableNumber,
    top_p: nullableNumber,
    top_k: nullableNumber,
    max_tokens: z.int().min(1).optional(),
    execution_command: z.string().optional(),
    reasoning: z.boolean().optional(),
    prompt_template: z.string().optional(),
    agentic_eval_config: z
      .object({
        available_tools: z
          .array(
            z.object({
              name: z.string().optional(),
              description: z.string().optional(),
              parameters: details.optional(),
            }),
          )
          .optional(),
        additional_details,
      })
      .optional(),
    eval_plan: z
      .object({ name: z.string().optional(), steps: z.array(z.string()).optional(), config: details.optional() })
      .optional(),
    eval_limits: z
      .object({ time_limit: z.int().optional(), message_limit: z.int().optional(), token_limit: z.int().optional() })
      .optional(),
    sandbox: z.object({ type: z.string().optional(), config: z.string().optional() }).optional(),
    max_attempts: z.int().optional(),
    incorrect_attempt_feedback: z.string().optional(),
  });
  const evaluationResult = z.object({
    evaluation_result_id: z.string().optional(),
    evaluation_name: z.string(),
    source_data: sourceData,
    evaluation_timestamp: z.string().optional(),
    metric_config: metricConfig,
    score_details: scoreDetails,
    generation_config: z
      .object({
        // The importer reads only `reasoning` here; other generation args are not its business.
        generation_args: lenient
          ? z.looseObject({ reasoning: z.boolean().optional() }).optional()
          : generationArgs.optional(),
        additional_details,
      })
      .optional(),
  });
  const detailedEvaluationResults = z.object({
    format: z.literal('jsonl'),
    file_path: z.string(),
    hash_algorithm: z.enum(['sha256', 'md5']).optional(),
    checksum: z.string().optional(),
    total_rows: z.int().optional(),
    additional_details,
  });
  return { modelInfo, sourceMetadata, evalLibrary, evaluationResult, detailedEvaluationResults };
}

const strict = buildSchema(false);

/** An Every Eval Ever 0.2.2 aggregate record, as `eval.schema.json` defines it (for the exporter). */
export const everyEvalEverSchema = z.strictObject({
  schema_version: z.string(),
  evaluation_id: z.string(),
  evaluation_timestamp: z.string().optional(),
  retrieved_timestamp: z.string(),
  source_metadata: strict.sourceMetadata,
  eval_library: strict.evalLibrary,
  model_info: strict.modelInfo,
  evaluation_results: z.array(strict.evaluationResult),
  detailed_evaluation_results: strict.detailedEvaluationResults.optional(),
});
export type EveryEvalEverRecord = z.infer<typeof everyEvalEverSchema>;
export type EveryEvalEverResult = z.infer<typeof strict.evaluationResult>;

const lenient = buildSchema(true);
/** What the importer checks before reading results; each result is checked on its own so one bad one is local. */
const importHeader = z.looseObject({
  schema_version: z.string(),
  evaluation_id: z.string(),
  evaluation_timestamp: z.string().optional(),
  retrieved_timestamp: z.string(),
  source_metadata: lenient.sourceMetadata,
  eval_library: lenient.evalLibrary.optional(),
  model_info: lenient.modelInfo,
  evaluation_results: z.array(z.unknown()),
});
const importResult = lenient.evaluationResult;

export function detect(_fileName: string, head: string): boolean {
  return (
    /^\s*\{/.test(head) &&
    // The format's own JSON Schema (eval.schema.json) names every field too, but is no record.
    !/"\$schema"\s*:/.test(head) &&
    /"schema_version"\s*:/.test(head) &&
    (/"evaluation_results"\s*:/.test(head) || (/"evaluation_id"\s*:/.test(head) && /"model_info"\s*:/.test(head)))
  );
}

export async function* parse(input: ParserInput): AsyncGenerator<ImportItem> {
  const parsed = yield* readJsonObject(input);
  if (!parsed) return;
  const version = parsed.value.schema_version;
  const legacy = version === '0.0.1';
  if (typeof version === 'string' && !legacy && !/^0\.2(\.|$)/.test(version)) {
    yield {
      kind: 'problem',
      location: 'schema_version',
      field: 'schema_version',
      message: `unsupported schema_version ${JSON.stringify(version)}: this importer reads 0.0.1 and 0.2.x`,
    };
    return;
  }
  const root = legacy ? fromLegacy(parsed.value) : parsed.value;

  const header = importHeader.safeParse(root);
  if (!header.success) yield* header.error.issues.map((issue) => toProblem(issue.path, issue.message));
  const items = Array.isArray(root.evaluation_results) ? root.evaluation_results : [];

  for (const [index, item] of items.entries()) {
    const location = `evaluation_results[${index}]`;
    const checked = importResult.safeParse(item);
    if (!checked.success) {
      yield* checked.error.issues.map((issue) =>
        toProblem(['evaluation_results', index, ...issue.path], issue.message),
      );
      continue;
    }
    const stderr = checked.data.score_details.uncertainty?.standard_error?.value;
    if (stderr !== undefined && stderr < 0) {
      yield {
        kind: 'problem',
        location: `${location}.score_details.uncertainty.standard_error`,
        field: 'value',
        message: `a standard error cannot be negative, got ${stderr}`,
      };
      continue;
    }
    // Results are mapped only when the record's own fields (model, source) are sound.
    if (!header.success) continue;
    const unkept = legacy
      ? legacySkip(checked.data, (item as { legacy_name?: unknown }).legacy_name, location)
      : undefined;
    if (unkept) {
      yield unkept;
      continue;
    }
    const rawScore = parsed.raw((item as { score_details: object }).score_details, 'score');
    yield toResult(header.data, checked.data, location, rawScore, items.length === 1);
  }
}

/**
 * A 0.0.1 record (the HELM Classic converter's, `scripts/HELM/convert_to_schema.py`) in the 0.2 shape the mapping
 * reads. The record names its data once, at the top (`source_data`: the URLs of HELM's group JSON), and each result
 * by HELM's column header, "<benchmark> - <metric>" ("MMLU - EM", "NaturalQuestions (closed-book) - F1") or the
 * suite's "Mean win rate": a result gets `source_data` {dataset_name: the benchmark (the suite, `source_name`, for
 * "Mean win rate", as the 0.2 HELM Lite records name it), source_type `url`, url: the record's}, its
 * `evaluation_name` becomes the dataset's and `metric_config.metric_name` the metric's part. The first 0.0.1 files
 * kept the source's name and type in `evaluation_source` (`leaderboard` = documentation, `evaluation_platform` =
 * an evaluation run); later ones moved them to `source_metadata` as 0.2 has them. `developer: "unknown"` names no
 * developer. Only `score_details` objects are kept as they are (the printed score is looked up by that object).
 */
function fromLegacy(root: Record<string, unknown>): Record<string, unknown> {
  const object = (value: unknown): Record<string, unknown> | undefined => (isRecord(value) ? value : undefined);
  const evaluationSource = object(root.evaluation_source);
  const meta = object(root.source_metadata);
  const sourceMetadata = meta && {
    ...meta,
    source_name: meta.source_name ?? evaluationSource?.evaluation_source_name,
    source_type:
      meta.source_type ??
      ({ leaderboard: 'documentation', evaluation_platform: 'evaluation_run' } as Record<string, string>)[
        String(evaluationSource?.evaluation_source_type)
      ],
  };
  const suite = typeof sourceMetadata?.source_name === 'string' ? sourceMetadata.source_name : undefined;
  const urls = Array.isArray(root.source_data) ? root.source_data.filter((u) => typeof u === 'string') : [];
  const info = object(root.model_info);
  const results = Array.isArray(root.evaluation_results) ? root.evaluation_results : [];
  return {
    ...root,
    source_data: undefined,
    evaluation_source: undefined,
    source_metadata: sourceMetadata ?? root.source_metadata,
    model_info:
      info && typeof info.developer === 'string' && info.developer.trim().toLowerCase() === 'unknown'
        ? { ...info, developer: undefined }
        : root.model_info,
    evaluation_results: results.map((item) => {
      const result = object(item);
      const name = result?.evaluation_name;
      if (!result || typeof name !== 'string') return item;
      const cut = name.lastIndexOf(' - ');
      // A header without " - " is the suite's when it names a metric ("Mean win rate"), else a benchmark's name.
      const [dataset, metric] =
        cut > 0
          ? [name.slice(0, cut).trim(), name.slice(cut + 3).trim()]
          : suite && metricRegistry().match(name)
            ? [suite, name.trim()]
            : [name.trim(), undefined];
      const source_data = urls.length
        ? { dataset_name: dataset, source_type: 'url', url: urls }
        : { dataset_name: dataset, source_type: 'other' };
      const config = object(result.metric_config);
      return {
        ...result,
        evaluation_name: dataset,
        source_data,
        metric_config: config && metric ? { metric_name: metric, ...config } : result.metric_config,
        legacy_name: name,
      };
    }),
  };
}

/**
 * Results of a 0.0.1 record that are not stored, each with its reason: the converter writes -1 where HELM has no
 * value ("No matching runs") and also for a value of exactly 0 (`round(score, 3) if score else -1`), so -1 is no
 * score; and only the leaderboard's main tab ("Accuracy") is read, as for 0.2 HELM records, whose converter keeps
 * the other tabs (Calibration, Robustness, Fairness, Efficiency, General information, Bias, Toxicity...) inside the
 * main result's details, which the importer does not read either.
 */
function legacySkip(result: Result, header: unknown, location: string): ImportSkip | undefined {
  const details = result.score_details.details;
  const tab = typeof details?.tab === 'string' ? details.tab : undefined;
  const name = typeof header === 'string' ? header : result.evaluation_name;
  if (tab !== undefined && tab !== 'Accuracy') {
    return {
      kind: 'skipped',
      location: `${location}.score_details.details`,
      field: 'tab',
      message: `"${name}" is on HELM's ${tab} tab: only the Accuracy tab is read`,
    };
  }
  if (result.score_details.score === -1) {
    const why = typeof details?.description === 'string' ? ` (${details.description})` : '';
    return {
      kind: 'skipped',
      location: `${location}.score_details`,
      field: 'score',
      message: `"${name}": -1 is the 0.0.1 HELM converter's mark for no value${why}, or for 0: not stored`,
    };
  }
  return undefined;
}

type Header = z.infer<typeof importHeader>;
type Result = z.infer<typeof importResult>;

function toResult(
  record: Header,
  result: Result,
  location: string,
  rawScore: string | undefined,
  soleResult: boolean,
): ImportedResult | ImportSkip {
  const { model_info: info, source_metadata: meta, eval_library: library } = record;
  // Inspect's converter names each result after its scorer (`choice`, `gaia_scorer`, `simpleqa_scorer`): how the
  // answers were graded, not a part of the dataset. Kept as the variant only where it tells a record's results apart.
  const inspect = [meta.source_name, library?.name].some((name) => /^inspect(_ai)?$/i.test(name?.trim() ?? ''));
  const scorer = inspect && soleResult ? result.evaluation_name : undefined;
  const { source_data: data, metric_config: metric, score_details: score, generation_config: generation } = result;

  const model: ModelRef = { name: info.name };
  if (HUB_REPO_ID.test(info.id)) model.huggingfaceId = info.id;
  if (info.developer) model.organization = info.developer;

  const hfRepo = data.source_type === 'hf_dataset' ? data.hf_repo : undefined;
  const hfConfig = data.source_type === 'hf_dataset' ? data.hf_config : undefined;

  const identified = metricOf(metric, [result.evaluation_name, data.dataset_name]);
  const metricName = identified.name;
  const k = metric.metric_parameters?.k;
  const passK =
    typeof k === 'number' && Number.isInteger(k) && k >= 1 && /pass/i.test(`${metricName} ${metric.metric_kind ?? ''}`)
      ? k
      : (identified.passK ?? Number(/^pass@(\d+)$/i.exec(metricName)?.[1] ?? NaN));

  // A name that only spells the dataset's differently ("Global MMLU Lite" on `global-mmlu-lite`) is the dataset.
  const sameName = (name: string | undefined) => name !== undefined && looseKey(name) === looseKey(data.dataset_name);
  const variantParts = [hfConfig && !sameName(hfConfig) ? hfConfig : undefined];
  // The evaluation name is a part of the dataset (a subject, a section), unless it names the metric ("Mean win
  // rate" on helm_lite) or the dataset's overall score ("Score" on RewardBench).
  const namesMetric =
    (identified.slug !== undefined &&
      metricRegistry().match(result.evaluation_name)?.metric.slug === identified.slug) ||
    /^(overall( score)?|score)$/i.test(result.evaluation_name.trim());
  if (!sameName(result.evaluation_name) && result.evaluation_name !== hfConfig && !namesMetric && !scorer) {
    variantParts.push(result.evaluation_name);
  }
  const variant = variantParts.filter(Boolean).join('|');

  // Scale from evidence: the declared range (or unit) against the metric's range; never guessed.
  const declared =
    metric.metric_unit === 'proportion'
      ? { min: 0, max: 1 }
      : metric.metric_unit === 'percent'
        ? { min: 0, max: 100 }
        : { min: metric.min_score, max: metric.max_score };
  if (
    (declared.min !== undefined && score.score < declared.min) ||
    (declared.max !== undefined && score.score > declared.max)
  ) {
    return {
      kind: 'skipped',
      location: `${location}.score_details`,
      field: 'score',
      message: `${score.score} is outside the declared range [${declared.min ?? '-∞'}, ${declared.max ?? '∞'}] of ${metricName}: not stored`,
    };
  }
  const known = identified.slug ? metricRegistry().bySlugOrUndefined(identified.slug) : undefined;
  const placement: Placement = known
    ? placeScale(declared, known)
    : { scale: declared.min === 0 && declared.max === 1 ? 'fraction' : 'as-is' };
  if ('refused' in placement) {
    return { kind: 'skipped', location: `${location}.metric_config`, field: 'max_score', message: placement.refused };
  }
  const fraction = placement.scale === 'fraction';

  const organization = meta.source_organization_name.trim();
  const evaluator = organization && organization.toLowerCase() !== 'unknown' ? organization : undefined;
  const retrieved = unixDate(record.retrieved_timestamp);
  const source: SourceRef = { title: `Every Eval Ever record ${record.evaluation_id}`, kind: 'aggregator' };
  if (evaluator) source.publisher = evaluator;
  if (retrieved) source.publishedOn = retrieved;

  const libraryName = library?.name.trim();
  const harness =
    libraryName && libraryName.toLowerCase() !== 'unknown'
      ? /^(lm[_-]eval|lm-evaluation-harness)$/i.test(libraryName)
        ? 'lm-evaluation-harness'
        : libraryName
      : undefined;
  const notes = [
    meta.source_name ? `source: ${meta.source_name} (${meta.source_type})` : `source type: ${meta.source_type}`,
    meta.evaluator_relationship === 'collaborative' || meta.evaluator_relationship === 'other'
      ? `evaluator relationship: ${meta.evaluator_relationship}`
      : undefined,
    library ? `eval library: ${library.name} ${library.version}` : undefined,
    scorer ? `Inspect scorer: ${scorer}` : undefined,
    metric.evaluation_description && metric.evaluation_description !== metricName
      ? `description: ${metric.evaluation_description}`
      : undefined,
  ].filter((s) => s !== undefined);

  const modelVariant = detailText(info.additional_details, 'model_variant', 'precision');
  const scaffold = scaffoldOf(generation?.generation_args);

  const out: ImportedResult = {
    kind: 'result',
    location,
    model,
    dataset:
      hfRepo && HUB_REPO_ID.test(hfRepo)
        ? { name: data.dataset_name, huggingfaceId: hfRepo }
        : { name: data.dataset_name },
    metric: { name: metricName, higherIsBetter: !metric.lower_is_better },
    value: score.score,
    reportedValue: rawScore ?? String(score.score),
    scale: fraction ? 'fraction' : 'as-is',
    source,
    notes: notes.join('; '),
  };
  const stderr = score.uncertainty?.standard_error?.value;
  if (stderr !== undefined) out.stderr = stderr;
  const shots = fewShot(generation?.additional_details?.num_fewshot);
  if (shots !== undefined) out.shots = shots;
  const reasoning = generation?.generation_args?.reasoning;
  if (typeof reasoning === 'boolean') out.chainOfThought = reasoning;
  else if (identified.chainOfThought) out.chainOfThought = true;
  if (Number.isInteger(passK)) out.passK = passK;
  if (data.source_type === 'hf_dataset' && data.hf_split) out.split = data.hf_split;
  if (harness) out.harness = harness;
  if (scaffold) out.scaffold = scaffold;
  if (variant) out.variant = variant;
  if (modelVariant) out.modelVariant = modelVariant;
  if (evaluator) out.evaluator = evaluator;
  // `collaborative` and `other` are neither first nor third party: unknown, with the word kept in the notes.
  out.evaluatorRelationship =
    meta.evaluator_relationship === 'first_party' || meta.evaluator_relationship === 'third_party'
      ? meta.evaluator_relationship
      : 'unknown';
  const reportedOn = unixDate(result.evaluation_timestamp ?? record.evaluation_timestamp);
  if (reportedOn) out.reportedOn = reportedOn;
  return meta.additional_details?.source_slug === undefined ? out : asExported(out, record, result);
}

/**
 * A record modelgraph exported (its `source_metadata.additional_details` names the source's slug) carries the
 * original result whole: read it back as it was, not as a new aggregator record. The source is the original
 * (title, URL, kind, date), so the record's `retrieved_timestamp` (the export's time) dates nothing and an
 * undated result stays undated; the metric is its id (the graph's slug, where `metric_name` is its display
 * name); reported value, notes, unverified and a split without `hf_split` come from their `additional_details`.
 */
function asExported(out: ImportedResult, record: Header, result: Result): ImportedResult {
  const meta = record.source_metadata;
  const sourceDetails = meta.additional_details;
  const source: SourceRef = { title: meta.source_name ?? out.source.title };
  const kind = detailText(sourceDetails, 'source_kind');
  if (kind) source.kind = kind as SourceRef['kind'];
  const url = detailText(sourceDetails, 'source_url');
  if (url) source.url = url;
  const publishedOn = detailText(sourceDetails, 'source_published_on');
  if (publishedOn) source.publishedOn = publishedOn;
  const scoreDetails = result.score_details.details;
  const exported: ImportedResult = {
    ...out,
    source,
    metric: { ...out.metric, name: result.metric_config.metric_id ?? out.metric.name },
    reportedValue: detailText(scoreDetails, 'reported_value') ?? out.reportedValue,
    reportedOn: out.reportedOn ?? null,
    unverified: detailText(scoreDetails, 'unverified') === 'true',
  };
  const notes = detailText(scoreDetails, 'notes');
  if (notes) exported.notes = notes;
  else delete exported.notes;
  const split = detailText(result.source_data.additional_details, 'split');
  if (split && !exported.split) exported.split = split;
  return exported;
}

/** The first of `keys` that `details` holds as a non-empty string or a number, as text. */
function detailText(details: Record<string, unknown> | undefined, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = details?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

/** The agent scaffold of a result's generation args (the mapping above says where from). */
function scaffoldOf(args: Record<string, unknown> | undefined): string | undefined {
  const object = (value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const agentic = object(args?.agentic_eval_config);
  const named = detailText(object(agentic?.additional_details), 'scaffold', 'agent', 'agent_name');
  if (named) return named;
  const plan = detailText(object(args?.eval_plan), 'name');
  return plan && plan.toLowerCase() !== 'plan' ? plan : undefined;
}

type MetricConfig = Result['metric_config'];

/**
 * The metric of a result: `metric_name`, else `metric_id` (0.2.2), through the metric registry; else the
 * `evaluation_description` (0.2.0 files give nothing else): "<metric> on <evaluation>" or a registry pattern; else
 * the description's own metric phrase, else `score`. `slug` is set when the registry knows the metric.
 */
function metricOf(
  config: MetricConfig,
  evaluationNames: string[],
): { name: string; slug?: string; chainOfThought?: boolean; passK?: number } {
  const registry = metricRegistry();
  const declared = config.metric_name ?? config.metric_id;
  const description = config.evaluation_description;
  const match =
    (declared ? registry.match(declared) : undefined) ??
    (description ? registry.matchDescription(description, evaluationNames) : undefined);
  if (match) {
    // The file's own spelling when it has one (`exact_match`), else the registry's slug.
    const found: { name: string; slug?: string; chainOfThought?: boolean; passK?: number } = {
      name: declared ?? descriptionMetric(description) ?? match.metric.slug,
      slug: match.metric.slug,
    };
    if (match.chainOfThought) found.chainOfThought = true;
    if (match.passK !== undefined) {
      found.passK = match.passK;
      found.name = `pass@${match.passK}`;
    }
    return found;
  }
  const phrase = description
    ? evaluationNames
        .map((name) => (description.endsWith(` on ${name}`) ? description.slice(0, -` on ${name}`.length).trim() : ''))
        .find((text) => text !== '')
    : undefined;
  return { name: declared ?? descriptionMetric(description) ?? phrase ?? 'score' };
}

/** A description that is just a metric (`accuracy`, `pass@1`) or lm-eval's `exact_match (filter: strict-match)`. */
function descriptionMetric(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const text = description.trim();
  if (/^[A-Za-z][\w@.-]{0,63}$/.test(text)) return text;
  return /^([A-Za-z][\w@.-]{0,63}) \(filter: [^)]+\)$/.exec(text)?.[1];
}

function fewShot(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** A zod issue path as `location` (the object, `evaluation_results[2].score_details`) and `field` (`score`). */
function toProblem(path: readonly PropertyKey[], message: string): ImportProblem {
  const parts = path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  let end = parts.length - 1;
  let field = end >= 0 ? String(parts[end]) : undefined;
  // An array element is named with its array: field `url[0]`.
  if (typeof parts[end] === 'number' && end > 0) {
    field = `${String(parts[end - 1])}[${parts[end]}]`;
    end--;
  }
  const parent = parts.slice(0, Math.max(end, 0));
  const location = parent.length
    ? parent.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
    : (field ?? 'line 1');
  return field === undefined ? { kind: 'problem', location, message } : { kind: 'problem', location, field, message };
}

// ---------------------------------------------------------------------------------------------------------------
// Serializer (the export: src/export/every-eval-ever.ts)

/** A record and its path relative to the output folder (`tulu-3-405b/t3-card.json`). */
export type EveryEvalEverFile = { path: string; record: EveryEvalEverRecord };

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

/**
 * Builds one model's records from its results (all of them, in export order), each checked against
 * `everyEvalEverSchema`: a failure is a bug in the mapping, as the graph's data is validated.
 *
 * One record per model and source: a source (paper, model card, leaderboard) is the "evaluation run" the
 * format describes, and the record-level fields are per source: who evaluated (`source_metadata`), the
 * harness (`eval_library`) and the checkpoint (`model_info`). When one model's results in one source differ
 * in those (another evaluator, harness or model variant), each combination gets its own record. Files are
 * `<model-slug>/<source-slug>.json`, then `<source-slug>+2.json`... for further combinations (`+` is never
 * part of a slug).
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
 *   agentic_eval_config.additional_details.scaffold = the agent scaffold, additional_details.num_fewshot = shots.
 * - retrieved_timestamp: `retrievedAt` (the export's time), as Unix seconds.
 */
export function everyEvalEverRecords(
  entities: GraphEntities,
  retrievedAt: Date,
): (results: GraphResultRecord[]) => EveryEvalEverFile[] {
  const retrieved = unixSeconds(retrievedAt);
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
        r.chainOfThought === undefined && r.shots === undefined && r.scaffold === undefined
          ? undefined
          : defined({
              generation_args:
                r.chainOfThought === undefined && r.scaffold === undefined
                  ? undefined
                  : defined({
                      reasoning: r.chainOfThought,
                      agentic_eval_config:
                        r.scaffold === undefined ? undefined : { additional_details: { scaffold: r.scaffold } },
                    }),
              additional_details: details({ num_fewshot: r.shots === undefined ? undefined : String(r.shots) }),
            }),
    });
  };

  return (results) => {
    const first = results[0];
    if (first === undefined) return [];
    const model = need(models, first.model);
    const lead = model.developers[0] && organizations.get(model.developers[0].organization);
    const huggingfaceId = huggingfaceIdOf(model);

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

export const everyEvalEverFormat: RecordFormat<'every-eval-ever'> = {
  format: 'every-eval-ever',
  description: 'Every Eval Ever JSON (schema_version, model_info, source_metadata, evaluation_results)',
  detect,
  parse,
  streams: false,
};
