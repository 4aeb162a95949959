DROP INDEX "model_parameter_count_idx";--> statement-breakpoint
CREATE INDEX "model_parameter_count_idx" ON "model" ("parameter_count","open_weights");