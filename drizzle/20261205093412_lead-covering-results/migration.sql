DROP INDEX "benchmark_result_model_idx";--> statement-breakpoint
CREATE INDEX "benchmark_result_model_idx" ON "benchmark_result" ("model_id","dataset_id","id","metric_id","value");