/**
 * What every record format's parser produces: format-neutral records that name models, datasets, metrics and
 * organizations as the file does (names, Hugging Face ids), not as database ids. The importer
 * (`src/import/write.ts`) resolves those names against the graph, creates what is missing, and upserts.
 *
 * Parsers are async generators, so a 1,000,000-row CSV flows through in batches and is never held whole.
 * A parser never throws on bad content: it yields an `ImportProblem` naming the place and the field, and
 * carries on, so one run reports every problem of a file.
 */
import type { sourceKind } from '../db/schema.ts';

/** The kinds of source a record can cite (paper, model_card, leaderboard...), as in the database enum. */
export type SourceKind = (typeof sourceKind.enumValues)[number];

/** Where in the file a record or problem comes from: `line 12` (CSV, YAML) or a path such as `results.gsm8k`. */
export type Location = string;

/** A model as a file names it. At least one of `name` / `huggingfaceId` is set. */
export type ModelRef = {
  name: string;
  /** Hugging Face repo id (`allenai/Llama-3.1-Tulu-3-405B`), matched against the model's external ids. */
  huggingfaceId?: string;
  /** The developer, by name or slug (`Ai2`, `allenai`); used only when the model has to be created. */
  organization?: string;
};

/** A dataset (benchmark) as a file names it. */
export type DatasetRef = {
  name: string;
  /** Hugging Face dataset id (`openai/gsm8k`), matched against `dataset.huggingface_id`. */
  huggingfaceId?: string;
  /** The dataset this one is a part of (MMLU for `mmlu_formal_logic`); set on the dataset when it is created. */
  parent?: DatasetRef;
};

/** A metric as a file names it (`acc`, `exact_match`, `pass@1`, `Accuracy`). */
export type MetricRef = {
  name: string;
  higherIsBetter?: boolean;
};

/** The document a record is reported in; every imported fact gets a source. */
export type SourceRef = {
  url?: string;
  title: string;
  publisher?: string;
  kind?: SourceKind;
  publishedOn?: string;
};

/** One score of one model on one benchmark, in one setting. */
export type ImportedResult = {
  kind: 'result';
  location: Location;
  model: ModelRef;
  dataset: DatasetRef;
  metric: MetricRef;
  /** The number as the file states it. */
  value: number;
  /** The number as printed in the file (`"0.8484"`), kept verbatim. */
  reportedValue: string;
  /**
   * `fraction` when the file states values in [0, 1] (lm-eval-harness `acc` 0.85) and the metric is a
   * percentage: the writer multiplies by 100. `as-is` (default) stores the value unchanged. `unknown` when the
   * value is in [0, 1] and nothing in the file tells a fraction from a percentage (a lone 0.8 of a proportion):
   * the writer refuses it on a percent metric rather than guess a factor of 100.
   */
  scale?: 'fraction' | 'as-is' | 'unknown';
  stderr?: number;
  shots?: number;
  chainOfThought?: boolean;
  passK?: number;
  split?: string;
  harness?: string;
  /** The agent scaffold an agentic benchmark ran the model in; part of comparability. */
  scaffold?: string;
  /** Benchmark variant or subset (`mmlu_abstract_algebra`, a config name); part of comparability. */
  variant?: string;
  /** The exact checkpoint or API snapshot evaluated. */
  modelVariant?: string;
  /** Who ran the evaluation, by organization name or slug. */
  evaluator?: string;
  evaluatorRelationship?: 'first_party' | 'third_party' | 'unknown';
  /** When the result was reported; absent = the source's date; `null` = undated, whatever the source's date. */
  reportedOn?: string | null;
  source: SourceRef;
  notes?: string;
  /** Not confirmed by a primary source (default false). */
  unverified?: boolean;
};

/** Model-level facts from a model card: license, base models, training datasets. */
export type ImportedModel = {
  kind: 'model';
  location: Location;
  model: ModelRef;
  /** SPDX id or Hugging Face license slug (`apache-2.0`, `llama3.1`, `other`). */
  license?: string;
  /** Where the license is stated (`line 4`), for the problems about it; else `location`. */
  licenseLocation?: Location;
  /** Address of the license text the file gives (a card's `license_link`). */
  licenseUrl?: string;
  /** What the file says about the license beyond the one kept (a card listing several). */
  licenseNotes?: string;
  baseModels: { model: ModelRef; relation: 'finetune' | 'merge' | 'quantization' | 'adapter' | 'distillation' }[];
  /** Datasets the model was trained on. */
  datasets: DatasetRef[];
  /** Languages as the file codes them (`en`, `jpn`, `zh-Hans`), each with its place; resolved by the importer. */
  languages: { code: string; location: Location }[];
  /** How the card's Hugging Face repo id was told, when not given or in the path (for the import report). */
  repoId?: { id: string; by: string; evidence?: string };
  /** The model's primary task as the file names it (a card's `pipeline_tag`), with its place. */
  task?: { tag: string; location: Location };
  source: SourceRef;
};

/** A malformed record: reported with its place and field; nothing of the file is written unless skipped. */
export type ImportProblem = {
  kind: 'problem';
  location: Location;
  field?: string;
  message: string;
};

/**
 * A record left out by a rule of its format, not for being malformed (a row naming no model, an earlier
 * submission superseded by a later one): reported, and the rest of the file is written.
 */
export type ImportSkip = {
  kind: 'skipped';
  location: Location;
  field?: string;
  message: string;
};

export type ImportItem = ImportedResult | ImportedModel | ImportProblem | ImportSkip;

/** Every parser has this shape; `input` is the file's text or, for CSV, a stream of its bytes. */
export type Parser = (input: ParserInput) => AsyncGenerator<ImportItem>;

/** What import needs of a format: its name, how to recognize it, and (unless it is a whole document) its parser. */
export type FormatInfo<F extends string = string> = {
  format: F;
  /** What the format is, for `--help` and errors. */
  description: string;
  /** Whether `head` (the first 4 KB) and the file name look like this format. */
  detect(fileName: string, head: string): boolean;
};

/** A format read as a stream of `ImportItem`s, written by `src/import/write.ts`. */
export type RecordFormat<F extends string = string> = FormatInfo<F> & {
  parse: Parser;
  /** Reads a byte stream instead of the whole text (large files). */
  streams: boolean;
};

/** A format read whole and written by an importer of its own (the graph JSON: `src/import/graph-json.ts`). */
export type DocumentFormat<F extends string = string> = FormatInfo<F> & { document: true };

export type ParserInput = {
  /** The file's name as given on the command line or in the mutation (used in locations and sources). */
  fileName: string;
  /** Text of the file, or a byte stream for formats that stream (CSV). */
  text?: string;
  stream?: AsyncIterable<Uint8Array | string>;
  /** The Hugging Face repo the file was read from (`org/repo`), when the caller knows it (`--hf-id`). */
  huggingfaceId?: string;
  /** Which of some repo ids the graph already knows (`src/import/known-hub-ids.ts`), to settle a card's name. */
  knownHubIds?: (ids: string[]) => Promise<KnownHubIds>;
};

/** Of some repo ids, those the graph holds as models' Hub ids, and the namespaces it holds models under. */
export type KnownHubIds = { ids: string[]; namespaces: string[] };
