CREATE TYPE "modality" AS ENUM('text', 'image', 'audio', 'video', 'tabular', 'time_series', 'three_d', 'embedding', 'label');--> statement-breakpoint
CREATE TABLE "model_language" (
	"model_id" integer,
	"language_id" integer,
	"source_id" integer,
	"notes" text DEFAULT '' NOT NULL,
	"unverified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_language_pkey" PRIMARY KEY("model_id","language_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "model_task" (
	"model_id" integer PRIMARY KEY,
	"task" text NOT NULL,
	"input_modalities" "modality"[] NOT NULL,
	"output_modalities" "modality"[] NOT NULL,
	"source_id" integer NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"unverified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_task_format" CHECK ("task" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE INDEX "model_language_language_idx" ON "model_language" ("language_id");--> statement-breakpoint
CREATE INDEX "model_language_source_idx" ON "model_language" ("source_id");--> statement-breakpoint
CREATE INDEX "model_task_task_idx" ON "model_task" ("task");--> statement-breakpoint
CREATE INDEX "model_task_source_idx" ON "model_task" ("source_id");--> statement-breakpoint
ALTER TABLE "model_language" ADD CONSTRAINT "model_language_model_id_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "model_language" ADD CONSTRAINT "model_language_language_id_language_id_fkey" FOREIGN KEY ("language_id") REFERENCES "language"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_language" ADD CONSTRAINT "model_language_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_task" ADD CONSTRAINT "model_task_model_id_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "model_task" ADD CONSTRAINT "model_task_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
-- Audit triggers of the two new tables, as src/db/sql/60-audit.sql defines them.
CREATE OR REPLACE TRIGGER model_language_audit AFTER UPDATE OR DELETE ON model_language FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_language_audit_inserts AFTER INSERT ON model_language REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_task_audit AFTER UPDATE OR DELETE ON model_task FOR EACH ROW EXECUTE FUNCTION audit_row('model', 'model_id');
--> statement-breakpoint
CREATE OR REPLACE TRIGGER model_task_audit_inserts AFTER INSERT ON model_task REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('model', 'model_id');
