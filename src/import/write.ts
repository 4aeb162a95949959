/**
 * Writes a parsed file into the graph, all or nothing: one transaction per file, named for the audit trail.
 * Records stream through in batches (results are upserted 1,000 at a time on their natural key), so a large
 * file never sits in memory whole. A problem, from the parser or found here (a score outside its metric's
 * range, an unknown license, a lineage cycle), makes the file fail: scanning goes on to report every
 * problem, and the transaction is rolled back. With `skipInvalid` the bad records are left out and listed.
 * A dry run does all the work and rolls back, so its counts are exactly what a real run would do.
 */
import { sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import * as t from '../db/schema.ts';
import type { UpsertCounts } from '../write/upsert.ts';
import { DomainError } from '../errors.ts';
import { ancestryPath, lockLineage } from '../write/lineage.ts';
import { type Tx, writeTransaction } from '../write/transaction.ts';
import type { ImportFormat } from '../formats/index.ts';
import type {
  ImportedModel,
  ImportedResult,
  ImportItem,
  ImportProblem,
  ImportSkip,
  KnownHubIds,
} from '../formats/records.ts';
import { ensureLicense } from './identity/licenses.ts';
import { indexOfWrite, naturalKeyOf, upsertResults } from './upsert-results.ts';
import { isHttpUrl, passAtK } from '../formats/fields.ts';
import { type Resolution, Resolver, slugify } from './resolve.ts';
import type { IdentityCache } from './identity/cache.ts';
import { settingFromName } from './identity/setting.ts';
import { ensureLanguage, findLanguage } from './identity/languages.ts';
import { findTask } from './identity/tasks.ts';
import { onHundred } from './identity/metrics.ts';

export type ImportOptions = {
  fileName: string;
  format: ImportFormat;
  /** Who imports, for the audit trail (`import-cli`, `api-key:3 (alice)`). */
  actor: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** Called after each batch with the number of records read so far. */
  onProgress?: (records: number) => void;
  /** Lookup tables shared by the files of one run (`identity/cache.ts`). */
  identityCache?: IdentityCache;
  /**
   * Filled once the graph is loaded, for the parser to ask it (the parser runs inside the file's transaction, so
   * it reads the resolver's tables, never another connection).
   */
  lookups?: ParserLookups;
};

/** What a parser may ask of the graph while it reads (see `ParserInput.knownHubIds`). */
export type ParserLookups = { knownHubIds?: (ids: string[]) => KnownHubIds };

export type ImportReport = {
  file: string;
  format: ImportFormat;
  dryRun: boolean;
  /** Whether anything was committed (false on a dry run and when the file was refused). */
  written: boolean;
  /** Whether the file was refused for its problems (nothing of it written; never with `skipInvalid`). */
  refused: boolean;
  /** Records read that the parser could make sense of (results and model records); problems are counted apart. */
  records: number;
  results: UpsertCounts;
  lineageEdges: { inserted: number; unchanged: number };
  licensesSet: number;
  trainingDataClaims: { inserted: number; updated: number; unchanged: number };
  /** Model–language links from model cards' `language` (one per language and source). */
  languages: { inserted: number; unchanged: number };
  /** Primary tasks from model cards' `pipeline_tag` (a model whose task the graph already has keeps it). */
  tasks: { inserted: number; unchanged: number };
  /** What each name in the file resolved to, and how (matched by id, slug, name... or created). */
  resolutions: Resolution[];
  /** graph-json only: rows inserted, updated and unchanged per kind (sources, models, results...). */
  graph?: Record<string, UpsertCounts>;
  /** Problems: the reason a file was refused, or the records skipped with `skipInvalid`. */
  problems: ImportProblem[];
  /** Problems beyond the first MAX_PROBLEMS are counted, not kept. */
  problemCount: number;
  /** The Hugging Face repo a model card was taken for when neither given nor in its path, and how it was told. */
  repoId?: { id: string; by: string; evidence?: string };
  /** Records the format's rules leave out (unnamed rows, superseded submissions); they never refuse the file. */
  skipped: ImportSkip[];
  /** Skipped records beyond the first MAX_PROBLEMS are counted, not kept. */
  skippedCount: number;
};

const BATCH_SIZE = 5000;
const MAX_PROBLEMS = 1000;

class Rollback extends Error {}

type ResultRow = typeof t.benchmarkResult.$inferInsert;

export function emptyReport(options: Pick<ImportOptions, 'fileName' | 'format' | 'dryRun'>): ImportReport {
  return {
    file: options.fileName,
    format: options.format,
    dryRun: options.dryRun ?? false,
    written: false,
    refused: false,
    records: 0,
    results: { inserted: 0, updated: 0, unchanged: 0 },
    lineageEdges: { inserted: 0, unchanged: 0 },
    licensesSet: 0,
    trainingDataClaims: { inserted: 0, updated: 0, unchanged: 0 },
    languages: { inserted: 0, unchanged: 0 },
    tasks: { inserted: 0, unchanged: 0 },
    resolutions: [],
    problems: [],
    problemCount: 0,
    skipped: [],
    skippedCount: 0,
  };
}

export async function importItems(
  db: AppDb,
  items: AsyncIterable<ImportItem>,
  options: ImportOptions,
): Promise<ImportReport> {
  const report = emptyReport(options);
  let failed = false;
  /** Ids of the results this file wrote: one written again with another value is a duplicate in the file. */
  const written = new Set<number>();
  const problem = (p: Omit<ImportProblem, 'kind'>) => {
    report.problemCount++;
    if (report.problems.length < MAX_PROBLEMS) report.problems.push({ kind: 'problem', ...p });
    if (!options.skipInvalid) failed = true;
  };

  try {
    await writeTransaction(db, { actor: options.actor, operation: `import ${options.fileName}` }, async (tx) => {
      const resolver = await Resolver.load(tx, `Created by the import of ${options.fileName}.`, options.identityCache);
      const run = options.identityCache ? { cache: options.identityCache, file: options.fileName } : undefined;
      report.resolutions = resolver.resolutions;
      if (options.lookups) options.lookups.knownHubIds = (ids) => resolver.knownHubIds(ids);
      let batch: ImportedResult[] = [];
      const flush = async () => {
        if (batch.length) await writeResults(tx, resolver, batch, report, problem, written, run);
        batch = [];
        options.onProgress?.(report.records);
      };

      for await (const item of items) {
        if (item.kind === 'problem') {
          const { kind: _kind, ...rest } = item;
          problem(rest);
          continue;
        }
        if (item.kind === 'skipped') {
          report.skippedCount++;
          if (report.skipped.length < MAX_PROBLEMS) report.skipped.push(item);
          continue;
        }
        report.records++;
        // A failed file is still written to the end (and rolled back), so that every problem is reported.
        if (item.kind === 'model') {
          if (item.repoId) report.repoId = item.repoId;
          await flush();
          await writeModel(tx, resolver, item, report, problem);
        } else {
          batch.push(item);
          if (batch.length >= BATCH_SIZE) await flush();
        }
      }
      await flush();
      // A file of which nothing could be read (broken JSON, a CSV header without its required columns) is
      // refused even with skipInvalid: there is nothing valid to keep.
      if (report.records === 0 && report.problemCount > 0) failed = true;
      if (failed || report.dryRun) throw new Rollback();
      await resolver.offerToCache();
    });
    report.written = true;
    options.identityCache?.commit();
  } catch (error) {
    options.identityCache?.discard();
    if (!(error instanceof Rollback)) {
      // A refusal of the database that no check above foresaw: still the file's fault, reported as such.
      if (!(error instanceof DomainError)) throw error;
      problem({ location: 'file', message: error.message });
      failed = true;
    }
  }
  report.refused = failed;
  return report;
}

type Report = (p: Omit<ImportProblem, 'kind'>) => void;

const INT4_MAX = 2 ** 31 - 1;
const isCount = (n: number, min: number) => Number.isInteger(n) && n >= min && n <= INT4_MAX;

/** The first rule of the database a record breaks, as a problem's field and message. */
function recordIssue(record: ImportedResult): { field: string; message: string } | undefined {
  if (record.source.url !== undefined && !isHttpUrl(record.source.url)) {
    return { field: 'source.url', message: `"${record.source.url}" is not an http(s) URL` };
  }
  const passK = record.passK ?? passAtK(record.metric.name);
  if (passK !== undefined && !isCount(passK, 1))
    return { field: 'pass_k', message: `pass@${passK}: k must be at least 1` };
  if (record.shots !== undefined && !isCount(record.shots, 0)) {
    return { field: 'shots', message: `${record.shots} shots: must be a whole number from 0 to ${INT4_MAX}` };
  }
  if (record.stderr !== undefined && !(record.stderr >= 0)) {
    return { field: 'stderr', message: `${record.stderr}: a standard error is not negative` };
  }
  if (JSON.stringify(record).includes('\\u0000')) return { field: 'text', message: 'text contains a NUL character' };
  return undefined;
}

/** What a result says besides its natural key: two records of one result must agree on it. */
const contentOf = (row: ResultRow) =>
  JSON.stringify([row.value, row.stderr, row.evaluatorOrganizationId, row.reportedOn, row.notes]);

async function writeResults(
  tx: Tx,
  resolver: Resolver,
  batch: ImportedResult[],
  report: ImportReport,
  problem: Report,
  written: Set<number>,
  run?: { cache: IdentityCache; file: string },
): Promise<void> {
  const rows = new Map<string, { row: ResultRow; location: string }>();
  // What the database would refuse is refused here first, with the record's place and field.
  const valid = batch.flatMap((record) => {
    // "AI2 Reasoning Challenge (25-Shot)": the shots go to the setting, the name keeps the benchmark.
    const named = settingFromName(record);
    if ('issue' in named) {
      problem({ location: record.location, ...named.issue });
      return [];
    }
    const issue = recordIssue(named.record);
    if (issue) problem({ location: record.location, ...issue });
    return issue ? [] : [named.record];
  });
  await resolver.prepareResults(valid);
  for (const record of valid) {
    const sourceId = resolver.sourceId(record.source);
    const modelId = resolver.modelId(record.model);
    const datasetId = resolver.datasetId(record.dataset);
    const metric = resolver.metricRow(record.metric);
    const evaluatorId = record.evaluator ? resolver.organizationId(record.evaluator) : null;

    if (record.scale === 'unknown' && metric.unit === 'percent' && record.value !== 0) {
      problem({
        location: record.location,
        field: 'value',
        message: `cannot tell whether ${record.reportedValue} is a fraction or a percentage of ${metric.slug}: the file gives no range and no other value of it to go by`,
      });
      continue;
    }
    // Fractions (0.848) become the metric's percent (84.8); binary noise from the scaling is rounded away.
    const factor = record.scale === 'fraction' && onHundred(metric) ? 100 : 1;
    const value = Number((record.value * factor).toPrecision(12));
    const stderr = record.stderr === undefined ? null : Number((record.stderr * factor).toPrecision(12));
    if (
      (metric.minValue !== null && value < metric.minValue) ||
      (metric.maxValue !== null && value > metric.maxValue)
    ) {
      problem({
        location: record.location,
        field: 'value',
        message: `${value} is outside the range of metric ${metric.slug} [${metric.minValue ?? '-∞'}, ${metric.maxValue ?? '∞'}]`,
      });
      continue;
    }
    const row: ResultRow = {
      modelId,
      datasetId,
      metricId: metric.id,
      value,
      reportedValue: record.reportedValue,
      stderr,
      shots: record.shots ?? null,
      chainOfThought: record.chainOfThought ?? null,
      passK: record.passK ?? passAtK(record.metric.name) ?? null,
      split: record.split || null,
      harness: record.harness || null,
      scaffold: record.scaffold || null,
      variant: record.variant || null,
      modelVariant: record.modelVariant || null,
      evaluatorOrganizationId: evaluatorId,
      // Stated, else first party when the evaluator developed the model, third party when it is another
      // organization, else unknown: an unstated relationship is not third party.
      evaluatorRelationship:
        record.evaluatorRelationship ??
        (evaluatorId === null ? 'unknown' : resolver.isDeveloper(modelId, evaluatorId) ? 'first_party' : 'third_party'),
      reportedOn: record.reportedOn === null ? null : (record.reportedOn ?? record.source.publishedOn ?? null),
      sourceId,
      notes: record.notes ?? '',
      unverified: record.unverified ?? false,
    };
    const key = naturalKeyOf(row);
    const earlier = rows.get(key);
    if (earlier && contentOf(earlier.row) !== contentOf(row)) {
      problem({
        location: record.location,
        field: 'value',
        message: `the same result (model, benchmark, metric, setting, source) has another value at ${earlier.location}`,
      });
      continue;
    }
    // Another file of this run stated this result with another value: the first file's stands (identity/cache.ts).
    const stated = run?.cache.statedResult(key);
    if (stated && stated.file !== run?.file && stated.content !== contentOf(row)) {
      report.skippedCount++;
      if (report.skipped.length < MAX_PROBLEMS) {
        report.skipped.push({
          kind: 'skipped',
          location: record.location,
          field: 'value',
          message: `${stated.file}, imported earlier in this run, states this result (model, benchmark, metric, setting, source) with another value; the first file's value is kept`,
        });
      }
      continue;
    }
    run?.cache.stateResult(key, { content: contentOf(row), file: run.file });
    rows.set(key, { row, location: record.location });
  }
  const entries = [...rows.values()];
  // A dataset a file reports results on is a benchmark, whatever else it is (a training set matched by name).
  const datasetIds = [...new Set(entries.map((entry) => entry.row.datasetId))];
  if (datasetIds.length) {
    await tx.execute(
      sql`update ${t.dataset} set is_benchmark = true, updated_at = now() where id = any(${sql.param(datasetIds)}::integer[]) and not is_benchmark`,
    );
  }
  const batchRows = entries.map((entry) => entry.row);
  const { counts, writes } = await upsertResults(tx, batchRows);
  for (const write of writes) {
    // Updated a result this file had already written: an earlier record (an earlier batch) gave another value.
    if (!write.inserted && written.has(write.id)) {
      problem({
        location: entries[indexOfWrite(batchRows, write)]?.location ?? 'file',
        field: 'value',
        message: 'the same result (model, benchmark, metric, setting, source) has another value earlier in the file',
      });
    }
    written.add(write.id);
  }
  report.results.inserted += counts.inserted;
  report.results.updated += counts.updated;
  report.results.unchanged += counts.unchanged;
}

async function writeModel(
  tx: Tx,
  resolver: Resolver,
  record: ImportedModel,
  report: ImportReport,
  problem: Report,
): Promise<void> {
  const sourceId = await resolver.source(record.source);
  const modelId = await resolver.model(record.model, sourceId);

  if (record.license) {
    // An unknown license is kept, as an unverified license with this file as its source (identity/licenses.ts).
    let licenseId = resolver.license(record.license);
    if (licenseId === undefined) {
      const declared = { name: record.license, ...(record.licenseUrl ? { url: record.licenseUrl } : {}) };
      const license = await ensureLicense(tx, declared, sourceId);
      licenseId = license.id;
      if (license.by !== 'slug') {
        resolver.resolutions.push({
          type: 'License',
          reference: record.license,
          slug: license.slug,
          by: 'created',
          confidence: 'created',
        });
      }
    }
    const licenseNotes = record.licenseNotes ?? null;
    const updated = await tx
      .update(t.model)
      .set({ licenseId, ...(licenseNotes ? { licenseNotes } : {}), updatedAt: sql`now()` })
      .where(
        sql`${t.model.id} = ${modelId} and (${t.model.licenseId} is distinct from ${licenseId}${licenseNotes ? sql` or ${t.model.licenseNotes} is distinct from ${licenseNotes}` : sql``})`,
      )
      .returning({ id: t.model.id });
    report.licensesSet += updated.length;
  }

  for (const [index, base] of record.baseModels.entries()) {
    const baseId = await resolver.model(base.model, sourceId);
    if (baseId === modelId) {
      problem({
        location: `${record.location}.base_model[${index}]`,
        field: 'base_model',
        message: 'a model cannot derive from itself',
      });
      continue;
    }
    // The same lock addLineageEdge takes, so that a concurrent edit cannot close a cycle with this edge.
    await lockLineage(tx);
    // The cycle check of addLineageEdge: does the base model already derive from this one?
    if ((await ancestryPath(tx, baseId, modelId)) !== null) {
      problem({
        location: `${record.location}.base_model[${index}]`,
        field: 'base_model',
        message: `would create a lineage cycle: ${resolver.modelSlug(baseId)} already derives from ${resolver.modelSlug(modelId)}`,
      });
      continue;
    }
    const inserted = await tx
      .insert(t.modelLineage)
      .values({ modelId, baseModelId: baseId, kind: base.relation, sourceId })
      .onConflictDoNothing()
      .returning({ id: t.modelLineage.id });
    if (inserted.length) report.lineageEdges.inserted++;
    else report.lineageEdges.unchanged++;
  }

  await recordLanguages(tx, resolver, record, modelId, sourceId, report);
  await recordTask(tx, resolver, record, modelId, sourceId, report);

  if (record.datasets.length) {
    const datasetIds: number[] = [];
    for (const dataset of record.datasets) {
      const id = await resolver.dataset(dataset, sourceId, 'training');
      if (!datasetIds.includes(id)) datasetIds.push(id);
    }
    await recordTrainingData(tx, resolver, modelId, sourceId, datasetIds, report);
  }
}

/** A record the importer leaves out by a rule (an unknown code): listed, and the rest of the file is written. */
function skip(report: ImportReport, item: Omit<ImportSkip, 'kind'>) {
  report.skippedCount++;
  if (report.skipped.length < MAX_PROBLEMS) report.skipped.push({ kind: 'skipped', ...item });
}

/**
 * The languages a file gives for a model (ISO 639 codes) become model–language links with the file as source.
 * A code names its language by ISO 639-1, 639-2/B or 639-3 (`identity/languages.ts`); a language the graph lacks
 * is created from the ISO tables; a value that is no code (`multilingual`) is listed as skipped.
 */
async function recordLanguages(
  tx: Tx,
  resolver: Resolver,
  record: ImportedModel,
  modelId: number,
  sourceId: number,
  report: ImportReport,
): Promise<void> {
  const seen = new Set<number>();
  for (const { code, location } of record.languages) {
    const found = findLanguage(code);
    if (!found) {
      skip(report, {
        location,
        field: 'language',
        message: `"${code}" is not an ISO 639 language code: left out of the model's languages`,
      });
      continue;
    }
    const language = await ensureLanguage(tx, found.entry);
    if (!resolver.resolutions.some((r) => r.type === 'Language' && r.reference === code)) {
      const exact = !language.created && found.entry.slug === code;
      resolver.resolutions.push({
        type: 'Language',
        reference: code,
        slug: found.entry.slug,
        by: language.created ? 'created' : exact ? 'slug' : 'spelling',
        confidence: language.created ? 'created' : exact ? 'exact' : 'registry',
      });
    }
    // `en` and `eng` in one list, or `zh` and `zh-Hans`: one language, one link.
    if (seen.has(language.id)) continue;
    seen.add(language.id);
    const inserted = await tx
      .insert(t.modelLanguage)
      .values({ modelId, languageId: language.id, sourceId })
      .onConflictDoNothing()
      .returning({ modelId: t.modelLanguage.modelId });
    if (inserted.length) report.languages.inserted++;
    else report.languages.unchanged++;
  }
}

/**
 * The file's pipeline tag becomes the model's primary task with its modalities (`identity/tasks.ts`). A model
 * has one primary task: when the graph already records another one (from the seed or another file), it is kept
 * and the file's is listed as skipped; an unknown tag is listed as skipped too.
 */
async function recordTask(
  tx: Tx,
  resolver: Resolver,
  record: ImportedModel,
  modelId: number,
  sourceId: number,
  report: ImportReport,
): Promise<void> {
  if (!record.task) return;
  const { tag, location } = record.task;
  const found = findTask(tag);
  if (!found) {
    skip(report, {
      location,
      field: 'pipeline_tag',
      message: `"${tag}" is not a pipeline tag of data/registry/tasks.yaml: no task is recorded`,
    });
    return;
  }
  const { entry } = found;
  const inserted = await tx
    .insert(t.modelTask)
    .values({ modelId, task: entry.task, inputModalities: entry.input, outputModalities: entry.output, sourceId })
    .onConflictDoNothing()
    .returning({ modelId: t.modelTask.modelId });
  if (inserted.length) {
    report.tasks.inserted++;
    return;
  }
  const [current] = await tx
    .select({ task: t.modelTask.task, source: t.source.slug })
    .from(t.modelTask)
    .innerJoin(t.source, sql`${t.source.id} = ${t.modelTask.sourceId}`)
    .where(sql`${t.modelTask.modelId} = ${modelId}`);
  if (current?.task === entry.task) {
    report.tasks.unchanged++;
    return;
  }
  skip(report, {
    location,
    field: 'pipeline_tag',
    message: `${resolver.modelSlug(modelId)} already has the primary task ${current?.task} (source ${current?.source}); this file's ${entry.task} is not stored`,
  });
}

/**
 * A model card's `datasets` is the card's claim that the model was trained on them: stored as a
 * `trained_on_data` claim of the card (the graph links training data to technique stages, and the card
 * does not say which stage). Re-importing the card updates the same claim.
 */
async function recordTrainingData(
  tx: Tx,
  resolver: Resolver,
  modelId: number,
  sourceId: number,
  datasetIds: number[],
  report: ImportReport,
): Promise<void> {
  const slug = slugify(`${resolver.modelSlug(modelId)}-trained-on-data-${sourceId}`);
  const [existing] = await tx
    .select({ id: t.claim.id })
    .from(t.claim)
    .where(sql`${t.claim.slug} = ${slug}`);
  let claimId: number;
  if (existing) {
    claimId = existing.id;
  } else {
    const [next] = (
      (await tx.execute(
        sql`select coalesce(max(ordinal), 0) + 1 as ordinal from ${t.claim} where source_id = ${sourceId}`,
      )) as unknown as { rows: { ordinal: number }[] }
    ).rows;
    const [row] = await tx
      .insert(t.claim)
      .values({
        slug,
        sourceId,
        ordinal: Number(next?.ordinal ?? 1),
        statement: `${resolver.modelSlug(modelId)} was trained on ${datasetIds.length} dataset(s) listed in its model card.`,
        predicate: 'trained_on_data',
        subjectModelId: modelId,
      })
      .returning({ id: t.claim.id });
    claimId = (row as { id: number }).id;
  }
  const current = await tx
    .select({ datasetId: t.claimObject.datasetId })
    .from(t.claimObject)
    .where(sql`${t.claimObject.claimId} = ${claimId}`)
    .orderBy(t.claimObject.position);
  const same =
    current.length === datasetIds.length && current.every((object, index) => object.datasetId === datasetIds[index]);
  if (same) {
    report.trainingDataClaims.unchanged++;
    return;
  }
  await tx.delete(t.claimObject).where(sql`${t.claimObject.claimId} = ${claimId}`);
  await tx.insert(t.claimObject).values(datasetIds.map((datasetId, position) => ({ claimId, position, datasetId })));
  if (existing) report.trainingDataClaims.updated++;
  else report.trainingDataClaims.inserted++;
}
