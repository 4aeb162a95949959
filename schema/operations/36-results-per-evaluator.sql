-- The SQL that 36-results-per-evaluator.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select "organization"."slug" as key, "organization"."name" as name, sum(scope.grouped_rows)::int as count, (sum(sum(scope.grouped_rows)) over ())::int as total
from (select scope.evaluator_organization_id, count(*) as grouped_rows from (select "benchmark_result"."id" as id, "benchmark_result"."evaluator_organization_id" as evaluator_organization_id,
       "benchmark_result"."evaluator_relationship" as evaluator_relationship,
       "benchmark_result"."source_id" as source_id, "benchmark_result"."dataset_id" as dataset_id
from "benchmark_result" where true) scope group by scope.evaluator_organization_id) scope left join "organization" on "organization"."id" = scope.evaluator_organization_id
group by "organization"."slug", "organization"."slug" collate "C", "organization"."name"
order by "organization"."slug" is null, sum(scope.grouped_rows) desc, "organization"."slug" collate "C";

select scope.evaluator_relationship::text as key, null::text as name, sum(scope.grouped_rows)::int as count, (sum(sum(scope.grouped_rows)) over ())::int as total
from (select scope.evaluator_relationship, count(*) as grouped_rows from (select "benchmark_result"."id" as id, "benchmark_result"."evaluator_organization_id" as evaluator_organization_id,
       "benchmark_result"."evaluator_relationship" as evaluator_relationship,
       "benchmark_result"."source_id" as source_id, "benchmark_result"."dataset_id" as dataset_id
from "benchmark_result" where true) scope group by scope.evaluator_relationship) scope 
group by scope.evaluator_relationship::text, scope.evaluator_relationship, null::text
order by scope.evaluator_relationship::text is null, sum(scope.grouped_rows) desc, scope.evaluator_relationship;
