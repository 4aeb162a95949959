/**
 * Hugging Face model card (`README.md` of a model repo): the YAML front matter between the first two `---` lines.
 * Field structure from huggingface/hub-docs `modelcard.md` and `docs/hub/model-cards.md`, and huggingface_hub
 * `repocard_data.py` (`ModelCardData`, `EvalResult`, `model_index_to_eval_results`).
 *
 * What is read:
 * - `license` (`license_name` instead when `license: other`; the first of a list, the others in the notes) and
 *   `license_link` → `ImportedModel.license`, `licenseUrl`, `licenseNotes`;
 * - `base_model` (one id or a list) with `base_model_relation` (`adapter` | `merge` | `quantized` | `finetune`,
 *   `quantized` → `quantization`) → `ImportedModel.baseModels`;
 * - `datasets` (Hub dataset ids the model was trained on) → `ImportedModel.datasets`;
 * - `model-index[i].results[j].metrics[k]` → one `ImportedResult` each: `dataset.type` is the Hub dataset id,
 *   `dataset.name` the display name, `dataset.config` the variant (else the subset `dataset.args` names: a
 *   string, or its `config` / `name` / `language`), `dataset.split` the split,
 *   `dataset.args.num_few_shot` the shots, `metrics[k].type` the metric, `source` the document (else the card).
 *
 * The model is `model-index[0].name` (else `model_name`, else the repo name); its Hugging Face id is settled by
 * `model-card-identity.ts`: the id the caller gives (`huggingfaceId`), the path (`org/repo/README.md`), an
 * `org_repo.md` file name with one split or one the card text confirms, a model-index name that is a repo id. A
 * file name that splits several ways unconfirmed refuses the card; a card with no candidate at all keeps its
 * model-index name and gets no `huggingfaceId` and a source without a URL.
 */
import { canonicalMetricSlug, metricRegistry, onHundred } from '../import/identity/metrics.ts';
import { parseQualifiers } from '../import/identity/qualifiers.ts';
import { describe, type FieldPath, formatPath, isRecord, parseReportedNumber, text } from './fields.ts';
import { HUB_REPO_ID, huggingfaceModelRef, huggingfaceRepoId } from './hub-ids.ts';
import { cardIdentity, graphIdentity } from './model-card-identity.ts';
import type {
  DatasetRef,
  ImportItem,
  ImportedModel,
  ImportedResult,
  ModelRef,
  Parser,
  RecordFormat,
  SourceRef,
} from './records.ts';
import { parseYaml } from './yaml.ts';

export type HuggingFaceModelCardOptions = {
  /** The repo the card was read from (`allenai/Llama-3.1-Tulu-3-405B`), when the caller knows it. */
  huggingfaceId?: string;
};

type Relation = ImportedModel['baseModels'][number]['relation'];
const relations: Record<string, Relation> = {
  adapter: 'adapter',
  merge: 'merge',
  quantized: 'quantization',
  finetune: 'finetune',
};

/** `dataset.config` values that name the benchmark as a whole rather than a subset. */
const wholeBenchmarkConfigs = new Set(['default', 'main', 'all']);

/**
 * Metric ids whose values are proportions. Cards mostly print percentages (Open LLM Leaderboard: `acc` 77.33),
 * but some print the raw proportion (`acc` 0.7498): a value in [0, 1] of one of these metrics is taken as a
 * fraction. Other metrics (bleu, perplexity, wer, elo...) have no single scale and stay as they are.
 */
const proportionMetrics =
  /^(acc|accuracy|acc_norm|exact_match|em|f1|f1_macro|f1_micro|macro_f1|micro_f1|mc1|mc2|precision|recall|pass@\d+|inst_level_(strict|loose)_acc|prompt_level_(strict|loose)_acc|strict_acc|loose_acc)$/i;

/**
 * Metrics that tools print on different scales with the same name: `bleu` and `chrf` are 0–100 from sacreBLEU (the
 * `sacrebleu` and `chrf` metrics of Hugging Face evaluate) and 0–1 from evaluate's `bleu` and torchmetrics. A card
 * value in (0, 1] of one of them is placed only by the card's own evidence (see where it is used).
 */
const SCALE_UNSTATED_METRICS = new Set(['bleu', 'chrf']);

export function isPercentMetric(metricType: string): boolean {
  const known = metricRegistry().match(metricType)?.metric;
  // An error rate (WER, CER) in [0, 1] is no evidence of a fraction: cards print it in percent, small ones too
  // (airesearch/wav2vec2-large-xlsr-53-th: `wer` 0.9524, "0.9524%" in its table), so it is kept as printed.
  if (known?.higherIsBetter === false) return false;
  return proportionMetrics.test(metricType) || known?.unit === 'percent';
}

/**
 * `printsPercent`: the card's evidence that it prints this value in percent: this metric has a value above 1
 * elsewhere in the card, or, for a retrieval metric at a cut-off, another of the result's does (an MTEB result's
 * `ndcg_at_10` 53.98 beside its `precision_at_1000` 0.211: both percent, as MTEB prints them all).
 */
export function fractionScale(metricType: string, value: number, printsPercent = false): 'fraction' | 'as-is' {
  return value >= 0 && value <= 1 && !printsPercent && isPercentMetric(metricType) ? 'fraction' : 'as-is';
}

/** Metric types and names that name no metric: placeholders, and a generic "score". */
const placeholderMetric = /^(unknown|none|n\/a|null|other|score|value|metric|result)$/i;

/** Dataset names and types that name no dataset: placeholders, and the name of a split alone. */
const noDataset = /^(unknown|none|n\/a|null|-|train|training|validation|valid|val|dev|test|testing|eval|evaluation)$/i;

/**
 * The metric of a model-index entry, by a stated rule:
 * 1. `metrics[].type`, else `metrics[].name`, when the metric registry knows it (`acc_norm`, "normalized accuracy");
 * 2. else `type` as written, when it names a metric: not a placeholder (`unknown`), not a Hub id
 *    (`tatsu-lab/alpaca_eval` is a dataset), not the dataset's own type;
 * 3. else the metric the benchmark reports by definition (registry `benchmarkMetrics`, by dataset type or name:
 *    MT-Bench → its 0–10 score);
 * 4. else `name`, when it is specific (not a placeholder, not a Hub id);
 * 5. else none: the value is skipped, with that reason (never stored under a made-up metric).
 * Before all of these: when one result states a `type` for several metrics under different names (`type: rouge`
 * named ROUGE-1, ROUGE-2, ROUGE-L; `type: wer` named "Test WER" and "Test WER (+LM)"), the type is a family and
 * each `name` is the metric (through the registry, else as written): the values are distinct results.
 */
export function cardMetric(
  type: string | undefined,
  name: string | undefined,
  datasetType: string,
  datasetName: string | undefined,
  /** The result states this `type` for several metrics with different names (`rouge`: ROUGE-1, ROUGE-2...). */
  typeIsShared = false,
): { name: string; passK?: number; higherIsBetter?: boolean } | undefined {
  const registry = metricRegistry();
  // A type several metrics of one result share is their family; each one's `name` says which it is. A name the
  // registry does not know is created with its family's direction: "Test WER (+LM)" of `wer` is lower-is-better.
  if (typeIsShared && name && !placeholderMetric.test(name) && !name.includes('/')) {
    const byName = registry.match(name);
    if (byName?.passK !== undefined) return { name: `pass@${byName.passK}`, passK: byName.passK };
    const family = byName ? undefined : type ? registry.match(type)?.metric : undefined;
    return family ? { name, higherIsBetter: family.higherIsBetter } : { name };
  }
  const byType = type ? registry.match(type) : undefined;
  const known = byType ?? (name ? registry.match(name) : undefined);
  // The card's own spelling is kept (`acc_norm`); the resolver maps it through the registry.
  if (known && known.passK === undefined) return { name: (byType ? type : name) as string };
  if (known)
    return known.passK !== undefined
      ? { name: `pass@${known.passK}`, passK: known.passK }
      : { name: known.metric.slug };
  const specific = (value: string | undefined) =>
    value !== undefined && !placeholderMetric.test(value) && !value.includes('/') && value !== datasetType;
  if (specific(type)) return { name: type as string };
  const byBenchmark =
    registry.forBenchmark(datasetType) ?? (datasetName ? registry.forBenchmark(datasetName) : undefined);
  if (byBenchmark) return { name: byBenchmark.slug };
  return specific(name) ? { name: name as string } : undefined;
}

/**
 * A card's front matter: a `---` line, after blank lines only (huggingface_hub's `REGEX_YAML_BLOCK` allows them),
 * to the next `---` line. `line` is the file line the YAML starts on.
 */
function frontMatter(fileText: string): { yaml: string; line: number } | { error: string } {
  const lines = fileText.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() !== '');
  if (start < 0 || lines[start]?.trimEnd() !== '---') {
    return { error: 'no YAML front matter: the card does not start with ---' };
  }
  const end = lines.findIndex((line, i) => i > start && line.trimEnd() === '---');
  if (end < 0) return { error: 'the YAML front matter is not closed by a --- line' };
  return { yaml: lines.slice(start + 1, end).join('\n'), line: start + 2 };
}

export function detectHuggingFaceModelCard(fileName: string, head: string): boolean {
  const matter = frontMatter(head);
  // The head may cut a long front matter short: then look at what there is of it.
  const yaml = 'yaml' in matter ? matter.yaml : /^\uFEFF?\s*---[ \t\r]*\n/.test(head) ? head : '';
  // Hub metadata of a model repo (hub-docs `modelcard.md`); a Space's (`sdk`) or a dataset's card is not one.
  return (
    /^(model-index|model_name|license|license_name|base_model|library_name|pipeline_tag|tags|datasets|metrics|language|widget|inference)\s*:/m.test(
      yaml,
    ) && !/^(sdk|dataset_info|task_categories|size_categories|pretty_name)\s*:/m.test(yaml)
  );
}

/** Kind of a source named in `model-index[].results[].source`, when its address or name makes it plain. */
function sourceKind(name: string | undefined, url: string | undefined): SourceRef['kind'] {
  if (url && /^https?:\/\/(www\.)?arxiv\.org\//.test(url)) return 'paper';
  if (/leaderboard/i.test(`${name ?? ''} ${url ?? ''}`)) return 'leaderboard';
  return undefined;
}

export function parseHuggingFaceModelCardWith(options: HuggingFaceModelCardOptions = {}): Parser {
  return async function* parseHuggingFaceModelCard({
    fileName,
    text: fileText,
    huggingfaceId,
    knownHubIds,
  }): AsyncGenerator<ImportItem> {
    if (fileText === undefined) {
      yield { kind: 'problem', location: 'file', message: 'the model card parser needs the text of the file' };
      return;
    }
    const matter = frontMatter(fileText);
    if ('error' in matter) {
      yield { kind: 'problem', location: 'line 1', message: matter.error };
      return;
    }
    // Front matter begins on the line after the opening `---`.
    const yaml = parseYaml(matter.yaml, matter.line);
    if (yaml.problems.length > 0) {
      yield* yaml.problems;
      return;
    }
    const card = yaml.data ?? {};
    if (!isRecord(card)) {
      yield { kind: 'problem', location: 'line 2', message: 'the front matter is not a YAML mapping' };
      return;
    }
    const problem = (path: FieldPath, message: string): ImportItem => ({
      kind: 'problem',
      location: yaml.location(path),
      field: formatPath(path),
      message,
    });
    /** A record the card's rules leave out (a value that is no number, a result without a dataset): the rest stands. */
    const skip = (path: FieldPath, message: string): ImportItem => ({
      kind: 'skipped',
      location: yaml.location(path),
      field: formatPath(path),
      message,
    });

    // --- Which model the card is about.
    const modelIndex = card['model-index'];
    const entries = Array.isArray(modelIndex) ? modelIndex : [];
    if (modelIndex !== undefined && modelIndex !== null && !Array.isArray(modelIndex)) {
      yield problem(['model-index'], 'model-index must be a list of { name, results }');
    }
    const firstEntry: unknown = entries[0];
    const indexName = isRecord(firstEntry) ? text(firstEntry.name) : undefined;
    const cardName = indexName ?? text(card.model_name);
    const given = huggingfaceId ?? options.huggingfaceId;
    if (given !== undefined && !HUB_REPO_ID.test(given)) {
      yield {
        kind: 'problem',
        location: 'file',
        field: 'huggingfaceId',
        message: `the given Hugging Face id "${given}" is not a repo id such as allenai/Llama-3.1-Tulu-3-405B`,
      };
      return;
    }
    const names = [indexName, text(card.model_name)].filter((name): name is string => name !== undefined);
    let identity = cardIdentity(fileName, fileText, names, given);
    if (identity.tried && knownHubIds)
      identity = graphIdentity(identity.tried, await knownHubIds(identity.tried)) ?? identity;
    if (identity.tried) {
      yield {
        kind: 'problem',
        location: 'file',
        field: 'huggingfaceId',
        message: `cannot tell which Hugging Face repo this card is for: the file name could be ${identity.tried.join(' or ')}; neither the card (links, ids under one of those namespaces, model-index name, model_name, titles) nor the organization registry${knownHubIds ? ' nor the graph (model ids, namespaces)' : ''} settles which; pass --hf-id (API: huggingfaceId)`,
      };
      return;
    }
    const hfId = identity.id;
    let model: ModelRef | undefined;
    if (hfId) {
      const fromId = huggingfaceModelRef(hfId);
      // The card's own display name wins over the repo name, unless it is the repo id itself or the name of its
      // base model (quantized copies' cards give the original's `model_name`: the copy would be taken for it).
      const loose = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');
      const bases = (Array.isArray(card.base_model) ? card.base_model : [card.base_model]).map((id) => text(id));
      const isBase = (name: string) => bases.some((id) => id && loose(id.split('/').pop() as string) === loose(name));
      model = cardName && cardName !== hfId && !isBase(cardName) ? { ...fromId, name: cardName } : fromId;
    } else if (cardName) {
      model = { name: cardName };
    }
    if (!model) {
      yield {
        kind: 'problem',
        location: 'file',
        field: 'model-index[0].name',
        message: 'cannot tell which model this card is for: no model-index name, model_name or repo id',
      };
      return;
    }
    const cardSource: SourceRef = {
      title: `${model.name} model card`,
      kind: 'model_card',
      ...(hfId ? { url: `https://huggingface.co/${hfId}` } : {}),
      ...(model.organization ? { publisher: model.organization } : {}),
    };

    // --- Model-level facts.
    const imported: ImportedModel = {
      kind: 'model',
      location: 'line 1',
      model,
      baseModels: [],
      datasets: [],
      languages: [],
      source: cardSource,
      ...(identity.id && !['given', 'path'].includes(identity.by)
        ? {
            repoId: { id: identity.id, by: identity.by, ...(identity.evidence ? { evidence: identity.evidence } : {}) },
          }
        : {}),
    };
    const license = card.license;
    if (license !== undefined && license !== null) {
      // A list (`[mit, openrail]`) keeps the first as the model's license and the rest in its notes.
      const ids = (Array.isArray(license) ? license : [license]).map((id) => text(id));
      const [slug, ...more] = ids;
      if (!slug || more.some((id) => !id)) {
        yield problem(['license'], 'license must be a license id such as apache-2.0 or llama3.1');
      }
      // `other` says nothing by itself; the card then names its license in `license_name` (and `license_link`).
      else {
        const named = slug === 'other' ? text(card.license_name) : undefined;
        const link = text(card.license_link);
        imported.license = named ?? slug;
        imported.licenseLocation = yaml.location([named ? 'license_name' : 'license']);
        // A relative link (`LICENSE`) is a file of the repo; without the repo it points nowhere.
        const url =
          link &&
          (/^https?:\/\//.test(link)
            ? link
            : hfId
              ? `https://huggingface.co/${hfId}/blob/main/${link.replace(/^\.?\//, '')}`
              : undefined);
        if (url) imported.licenseUrl = url;
        if (more.length) imported.licenseNotes = `The card lists several licenses: ${ids.join(', ')}.`;
      }
    }

    const baseModel = card.base_model;
    const baseIds: { id: unknown; path: FieldPath }[] =
      baseModel === undefined || baseModel === null
        ? []
        : Array.isArray(baseModel)
          ? baseModel.map((id, i) => ({ id, path: ['base_model', i] }))
          : [{ id: baseModel, path: ['base_model'] }];
    let relation: Relation | undefined;
    const relationValue = card.base_model_relation;
    if (relationValue !== undefined && relationValue !== null) {
      relation = typeof relationValue === 'string' ? relations[relationValue.trim()] : undefined;
      if (!relation) {
        yield problem(['base_model_relation'], 'base_model_relation must be adapter, merge, quantized or finetune');
      }
    }
    // The Hub infers the relation when the card does not state it; several base models are a merge
    // (docs/hub/model-cards.md, "Specifying a base model"), one is taken to be fine-tuned.
    relation ??= baseIds.length > 1 ? 'merge' : 'finetune';
    for (const { id, path } of baseIds) {
      const repo = text(id);
      if (!repo || !huggingfaceRepoId.test(repo)) {
        yield problem(path, 'base_model must be a Hugging Face model id such as meta-llama/Llama-3.1-405B');
        continue;
      }
      imported.baseModels.push({ model: huggingfaceModelRef(repo), relation });
    }

    const datasets = card.datasets;
    const datasetIds: { id: unknown; path: FieldPath }[] =
      datasets === undefined || datasets === null
        ? []
        : Array.isArray(datasets)
          ? datasets.map((id, i) => ({ id, path: ['datasets', i] }))
          : [{ id: datasets, path: ['datasets'] }];
    for (const { id, path } of datasetIds) {
      const repo = text(id);
      if (!repo || !huggingfaceRepoId.test(repo)) {
        // Free text ("Wikipedia dump of 2020"): nothing names one dataset; the rest of the card stands.
        yield skip(
          path,
          `${describe(id)} is not a Hugging Face dataset id (such as allenai/tulu-3-sft-mixture): left out of the training data`,
        );
        continue;
      }
      imported.datasets.push({ name: repo, ...(repo.includes('/') ? { huggingfaceId: repo } : {}) });
    }
    // `language: en` or a list of ISO 639 codes; the importer resolves them (an unknown code is reported there).
    const language = card.language;
    const languageValues: { value: unknown; path: FieldPath }[] =
      language === undefined || language === null
        ? []
        : Array.isArray(language)
          ? language.map((value, i) => ({ value, path: ['language', i] }))
          : [{ value: language, path: ['language'] }];
    for (const { value, path } of languageValues) {
      const code = typeof value === 'string' ? text(value) : undefined;
      if (!code) {
        yield skip(path, `${describe(value)} is not a language code (such as en or ja): left out of the languages`);
        continue;
      }
      imported.languages.push({ code, location: yaml.location(path) });
    }
    // `pipeline_tag: text-generation`: the model's primary task (its modalities follow from the task).
    const pipelineTag = card.pipeline_tag;
    if (pipelineTag !== undefined && pipelineTag !== null) {
      const tag = typeof pipelineTag === 'string' ? text(pipelineTag) : undefined;
      if (tag) imported.task = { tag, location: yaml.location(['pipeline_tag']) };
      else yield skip(['pipeline_tag'], `${describe(pipelineTag)} is not a pipeline tag: no task is recorded`);
    }
    yield imported;

    // --- Evaluation results.
    const collections = collectionTypes(entries);
    const percentMetrics = metricsAboveOne(entries);
    const printsPercentElsewhere = (metricName: string) => percentMetrics.has(metricKey(metricName));
    const sharedByDataset = sharedMetricTypes(entries);
    /** Results are held until the card is read, so that one stated twice with two values can be left out whole. */
    const stated: ImportedResult[] = [];
    for (const [e, entry] of entries.entries()) {
      if (!isRecord(entry)) {
        yield problem(['model-index', e], 'a model-index entry must be a mapping with name and results');
        continue;
      }
      const entryName = text(entry.name);
      // Another entry's name is another model; only the card's own model gets the repo id.
      const entryModel: ModelRef = !entryName || entryName === cardName ? model : { name: entryName };
      const results = entry.results;
      if (!Array.isArray(results)) {
        yield problem(['model-index', e, 'results'], 'results must be a list of { task, dataset, metrics }');
        continue;
      }
      for (const [r, result] of results.entries()) {
        for (const item of parseResult(result, ['model-index', e, 'results', r], entryModel)) {
          if (item.kind === 'result') stated.push(item);
          else yield item;
        }
      }
    }
    yield* oneValuePerResult(stated);

    function* parseResult(result: unknown, path: FieldPath, resultModel: ModelRef): Generator<ImportItem> {
      if (!isRecord(result)) {
        yield problem(path, 'a result must be a mapping with task, dataset and metrics');
        return;
      }
      const dataset = result.dataset;
      if (!isRecord(dataset)) {
        yield skip(
          [...path, 'dataset'],
          'the result names no dataset (a mapping with type, the Hub dataset id, and name): left out',
        );
        return;
      }
      const type = text(dataset.type);
      if (!type) {
        yield skip(
          [...path, 'dataset', 'type'],
          'dataset.type (the Hub dataset id) is missing: the result is left out',
        );
        return;
      }
      // SetFit writes `name: Unknown, type: unknown` when it was given no dataset, sentence-transformers the split it
      // evaluated on (`name: validation, type: validation`): no dataset, and one shared "Unknown" would make every
      // such card's accuracy comparable. A real name beside a placeholder type (`MT-Bench`, `unknown`) is kept.
      if (noDataset.test(type) && noDataset.test(text(dataset.name) ?? type)) {
        yield skip(
          [...path, 'dataset'],
          `the result names no dataset (${JSON.stringify(text(dataset.name) ?? type)} is a placeholder or a split): left out`,
        );
        return;
      }
      const datasetName = text(dataset.name) ?? type;
      const hubId = type.includes('/') ? { huggingfaceId: type } : {};
      // A Hub id the card gives several benchmarks under (BeIR/cqadupstack for the twelve CQADupStack forums,
      // nuprl/MultiPL-E per language) is a collection: each name is its own dataset, part of the one the id names.
      const datasetRef: DatasetRef =
        collections.has(type) && datasetName !== type
          ? { name: datasetName, parent: { name: type, ...hubId } }
          : { name: datasetName, ...hubId };
      const config = text(dataset.config) ?? argsConfig(dataset.args);
      const split = text(dataset.split);

      const source = result.source;
      let resultSource: SourceRef = cardSource;
      if (source !== undefined && source !== null) {
        const url = isRecord(source) ? text(source.url) : undefined;
        const name = isRecord(source) ? text(source.name) : undefined;
        if (!url && !name) {
          yield problem([...path, 'source'], 'source must have a url (and optionally a name)');
          return;
        }
        const kind = sourceKind(name, url);
        resultSource = { title: name ?? url ?? '', ...(url ? { url } : {}), ...(kind ? { kind } : {}) };
      }

      const metrics = result.metrics;
      if (!Array.isArray(metrics) || metrics.length === 0) {
        yield problem([...path, 'metrics'], 'metrics must be a non-empty list of { type, value }');
        return;
      }
      const sharedTypes = sharedByDataset.get(datasetKey(dataset)) ?? new Set<string>();
      // The result prints its retrieval metrics in percent when one of them is above 1 (see `fractionScale`).
      const retrievalInPercent = metrics.some((metric) => {
        const type = isRecord(metric) ? text(metric.type) : undefined;
        const value = isRecord(metric) ? parseReportedNumber(metric.value)?.value : undefined;
        return type !== undefined && value !== undefined && value > 1 && isRetrievalAtK(type);
      });
      for (const [m, metric] of metrics.entries()) {
        const metricPath = [...path, 'metrics', m];
        if (!isRecord(metric)) {
          yield problem(metricPath, 'a metric must be a mapping with type and value');
          continue;
        }
        const metricType = text(metric.type);
        const metricLabel = text(metric.name);
        if (!metricType && !metricLabel) {
          yield problem([...metricPath, 'type'], 'metric type (such as acc or exact_match) is missing');
          continue;
        }
        const identified = cardMetric(
          metricType,
          metricLabel,
          type,
          text(dataset.name),
          metricType !== undefined && sharedTypes.has(metricType),
        );
        if (!identified) {
          yield {
            kind: 'skipped',
            location: yaml.location(metricPath),
            field: 'type',
            message: `the card does not say which metric this value is (type ${JSON.stringify(metricType ?? null)}, name ${JSON.stringify(metricLabel ?? null)}), and the metric registry knows none for ${type}`,
          };
          continue;
        }
        const parsed = parseReportedNumber(metric.value);
        if (!parsed) {
          // `null`, a list of per-fold values, a decimal comma ("0,64"), text: no one number to store.
          yield skip(
            [...metricPath, 'value'],
            metric.value === undefined || metric.value === null
              ? 'metric value is missing: the value is left out'
              : `metric value ${describe(metric.value).slice(0, 120)} is not a number: the value is left out`,
          );
          continue;
        }
        const datasetShots = fewShot(dataset.args);
        const shots = datasetShots ?? fewShot(metric.args);
        if (shots && 'invalid' in shots) {
          const argsPath = datasetShots ? [...path, 'dataset', 'args'] : [...metricPath, 'args'];
          yield problem([...argsPath, shots.invalid], 'the number of shots must be a whole number');
          continue;
        }
        const passK = identified.passK ?? /^pass@(\d+)$/i.exec(identified.name)?.[1];
        const verified = metric.verified === true;
        const record: ImportedResult = {
          kind: 'result',
          location: yaml.location(metricPath),
          model: resultModel,
          dataset: datasetRef,
          metric:
            identified.higherIsBetter === undefined
              ? { name: identified.name }
              : { name: identified.name, higherIsBetter: identified.higherIsBetter },
          value: parsed.value,
          reportedValue: yaml.source([...metricPath, 'value']) ?? String(metric.value),
          // A printed `%` says percent outright; a tool that prints ×100 metrics on the unit scale says
          // fraction (sentence-transformers' `spearman_cosine` 0.866) unless the card prints it above 1; otherwise
          // see `fractionScale`.
          scale: parsed.percent
            ? 'as-is'
            : metricRegistry().unitScaleTool(identified.name)
              ? Math.abs(parsed.value) <= 1 && !printsPercentElsewhere(identified.name)
                ? 'fraction'
                : 'as-is'
              : fractionScale(
                  identified.name,
                  parsed.value,
                  (retrievalInPercent && isRetrievalAtK(identified.name)) || printsPercentElsewhere(identified.name),
                ),
          ...(parsed.stderr !== undefined ? { stderr: parsed.stderr } : {}),
          ...(shots ? { shots: shots.shots } : {}),
          ...(passK ? { passK: Number(passK) } : {}),
          ...(split ? { split } : {}),
          ...(config && !wholeBenchmarkConfigs.has(config.toLowerCase()) ? { variant: config } : {}),
          // `verified: true` marks results computed by Hugging Face's evaluation service, not self-reported.
          ...(verified ? { evaluator: 'huggingface', evaluatorRelationship: 'third_party' as const } : {}),
          source: resultSource,
        };
        // A value outside the range of the registry's metric cannot be placed (`pass@1: -1` for "not run"): left out.
        const known = metricRegistry().match(identified.name)?.metric;
        if (
          known &&
          SCALE_UNSTATED_METRICS.has(known.slug) &&
          metricType?.toLowerCase() !== 'sacrebleu' &&
          parsed.value > 0 &&
          parsed.value <= 1 &&
          !parsed.percent &&
          !printsPercentElsewhere(identified.name)
        ) {
          yield skip(
            [...metricPath, 'value'],
            `${record.reportedValue} of ${known.slug} may be on 0–1 (Hugging Face evaluate, torchmetrics) or 0–100 (sacreBLEU), and the card says neither (no other value of it above 1, type not sacrebleu): the value is left out`,
          );
          continue;
        }
        const stored = record.scale === 'fraction' && known && onHundred(known) ? record.value * 100 : record.value;
        const [min, max] = known?.range ?? [null, null];
        if ((min !== null && stored < min) || (max !== null && stored > max)) {
          yield skip(
            [...metricPath, 'value'],
            `${record.reportedValue} is outside the range of metric ${known?.slug} [${min ?? '-∞'}, ${max ?? '∞'}]: the value is left out`,
          );
          continue;
        }
        yield record;
      }
    }
  };
}

/** The results of a card's model-index, as plain mappings (anything else is reported where it is read). */
function resultsOf(entries: unknown[]): Record<string, unknown>[] {
  return entries.flatMap((entry) =>
    isRecord(entry) && Array.isArray(entry.results) ? entry.results.filter((result) => isRecord(result)) : [],
  );
}

/** A name compared loosely, its setting qualifiers ("(5-shot)") aside: `MMLU (5-shot)` and `mmlu` are one name. */
const looseName = (name: string) =>
  parseQualifiers(name)
    .name.toLowerCase()
    .replace(/[^\p{L}\p{N}+]+/gu, '');

/** Dataset types (Hub ids) the card gives under two or more different dataset names: collections of benchmarks. */
function collectionTypes(entries: unknown[]): Set<string> {
  const names = new Map<string, Set<string>>();
  for (const result of resultsOf(entries)) {
    const dataset = result.dataset;
    const type = isRecord(dataset) ? text(dataset.type) : undefined;
    if (!type || !isRecord(dataset)) continue;
    const set = names.get(type) ?? new Set<string>();
    set.add(looseName(text(dataset.name) ?? type));
    names.set(type, set);
  }
  return new Set([...names].filter(([, set]) => set.size > 1).map(([type]) => type));
}

/** One dataset as a result states it (type, name, config, split): results on it are compared with each other. */
function datasetKey(dataset: Record<string, unknown>): string {
  return JSON.stringify(
    [dataset.type, dataset.name, text(dataset.config) ?? argsConfig(dataset.args), dataset.split].map(
      (value) => text(value) ?? null,
    ),
  );
}

/**
 * Per dataset (`datasetKey`), the metric `type`s the card states for several metrics under different `name`s
 * ("Test WER" and "Test WER (+LM)", both `wer`). A name that two types share ("Validation ROGUE-Lsum" for both
 * `rouge-Lsum` and `gen-length`) tells nothing apart, and leaves its type as the metric.
 */
function sharedMetricTypes(entries: unknown[]): Map<string, Set<string>> {
  const byDataset = new Map<string, { type: string; name: string | undefined }[]>();
  for (const result of resultsOf(entries)) {
    if (!isRecord(result.dataset) || !Array.isArray(result.metrics)) continue;
    const key = datasetKey(result.dataset);
    const list = byDataset.get(key) ?? [];
    for (const metric of result.metrics) {
      const type = isRecord(metric) ? text(metric.type) : undefined;
      if (type && isRecord(metric)) list.push({ type, name: text(metric.name)?.toLowerCase() });
    }
    byDataset.set(key, list);
  }
  const shared = new Map<string, Set<string>>();
  for (const [key, metrics] of byDataset) {
    const typesOfName = new Map<string | undefined, Set<string>>();
    for (const { type, name } of metrics) typesOfName.set(name, (typesOfName.get(name) ?? new Set()).add(type));
    const names = new Map<string, Set<string | undefined>>();
    for (const { type, name } of metrics) {
      // An unnamed metric tells nothing apart; a name two types share neither.
      if (name === undefined || (typesOfName.get(name)?.size ?? 0) > 1) continue;
      names.set(type, (names.get(type) ?? new Set()).add(name));
    }
    shared.set(key, new Set([...names].filter(([, set]) => set.size > 1).map(([type]) => type)));
  }
  return shared;
}

/** MTEB's retrieval metrics at a cut-off (`ndcg_at_10`, `precision_at_1000`), which one result prints in one scale. */
const isRetrievalAtK = (name: string) =>
  /^(ndcg|map|mrr|recall|precision)-at-\d+$/.test(canonicalMetricSlug(name) ?? '');

/** A metric's identity for comparing a card's records: the registry's slug, else the spelling. */
const metricKey = (name: string) => canonicalMetricSlug(name) ?? name.toLowerCase();

/** Metrics (by `metricKey` of their type) the card states somewhere with a value above 1: it prints them in percent. */
function metricsAboveOne(entries: unknown[]): Set<string> {
  const keys = new Set<string>();
  for (const result of resultsOf(entries)) {
    for (const metric of Array.isArray(result.metrics) ? result.metrics : []) {
      const type = isRecord(metric) ? text(metric.type) : undefined;
      const value = isRecord(metric) ? parseReportedNumber(metric.value) : undefined;
      if (type && value && !value.percent && value.value > 1) keys.add(metricKey(type));
    }
  }
  return keys;
}

/**
 * One value per result. A card that states one result (model, benchmark, metric, setting, source) twice with two
 * values contradicts itself, and nothing tells which is right: every record of that result is left out, reported
 * with the places of the others; the rest of the card stands. The same value stated twice is one result.
 */
function* oneValuePerResult(records: ImportedResult[]): Generator<ImportItem> {
  const groups = new Map<string, ImportedResult[]>();
  for (const record of records) {
    const qualified = parseQualifiers(record.dataset.name);
    const key = JSON.stringify([
      record.model.huggingfaceId?.toLowerCase() ?? record.model.name,
      record.dataset.huggingfaceId?.toLowerCase() ?? null,
      looseName(record.dataset.name),
      record.dataset.parent?.name ?? null,
      metricKey(record.metric.name),
      record.shots ?? qualified.shots ?? null,
      record.chainOfThought ?? qualified.chainOfThought ?? null,
      record.passK ?? null,
      record.split ?? null,
      record.variant ?? null,
      record.source.url ?? record.source.title,
    ]);
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  const content = (record: ImportedResult) =>
    JSON.stringify([
      record.scale === 'fraction' ? Number((record.value * 100).toPrecision(12)) : record.value,
      record.stderr ?? null,
      record.evaluator ?? null,
    ]);
  for (const group of groups.values()) {
    const [first] = group as [ImportedResult, ...ImportedResult[]];
    if (group.every((record) => content(record) === content(first))) {
      yield* group;
      continue;
    }
    for (const record of group) {
      const others = group.filter((other) => other !== record);
      yield {
        kind: 'skipped',
        location: record.location,
        field: 'value',
        message: `the card states this result (model, benchmark, metric, setting, source) with other values at ${others.map((other) => `${other.location} (${other.reportedValue})`).join(', ')}; nothing tells which is right, so none of them is kept (${record.reportedValue} here)`,
      };
    }
  }
}

/**
 * The subset `dataset.args` names when the card gives no `config`: older Trainer cards (transformers ≤ 4.18) wrote
 * the `load_dataset` config name there as a string (`glue` with `args: qnli`), NeMo cards the language of a
 * multilingual set as a mapping (`common_voice_17_0` with `args: { language: ar }`). Without it, QNLI and SST-2,
 * or Arabic and English WER, would be one comparable set.
 */
function argsConfig(args: unknown): string | undefined {
  if (typeof args === 'string') return text(args);
  if (!isRecord(args)) return undefined;
  for (const key of ['config', 'name', 'language']) {
    const value = args[key];
    if (typeof value === 'string' && text(value)) return text(value);
  }
  return undefined;
}

/**
 * Shots from an `args` mapping (Open LLM Leaderboard cards: `num_few_shot`; lm-eval-harness spelling:
 * `num_fewshot`; some cards: `n_shot`): `undefined` when absent, else the number or the key holding a bad one.
 */
function fewShot(args: unknown): { shots: number } | { invalid: string } | undefined {
  if (!isRecord(args)) return undefined;
  const key = ['num_few_shot', 'num_fewshot', 'n_shot'].find((k) => args[k] !== undefined && args[k] !== null);
  if (!key) return undefined;
  const raw = args[key];
  const shots = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  return typeof shots === 'number' && Number.isInteger(shots) && shots >= 0 ? { shots } : { invalid: key };
}

export const parseHuggingFaceModelCard: Parser = parseHuggingFaceModelCardWith();

export const huggingFaceModelCardFormat: RecordFormat<'huggingface-model-card'> = {
  format: 'huggingface-model-card',
  description: 'Hugging Face model card README.md front matter (license, base_model, datasets, model-index)',
  detect: detectHuggingFaceModelCard,
  parse: parseHuggingFaceModelCard,
  streams: false,
};
