/**
 * What a batch of claims needs to be verified (src/analytics/claims.ts), read in one statement that returns it
 * as JSON: the claims and their objects, the models and organizations they name with only the facts the checks
 * read, the techniques and datasets named, the models' preferred results (for the predicates that compare
 * results) and their ancestors (for `derives_from`). Lists come in a fixed order: the checks show their evidence
 * in it.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import type { claim } from '../db/schema.ts';
import { intArrayLiteral, preparedRows } from './sql.ts';

export type ClaimFacts = {
  id: number;
  predicate: (typeof claim.$inferSelect)['predicate'];
  subjectModelId: number | null;
  subjectOrganizationId: number | null;
  quantity: number | null;
  quantityUnit: string | null;
  attributes: Record<string, unknown> | null;
  qualifier: string | null;
  objects: {
    modelId: number | null;
    organizationId: number | null;
    techniqueId: number | null;
    datasetId: number | null;
  }[];
};

export type ModelFacts = {
  id: number;
  name: string;
  architecture: string | null;
  parameterCount: number | null;
  activeParameterCount: number | null;
  trainingGpuCount: number | null;
  openWeights: boolean;
  access: string[];
  license: { slug: string; category: string } | null;
  /** Lead developer first. */
  developers: { sourceId: number; organization: { slug: string } }[];
  techniqueUses: {
    techniqueId: number;
    stage: number | null;
    unverified: boolean;
    sourceId: number;
    technique: { slug: string; name: string };
    datasets: { huggingfaceId: string | null }[];
  }[];
  externalIds: { namespace: string; value: string }[];
  sourceLinks: { sourceId: number; source: { url: string | null } }[];
  languageLinks: { sourceId: number; unverified: boolean; language: { slug: string; aliases: string[] } }[];
};

export type OrganizationFacts = {
  id: number;
  name: string;
  slug: string;
  kind: string;
  headquarters: string | null;
  sourceLinks: { sourceId: number }[];
};

export type ResultFacts = {
  id: number;
  model_id: number;
  dataset_id: number;
  comparability_key: string;
  value: number;
  source_id: number;
  higher_is_better: boolean;
  aggregate: boolean;
  dataset: string;
  metric: string;
};

export type AncestorFacts = { model_id: number; ancestor_id: number; depth: number; source_ids: number[] };

export type FactsJson = {
  claims: ClaimFacts[];
  models: ModelFacts[];
  organizations: OrganizationFacts[];
  techniques: { id: number; name: string }[];
  datasets: { id: number; name: string }[];
  results: ResultFacts[];
  ancestors: AncestorFacts[];
};

type Predicate = ClaimFacts['predicate'];

/** Predicates whose checks compare benchmark results (the others never read them). */
const COMPARING = `'outperforms_on', 'outperforms_overall', 'outperforms_on_some', 'state_of_the_art'`;

/**
 * The predicates whose checks read each list of a model's facts (claims.ts). A model's list is read only when a
 * claim of the batch that names the model, as subject or object, has one of them, and is `[]` otherwise: a
 * page of parameter-count claims does not read its models' technique uses, their datasets, developers...
 * (at 4x, the technique uses were most of the statement's time). test/claims.test.ts verifies each claim alone
 * and in a batch, so a predicate missing here shows as a changed verdict.
 */
const MODEL_LISTS_READ_BY: Record<
  'developers' | 'techniqueUses' | 'externalIds' | 'sourceLinks' | 'languageLinks',
  Predicate[]
> = {
  developers: ['developed', 'has_attributes', 'state_of_the_art'],
  techniqueUses: ['trained_with', 'trained_on_data'],
  externalIds: ['available_via'],
  sourceLinks: [
    'has_attributes',
    'state_of_the_art',
    'has_parameter_count',
    'used_training_compute',
    'available_via',
    'smaller_than',
  ],
  languageLinks: ['has_attributes', 'state_of_the_art'],
};

/** A JSON array of `object` over `rest` (a `from ... where ... order by` clause), `[]` when there is none. */
const list = (object: string, rest: string) => `coalesce((select json_agg(${object} ${rest}), '[]'::json)`;

/** The list `name` of model `m`, when a claim of the batch reads it (`MODEL_LISTS_READ_BY`); `[]` otherwise. */
const modelList = (name: keyof typeof MODEL_LISTS_READ_BY, object: string, rest: string) =>
  `'${name}', case when m.id = any(array(select id from model_ids where predicate in (${MODEL_LISTS_READ_BY[name]
    .map((predicate) => `'${predicate}'`)
    .join(', ')}))) then ${list(object, rest)} else '[]'::json end`;

/** The facts as one JSON value, but for the claims' ids (an `int[]`, where `$CLAIMS` stands). */
const FACTS = `
with recursive wanted as (
  select c.id, c.predicate, c.subject_model_id, c.subject_organization_id, c.quantity, c.quantity_unit, c.attributes,
         c.qualifier
  from claim c where c.id = any($CLAIMS)
),
objects as (select o.* from claim_object o where o.claim_id = any($CLAIMS)),
model_ids as (
  select subject_model_id as id, predicate from wanted where subject_model_id is not null
  union
  select o.model_id, w.predicate from objects o join wanted w on w.id = o.claim_id where o.model_id is not null
),
up(model_id, ancestor_id, depth, path, source_ids) as (
  -- Every ancestor of the subjects of derives_from, with the sources of the hops; cycle-safe through the path.
  select l.model_id, l.base_model_id, 1, array[l.model_id, l.base_model_id], array[l.source_id]
  from model_lineage l
  where l.model_id in (select subject_model_id from wanted where predicate = 'derives_from')
  union all
  select up.model_id, l.base_model_id, up.depth + 1, up.path || l.base_model_id, up.source_ids || l.source_id
  from up join model_lineage l on l.model_id = up.ancestor_id
  where not l.base_model_id = any(up.path) and up.depth < 20
)
select json_build_object(
  'claims', ${list(
    `json_build_object('id', c.id, 'predicate', c.predicate, 'subjectModelId', c.subject_model_id,
      'subjectOrganizationId', c.subject_organization_id, 'quantity', c.quantity, 'quantityUnit', c.quantity_unit,
      'attributes', c.attributes, 'qualifier', c.qualifier,
      'objects', ${list(
        `json_build_object('modelId', o.model_id, 'organizationId', o.organization_id, 'techniqueId', o.technique_id,
          'datasetId', o.dataset_id)`,
        'order by o.position) from objects o where o.claim_id = c.id',
      )})`,
    ') from wanted c',
  )},
  'models', ${list(
    `json_build_object('id', m.id, 'name', m.name, 'architecture', m.architecture,
      'parameterCount', m.parameter_count, 'activeParameterCount', m.active_parameter_count,
      'trainingGpuCount', m.training_gpu_count, 'openWeights', m.open_weights, 'access', m.access,
      'license', (select json_build_object('slug', l.slug, 'category', l.category) from license l where l.id = m.license_id),
      ${modelList(
        'developers',
        `json_build_object('sourceId', d.source_id, 'organization', json_build_object('slug', o.slug))`,
        `order by d.position, d.organization_id)
         from model_developer d join organization o on o.id = d.organization_id where d.model_id = m.id`,
      )},
      ${modelList(
        'techniqueUses',
        `json_build_object('techniqueId', u.technique_id, 'stage', u.stage, 'unverified', u.unverified,
          'sourceId', u.source_id,
          'technique', (select json_build_object('slug', t.slug, 'name', t.name) from technique t where t.id = u.technique_id),
          'datasets', ${list(
            `json_build_object('huggingfaceId', ds.huggingface_id)`,
            `order by ds.id) from model_technique_dataset td join dataset ds on ds.id = td.dataset_id
             where td.model_technique_id = u.id`,
          )})`,
        'order by u.id) from model_technique u where u.model_id = m.id',
      )},
      ${modelList(
        'externalIds',
        `json_build_object('namespace', e.namespace, 'value', e.value)`,
        'order by e.id) from model_external_id e where e.model_id = m.id',
      )},
      ${modelList(
        'sourceLinks',
        `json_build_object('sourceId', ms.source_id, 'source', json_build_object('url', s.url))`,
        'order by ms.source_id) from model_source ms join source s on s.id = ms.source_id where ms.entity_id = m.id',
      )},
      ${modelList(
        'languageLinks',
        `json_build_object('sourceId', ml.source_id, 'unverified', ml.unverified,
          'language', json_build_object('slug', lg.slug, 'aliases', lg.aliases))`,
        `order by ml.language_id, ml.source_id)
         from model_language ml join language lg on lg.id = ml.language_id where ml.model_id = m.id`,
      )})`,
    ') from model m where m.id = any(array(select id from model_ids))',
  )},
  'organizations', ${list(
    `json_build_object('id', g.id, 'name', g.name, 'slug', g.slug, 'kind', g.kind, 'headquarters', g.headquarters,
      'sourceLinks', ${list(
        `json_build_object('sourceId', gs.source_id)`,
        'order by gs.source_id) from organization_source gs where gs.entity_id = g.id',
      )})`,
    `) from organization g
     where g.id = any(array(select subject_organization_id from wanted union select organization_id from objects))`,
  )},
  'techniques', ${list(`json_build_object('id', t.id, 'name', t.name)`, ') from technique t where t.id = any(array(select technique_id from objects))')},
  'datasets', ${list(`json_build_object('id', d.id, 'name', d.name)`, ') from dataset d where d.id = any(array(select dataset_id from objects))')},
  -- Each result's metric and dataset are looked up by key (OFFSET 0 keeps them from becoming joins):
  -- a join hashed all the datasets on every run, even for claims that compare nothing (0.4 ms at 4x).
  'results', ${list(
    `json_build_object('id', p.result_id, 'model_id', p.model_id, 'dataset_id', p.dataset_id,
      'comparability_key', p.comparability_key, 'value', p.value, 'source_id', p.source_id,
      'higher_is_better', mt.higher_is_better, 'aggregate', 'aggregate' = any(d.domains), 'dataset', d.slug,
      'metric', mt.slug)`,
    `order by p.result_id)
     from result_preference p
     cross join lateral (select * from metric mt where mt.id = p.metric_id offset 0) mt
     cross join lateral (select * from dataset d where d.id = p.dataset_id offset 0) d
     where p.model_id = any(array(select id from model_ids where predicate in (${COMPARING})))`,
  )},
  'ancestors', ${list(
    `json_build_object('model_id', a.model_id, 'ancestor_id', a.ancestor_id, 'depth', a.depth, 'source_ids', a.source_ids)`,
    `order by a.model_id, a.ancestor_id)
     from (select distinct on (model_id, ancestor_id) * from up order by model_id, ancestor_id, depth) a`,
  )}
)`;
const PARTS = FACTS.split('$CLAIMS');

/**
 * The facts of the claims whose ids `ids` holds (an `int[]` expression), as one JSON value: the statement of
 * `loadClaimFacts`, or a subquery of the compiled query path's statement (src/graphql/compiled/claims.ts).
 */
export function claimFactsJson(ids: SQL): SQL {
  return sql.join(
    PARTS.map((part, i) => (i === 0 ? sql.raw(part) : sql`${ids}${sql.raw(part)}`)),
    sql``,
  );
}

/** The facts of these claims (those that exist), in one statement whatever their number. */
export async function loadClaimFacts(db: AppDb, claimIds: readonly number[]): Promise<FactsJson> {
  // The ids as one array parameter: the same text for any claims, planned once per connection.
  const query = sql`${claimFactsJson(sql`${intArrayLiteral(claimIds)}::int[]`)}::text as facts`;
  const [row] = await preparedRows<{ facts: string }>(db, 'mg_claim_facts', query);
  return JSON.parse(row!.facts) as FactsJson;
}
