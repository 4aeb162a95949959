DROP INDEX "benchmark_result_dataset_metric_idx";--> statement-breakpoint
CREATE INDEX "benchmark_result_dataset_metric_idx" ON "benchmark_result" ("dataset_id","metric_id","value","id");--> statement-breakpoint
DROP INDEX "model_name_idx";--> statement-breakpoint
CREATE INDEX "model_name_idx" ON "model" ("name","id");--> statement-breakpoint
CREATE INDEX "benchmark_result_model_idx" ON "benchmark_result" ("model_id","dataset_id","id");--> statement-breakpoint
CREATE INDEX "dataset_name_idx" ON "dataset" ("name","id");--> statement-breakpoint
CREATE INDEX "organization_name_idx" ON "organization" ("name","id");--> statement-breakpoint
CREATE INDEX "source_title_idx" ON "source" ("title","id");--> statement-breakpoint
CREATE INDEX "technique_name_idx" ON "technique" ("name","id");