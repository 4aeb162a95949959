-- The view lists benchmark_result's columns (SELECT * is expanded when it is created) and blocks dropping the
-- comparability key; it is rebuilt at the end as src/db/sql/30-comparison.sql defines it, with the new column.
DROP VIEW "preferred_result";--> statement-breakpoint
ALTER TYPE "evaluator_relationship" ADD VALUE 'unknown';--> statement-breakpoint
ALTER TYPE "license_category" ADD VALUE 'unknown';--> statement-breakpoint
CREATE TABLE "import_run" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_run_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actor" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"files" integer NOT NULL,
	"refused_files" integer NOT NULL,
	"report" jsonb NOT NULL,
	"truncated" boolean NOT NULL,
	"report_bytes" integer NOT NULL,
	CONSTRAINT "import_run_counts" CHECK ("files" >= 0 and "refused_files" between 0 and "files"),
	CONSTRAINT "import_run_times" CHECK ("finished_at" >= "started_at")
);
--> statement-breakpoint
ALTER TABLE "benchmark_result" ADD COLUMN "scaffold" text;--> statement-breakpoint
ALTER TABLE "license" ADD COLUMN "unverified_fields" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "benchmark_result" DROP COLUMN "comparability_key";--> statement-breakpoint
ALTER TABLE "benchmark_result" ADD COLUMN "comparability_key" text GENERATED ALWAYS AS ("benchmark_result"."dataset_id"::text || '/' || "benchmark_result"."metric_id"::text || '/' || coalesce("benchmark_result"."shots"::text, '') || '/' || coalesce("benchmark_result"."chain_of_thought"::text, '') || '/' || coalesce("benchmark_result"."pass_k"::text, '') || '/' || coalesce("benchmark_result"."split", '') || '/' || coalesce("benchmark_result"."variant", '') || '/' || coalesce("benchmark_result"."scaffold", '')) STORED;--> statement-breakpoint
ALTER TABLE "benchmark_result" DROP CONSTRAINT "benchmark_result_natural_key";--> statement-breakpoint
ALTER TABLE "benchmark_result" ADD CONSTRAINT "benchmark_result_natural_key" UNIQUE NULLS NOT DISTINCT("model_id","dataset_id","metric_id","shots","chain_of_thought","pass_k","split","harness","scaffold","variant","model_variant","source_id");--> statement-breakpoint
CREATE INDEX "benchmark_result_comparability_idx" ON "benchmark_result" ("comparability_key","model_id");--> statement-breakpoint
ALTER TABLE "benchmark_result" ADD CONSTRAINT "benchmark_result_scaffold_not_empty" CHECK ("scaffold" <> '');--> statement-breakpoint
CREATE OR REPLACE VIEW "preferred_result" AS SELECT * FROM preferred_results(NULL, NULL, NULL);
