-- The SQL that 13-article-claim-verdicts.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).


with recursive wanted as (
  select c.id, c.predicate, c.subject_model_id, c.subject_organization_id, c.quantity, c.quantity_unit, c.attributes,
         c.qualifier
  from claim c where c.id = any($1::int[])
),
objects as (select o.* from claim_object o where o.claim_id = any($2::int[])),
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
  'claims', coalesce((select json_agg(json_build_object('id', c.id, 'predicate', c.predicate, 'subjectModelId', c.subject_model_id,
      'subjectOrganizationId', c.subject_organization_id, 'quantity', c.quantity, 'quantityUnit', c.quantity_unit,
      'attributes', c.attributes, 'qualifier', c.qualifier,
      'objects', coalesce((select json_agg(json_build_object('modelId', o.model_id, 'organizationId', o.organization_id, 'techniqueId', o.technique_id,
          'datasetId', o.dataset_id) order by o.position) from objects o where o.claim_id = c.id), '[]'::json)) ) from wanted c), '[]'::json),
  'models', coalesce((select json_agg(json_build_object('id', m.id, 'name', m.name, 'architecture', m.architecture,
      'parameterCount', m.parameter_count, 'activeParameterCount', m.active_parameter_count,
      'trainingGpuCount', m.training_gpu_count, 'openWeights', m.open_weights, 'access', m.access,
      'license', (select json_build_object('slug', l.slug, 'category', l.category) from license l where l.id = m.license_id),
      'developers', case when m.id = any(array(select id from model_ids where predicate in ('developed', 'has_attributes', 'state_of_the_art'))) then coalesce((select json_agg(json_build_object('sourceId', d.source_id, 'organization', json_build_object('slug', o.slug)) order by d.position, d.organization_id)
         from model_developer d join organization o on o.id = d.organization_id where d.model_id = m.id), '[]'::json) else '[]'::json end,
      'techniqueUses', case when m.id = any(array(select id from model_ids where predicate in ('trained_with', 'trained_on_data'))) then coalesce((select json_agg(json_build_object('techniqueId', u.technique_id, 'stage', u.stage, 'unverified', u.unverified,
          'sourceId', u.source_id,
          'technique', (select json_build_object('slug', t.slug, 'name', t.name) from technique t where t.id = u.technique_id),
          'datasets', coalesce((select json_agg(json_build_object('huggingfaceId', ds.huggingface_id) order by ds.id) from model_technique_dataset td join dataset ds on ds.id = td.dataset_id
             where td.model_technique_id = u.id), '[]'::json)) order by u.id) from model_technique u where u.model_id = m.id), '[]'::json) else '[]'::json end,
      'externalIds', case when m.id = any(array(select id from model_ids where predicate in ('available_via'))) then coalesce((select json_agg(json_build_object('namespace', e.namespace, 'value', e.value) order by e.id) from model_external_id e where e.model_id = m.id), '[]'::json) else '[]'::json end,
      'sourceLinks', case when m.id = any(array(select id from model_ids where predicate in ('has_attributes', 'state_of_the_art', 'has_parameter_count', 'used_training_compute', 'available_via', 'smaller_than'))) then coalesce((select json_agg(json_build_object('sourceId', ms.source_id, 'source', json_build_object('url', s.url)) order by ms.source_id) from model_source ms join source s on s.id = ms.source_id where ms.entity_id = m.id), '[]'::json) else '[]'::json end,
      'languageLinks', case when m.id = any(array(select id from model_ids where predicate in ('has_attributes', 'state_of_the_art'))) then coalesce((select json_agg(json_build_object('sourceId', ml.source_id, 'unverified', ml.unverified,
          'language', json_build_object('slug', lg.slug, 'aliases', lg.aliases)) order by ml.language_id, ml.source_id)
         from model_language ml join language lg on lg.id = ml.language_id where ml.model_id = m.id), '[]'::json) else '[]'::json end) ) from model m where m.id = any(array(select id from model_ids))), '[]'::json),
  'organizations', coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name, 'slug', g.slug, 'kind', g.kind, 'headquarters', g.headquarters,
      'sourceLinks', coalesce((select json_agg(json_build_object('sourceId', gs.source_id) order by gs.source_id) from organization_source gs where gs.entity_id = g.id), '[]'::json)) ) from organization g
     where g.id = any(array(select subject_organization_id from wanted union select organization_id from objects))), '[]'::json),
  'techniques', coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) ) from technique t where t.id = any(array(select technique_id from objects))), '[]'::json),
  'datasets', coalesce((select json_agg(json_build_object('id', d.id, 'name', d.name) ) from dataset d where d.id = any(array(select dataset_id from objects))), '[]'::json),
  -- Each result's metric and dataset are looked up by key (OFFSET 0 keeps them from becoming joins):
  -- a join hashed all the datasets on every run, even for claims that compare nothing (0.4 ms at 4x).
  'results', coalesce((select json_agg(json_build_object('id', p.result_id, 'model_id', p.model_id, 'dataset_id', p.dataset_id,
      'comparability_key', p.comparability_key, 'value', p.value, 'source_id', p.source_id,
      'higher_is_better', mt.higher_is_better, 'aggregate', 'aggregate' = any(d.domains), 'dataset', d.slug,
      'metric', mt.slug) order by p.result_id)
     from result_preference p
     cross join lateral (select * from metric mt where mt.id = p.metric_id offset 0) mt
     cross join lateral (select * from dataset d where d.id = p.dataset_id offset 0) d
     where p.model_id = any(array(select id from model_ids where predicate in ('outperforms_on', 'outperforms_overall', 'outperforms_on_some', 'state_of_the_art')))), '[]'::json),
  'ancestors', coalesce((select json_agg(json_build_object('model_id', a.model_id, 'ancestor_id', a.ancestor_id, 'depth', a.depth, 'source_ids', a.source_ids) order by a.model_id, a.ancestor_id)
     from (select distinct on (model_id, ancestor_id) * from up order by model_id, ancestor_id, depth) a), '[]'::json)
)::text as facts;

select
  "d0"."slug" as "slug",
  "d0"."id" as "id"
from "source" as "d0"
where "d0"."id" in ($1, …);

select
  "d0"."source_id" as "sourceId",
  "d0"."ordinal" as "ordinal",
  "d0"."statement" as "statement",
  "d0"."id" as "id"
from "claim" as "d0"
where "d0"."source_id" = coalesce((select "source"."id" from "source" where "source"."slug" = $1), (
  select
    case when (
      select
        require_known_slugs($2::regclass, array(select jsonb_array_elements_text($3::jsonb)), $4)
    ) then null::integer end
))
order by "d0"."source_id" asc, "d0"."ordinal" asc
limit $5;
