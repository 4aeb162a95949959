/**
 * Reads the graph for the exporters: entities as graph JSON records (all of them: the entity tables are small),
 * the selection a filter makes, and results through a server-side cursor in pages (results are the large
 * table: a million rows never sit in memory at once). Every list comes out in a fixed order (slugs and
 * natural keys, compared byte-wise), so two exports of the same graph are identical.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import { entities, ENTITY_KINDS, type EntityKind as RegistryKind, SLUGGED_KINDS } from '../db/entities.ts';
import * as t from '../db/schema.ts';
import type { Tx } from '../write/transaction.ts';
import { findTask } from '../import/identity/tasks.ts';
import {
  compare,
  type FlatGraphList,
  flatGraphRecords,
  type GraphEntities,
  type GraphResultRecord,
} from '../formats/graph-json.ts';

/**
 * What an export includes; absent filters select everything. See `selectGraph` for the exact rule.
 * Slugs of models, datasets and sources.
 */
export type ExportFilter = { models?: string[]; datasets?: string[]; sources?: string[] };

type EntityKind = Exclude<keyof GraphEntities, 'claims'>;
type Ids = Map<string, number>;

/** The entities, and the id of each slug (to filter results in SQL). */
export type EntityIndex = { records: GraphEntities; ids: Record<EntityKind, Ids> };

export class ExportFilterError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid export filter: ${problems.join('; ')}`);
    this.name = 'ExportFilterError';
  }
}

const bySlug = (a: { slug: string }, b: { slug: string }) => compare(a.slug, b.slug);

/** The object without its null and undefined fields: the seed's records omit what is not stated. */
function defined<T extends object>(record: T): { [K in keyof T]: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== null && value !== undefined) out[key] = value;
  return out as { [K in keyof T]: Exclude<T[K], null> };
}
/** Empty text is "not stated" in the seed's format. */
const text = (value: string | null) => (value === null || value === '' ? undefined : value);

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function slugOf(slugs: Map<number, string>, id: number): string;
function slugOf(slugs: Map<number, string>, id: number | null): string | undefined;
function slugOf(slugs: Map<number, string>, id: number | null): string | undefined {
  if (id === null) return undefined;
  const slug = slugs.get(id);
  // Foreign keys guarantee the row; a miss means the read was not one snapshot.
  if (slug === undefined) throw new Error(`export: no row with id ${id}`);
  return slug;
}

const slugMap = (rows: { id: number; slug: string }[]) => new Map(rows.map((r) => [r.id, r.slug]));
const idMap = (rows: { id: number; slug: string }[]): Ids => new Map(rows.map((r) => [r.slug, r.id]));

type Reader = Pick<AppDb, 'select'>;

/** The registry kind whose records are the document's `list`. */
const kindOfList = (list: string): RegistryKind => {
  const kind = ENTITY_KINDS.find((k) => entities[k].documentList === list);
  if (kind === undefined) throw new Error(`export: no entity kind is listed as "${list}"`);
  return kind;
};

type FlatRow = { id: number; slug: string } & Record<string, unknown>;

/** The rows of every flat list's table (`flatGraphRecords`). */
async function readFlatRows(db: Reader): Promise<Record<FlatGraphList, FlatRow[]>> {
  const rows = {} as Record<FlatGraphList, FlatRow[]>;
  for (const list of Object.keys(flatGraphRecords) as FlatGraphList[]) {
    rows[list] = (await db.select().from(entities[kindOfList(list)].table)) as FlatRow[];
  }
  return rows;
}

/**
 * The flat lists' records: each field of the record schema is the column of the same name, or, for a field
 * named after a slugged kind (`source`), the slug of the row its `<field>Id` column points at.
 */
function flatRecords(
  flat: Record<FlatGraphList, FlatRow[]>,
  slugsOf: Partial<Record<RegistryKind, Map<number, string>>>,
): Pick<GraphEntities, FlatGraphList> {
  const records = {} as Record<string, object[]>;
  for (const [list, rows] of Object.entries(flat)) {
    const fields = Object.keys(flatGraphRecords[list as FlatGraphList].shape);
    const record = (row: FlatRow) =>
      defined(
        Object.fromEntries(
          fields.map((field) => {
            if (field in row) return [field, row[field]];
            const slugs = (SLUGGED_KINDS as string[]).includes(field) ? slugsOf[field as RegistryKind] : undefined;
            if (slugs === undefined) throw new Error(`export: ${list} has no column for the field "${field}"`);
            return [field, slugOf(slugs, row[`${field}Id`] as number | null)];
          }),
        ),
      );
    records[list] = rows.map(record).sort((a, b) => compare(String(a.slug), String(b.slug)));
  }
  return records as unknown as Pick<GraphEntities, FlatGraphList>;
}

/** Every entity and claim of the graph as graph JSON records, each with all its child collections. */
export async function readEntities(db: Reader): Promise<EntityIndex> {
  const [
    sources,
    organizations,
    organizationSources,
    techniques,
    techniqueSources,
    datasets,
    datasetSources,
    datasetCreators,
    models,
    modelSources,
    developers,
    externalIds,
    lineage,
    techniqueUses,
    useDatasets,
    modelLanguages,
    modelTasks,
    claims,
    claimObjects,
  ] = [
    await db.select().from(t.source),
    await db.select().from(t.organization),
    await db.select().from(t.organizationSource),
    await db.select().from(t.technique),
    await db.select().from(t.techniqueSource),
    await db.select().from(t.dataset),
    await db.select().from(t.datasetSource),
    await db.select().from(t.datasetCreator),
    await db.select().from(t.model),
    await db.select().from(t.modelSource),
    await db.select().from(t.modelDeveloper),
    await db.select().from(t.modelExternalId),
    await db.select().from(t.modelLineage),
    await db.select().from(t.modelTechnique),
    await db.select().from(t.modelTechniqueDataset),
    await db.select().from(t.modelLanguage),
    await db.select().from(t.modelTask),
    await db.select().from(t.claim),
    await db.select().from(t.claimObject),
  ];
  const flat = await readFlatRows(db);
  const sourceSlugs = slugMap(sources);
  const licenseSlugs = slugMap(flat.licenses);
  const organizationSlugs = slugMap(organizations);
  const techniqueSlugs = slugMap(techniques);
  const metricSlugs = slugMap(flat.metrics);
  const datasetSlugs = slugMap(datasets);
  const modelSlugs = slugMap(models);
  const slugsOf = {
    source: sourceSlugs,
    license: licenseSlugs,
    organization: organizationSlugs,
    technique: techniqueSlugs,
    metric: metricSlugs,
    dataset: datasetSlugs,
    model: modelSlugs,
  } as Partial<Record<RegistryKind, Map<number, string>>>;
  for (const [list, rows] of Object.entries(flat)) slugsOf[kindOfList(list)] ??= slugMap(rows);

  type Link = { entityId: number; sourceId: number; notes: string };
  const linksOf = (links: Link[]) => {
    const groups = groupBy(links, (l) => l.entityId);
    return (entityId: number) =>
      (groups.get(entityId) ?? [])
        .map((l) => ({ source: slugOf(sourceSlugs, l.sourceId), notes: l.notes }))
        .sort((a, b) => compare(a.source, b.source))
        .map((l) => (l.notes === '' ? l.source : { source: l.source, notes: l.notes }));
  };
  const entityText = (row: {
    id: number;
    slug: string;
    name: string;
    aliases: string[];
    description: string;
    unverifiedFields: string[];
  }) => ({
    slug: row.slug,
    name: row.name,
    aliases: row.aliases,
    description: row.description,
    unverified: row.unverifiedFields,
  });

  const organizationLinks = linksOf(organizationSources);
  const techniqueLinks = linksOf(techniqueSources);
  const datasetLinks = linksOf(datasetSources);
  const modelLinks = linksOf(modelSources);
  const creatorsOf = groupBy(datasetCreators, (c) => c.datasetId);
  const developersOf = groupBy(developers, (d) => d.modelId);
  const externalIdsOf = groupBy(externalIds, (e) => e.modelId);
  const lineageOf = groupBy(lineage, (l) => l.modelId);
  const usesOf = groupBy(techniqueUses, (u) => u.modelId);
  const datasetsOfUse = groupBy(useDatasets, (u) => u.modelTechniqueId);
  const languagesOf = groupBy(modelLanguages, (l) => l.modelId);
  const taskOf = new Map(modelTasks.map((task) => [task.modelId, task]));
  const languageSlugs = slugMap(flat.languages);
  const objectsOf = groupBy(claimObjects, (o) => o.claimId);

  const records: GraphEntities = {
    ...flatRecords(flat, slugsOf),
    sources: sources
      .map((s) =>
        defined({
          slug: s.slug,
          url: s.url,
          title: s.title,
          publisher: s.publisher,
          kind: s.kind,
          primary: s.primary,
          publishedOn: s.publishedOn,
          notes: text(s.notes),
        }),
      )
      .sort(bySlug),
    organizations: organizations
      .map((o) =>
        defined({
          ...entityText(o),
          sources: organizationLinks(o.id),
          kind: o.kind,
          country: o.country,
          headquarters: o.headquarters,
          website: o.website,
          foundedYear: o.foundedYear,
        }),
      )
      .sort(bySlug),
    techniques: techniques
      .map((x) =>
        defined({
          ...entityText(x),
          sources: techniqueLinks(x.id),
          kind: x.kind,
          introducedYear: x.introducedYear,
          introducedBy: slugOf(sourceSlugs, x.introducedBySourceId),
          parent: slugOf(techniqueSlugs, x.parentTechniqueId),
        }),
      )
      .sort(bySlug),
    datasets: datasets
      .map((d) =>
        defined({
          ...entityText(d),
          sources: datasetLinks(d.id),
          benchmark: d.benchmark,
          trainingData: d.trainingData,
          domains: d.domains,
          size: d.size,
          exampleCount: d.exampleCount,
          defaultMetric: slugOf(metricSlugs, d.defaultMetricId),
          defaultSetting: d.defaultSetting,
          license: slugOf(licenseSlugs, d.licenseId),
          licenseNotes: d.licenseNotes,
          creators: d.creators,
          creatorOrganizations: (creatorsOf.get(d.id) ?? [])
            .map((c) => slugOf(organizationSlugs, c.organizationId))
            .sort(compare),
          introducedYear: d.introducedYear,
          paper: slugOf(sourceSlugs, d.paperSourceId),
          parent: slugOf(datasetSlugs, d.parentDatasetId),
          huggingfaceId: d.huggingfaceId,
          homepage: d.homepage,
        }),
      )
      .sort(bySlug),
    models: models
      .map((m) =>
        defined({
          ...entityText(m),
          sources: modelLinks(m.id),
          // Lead first: the seed's list order is the position.
          developers: (developersOf.get(m.id) ?? [])
            .map((d) => ({
              position: d.position,
              organization: slugOf(organizationSlugs, d.organizationId),
              source: slugOf(sourceSlugs, d.sourceId),
            }))
            .sort((a, b) => a.position - b.position || compare(a.organization, b.organization))
            .map(({ organization, source }) => ({ organization, source })),
          architecture: m.architecture,
          architectureDetails: m.architectureDetails,
          parameterCount: m.parameterCount,
          activeParameterCount: m.activeParameterCount,
          contextLength: m.contextLength,
          releaseDate: m.releaseDate,
          license: slugOf(licenseSlugs, m.licenseId),
          licenseNotes: m.licenseNotes,
          openWeights: m.openWeights,
          access: m.access,
          trainingGpuCount: m.trainingGpuCount,
          trainingGpuType: m.trainingGpuType,
          trainingGpuHours: m.trainingGpuHours,
          trainingTokens: m.trainingTokens,
          trainingComputeNotes: m.trainingComputeNotes,
          externalIds: (externalIdsOf.get(m.id) ?? [])
            .map((e) => ({ namespace: e.namespace, value: e.value }))
            .sort((a, b) => compare(a.namespace, b.namespace) || compare(a.value, b.value)),
          baseModels: (lineageOf.get(m.id) ?? [])
            .map((l) =>
              defined({
                model: slugOf(modelSlugs, l.baseModelId),
                kind: l.kind,
                details: text(l.details),
                source: slugOf(sourceSlugs, l.sourceId),
                unverified: l.unverified,
              }),
            )
            .sort((a, b) => compare(a.model, b.model) || compare(a.kind, b.kind)),
          techniques: (usesOf.get(m.id) ?? [])
            .map((u) =>
              defined({
                technique: slugOf(techniqueSlugs, u.techniqueId),
                stage: u.stage,
                details: text(u.details),
                hyperparameters: u.hyperparameters,
                datasets: (datasetsOfUse.get(u.id) ?? []).map((d) => slugOf(datasetSlugs, d.datasetId)).sort(compare),
                source: slugOf(sourceSlugs, u.sourceId),
                unverified: u.unverified,
              }),
            )
            // Training stages in order, then the stageless (architectural) techniques.
            .sort((a, b) => (a.stage ?? Infinity) - (b.stage ?? Infinity) || compare(a.technique, b.technique)),
          languages: (languagesOf.get(m.id) ?? [])
            .map((l) =>
              defined({
                language: slugOf(languageSlugs, l.languageId),
                source: slugOf(sourceSlugs, l.sourceId),
                notes: text(l.notes),
                unverified: l.unverified,
              }),
            )
            .sort((a, b) => compare(a.language, b.language) || compare(a.source, b.source)),
          task: taskRecord(taskOf.get(m.id), sourceSlugs),
        }),
      )
      .sort(bySlug),
    claims: claims
      .map((c) =>
        defined({
          slug: c.slug,
          source: slugOf(sourceSlugs, c.sourceId),
          ordinal: c.ordinal,
          statement: c.statement,
          quote: c.quote,
          predicate: c.predicate,
          subject:
            c.subjectModelId !== null
              ? { model: slugOf(modelSlugs, c.subjectModelId) }
              : { organization: slugOf(organizationSlugs, c.subjectOrganizationId as number) },
          objects: (objectsOf.get(c.id) ?? [])
            .sort((a, b) => a.position - b.position)
            .map((o) =>
              o.modelId !== null
                ? { model: slugOf(modelSlugs, o.modelId) }
                : o.organizationId !== null
                  ? { organization: slugOf(organizationSlugs, o.organizationId) }
                  : o.techniqueId !== null
                    ? { technique: slugOf(techniqueSlugs, o.techniqueId) }
                    : { dataset: slugOf(datasetSlugs, o.datasetId as number) },
            ),
          quantity: c.quantity,
          quantityUnit: c.quantityUnit,
          attributes: c.attributes,
          qualifier: c.qualifier,
          notes: text(c.notes),
        }),
      )
      .sort(bySlug),
  };
  return {
    records,
    ids: {
      ...(Object.fromEntries(Object.entries(flat).map(([list, rows]) => [list, idMap(rows)])) as Record<
        FlatGraphList,
        Ids
      >),
      sources: idMap(sources),
      organizations: idMap(organizations),
      techniques: idMap(techniques),
      datasets: idMap(datasets),
      models: idMap(models),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Selection

const filterKinds = ['models', 'datasets', 'sources'] as const;

/** True when the filter selects everything. */
export const isWholeGraph = (filter: ExportFilter) => filterKinds.every((kind) => filter[kind] === undefined);

/** Every filter slug must name an entity: an unknown slug is a mistake, not an empty export. */
export function checkFilter(index: EntityIndex, filter: ExportFilter): void {
  const problems = filterKinds.flatMap((kind) =>
    (filter[kind] ?? []).filter((slug) => !index.ids[kind].has(slug)).map((slug) => `--${kind}: unknown "${slug}"`),
  );
  if (problems.length > 0) throw new ExportFilterError(problems);
}

/**
 * The SQL condition on `benchmark_result r` that a filter puts on results: the result's model is one of
 * `models`, its dataset one of `datasets` and its source one of `sources`, for each filter given (so
 * filters of different kinds intersect).
 */
export function resultCondition(index: EntityIndex, filter: ExportFilter): SQL {
  const conditions: SQL[] = [];
  const column = { models: sql`r.model_id`, datasets: sql`r.dataset_id`, sources: sql`r.source_id` };
  for (const kind of filterKinds) {
    const slugs = filter[kind];
    if (slugs === undefined) continue;
    const ids = slugs.map((slug) => index.ids[kind].get(slug)).filter((id) => id !== undefined);
    conditions.push(
      ids.length === 0
        ? sql`false`
        : sql`${column[kind]} in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
  }
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

type Selected = Record<EntityKind | 'claims', Set<string>>;

/**
 * The records a filter selects:
 * 1. the models, datasets and sources it lists;
 * 2. the results that match it (`resultCondition`) and the claims that match every filter given: `models`
 *    when the claim's subject or one of its objects is one of the models, `datasets` when one of its objects
 *    is one of the datasets, `sources` when it comes from one of the sources;
 * 3. everything those records refer to, transitively: a result's model, dataset, metric, source and
 *    evaluator; a claim's source, subject and objects; a model's developers, license, base models,
 *    techniques (with their stage datasets), languages and task, and the sources of all of these; a dataset's default metric,
 *    license, paper, parent and creator organizations; a technique's parent and introducing source; a
 *    license's source; every entity's `sources`.
 * Referenced records come whole (with all their child collections), so that importing the document never
 * drops children that a partial record would leave out. Results and claims are only included by rule 2:
 * the results of a base model that a selected model derives from are not part of `--models`.
 */
export async function selectGraph(db: Pick<AppDb, 'execute'>, index: EntityIndex, filter: ExportFilter) {
  const { records } = index;
  if (isWholeGraph(filter)) return records;
  checkFilter(index, filter);

  const selected = Object.fromEntries(Object.keys(records).map((list) => [list, new Set<string>()])) as Selected;
  const pending: [EntityKind, string][] = [];
  const add = (kind: EntityKind, slug: string | undefined) => {
    if (slug === undefined || selected[kind].has(slug)) return;
    selected[kind].add(slug);
    pending.push([kind, slug]);
  };
  for (const kind of filterKinds) for (const slug of filter[kind] ?? []) add(kind, slug);

  // What the selected results refer to, without reading the results themselves.
  const where = resultCondition(index, filter);
  const referenced = async (column: string, table: string, kind: EntityKind) => {
    const { rows } = (await db.execute(
      sql`select distinct x.slug from benchmark_result r join ${sql.identifier(table)} x on x.id = r.${sql.identifier(column)} where ${where}`,
    )) as unknown as { rows: { slug: string }[] };
    for (const row of rows) add(kind, row.slug);
  };
  await referenced('model_id', 'model', 'models');
  await referenced('dataset_id', 'dataset', 'datasets');
  await referenced('metric_id', 'metric', 'metrics');
  await referenced('source_id', 'source', 'sources');
  await referenced('evaluator_organization_id', 'organization', 'organizations');

  type Target = GraphEntities['claims'][number]['subject'] | GraphEntities['claims'][number]['objects'][number];
  const targetRef = (target: Target): [EntityKind, string] =>
    'model' in target
      ? ['models', target.model]
      : 'organization' in target
        ? ['organizations', target.organization]
        : 'technique' in target
          ? ['techniques', target.technique]
          : ['datasets', target.dataset];
  const matches = (slugs: string[] | undefined, found: boolean) => slugs === undefined || found;
  for (const claim of records.claims) {
    const targets = [claim.subject, ...claim.objects].map(targetRef);
    const names = (kind: EntityKind, slugs: string[] | undefined, among = targets) =>
      among.some(([k, slug]) => k === kind && (slugs ?? []).includes(slug));
    if (
      matches(filter.models, names('models', filter.models)) &&
      matches(filter.datasets, names('datasets', filter.datasets, targets.slice(1))) &&
      matches(filter.sources, (filter.sources ?? []).includes(claim.source))
    ) {
      selected.claims.add(claim.slug);
      add('sources', claim.source);
      for (const [kind, slug] of targets) add(kind, slug);
    }
  }

  const bySlugIn = <R extends { slug: string }>(list: R[]) => new Map(list.map((r) => [r.slug, r]));
  const lookups = {
    sources: bySlugIn(records.sources),
    licenses: bySlugIn(records.licenses),
    organizations: bySlugIn(records.organizations),
    techniques: bySlugIn(records.techniques),
    metrics: bySlugIn(records.metrics),
    datasets: bySlugIn(records.datasets),
    models: bySlugIn(records.models),
  };
  const links = (sources: (string | { source: string })[]) =>
    sources.forEach((s) => add('sources', typeof s === 'string' ? s : s.source));
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [kind, slug] = next;
    switch (kind) {
      case 'licenses':
        add('sources', lookups.licenses.get(slug)?.source);
        break;
      case 'organizations':
        links(lookups.organizations.get(slug)?.sources ?? []);
        break;
      case 'techniques': {
        const x = lookups.techniques.get(slug);
        if (!x) break;
        links(x.sources);
        add('sources', x.introducedBy);
        add('techniques', x.parent);
        break;
      }
      case 'datasets': {
        const d = lookups.datasets.get(slug);
        if (!d) break;
        links(d.sources);
        add('metrics', d.defaultMetric);
        add('licenses', d.license);
        add('sources', d.paper);
        add('datasets', d.parent);
        d.creatorOrganizations.forEach((o) => add('organizations', o));
        break;
      }
      case 'models': {
        const m = lookups.models.get(slug);
        if (!m) break;
        links(m.sources);
        add('licenses', m.license);
        for (const d of m.developers) {
          add('organizations', d.organization);
          add('sources', d.source);
        }
        for (const edge of m.baseModels) {
          add('models', edge.model);
          add('sources', edge.source);
        }
        for (const use of m.techniques) {
          add('techniques', use.technique);
          add('sources', use.source);
          use.datasets.forEach((d) => add('datasets', d));
        }
        for (const link of m.languages) {
          add('languages', link.language);
          add('sources', link.source);
        }
        add('sources', m.task?.source);
        break;
      }
      default:
        // Nothing that the other kinds (sources, metrics...) refer to is exported with them.
        break;
    }
  }

  const pick = <R extends { slug: string }>(list: R[], set: Set<string>) => list.filter((r) => set.has(r.slug));
  const lists = Object.entries(records) as [keyof Selected, { slug: string }[]][];
  return Object.fromEntries(lists.map(([list, all]) => [list, pick(all, selected[list])])) as unknown as GraphEntities;
}

// ---------------------------------------------------------------------------------------------------------
// Results

/** Rows per FETCH: enough to amortise the round trip, small enough to stay a few MB. */
export const RESULT_PAGE_SIZE = 5000;

type ResultRow = {
  model: string;
  model_variant: string | null;
  dataset: string;
  metric: string;
  shots: number | null;
  chain_of_thought: boolean | null;
  pass_k: number | null;
  split: string | null;
  harness: string | null;
  scaffold: string | null;
  variant: string | null;
  source: string;
  value: number;
  reported_value: string;
  stderr: number | null;
  evaluator: string | null;
  evaluator_relationship: 'first_party' | 'third_party' | 'unknown';
  reported_on: string | null;
  notes: string;
  unverified: boolean;
};

const toResultRecord = (r: ResultRow): GraphResultRecord =>
  defined({
    model: r.model,
    modelVariant: r.model_variant,
    dataset: r.dataset,
    metric: r.metric,
    shots: r.shots,
    chainOfThought: r.chain_of_thought,
    passK: r.pass_k,
    split: r.split,
    harness: r.harness,
    scaffold: r.scaffold,
    variant: r.variant,
    source: r.source,
    // pg returns float8 as a number, but be explicit in case a driver hands back text.
    value: Number(r.value),
    reportedValue: r.reported_value,
    stderr: r.stderr === null ? null : Number(r.stderr),
    evaluator: r.evaluator,
    evaluatorRelationship: r.evaluator_relationship,
    reportedOn: r.reported_on,
    notes: text(r.notes),
    unverified: r.unverified,
  });

/**
 * Calls `onPage` with the results that match `where` (a condition on `r`), `pageSize` at a time, in the
 * natural key's order: model, dataset, metric, source, then the setting (shots, chain of thought, pass@k,
 * split, harness, variant, scaffold) and the model variant, NULL first. One sort, then FETCHes from a cursor: keyset
 * pages would re-sort per page. Must run inside a transaction (cursors live in one); the caller awaits
 * `onPage`, so a slow consumer holds the cursor back instead of buffering rows.
 */
export async function forEachResultPage(
  tx: Pick<Tx, 'execute'>,
  where: SQL,
  onPage: (records: GraphResultRecord[]) => Promise<void>,
  pageSize = RESULT_PAGE_SIZE,
): Promise<number> {
  const c = (column: SQL) => sql`${column} collate "C"`;
  await tx.execute(sql`declare export_results no scroll cursor for
    select m.slug as model, r.model_variant, d.slug as dataset, me.slug as metric, r.shots, r.chain_of_thought,
      r.pass_k, r.split, r.harness, r.variant, r.scaffold, s.slug as source, r.value, r.reported_value, r.stderr,
      o.slug as evaluator, r.evaluator_relationship::text as evaluator_relationship,
      r.reported_on::text as reported_on, r.notes, r.unverified
    from benchmark_result r
      join model m on m.id = r.model_id
      join dataset d on d.id = r.dataset_id
      join metric me on me.id = r.metric_id
      join source s on s.id = r.source_id
      left join organization o on o.id = r.evaluator_organization_id
    where ${where}
    order by ${c(sql`m.slug`)}, ${c(sql`d.slug`)}, ${c(sql`me.slug`)}, ${c(sql`s.slug`)},
      r.shots nulls first, r.chain_of_thought nulls first, r.pass_k nulls first, ${c(sql`r.split`)} nulls first,
      ${c(sql`r.harness`)} nulls first, ${c(sql`r.variant`)} nulls first, ${c(sql`r.scaffold`)} nulls first,
      ${c(sql`r.model_variant`)} nulls first`);
  let count = 0;
  for (;;) {
    const { rows } = (await tx.execute(
      sql.raw(`fetch forward ${Math.max(1, Math.trunc(pageSize))} from export_results`),
    )) as unknown as { rows: ResultRow[] };
    if (rows.length === 0) break;
    count += rows.length;
    await onPage(rows.map(toResultRecord));
  }
  await tx.execute(sql`close export_results`);
  return count;
}

/** Runs an export in one read-only snapshot, so entities and results agree even while others write. */
export function readSnapshot<T>(db: AppDb, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/** A model's task as the document lists it: the modalities only where they differ from the task's in the registry. */
function taskRecord(row: typeof t.modelTask.$inferSelect | undefined, sourceSlugs: Map<number, string>) {
  if (!row) return undefined;
  const known = findTask(row.task)?.entry;
  const same = (a: readonly string[], b: readonly string[] | undefined) =>
    b !== undefined && a.length === b.length && a.every((value, index) => value === b[index]);
  return defined({
    task: row.task,
    inputModalities: same(row.inputModalities, known?.input) ? undefined : row.inputModalities,
    outputModalities: same(row.outputModalities, known?.output) ? undefined : row.outputModalities,
    source: slugOf(sourceSlugs, row.sourceId),
    notes: text(row.notes),
    unverified: row.unverified,
  });
}
