-- The SQL that 36-results-per-evaluator.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).

select "organization"."slug" as key, "organization"."name" as name, count(*)::int as count,
       (select count(*) from (select "benchmark_result"."id" as id, "benchmark_result"."evaluator_organization_id" as evaluator_organization_id,
       "benchmark_result"."evaluator_relationship" as evaluator_relationship,
       "benchmark_result"."source_id" as source_id, "benchmark_result"."dataset_id" as dataset_id
from "benchmark_result" where true) counted)::int as total
from (select "benchmark_result"."id" as id, "benchmark_result"."evaluator_organization_id" as evaluator_organization_id,
       "benchmark_result"."evaluator_relationship" as evaluator_relationship,
       "benchmark_result"."source_id" as source_id, "benchmark_result"."dataset_id" as dataset_id
from "benchmark_result" where true) scope left join "organization" on "organization"."id" = scope.evaluator_organization_id
group by "organization"."slug", "organization"."slug" collate "C", "organization"."name"
order by "organization"."slug" is null, count(*) desc, "organization"."slug" collate "C";

select scope.evaluator_relationship::text as key, null::text as name, count(*)::int as count,
       (select count(*) from (select "benchmark_result"."id" as id, "benchmark_result"."evaluator_organization_id" as evaluator_organization_id,
       "benchmark_result"."evaluator_relationship" as evaluator_relationship,
       "benchmark_result"."source_id" as source_id, "benchmark_result"."dataset_id" as dataset_id
from "benchmark_result" where true) counted)::int as total
from (select "benchmark_result"."id" as id, "benchmark_result"."evaluator_organization_id" as evaluator_organization_id,
       "benchmark_result"."evaluator_relationship" as evaluator_relationship,
       "benchmark_result"."source_id" as source_id, "benchmark_result"."dataset_id" as dataset_id
from "benchmark_result" where true) scope 
group by scope.evaluator_relationship::text, scope.evaluator_relationship, null::text
order by scope.evaluator_relationship::text is null, count(*) desc, scope.evaluator_relationship;
