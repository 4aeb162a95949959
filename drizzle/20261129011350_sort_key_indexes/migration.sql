CREATE INDEX "benchmark_result_value_idx" ON "benchmark_result" ("value","id");--> statement-breakpoint
CREATE INDEX "benchmark_result_reported_on_key_idx" ON "benchmark_result" (coalesce("reported_on", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "dataset_introduced_year_key_idx" ON "dataset" (coalesce("introduced_year", 0),"id");--> statement-breakpoint
CREATE INDEX "model_release_date_key_idx" ON "model" (coalesce("release_date", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "model_parameter_count_key_idx" ON "model" (coalesce("parameter_count", 0),"id");--> statement-breakpoint
CREATE INDEX "organization_founded_year_key_idx" ON "organization" (coalesce("founded_year", 0),"id");--> statement-breakpoint
CREATE INDEX "source_published_on_key_idx" ON "source" (coalesce("published_on", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "technique_introduced_year_key_idx" ON "technique" (coalesce("introduced_year", 0),"id");