-- The SQL that 09-paging-through-models.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select
  d::text as data,
  false as fallback
from (
  select
    json_build_object('models', (
      select
        json_build_object('totalCount', (select count(*) from "model" "c1"  where true), 'edges', coalesce(json_agg(json_build_object('cursor', p.c, 'node', p.j)) filter (where p.n <= 5), '[]'::json), 'pageInfo', json_build_object('hasNextPage', count(*) > 5, 'hasPreviousPage', false, 'startCursor', (json_agg(p.c) filter (where p.n <= 5)) -> 0, 'endCursor', (json_agg(p.c) filter (where p.n <= 5)) -> -1))
      from (
        select
          json_build_object('name', "c0"."name", 'releaseDate', "c0"."release_date") as j,
          json_build_object('$mgc', json_build_array(coalesce("c0"."release_date", '0001-01-01'::date), "c0"."id")) as c,
          row_number() over (order by coalesce("c0"."release_date", '0001-01-01'::date) desc, "c0"."id" desc) as n
        from "model" "c0"
        where true
        order by coalesce("c0"."release_date", '0001-01-01'::date) desc, "c0"."id" desc
        limit 6
      ) p
    )) as d
  offset 0
) answer;
