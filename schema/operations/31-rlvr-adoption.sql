-- The SQL that 31-rlvr-adoption.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."slug" as "slug",
  "d0"."name" as "name",
  "d0"."id" as "id"
from "technique" as "d0"
where "d0"."id" in ($1, …);

with scope as (
  select "model"."id" as id, extract(year from "model"."release_date")::int as year
  from "model" where true
),
picked as (select picked.slug, picked.position, "technique"."id" as id
  from unnest(array(select jsonb_array_elements_text($1::jsonb))) with ordinality as picked(slug, position)
  left join "technique" on "technique"."slug" = picked.slug),
bounds as (
  select coalesce($2::int, min(year)) as first_year, coalesce($3::int, max(year)) as last_year from scope
),
years as (select generate_series(first_year, last_year) as year from bounds),
released as (select year, count(*)::int as models from scope where year is not null group by year),
uses as (
  select "model_technique"."technique_id" as technique_id, scope.year, count(*)::int as models
  from "model_technique" join scope on scope.id = "model_technique"."model_id"
  where "model_technique"."technique_id" in (select id from picked)
  group by "model_technique"."technique_id", scope.year
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
order by picked.position;
