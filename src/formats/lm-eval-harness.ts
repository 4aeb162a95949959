/**
 * lm-evaluation-harness results files (`results_<datetime>.json`, written by
 * `EvaluationTracker.save_results_aggregated` in EleutherAI/lm-evaluation-harness 0.4.x).
 *
 * Structure read (everything else is ignored):
 * - `results: { <task or group>: { alias, "<metric>,<filter>": number, "<metric>_stderr,<filter>": number | "N/A",
 *   samples: <count> } }`. Group entries are listed here too; a group without an aggregate is a placeholder
 *   `{ alias, " ": " " }`. Pre-0.4 files use keys without a filter (`acc`, `acc_stderr`): read as filter `none`.
 * - `groups` (same shape, groups only), `group_subtasks: { <group>: [children] }` (leaf tasks map to `[]`).
 * - `configs: { <task>: { task, dataset_path, dataset_name, test_split, validation_split, num_fewshot, ... } }`.
 * - `versions`, `n-shot`, `higher_is_better: { <task>: { <metric>: bool | null } }`,
 *   `n-samples: { <task>: { original, effective } }`.
 * - `model_name` (the tracker's name, from `peft=`/`delta=`/`pretrained=`/`model=`/`path=`/`engine=` of the model
 *   args), `config: { model, model_args (string or object), ... }`, `date` (unix seconds), `git_hash`,
 *   `lm_eval_version`.
 *
 * Mapping, one result per (entry, metric, filter):
 * - dataset: the task or group name, with its group as `parent` (the task tree: `group_subtasks`, else the
 *   0.4.0-dev `configs[task].group`, else for groups the nesting printed in `alias`). `huggingfaceId` =
 *   `configs[task].dataset_path` when it is a Hub id (`owner/name`; local paths and legacy bare names are not),
 *   given to the one entry that owns it: the task that alone uses it, or the group whose leaves all do (so MMLU's
 *   subjects are datasets of their own under MMLU, never all filed under the first subject's name).
 *   A task outside any group that runs one config of a Hub dataset named otherwise (`afrisenti_swa_prompt_2` on
 *   `masakhane/afrisenti` config `swa`), and is not a registry benchmark, is a part of that dataset: the Hub id
 *   goes to a parent named after the repo, so two prompts or directions on one dataset stay two tasks. 0.3's
 *   `hendrycksTest-<subject>` is `mmlu_<subject>` under `mmlu`, as 0.4 names it.
 * - variant: `configs[task].dataset_name` when set, not the task name, and the task's dataset is not a part of
 *   its group's Hub dataset; then the filter when not `none`, joined with `|` (`main|strict-match`).
 * - split: `test_split`, else `validation_split` (what the harness evaluates on); shots: `n-shot`, else
 *   `num_fewshot` (for groups: the value all leaves share), else the run's `config.num_fewshot` (0.3 files).
 * - metric: the part before the comma; higherIsBetter from `higher_is_better`; passK from `pass@k`.
 * - scale: `fraction` for metrics that are proportions by definition (`acc`, `acc_norm`, `acc_mutual_info`,
 *   `exact_match`, `em`, `f1`, `mc1`, `mc2`, `pass@k`, and every `*_acc`: IFEval's `*_level_*_acc`, TruthfulQA's
 *   `bleu_acc`, `rouge1_acc`...); a value outside [0, 1] for
 *   those is a problem. Everything else (perplexities, rouge, mcc...) is `as-is`, but for `bleu`, `chrf` and `ter`
 *   (`lmEvalSacreBleu` in data/registry/metrics.yaml): on sacreBLEU's 0–100 scale when the harness aggregates them
 *   (FLORES `bleu` 0.71), on a task's own scale when its code does (NL2FOAM's `nanmean` of its own BLEU, 0.577), so
 *   a value is placed on 0–100 from evidence: the task's `metric_list` (aggregation `bleu`/`chrf`/`ter` or none),
 *   else a task of the registry, else a value above 1 (or 0). A value nothing places is skipped and reported with
 *   its task, never stored on a guessed scale.
 * - stderr: the `_stderr` key when a finite number; `"N/A"`, null and NaN mean none. A metric value of NaN or
 *   Infinity (a failed aggregate) is skipped and reported, the rest of the file kept.
 * - chainOfThought: true when the task name has a `cot` segment (`gsm8k_cot_llama`), else unset.
 * - model: `model_name`, else the model args as above (a local checkpoint path: its last folder, the path in the
 *   notes); `huggingfaceId` when it is `owner/name`; modelVariant
 *   from `revision=` in the model args. harness `lm-evaluation-harness`; evaluator unknown (the file does not say).
 * - reportedOn / source.publishedOn: `date` as an ISO date (UTC). Source: title
 *   `lm-evaluation-harness run of <model> (<date>)`, kind `repository` (a run artifact), no URL (the file has none).
 * - notes: task version, lm_eval version, git hash, and `limit` when fewer samples than the dataset were used.
 */
import { looseKey } from '../import/identity/keys.ts';
import { metricRegistry } from '../import/identity/metrics.ts';
import { registry } from '../import/identity/registry.ts';
import { baseName, describe, isRecord, unixDate } from './fields.ts';
import { HUB_REPO_ID } from './hub-ids.ts';
import { readJsonObject } from './json.ts';
import { isLightevalResults, LIGHTEVAL } from './unsupported.ts';
import type {
  DatasetRef,
  ImportedResult,
  ImportItem,
  ImportProblem,
  ModelRef,
  ParserInput,
  RecordFormat,
} from './records.ts';

const HARNESS = 'lm-evaluation-harness';

/** Keys of a `results` entry that are not metrics. */
const NON_METRIC_KEYS = new Set(['alias', 'samples', ' ', 'name']);

const FRACTION_METRICS = new Set([
  'acc',
  'acc_norm',
  'acc_mutual_info',
  'exact_match',
  'em',
  'f1',
  'mc1',
  'mc2',
  'prompt_level_strict_acc',
  'inst_level_strict_acc',
  'prompt_level_loose_acc',
  'inst_level_loose_acc',
]);

/** lm-eval 0.3 named MMLU's subjects `hendrycksTest-<subject>`; 0.4 calls them `mmlu_<subject>`, parts of `mmlu`. */
const LEGACY_MMLU_SUBJECT = /^hendrycksTest-(\w+)$/;

/** Model-args keys the harness reads the model name from, in its own order (peft before pretrained). */
const MODEL_ARG_KEYS = ['peft', 'delta', 'pretrained', 'model', 'path', 'engine'];

export function detect(fileName: string, head: string): boolean {
  if (!/^\s*\{/.test(head) || !/"results"\s*:/.test(head)) return false;
  // lighteval writes `results` and `versions` too (see unsupported.ts).
  if (isLightevalResults(head)) return false;
  if (/"schema_version"\s*:/.test(head) && /"evaluation_results"\s*:/.test(head)) return false;
  // `configs` usually pushes `versions` past the first 4 KB, so a metric key or alias is enough too; a 0.3 file
  // (keys without a filter) with many tasks has nothing but `results` of tasks of numbers there.
  return (
    /"(versions|n-shot|n-samples|configs|config|group_subtasks|higher_is_better)"\s*:/.test(head) ||
    /"[^"\n]+,[^"\n]+"\s*:\s*(-?\d|"N\/A"|NaN)/.test(head) ||
    /^\s*\{\s*"results"\s*:\s*\{\s*"[^"\n]+"\s*:\s*\{\s*"[^"\n]+"\s*:\s*(-?\d|"N\/A"|NaN)/.test(head) ||
    (/^results_.*\.json$/i.test(baseName(fileName)) && /"alias"\s*:/.test(head))
  );
}

export async function* parse(input: ParserInput): AsyncGenerator<ImportItem> {
  const parsed = yield* readJsonObject(input);
  if (!parsed) return;
  const root = parsed.value;

  const problems: ImportProblem[] = [];
  const section = (key: string): Record<string, unknown> => {
    const value = root[key];
    if (value === undefined || value === null) return {};
    if (isRecord(value)) return value;
    problems.push({ kind: 'problem', location: key, field: key, message: `${key} must be an object` });
    return {};
  };
  // Given as lm-eval by name (`--format`), a lighteval file is still not one.
  if (root.config_general !== undefined) {
    const message = `not imported: it is ${LIGHTEVAL}, not lm-evaluation-harness output: read as lm-eval, its task keys would become datasets`;
    yield { kind: 'problem', location: 'config_general', field: 'config_general', message };
    return;
  }
  const results = root.results;
  if (!isRecord(results)) {
    yield { kind: 'problem', location: 'results', field: 'results', message: 'results must be an object' };
    return;
  }
  const groups = section('groups');
  const groupSubtasks = section('group_subtasks');
  const configs = section('configs');
  const versions = section('versions');
  const nShot = section('n-shot');
  const higherIsBetter = section('higher_is_better');
  const nSamples = section('n-samples');
  const config = section('config');
  yield* problems;

  const model = resolveModel(root, config);
  if (!model) {
    yield {
      kind: 'problem',
      location: 'config',
      field: 'model_args',
      message: 'no model name: model_name is missing and config.model_args names no pretrained=/model=/path= value',
    };
    return;
  }

  const date = unixDate(root.date);
  const source = {
    title: `${HARNESS} run of ${model.ref.huggingfaceId ?? model.ref.name} (${date ?? baseName(input.fileName)})`,
    kind: 'repository' as const,
    ...(date ? { publishedOn: date } : {}),
  };
  const runNotes = [
    typeof root.lm_eval_version === 'string' ? `lm_eval ${root.lm_eval_version}` : undefined,
    typeof root.git_hash === 'string' ? `git ${root.git_hash}` : undefined,
    model.path ? `model path ${model.path}` : undefined,
  ];

  // The task tree: `group_subtasks` (0.4.2+), else each task's `configs.group` (0.4.0-dev), else, for groups,
  // the nesting the harness prints in `alias` (" - humanities" under "mmlu"). Only groups the file reports count.
  const reported = (name: string) => name in results || name in groups;
  const parentOf = new Map<string, string>();
  for (const [group, list] of Object.entries(groupSubtasks)) {
    if (!Array.isArray(list)) continue;
    for (const child of list) if (typeof child === 'string' && !parentOf.has(child)) parentOf.set(child, group);
  }
  for (const [task, c] of Object.entries(configs)) {
    const declared = isRecord(c) ? (Array.isArray(c.group) ? c.group : [c.group]) : [];
    const group = declared.find((g): g is string => typeof g === 'string' && g !== task && reported(g));
    if (group && !parentOf.has(task)) parentOf.set(task, group);
  }
  const childrenOf = new Map<string, string[]>();
  for (const [child, group] of parentOf) childrenOf.set(group, [...(childrenOf.get(group) ?? []), child]);
  const isGroup = (name: string) => name in groups || childrenOf.has(name);
  const open: { name: string; depth: number }[] = [];
  for (const [name, entry] of Object.entries(results)) {
    const depth = aliasDepth(isRecord(entry) ? entry.alias : undefined);
    while (open.length && (open.at(-1) as { depth: number }).depth >= depth) open.pop();
    const enclosing = open.at(-1);
    if (isGroup(name) && enclosing && !parentOf.has(name)) {
      parentOf.set(name, enclosing.name);
      childrenOf.set(enclosing.name, [...(childrenOf.get(enclosing.name) ?? []), name]);
    }
    if (isGroup(name)) open.push({ name, depth });
  }
  const leaves = (name: string, seen = new Set<string>()): string[] => {
    if (seen.has(name)) return [];
    seen.add(name);
    return isGroup(name) ? (childrenOf.get(name) ?? []).flatMap((c) => leaves(c, seen)) : [name];
  };
  const configOf = (task: string): Record<string, unknown> => {
    const c = configs[task];
    return isRecord(c) ? c : {};
  };
  // Pre-0.4 files (lm-eval 0.3: no `n-shot`, no `configs`) state the run's few-shot count once, `config.num_fewshot`,
  // and the harness used it for every task of the run.
  const runShots = isCount(config.num_fewshot) ? config.num_fewshot : undefined;
  const shotsOf = (task: string): number | undefined => {
    const n = nShot[task];
    const c = configOf(task).num_fewshot;
    return isCount(n) ? n : isCount(c) ? c : runShots;
  };
  const splitOf = (task: string): string | undefined =>
    str(configOf(task).test_split) ?? str(configOf(task).validation_split);

  // A Hub dataset (`dataset.huggingface_id` is unique) belongs to one entry: the task that alone uses it, or the
  // group all of whose leaves use it (MMLU's 57 subjects share `cais/mmlu`); never to one subject of many.
  const users = new Map<string, string[]>();
  for (const task of Object.keys(configs)) {
    const id = hubId(configOf(task).dataset_path);
    if (id) users.set(id, [...(users.get(id) ?? []), task]);
  }
  const ownerOf = (id: string): string | undefined => {
    const tasks = users.get(id) ?? [];
    if (tasks.length === 1) return tasks[0];
    let owner = tasks[0] && parentOf.get(tasks[0]);
    while (owner && !tasks.every((t) => leaves(owner as string).includes(t))) owner = parentOf.get(owner);
    return owner && leaves(owner).every((t) => tasks.includes(t)) ? owner : undefined;
  };
  // A task that alone runs one config of a Hub dataset it is not (prompt 2 of `masakhane/afrisenti` config `swa`,
  // one direction of `facebook/flores`) holds a part of it: the id names the collection, a dataset of its own
  // above the task, so that the other tasks on that dataset in other files are never filed under this task's name.
  const collectionOf = (name: string): string | undefined => {
    const id = hubId(configOf(name).dataset_path);
    const repo = id?.split('/')[1] as string;
    return id &&
      ownerOf(id) === name &&
      !isGroup(name) &&
      !parentOf.has(name) &&
      str(configOf(name).dataset_name) &&
      looseKey(repo) !== looseKey(name) &&
      !registry().findBenchmark({ name, huggingfaceId: id })
      ? id
      : undefined;
  };
  const datasetRef = (name: string, seen = new Set<string>()): DatasetRef => {
    seen.add(name);
    const collection = collectionOf(name);
    if (collection) return { name, parent: { name: collection.split('/')[1] as string, huggingfaceId: collection } };
    const subject = parentOf.has(name) ? undefined : LEGACY_MMLU_SUBJECT.exec(name)?.[1];
    if (subject) return { name: `mmlu_${subject}`, parent: { name: 'mmlu' } };
    const id = common(leaves(name).map((t) => hubId(configOf(t).dataset_path)));
    const parent = parentOf.get(name);
    return {
      name,
      ...(id && ownerOf(id) === name ? { huggingfaceId: id } : {}),
      ...(parent && !seen.has(parent) ? { parent: datasetRef(parent, seen) } : {}),
    };
  };

  // `bleu`, `chrf`, `ter`: sacreBLEU's 0–100 when the harness's aggregation of that name computes them, a task's own
  // scale when its code does. Evidence: the task's `metric_list` (an aggregation other than the metric's own name
  // is the task's code), else the registry's sacreBLEU tasks; a group's, when all its leaves agree.
  const metricIndex = metricRegistry();
  const sacreBleuOf = (task: string, metric: string): { sacre: boolean; aggregation?: string } | undefined => {
    if (isGroup(task)) {
      const found = leaves(task).map((leaf) => sacreBleuOf(leaf, metric));
      const other = found.find((f) => f && !f.sacre);
      if (other) return other;
      return found.length && found.every((f) => f?.sacre) ? { sacre: true } : undefined;
    }
    const list = configOf(task).metric_list;
    const entry = Array.isArray(list) ? list.find((m) => isRecord(m) && m.metric === metric) : undefined;
    if (isRecord(entry)) {
      const aggregation = entry.aggregation;
      if (aggregation === undefined || aggregation === null || aggregation === metric) return { sacre: true };
      const printed = String(aggregation).split('\n')[0] as string;
      return { sacre: false, aggregation: printed.length > 60 ? `${printed.slice(0, 57)}...` : printed };
    }
    return metricIndex.sacreBleuTask(task) ? { sacre: true } : undefined;
  };

  // Groups also appear in `results`; `groups` is read only for entries `results` lacks.
  const entries: [string, string, unknown][] = [
    ...Object.entries(results).map(([name, entry]): [string, string, unknown] => ['results', name, entry]),
    ...Object.entries(groups)
      .filter(([name]) => !(name in results))
      .map(([name, entry]): [string, string, unknown] => ['groups', name, entry]),
  ];

  for (const [sectionName, name, entry] of entries) {
    const location = `${sectionName}.${name}`;
    if (!isRecord(entry)) {
      yield { kind: 'problem', location: sectionName, field: name, message: `${name} must be an object of metrics` };
      continue;
    }
    const group = isGroup(name);
    // Only leaf tasks: what older harness versions wrote for groups here is not pinned down.
    if (!group && nShot[name] !== undefined && nShot[name] !== null && !isCount(nShot[name])) {
      yield { kind: 'problem', location: 'n-shot', field: name, message: 'n-shot must be a non-negative integer' };
    }
    const leafTasks = group ? leaves(name) : [name];
    const dataset = datasetRef(name);
    const datasetName = str(configOf(name).dataset_name);
    // A config of the Hub dataset this task holds is a variant of it; a task filed as a part of its group's
    // dataset (a subject of MMLU) is that config itself.
    const variantBase =
      !group && datasetName && datasetName !== name && (dataset.huggingfaceId || !dataset.parent || collectionOf(name))
        ? datasetName
        : undefined;
    const shots = group ? (isCount(nShot[name]) ? nShot[name] : common(leafTasks.map(shotsOf))) : shotsOf(name);
    const split = group ? common(leafTasks.map(splitOf)) : splitOf(name);
    const metricsBetter = isRecord(higherIsBetter[name]) ? higherIsBetter[name] : {};
    const samples = nSamples[name];
    const notes = [
      group ? `group aggregate over ${leafTasks.length} task${leafTasks.length === 1 ? '' : 's'}` : undefined,
      versions[name] !== undefined && versions[name] !== null ? `task version ${String(versions[name])}` : undefined,
      ...runNotes,
      isRecord(samples) &&
      isCount(samples.effective) &&
      isCount(samples.original) &&
      samples.effective < samples.original
        ? `limit: ${samples.effective} of ${samples.original} samples`
        : undefined,
    ].filter((s) => s !== undefined);

    for (const [key, value] of Object.entries(entry)) {
      if (NON_METRIC_KEYS.has(key)) continue;
      const comma = key.indexOf(',');
      const metric = comma === -1 ? key : key.slice(0, comma);
      const filter = comma === -1 ? 'none' : key.slice(comma + 1);
      if (metric.endsWith('_stderr')) continue; // read with its metric below
      // Python's json writes a failed aggregate as NaN or Infinity (`"mae,none": Infinity` when no answer parsed):
      // no score to keep, but no reason to refuse the run's other results either.
      if (typeof value === 'number' && !Number.isFinite(value)) {
        yield {
          kind: 'skipped',
          location,
          field: key,
          message: `metric value ${parsed.raw(entry, key) ?? String(value)} is not a finite number: the value is left out`,
        };
        continue;
      }
      if (typeof value !== 'number') {
        yield {
          kind: 'problem',
          location,
          field: key,
          message: `metric value must be a finite number, got ${describe(value)}`,
        };
        continue;
      }
      // The harness states every accuracy as a proportion, TruthfulQA's `bleu_acc`/`rouge1_acc` included.
      const fraction = FRACTION_METRICS.has(metric) || /_acc$/.test(metric) || /^pass@\d+$/.test(metric);
      if (fraction && (value < 0 || value > 1)) {
        yield { kind: 'problem', location, field: key, message: `${metric} is a proportion in [0, 1], got ${value}` };
        continue;
      }
      // A value between 0 and 1 exclusive of 0 is a BLEU of 0–1 or a low one of 0–100: only evidence tells.
      if (metricIndex.isSacreBleuMetric(metric) && value > 0 && value <= 1) {
        const evidence = sacreBleuOf(name, metric);
        if (!evidence?.sacre) {
          const why = evidence
            ? `task ${name}'s metric_list aggregates it with "${evidence.aggregation}", not with the harness's sacreBLEU \`${metric}\``
            : `the file gives no metric_list for task ${name} and the metric registry's lm-eval sacreBLEU tasks (data/registry/metrics.yaml) do not list it`;
          yield {
            kind: 'skipped',
            location,
            field: key,
            message: `cannot tell whether ${metric} ${parsed.raw(entry, key) ?? String(value)} is on sacreBLEU's 0–100 scale or on 0–1: ${why}, and a value in (0, 1] fits both; not stored`,
          };
          continue;
        }
      }
      const stderrKey = comma === -1 ? `${metric}_stderr` : `${metric}_stderr,${filter}`;
      const stderr = entry[stderrKey];
      if (
        stderr !== undefined &&
        stderr !== null &&
        stderr !== 'N/A' &&
        !(typeof stderr === 'number' && (Number.isNaN(stderr) || (Number.isFinite(stderr) && stderr >= 0)))
      ) {
        yield {
          kind: 'problem',
          location,
          field: stderrKey,
          message: `stderr must be a non-negative number or "N/A", got ${describe(stderr)}`,
        };
        continue;
      }
      const better = metricsBetter[metric];
      const passK = /^pass@(\d+)$/.exec(metric)?.[1];
      const variant = [variantBase, filter !== 'none' ? filter : undefined].filter(Boolean).join('|');
      const result: ImportedResult = {
        kind: 'result',
        location,
        model: model.ref,
        dataset,
        metric: typeof better === 'boolean' ? { name: metric, higherIsBetter: better } : { name: metric },
        value,
        reportedValue: parsed.raw(entry, key) ?? String(value),
        scale: fraction ? 'fraction' : 'as-is',
        harness: HARNESS,
        source,
      };
      if (typeof stderr === 'number' && Number.isFinite(stderr)) result.stderr = stderr;
      if (shots !== undefined) result.shots = shots;
      if (/(^|_)cot(_|$)/.test(name)) result.chainOfThought = true;
      if (passK) result.passK = Number(passK);
      if (split) result.split = split;
      if (variant) result.variant = variant;
      if (model.revision) result.modelVariant = model.revision;
      if (date) result.reportedOn = date;
      if (notes.length) result.notes = notes.join('; ');
      yield result;
    }
  }
}

/** The model named by the run: `model_name`, else the model args the way the harness picks it. */
function resolveModel(
  root: Record<string, unknown>,
  config: Record<string, unknown>,
): { ref: ModelRef; revision?: string; path?: string } | undefined {
  const args = parseModelArgs(config.model_args);
  const given = str(root.model_name)?.trim() || MODEL_ARG_KEYS.map((k) => args[k]?.trim()).find(Boolean);
  if (!given) return undefined;
  // A checkpoint on the runner's disk (`/scratch/<user>/…/outputs/sft__8`) is named by its last folder; the path
  // says where one machine kept it, not which model it is, and goes to the notes.
  const local = LOCAL_PATH.test(given)
    ? given
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop()
    : undefined;
  const name = local || given;
  const ref: ModelRef = HUB_REPO_ID.test(name) ? { name, huggingfaceId: name } : { name };
  return { ref, ...(args.revision ? { revision: args.revision } : {}), ...(local ? { path: given } : {}) };
}

/** A local filesystem path: absolute, home- or dot-relative, or a Windows drive. */
const LOCAL_PATH = /^(\/|~\/|\.{1,2}\/|[A-Za-z]:[\\/])/;

/** `pretrained=a/b,dtype=bfloat16` (a value may itself contain commas) or an already-split object. */
function parseModelArgs(modelArgs: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(modelArgs)) {
    for (const [k, v] of Object.entries(modelArgs)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    }
    return out;
  }
  if (typeof modelArgs !== 'string') return out;
  let last: string | undefined;
  for (const part of modelArgs.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      last = part.slice(0, eq).trim();
      out[last] = part.slice(eq + 1).trim();
    } else if (last !== undefined) {
      out[last] += `,${part}`;
    }
  }
  return out;
}

/** The nesting level the harness prints in an alias: "mmlu" 0, " - humanities" 1, "  - formal_logic" 2. */
function aliasDepth(alias: unknown): number {
  const match = typeof alias === 'string' ? /^( *)- /.exec(alias) : null;
  return match ? (match[1] as string).length : 0;
}

function hubId(datasetPath: unknown): string | undefined {
  return typeof datasetPath === 'string' && HUB_REPO_ID.test(datasetPath) ? datasetPath : undefined;
}

/** The value every element shares, or undefined when they differ or any is missing. */
function common<T>(values: (T | undefined)[]): T | undefined {
  const first = values[0];
  return first !== undefined && values.every((v) => v === first) ? first : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export const lmEvalHarnessFormat: RecordFormat<'lm-eval-harness'> = {
  format: 'lm-eval-harness',
  description: 'lm-evaluation-harness results JSON (results, n-shot, configs, versions, config.model)',
  detect,
  parse,
  streams: false,
};
