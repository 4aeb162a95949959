/**
 * Imports a graph JSON document (`src/formats/graph-json.ts`) in one transaction with the graph writer
 * (`write/graph.ts`): every
 * record is matched on its natural key (slugs; a result's model, dataset, metric, setting, model variant and
 * source), identical rows are left untouched, so importing the same document twice changes nothing.
 *
 * As with the seed, a record in the document owns its child collections (an entity's `sources`, a model's
 * developers, external ids, base models and techniques, a technique use's datasets, a dataset's creator
 * organizations, a claim's objects): children the record no longer lists are removed. Records the document
 * does not contain are left alone, and results are only added or updated, never removed.
 *
 * The document is checked whole before anything is written: its shape (zod), then every slug it refers to
 * (which must be in the document or already in the database), every value against its metric's range, and
 * the natural keys the database keeps unique. Every problem is reported with its path (`results.3.value`).
 */
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AppDb } from '../db/client.ts';
import { type ClaimObjectKind, entities, SLUGGED_KINDS, type SluggedKind } from '../db/entities.ts';
import * as t from '../db/schema.ts';
import { type BenchmarkResultRow, type GraphSummary, type ResultIds, writeGraph } from '../write/graph.ts';
import { type FieldIssue, ValidationError, validationErrorFromZod } from '../errors.ts';
import { type GraphDocument, graphDocument, graphKinds, type GraphResultRecord } from '../formats/graph-json.ts';
import { type Tx, writeTransaction } from '../write/transaction.ts';
import { findTask } from './identity/tasks.ts';

export type GraphImportOptions = {
  /** Do all the work, then roll it back: the counts say what an import would do. */
  dryRun?: boolean;
  /** `change.actor` of the audit trail. @default 'import-cli' */
  actor?: string;
  /** `change.operation`. @default 'import graph-json' */
  operation?: string;
};

/** Counts per kind of row (`sources`, `models`, `results`, `entitySources`...); `pruned` counts deletions. */
export type GraphImportSummary = GraphSummary;

class DryRunRollback extends Error {
  constructor(readonly summary: GraphImportSummary) {
    super('dry run: rolled back');
  }
}

export async function importGraphJson(
  db: AppDb,
  input: unknown,
  { dryRun = false, actor = 'import-cli', operation = 'import graph-json' }: GraphImportOptions = {},
): Promise<GraphImportSummary> {
  const parsed = graphDocument.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const document = parsed.data;
  try {
    return await writeTransaction(db, { actor, operation }, async (tx) => {
      const issues = checkDocument(document, await readKnown(tx));
      if (issues.length > 0) throw new ValidationError(issues);
      const summary = await writeGraph(tx, document, (ids) => resultRows(document.results, ids));
      if (dryRun) throw new DryRunRollback(summary);
      return summary;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

function resultRows(results: GraphResultRecord[], ids: ResultIds): BenchmarkResultRow[] {
  const id = (map: Map<string, number>, slug: string) => {
    const found = map.get(slug);
    // checkDocument resolved every slug, so a miss here is a bug in the importer.
    if (found === undefined) throw new Error(`graph import: "${slug}" was not written before it was referenced`);
    return found;
  };
  return results.map((r) => ({
    modelId: id(ids.modelIds, r.model),
    datasetId: id(ids.datasetIds, r.dataset),
    metricId: id(ids.metricIds, r.metric),
    value: r.value,
    reportedValue: r.reportedValue,
    stderr: r.stderr ?? null,
    shots: r.shots ?? null,
    chainOfThought: r.chainOfThought ?? null,
    passK: r.passK ?? null,
    split: r.split ?? null,
    harness: r.harness ?? null,
    scaffold: r.scaffold ?? null,
    variant: r.variant ?? null,
    modelVariant: r.modelVariant ?? null,
    evaluatorOrganizationId: r.evaluator === undefined ? null : id(ids.organizationIds, r.evaluator),
    evaluatorRelationship: r.evaluatorRelationship,
    reportedOn: r.reportedOn ?? null,
    sourceId: id(ids.sourceIds, r.source),
    notes: r.notes ?? '',
    unverified: r.unverified,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Checks

/** The slugged kinds of the registry, in the document's order (problems are reported in it). */
const SLUGGED = [...SLUGGED_KINDS].sort(
  (a, b) => graphKinds.indexOf(entities[a].documentList) - graphKinds.indexOf(entities[b].documentList),
);
/** The kinds a record can refer to by slug: all of them but claims, which nothing names. */
type Kind = Exclude<SluggedKind, 'claim'>;
const KINDS = SLUGGED.filter((kind): kind is Kind => kind !== 'claim');
type Range = { min: number | null; max: number | null };
type Known = { slugs: Record<Kind, Set<string>>; metricRanges: Map<string, Range> };

/** What the database already holds that a document may refer to. */
async function readKnown(tx: Tx): Promise<Known> {
  const slugs = {} as Record<Kind, Set<string>>;
  for (const kind of KINDS) {
    const table = entities[kind].table as PgTable & { slug: PgColumn };
    slugs[kind] = new Set((await tx.select({ slug: table.slug }).from(table)).map((r) => r.slug as string));
  }
  const metrics = await tx
    .select({ slug: t.metric.slug, min: t.metric.minValue, max: t.metric.maxValue })
    .from(t.metric);
  return { slugs, metricRanges: new Map(metrics.map((m) => [m.slug, { min: m.min, max: m.max }])) };
}

/** Every reference resolves, every value fits its metric, and nothing the database keeps unique repeats. */
export function checkDocument(doc: GraphDocument, known: Known): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (path: (string | number)[], message: string) => issues.push({ path: path.map(String), message });

  // Slugs: unique within each list; a reference resolves to the document or the database.
  const slugs = {} as Record<Kind, Set<string>>;
  for (const kind of SLUGGED) {
    const list = entities[kind].documentList;
    const first = new Map<string, number>();
    doc[list].forEach((r: { slug: string }, i: number) => {
      const seen = first.get(r.slug);
      if (seen !== undefined) issue([list, i, 'slug'], `"${r.slug}" is already used by ${list}.${seen}`);
      else first.set(r.slug, i);
    });
    if (kind !== 'claim') slugs[kind] = new Set([...first.keys(), ...known.slugs[kind]]);
  }
  const ref = (kind: Kind, value: string | undefined, path: (string | number)[]) => {
    if (value !== undefined && !slugs[kind].has(value)) {
      issue(path, `unknown ${kind} "${value}": neither in the document nor in the database`);
    }
  };
  const sourceRefs = (sources: (string | { source: string })[], path: (string | number)[]) => {
    const keys = sources.map((s) => (typeof s === 'string' ? s : s.source));
    keys.forEach((s, i) => ref('source', s, [...path, 'sources', i]));
    unique(keys, (i) => [...path, 'sources', i], 'source');
  };
  /** Values that must not repeat, each reported at its own path. */
  const unique = (values: string[], path: (i: number) => (string | number)[], what: string) => {
    const first = new Map<string, number>();
    values.forEach((value, i) => {
      const seen = first.get(value);
      if (seen === undefined) first.set(value, i);
      else issue(path(i), `${what} ${value} is listed twice (first at ${path(seen).join('.')})`);
    });
  };

  doc.licenses.forEach((l, i) => ref('source', l.source, ['licenses', i, 'source']));
  doc.organizations.forEach((o, i) => sourceRefs(o.sources, ['organizations', i]));
  doc.techniques.forEach((x, i) => {
    sourceRefs(x.sources, ['techniques', i]);
    ref('source', x.introducedBy, ['techniques', i, 'introducedBy']);
    ref('technique', x.parent, ['techniques', i, 'parent']);
    if (x.parent === x.slug) issue(['techniques', i, 'parent'], 'a technique cannot be its own parent');
  });
  doc.metrics.forEach((m, i) => {
    if (m.minValue !== undefined && m.maxValue !== undefined && m.minValue >= m.maxValue) {
      issue(['metrics', i, 'maxValue'], `must be greater than minValue (${m.minValue})`);
    }
  });
  doc.datasets.forEach((d, i) => {
    const at = ['datasets', i];
    sourceRefs(d.sources, at);
    ref('metric', d.defaultMetric, [...at, 'defaultMetric']);
    ref('license', d.license, [...at, 'license']);
    ref('source', d.paper, [...at, 'paper']);
    ref('dataset', d.parent, [...at, 'parent']);
    if (d.parent === d.slug) issue([...at, 'parent'], 'a dataset cannot be its own parent');
    if (!d.benchmark && !d.trainingData) issue([...at, 'benchmark'], 'a dataset is a benchmark, training data or both');
    d.creatorOrganizations.forEach((o, j) => ref('organization', o, [...at, 'creatorOrganizations', j]));
    unique(d.creatorOrganizations, (j) => [...at, 'creatorOrganizations', j], 'organization');
  });
  doc.models.forEach((m, i) => {
    const at = ['models', i];
    sourceRefs(m.sources, at);
    ref('license', m.license, [...at, 'license']);
    m.developers.forEach((d, j) => {
      ref('organization', d.organization, [...at, 'developers', j, 'organization']);
      ref('source', d.source, [...at, 'developers', j, 'source']);
    });
    unique(
      m.developers.map((d) => d.organization),
      (j) => [...at, 'developers', j, 'organization'],
      'organization',
    );
    m.baseModels.forEach((edge, j) => {
      ref('model', edge.model, [...at, 'baseModels', j, 'model']);
      ref('source', edge.source, [...at, 'baseModels', j, 'source']);
      if (edge.model === m.slug) issue([...at, 'baseModels', j, 'model'], 'a model cannot derive from itself');
    });
    unique(
      m.baseModels.map((e) => `${e.model} (${e.kind})`),
      (j) => [...at, 'baseModels', j],
      'base model',
    );
    m.techniques.forEach((use, j) => {
      ref('technique', use.technique, [...at, 'techniques', j, 'technique']);
      ref('source', use.source, [...at, 'techniques', j, 'source']);
      use.datasets.forEach((d, k) => ref('dataset', d, [...at, 'techniques', j, 'datasets', k]));
      unique(use.datasets, (k) => [...at, 'techniques', j, 'datasets', k], 'dataset');
    });
    unique(
      m.techniques.map((u) => u.technique),
      (j) => [...at, 'techniques', j, 'technique'],
      'technique',
    );
    m.languages.forEach((link, j) => {
      ref('language', link.language, [...at, 'languages', j, 'language']);
      ref('source', link.source, [...at, 'languages', j, 'source']);
    });
    unique(
      m.languages.map((link) => `${link.language} (${link.source})`),
      (j) => [...at, 'languages', j],
      'language',
    );
    if (m.task) {
      ref('source', m.task.source, [...at, 'task', 'source']);
      if (!findTask(m.task.task)) issue([...at, 'task', 'task'], `"${m.task.task}" is not a known task (pipeline tag)`);
    }
    if (m.activeParameterCount && m.parameterCount && m.activeParameterCount > m.parameterCount) {
      issue([...at, 'activeParameterCount'], `exceeds parameterCount (${m.parameterCount})`);
    }
  });
  // Values the database keeps unique across records.
  unique(
    doc.models.flatMap((m) => m.externalIds.map((e) => `${e.namespace}:${e.value}`)),
    pathsOf(doc.models.flatMap((m, i) => m.externalIds.map((_, j) => ['models', i, 'externalIds', j]))),
    'external id',
  );
  const optionalUnique = <R>(records: R[], value: (r: R) => string | undefined, list: string, field: string) => {
    const present = records.flatMap((r, i) => {
      const v = value(r);
      return v === undefined ? [] : [{ v, i }];
    });
    unique(
      present.map((p) => p.v),
      (k) => [list, (present[k] as { i: number }).i, field],
      field,
    );
  };
  optionalUnique(doc.sources, (s) => s.url, 'sources', 'url');
  optionalUnique(doc.licenses, (l) => l.spdxId, 'licenses', 'spdxId');
  optionalUnique(doc.datasets, (d) => d.huggingfaceId, 'datasets', 'huggingfaceId');

  const metricRanges = new Map(known.metricRanges);
  for (const m of doc.metrics) metricRanges.set(m.slug, { min: m.minValue ?? null, max: m.maxValue ?? null });
  const resultKeys = new Map<string, number>();
  doc.results.forEach((r, i) => {
    const at = ['results', i];
    ref('model', r.model, [...at, 'model']);
    ref('dataset', r.dataset, [...at, 'dataset']);
    ref('metric', r.metric, [...at, 'metric']);
    ref('source', r.source, [...at, 'source']);
    ref('organization', r.evaluator, [...at, 'evaluator']);
    const range = metricRanges.get(r.metric);
    if (range && ((range.min !== null && r.value < range.min) || (range.max !== null && r.value > range.max))) {
      issue(
        [...at, 'value'],
        `${r.value} is outside the range of metric "${r.metric}" (${range.min ?? '-∞'} to ${range.max ?? '∞'})`,
      );
    }
    const key = JSON.stringify(
      [r.model, r.dataset, r.metric, r.shots, r.chainOfThought, r.passK, r.split, r.harness, r.variant]
        .concat([r.scaffold, r.modelVariant, r.source])
        .map((v) => v ?? null),
    );
    const seen = resultKeys.get(key);
    if (seen !== undefined) issue(at, `the same result (natural key) as results.${seen}`);
    else resultKeys.set(key, i);
  });

  const claimOrdinals = new Map<string, number>();
  doc.claims.forEach((c, i) => {
    const at = ['claims', i];
    ref('source', c.source, [...at, 'source']);
    const ordinal = `${c.source}#${c.ordinal}`;
    const seen = claimOrdinals.get(ordinal);
    if (seen !== undefined) issue([...at, 'ordinal'], `ordinal ${c.ordinal} of ${c.source} is used by claims.${seen}`);
    else claimOrdinals.set(ordinal, i);
    const target = (value: Record<string, string>, path: (string | number)[]) => {
      const [kind, slug] = Object.entries(value)[0] as [ClaimObjectKind, string];
      ref(kind, slug, [...path, kind]);
    };
    target(c.subject, [...at, 'subject']);
    c.objects.forEach((o, j) => target(o, [...at, 'objects', j]));
  });
  return issues;
}

const pathsOf = (paths: (string | number)[][]) => (i: number) => paths[i] ?? [];
