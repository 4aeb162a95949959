/**
 * Counts over the graph, grouped in the database: models per organization, country, license category,
 * architecture, technique, release year, language, task or input and output modality; results per evaluator, evaluator relationship, source or dataset;
 * and technique adoption per release year. Each function is one SQL statement whatever the number of groups.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import {
  benchmarkResult,
  dataset,
  language,
  license,
  model,
  modelDeveloper,
  modelLanguage,
  modelTask,
  modelTechnique,
  organization,
  source,
  technique,
} from '../db/schema.ts';
import { rows, textArray } from './sql.ts';

export type ModelGrouping =
  | 'organization'
  | 'country'
  | 'licenseCategory'
  | 'architecture'
  | 'technique'
  | 'releaseYear'
  | 'language'
  | 'task'
  | 'inputModality'
  | 'outputModality';
export type ResultGrouping = 'evaluator' | 'evaluatorRelationship' | 'source' | 'dataset';
/** `count`: largest groups first; `key`: the grouping's natural order (years ascending, enums as declared). */
export type GroupOrder = 'count' | 'key';

/** One group: `key` is null for the rows that have no value (no license, undisclosed architecture...). */
export type GroupRow = { key: string | null; name: string | null; count: number; total: number };

/**
 * A grouping: the joins that bring the grouped value next to each row of `scope`, the value (`key`, as text),
 * its sort order (`sort`, in the column's own type) and, for entities, a display name. `once`: the joins give
 * each row of `scope` at most once per group (to-one joins, or a link that is unique per row and group), so that
 * a group's rows are counted as they are, without `count(distinct)`, whose sort of every row (2,000,000 results
 * on the 4x graph) cost seconds.
 */
type Grouping = {
  joins: SQL;
  key: SQL;
  sort: SQL;
  name: SQL;
  once: boolean;
  /**
   * Every row of `scope` falls in exactly one group (to-one joins), so the total is the sum of the counts rather
   * than a second count of the scope.
   */
  partition?: boolean;
  /**
   * The columns of `scope` that alone decide the group (the joins read nothing else of a scope row): rows are
   * counted per value of these first, so the joins and the grouping see one row per value rather than one per row
   * (2,000,000 results on the 4x graph, against a few thousand evaluators). Implies `once` and `partition`.
   */
  by?: SQL;
};

const developerOrganization = sql`left join ${modelDeveloper} on ${modelDeveloper.modelId} = scope.id
  left join ${organization} on ${organization.id} = ${modelDeveloper.organizationId}`;

const modelGroupings: Record<ModelGrouping, Grouping> = {
  organization: {
    joins: developerOrganization,
    key: sql`${organization.slug}`,
    sort: sql`${organization.slug} collate "C"`,
    name: sql`${organization.name}`,
    // model_developer holds one row per model and organization.
    once: true,
  },
  country: {
    joins: developerOrganization,
    key: sql`${organization.country}::text`,
    sort: sql`${organization.country}::text collate "C"`,
    name: sql`null::text`,
    // Two developers of one country.
    once: false,
  },
  licenseCategory: {
    joins: sql`left join ${license} on ${license.id} = scope.license_id`,
    key: sql`${license.category}::text`,
    sort: sql`${license.category}`,
    name: sql`null::text`,
    by: sql`scope.license_id`,
    once: true,
  },
  architecture: {
    joins: sql``,
    key: sql`scope.architecture::text`,
    sort: sql`scope.architecture`,
    name: sql`null::text`,
    by: sql`scope.architecture`,
    once: true,
  },
  technique: {
    joins: sql`left join ${modelTechnique} on ${modelTechnique.modelId} = scope.id
      left join ${technique} on ${technique.id} = ${modelTechnique.techniqueId}`,
    key: sql`${technique.slug}`,
    sort: sql`${technique.slug} collate "C"`,
    name: sql`${technique.name}`,
    // model_technique holds one row per model and technique.
    once: true,
  },
  releaseYear: {
    joins: sql``,
    key: sql`extract(year from scope.release_date)::int::text`,
    sort: sql`extract(year from scope.release_date)::int`,
    name: sql`null::text`,
    by: sql`scope.release_date`,
    once: true,
  },
  // A language named by two sources is one link of the model: models are counted distinct.
  language: {
    joins: sql`left join ${modelLanguage} on ${modelLanguage.modelId} = scope.id
      left join ${language} on ${language.id} = ${modelLanguage.languageId}`,
    key: sql`${language.slug}`,
    sort: sql`${language.slug} collate "C"`,
    name: sql`${language.name}`,
    // One row per source that names the language.
    once: false,
  },
  task: {
    joins: sql`left join ${modelTask} on ${modelTask.modelId} = scope.id`,
    key: sql`${modelTask.task}`,
    sort: sql`${modelTask.task} collate "C"`,
    name: sql`null::text`,
    // One task per model.
    once: true,
    partition: true,
  },
  inputModality: {
    joins: sql`left join ${modelTask} on ${modelTask.modelId} = scope.id
      left join lateral unnest(${modelTask.inputModalities}) as modality(value) on true`,
    key: sql`modality.value::text`,
    sort: sql`modality.value`,
    name: sql`null::text`,
    once: false,
  },
  outputModality: {
    joins: sql`left join ${modelTask} on ${modelTask.modelId} = scope.id
      left join lateral unnest(${modelTask.outputModalities}) as modality(value) on true`,
    key: sql`modality.value::text`,
    sort: sql`modality.value`,
    name: sql`null::text`,
    once: false,
  },
};

const resultGroupings: Record<ResultGrouping, Grouping> = {
  evaluator: {
    joins: sql`left join ${organization} on ${organization.id} = scope.evaluator_organization_id`,
    key: sql`${organization.slug}`,
    sort: sql`${organization.slug} collate "C"`,
    name: sql`${organization.name}`,
    by: sql`scope.evaluator_organization_id`,
    once: true,
  },
  evaluatorRelationship: {
    joins: sql``,
    key: sql`scope.evaluator_relationship::text`,
    sort: sql`scope.evaluator_relationship`,
    name: sql`null::text`,
    by: sql`scope.evaluator_relationship`,
    once: true,
  },
  source: {
    joins: sql`join ${source} on ${source.id} = scope.source_id`,
    key: sql`${source.slug}`,
    sort: sql`${source.slug} collate "C"`,
    name: sql`${source.title}`,
    by: sql`scope.source_id`,
    once: true,
  },
  dataset: {
    joins: sql`join ${dataset} on ${dataset.id} = scope.dataset_id`,
    key: sql`${dataset.slug}`,
    sort: sql`${dataset.slug} collate "C"`,
    name: sql`${dataset.name}`,
    by: sql`scope.dataset_id`,
    once: true,
  },
};

/**
 * Rows of `scope` counted per group. A row that falls in several groups (a model with two developers, or
 * several techniques) counts once in each, so counts may add up to more than `total`, the number of rows in
 * scope. Every row falls in at least one group: rows without a value fall in the null group.
 */
async function countGroups(db: AppDb, scope: SQL, grouping: Grouping, order: GroupOrder): Promise<GroupRow[]> {
  const { by } = grouping;
  const counted = by ? sql`sum(scope.grouped_rows)` : grouping.once ? sql`count(*)` : sql`count(distinct scope.id)`;
  const orderBy = order === 'count' ? sql`${counted} desc, ${grouping.sort}` : grouping.sort;
  const grouped = by
    ? sql`(select ${by}, count(*) as grouped_rows from (${scope}) scope group by ${by}) scope`
    : sql`(${scope}) scope`;
  // The scope twice, not one CTE read twice: PostgreSQL would store every row of it first.
  const total =
    by || grouping.partition ? sql`sum(${counted}) over ()` : sql`(select count(*) from (${scope}) counted)`;
  const found = await rows<GroupRow>(
    db,
    sql`select ${grouping.key} as key, ${grouping.name} as name, ${counted}::int as count, (${total})::int as total
        from ${grouped} ${grouping.joins}
        group by ${grouping.key}, ${grouping.sort}, ${grouping.name}
        order by ${grouping.key} is null, ${orderBy}`,
  );
  return found.map((row) => ({ ...row, count: Number(row.count), total: Number(row.total) }));
}

/** Models matching `condition` (a condition on the `model` table), counted per group. */
export function countModels(db: AppDb, condition: SQL | undefined, groupBy: ModelGrouping, order: GroupOrder) {
  return countGroups(
    db,
    sql`select ${model.id} as id, ${model.architecture} as architecture, ${model.licenseId} as license_id,
               ${model.releaseDate} as release_date
        from ${model} where ${condition ?? sql`true`}`,
    modelGroupings[groupBy],
    order,
  );
}

/** Benchmark results matching `condition` (a condition on the `benchmark_result` table), counted per group. */
export function countResults(db: AppDb, condition: SQL | undefined, groupBy: ResultGrouping, order: GroupOrder) {
  return countGroups(
    db,
    sql`select ${benchmarkResult.id} as id, ${benchmarkResult.evaluatorOrganizationId} as evaluator_organization_id,
               ${benchmarkResult.evaluatorRelationship} as evaluator_relationship,
               ${benchmarkResult.sourceId} as source_id, ${benchmarkResult.datasetId} as dataset_id
        from ${benchmarkResult} where ${condition ?? sql`true`}`,
    resultGroupings[groupBy],
    order,
  );
}

export type AdoptionYear = { year: number; models: number; released: number };

export type TechniqueAdoption = {
  /** Null when the slug asked for names no technique. */
  techniqueId: number | null;
  slug: string;
  /** Models with the technique released in the years of the series. */
  models: number;
  /** Models with the technique and no release date (in no year). */
  undated: number;
  years: AdoptionYear[];
};

/**
 * Per technique and release year, the number of models (matching `condition`) built with the technique, beside
 * the number of models released that year. Years run from `from` to `to`, each defaulting to the first or last
 * release year in scope; years without releases are listed with zeros, so that the series is continuous.
 * `slugs` (in the order given) or, when null, every technique by slug. Direct uses only: a model trained with
 * GRPO does not count for PPO, the technique GRPO specializes.
 */
export async function techniqueAdoption(
  db: AppDb,
  {
    condition,
    slugs,
    from,
    to,
  }: { condition: SQL | undefined; slugs: readonly string[] | null; from: number | null; to: number | null },
): Promise<TechniqueAdoption[]> {
  const picked = slugs
    ? sql`select picked.slug, picked.position, ${technique.id} as id
          from unnest(${textArray(slugs)}) with ordinality as picked(slug, position)
          left join ${technique} on ${technique.slug} = picked.slug`
    : sql`select ${technique.slug} as slug, row_number() over (order by ${technique.slug} collate "C") as position,
                 ${technique.id} as id
          from ${technique}`;
  const found = await rows<{ id: number | null; slug: string; models: number; undated: number; years: AdoptionYear[] }>(
    db,
    sql`with scope as (
          select ${model.id} as id, extract(year from ${model.releaseDate})::int as year
          from ${model} where ${condition ?? sql`true`}
        ),
        picked as (${picked}),
        bounds as (
          select coalesce(${from}::int, min(year)) as first_year, coalesce(${to}::int, max(year)) as last_year from scope
        ),
        years as (select generate_series(first_year, last_year) as year from bounds),
        released as (select year, count(*)::int as models from scope where year is not null group by year),
        uses as (
          select ${modelTechnique.techniqueId} as technique_id, scope.year, count(*)::int as models
          from ${modelTechnique} join scope on scope.id = ${modelTechnique.modelId}
          where ${modelTechnique.techniqueId} in (select id from picked)
          group by ${modelTechnique.techniqueId}, scope.year
        )
        select picked.id, picked.slug,
          coalesce((select sum(uses.models) from uses join years on years.year = uses.year
                    where uses.technique_id = picked.id), 0)::int as models,
          coalesce((select uses.models from uses where uses.technique_id = picked.id and uses.year is null), 0)::int
            as undated,
          coalesce((select json_agg(json_build_object('year', years.year, 'models', coalesce(uses.models, 0),
                                                      'released', coalesce(released.models, 0)) order by years.year)
                    from years
                    left join uses on uses.technique_id = picked.id and uses.year = years.year
                    left join released on released.year = years.year), '[]') as years
        from picked
        order by picked.position`,
  );
  return found.map((row) => ({
    techniqueId: row.id === null ? null : Number(row.id),
    slug: row.slug,
    models: Number(row.models),
    undated: Number(row.undated),
    years: row.years.map((y) => ({ year: Number(y.year), models: Number(y.models), released: Number(y.released) })),
  }));
}
