-- The SQL that 20-search-tulu.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  "d0"."slug" as "slug",
  "d0"."release_date" as "releaseDate",
  "d0"."id" as "id",
  "developers"."r" as "developers"
from "model" as "d0"
left join lateral(
  select
    coalesce(json_agg(row_to_json("t".*)), '[]') as "r"
  from (
    select
      "d1"."model_id" as "modelId",
      "d1"."organization_id" as "organizationId",
      "d1"."position" as "position",
      "d1"."source_id" as "sourceId",
      "organization"."r" as "organization"
    from "model_developer" as "d1"
    left join lateral(
      select
        row_to_json("t".*) "r"
      from (
        select
          "d2"."name" as "name",
          "d2"."id" as "id"
        from "organization" as "d2"
        where "d1"."organization_id" = "d2"."id"
        limit $1
      ) as "t"
    ) as "organization" on true
    where "d0"."id" = "d1"."model_id"
    order by "d1"."position" asc, "d1"."organization_id" asc
  ) as "t"
) as "developers" on true
where "d0"."id" in ($2, …);

with q as (select search_normalize($1::text) as q, search_compact($2::text) as qc),
  candidates as ((select $3::text as type, e.id, e.slug, e.name as name, e.aliases as aliases, e.description as description, false as by_description
  from organization e, q
  where q.q <% search_names(e.name, e.slug, e.aliases) or q.qc <% search_names(e.name, e.slug, e.aliases)
  limit $4::int)
union all
(select $5::text as type, e.id, e.slug, e.name as name, e.aliases as aliases, e.description as description, true as by_description
  from organization e, q
  where q.q <% search_normalize(e.description)
  limit $6::int) union all (select $7::text as type, e.id, e.slug, e.name as name, e.aliases as aliases, e.description as description, false as by_description
  from model e, q
  where q.q <% search_names(e.name, e.slug, e.aliases) or q.qc <% search_names(e.name, e.slug, e.aliases)
  limit $8::int)
union all
(select $9::text as type, e.id, e.slug, e.name as name, e.aliases as aliases, e.description as description, true as by_description
  from model e, q
  where q.q <% search_normalize(e.description)
  limit $10::int) union all (select $11::text as type, e.id, e.slug, e.name as name, e.aliases as aliases, e.description as description, false as by_description
  from technique e, q
  where q.q <% search_names(e.name, e.slug, e.aliases) or q.qc <% search_names(e.name, e.slug, e.aliases)
  limit $12::int)
union all
(select $13::text as type, e.id, e.slug, e.name as name, e.aliases as aliases, e.description as description, true as by_description
  from technique e, q
  where q.q <% search_normalize(e.description)
  limit $14::int) union all (select $15::text as type, e.id, e.slug, e.name as name, e.aliases as aliases, e.description as description, false as by_description
  from dataset e, q
  where q.q <% search_names(e.name, e.slug, e.aliases) or q.qc <% search_names(e.name, e.slug, e.aliases)
  limit $16::int)
union all
(select $17::text as type, e.id, e.slug, e.name as name, e.aliases as aliases, e.description as description, true as by_description
  from dataset e, q
  where q.q <% search_normalize(e.description)
  limit $18::int)),
  capped as (
    select bool_or(n > case when by_description then $19::int
                            else $20::int end) as capped
    from (select type, by_description, count(*) as n from candidates group by type, by_description) counts
  ),
  unique_candidates as (
    select distinct on (type, id) * from candidates order by type, id, by_description
  ),
  scored as (
    select c.type, c.id, c.slug, c.name, best.field, best.text, round(best.score::numeric, 4)::float8 as score
    from unique_candidates c cross join q
    cross join lateral (
      select v.field, v.text, v.score from (
        -- Names, aliases and slug, each normalized once (OFFSET 0 keeps the planner from copying the
        -- function calls into every expression that uses them); not for description-only candidates.
        select n.field, n.text, n.priority, n.weight * greatest(
            (word_similarity(q.q, n.normalized) + similarity(q.q, n.normalized)) / 2,
            (word_similarity(q.qc, n.compact) + similarity(q.qc, n.compact)) / 2
          )::float8 as score
        from (
          select n.*, search_normalize(n.text) as normalized, search_compact(n.text) as compact
          from (
            select 'NAME' as field, c.name as text, 0 as priority, $21::float8 as weight
            union all select 'ALIAS', alias, 1, $22::float8 from unnest(c.aliases) as alias
            union all select 'SLUG', c.slug, 2, $23::float8
          ) n
          where not c.by_description
          offset 0
        ) n
        union all
        select 'DESCRIPTION', c.description, 3,
          $24::float8 * word_similarity(q.q, search_normalize(c.description))
      ) v
      order by v.score desc, v.priority
      limit 1
    ) best
  )
  select type, id, slug, name, field, text, score, (count(*) over ())::int as total,
    (select coalesce(capped, false) from capped) as capped
  from scored
  order by score desc, name collate "C", type, id
  limit $25;
