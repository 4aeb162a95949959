CREATE TYPE "access_channel" AS ENUM('api', 'chat_app', 'weights');--> statement-breakpoint
CREATE TYPE "api_role" AS ENUM('editor', 'admin');--> statement-breakpoint
CREATE TYPE "architecture_kind" AS ENUM('dense', 'moe');--> statement-breakpoint
CREATE TYPE "change_action" AS ENUM('insert', 'update', 'delete');--> statement-breakpoint
CREATE TYPE "claim_predicate" AS ENUM('has_attributes', 'developed', 'derives_from', 'trained_with', 'trained_on_data', 'has_parameter_count', 'used_training_compute', 'outperforms_on', 'outperforms_overall', 'outperforms_on_some', 'smaller_than', 'faster_than', 'available_via', 'state_of_the_art');--> statement-breakpoint
CREATE TYPE "dataset_domain" AS ENUM('math', 'code', 'knowledge', 'reasoning', 'instruction_following', 'chat', 'safety', 'long_context', 'multilingual', 'tool_use', 'reading_comprehension', 'language_modeling', 'aggregate');--> statement-breakpoint
CREATE TYPE "evaluator_relationship" AS ENUM('first_party', 'third_party');--> statement-breakpoint
CREATE TYPE "external_id_namespace" AS ENUM('huggingface', 'api', 'github', 'openrouter');--> statement-breakpoint
CREATE TYPE "license_category" AS ENUM('permissive', 'copyleft', 'restrictive', 'non_commercial', 'proprietary');--> statement-breakpoint
CREATE TYPE "lineage_kind" AS ENUM('finetune', 'distillation', 'continued_pretraining', 'merge', 'quantization', 'adapter');--> statement-breakpoint
CREATE TYPE "organization_kind" AS ENUM('company', 'nonprofit', 'university', 'government', 'research_lab', 'community');--> statement-breakpoint
CREATE TYPE "source_kind" AS ENUM('paper', 'model_card', 'blog', 'news', 'leaderboard', 'repository', 'documentation', 'aggregator', 'webpage');--> statement-breakpoint
CREATE TYPE "technique_kind" AS ENUM('post_training', 'alignment', 'reinforcement_learning', 'architecture', 'data', 'distillation', 'training_efficiency');--> statement-breakpoint
CREATE TABLE "api_key" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_key_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"role" "api_role" NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL UNIQUE,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_key_name_not_empty" CHECK ("name" <> '')
);
--> statement-breakpoint
CREATE TABLE "benchmark_result" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "benchmark_result_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" integer NOT NULL,
	"dataset_id" integer NOT NULL,
	"metric_id" integer NOT NULL,
	"value" double precision NOT NULL,
	"reported_value" text NOT NULL,
	"stderr" double precision,
	"shots" integer,
	"chain_of_thought" boolean,
	"pass_k" integer,
	"split" text,
	"harness" text,
	"variant" text,
	"model_variant" text,
	"evaluator_organization_id" integer,
	"evaluator_relationship" "evaluator_relationship" NOT NULL,
	"reported_on" date,
	"source_id" integer NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"unverified" boolean DEFAULT false NOT NULL,
	"comparability_key" text GENERATED ALWAYS AS ("benchmark_result"."dataset_id"::text || '/' || "benchmark_result"."metric_id"::text || '/' || coalesce("benchmark_result"."shots"::text, '') || '/' || coalesce("benchmark_result"."chain_of_thought"::text, '') || '/' || coalesce("benchmark_result"."pass_k"::text, '') || '/' || coalesce("benchmark_result"."split", '') || '/' || coalesce("benchmark_result"."variant", '')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benchmark_result_natural_key" UNIQUE NULLS NOT DISTINCT("model_id","dataset_id","metric_id","shots","chain_of_thought","pass_k","split","harness","variant","model_variant","source_id"),
	CONSTRAINT "benchmark_result_split_not_empty" CHECK ("split" <> ''),
	CONSTRAINT "benchmark_result_variant_not_empty" CHECK ("variant" <> ''),
	CONSTRAINT "benchmark_result_shots" CHECK ("shots" is null or "shots" >= 0),
	CONSTRAINT "benchmark_result_pass_k" CHECK ("pass_k" is null or "pass_k" >= 1),
	CONSTRAINT "benchmark_result_stderr" CHECK ("stderr" is null or "stderr" >= 0)
);
--> statement-breakpoint
CREATE TABLE "change" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"transaction_id" bigint NOT NULL,
	"actor" text NOT NULL,
	"operation" text NOT NULL,
	"table_name" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" integer,
	"action" "change_action" NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "claim" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"source_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"statement" text NOT NULL,
	"quote" text DEFAULT '' NOT NULL,
	"predicate" "claim_predicate" NOT NULL,
	"subject_model_id" integer,
	"subject_organization_id" integer,
	"quantity" double precision,
	"quantity_unit" text,
	"attributes" jsonb,
	"qualifier" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_source_ordinal" UNIQUE("source_id","ordinal"),
	CONSTRAINT "claim_slug_format" CHECK ("slug" ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "claim_one_subject" CHECK (num_nonnulls("subject_model_id", "subject_organization_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "claim_object" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_object_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"claim_id" integer NOT NULL,
	"position" integer NOT NULL,
	"model_id" integer,
	"organization_id" integer,
	"technique_id" integer,
	"dataset_id" integer,
	CONSTRAINT "claim_object_position" UNIQUE("claim_id","position"),
	CONSTRAINT "claim_object_one_target" CHECK (num_nonnulls("model_id", "organization_id", "technique_id", "dataset_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "dataset" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dataset_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"unverified_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_benchmark" boolean NOT NULL,
	"is_training_data" boolean NOT NULL,
	"domains" "dataset_domain"[] DEFAULT '{}'::"dataset_domain"[] NOT NULL,
	"size" text,
	"example_count" integer,
	"default_metric_id" integer,
	"default_setting" text,
	"license_id" integer,
	"license_notes" text,
	"creators" text,
	"introduced_year" integer,
	"paper_source_id" integer,
	"parent_dataset_id" integer,
	"huggingface_id" text UNIQUE,
	"homepage" text,
	CONSTRAINT "dataset_slug_format" CHECK ("slug" ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "dataset_has_a_role" CHECK ("is_benchmark" or "is_training_data"),
	CONSTRAINT "dataset_example_count_positive" CHECK ("example_count" is null or "example_count" > 0),
	CONSTRAINT "dataset_introduced_year" CHECK ("introduced_year" is null or "introduced_year" between 1900 and 2100),
	CONSTRAINT "dataset_homepage_http" CHECK ("homepage" is null or "homepage" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "dataset_creator" (
	"dataset_id" integer,
	"organization_id" integer,
	CONSTRAINT "dataset_creator_pkey" PRIMARY KEY("dataset_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "dataset_source" (
	"entity_id" integer,
	"source_id" integer,
	"notes" text DEFAULT '' NOT NULL,
	CONSTRAINT "dataset_source_pkey" PRIMARY KEY("entity_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "language" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "language_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "language_slug_format" CHECK ("slug" ~ '^[a-z0-9]+([.-][a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "license" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "license_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"spdx_id" text UNIQUE,
	"name" text NOT NULL,
	"category" "license_category" NOT NULL,
	"osi_approved" boolean NOT NULL,
	"url" text,
	"description" text DEFAULT '' NOT NULL,
	"source_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "license_slug_format" CHECK ("slug" ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "license_osi_is_open" CHECK (not "osi_approved" or "category" in ('permissive', 'copyleft'))
);
--> statement-breakpoint
CREATE TABLE "metric" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "metric_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"higher_is_better" boolean NOT NULL,
	"min_value" double precision,
	"max_value" double precision,
	CONSTRAINT "metric_slug_format" CHECK ("slug" ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "metric_range" CHECK ("min_value" is null or "max_value" is null or "min_value" < "max_value")
);
--> statement-breakpoint
CREATE TABLE "model" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"unverified_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"architecture" "architecture_kind",
	"architecture_details" text,
	"parameter_count" bigint,
	"active_parameter_count" bigint,
	"context_length" integer,
	"release_date" date,
	"license_id" integer,
	"license_notes" text,
	"open_weights" boolean NOT NULL,
	"access" "access_channel"[] DEFAULT '{}'::"access_channel"[] NOT NULL,
	"training_gpu_count" integer,
	"training_gpu_type" text,
	"training_gpu_hours" bigint,
	"training_tokens" bigint,
	"training_compute_notes" text,
	CONSTRAINT "model_slug_format" CHECK ("slug" ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "model_parameter_count_positive" CHECK ("parameter_count" is null or "parameter_count" > 0),
	CONSTRAINT "model_active_parameters_bounded" CHECK ("active_parameter_count" is null or ("active_parameter_count" > 0 and ("parameter_count" is null or "active_parameter_count" <= "parameter_count"))),
	CONSTRAINT "model_context_length_positive" CHECK ("context_length" is null or "context_length" > 0),
	CONSTRAINT "model_gpu_count_positive" CHECK ("training_gpu_count" is null or "training_gpu_count" > 0),
	CONSTRAINT "model_gpu_hours_positive" CHECK ("training_gpu_hours" is null or "training_gpu_hours" > 0),
	CONSTRAINT "model_tokens_positive" CHECK ("training_tokens" is null or "training_tokens" > 0)
);
--> statement-breakpoint
CREATE TABLE "model_developer" (
	"model_id" integer,
	"organization_id" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"source_id" integer NOT NULL,
	CONSTRAINT "model_developer_pkey" PRIMARY KEY("model_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "model_external_id" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_external_id_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" integer NOT NULL,
	"namespace" "external_id_namespace" NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "model_external_id_unique" UNIQUE("namespace","value")
);
--> statement-breakpoint
CREATE TABLE "model_lineage" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_lineage_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" integer NOT NULL,
	"base_model_id" integer NOT NULL,
	"kind" "lineage_kind" NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"source_id" integer NOT NULL,
	"unverified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_lineage_unique" UNIQUE("model_id","base_model_id","kind"),
	CONSTRAINT "model_lineage_not_self" CHECK ("model_id" <> "base_model_id")
);
--> statement-breakpoint
CREATE TABLE "model_source" (
	"entity_id" integer,
	"source_id" integer,
	"notes" text DEFAULT '' NOT NULL,
	CONSTRAINT "model_source_pkey" PRIMARY KEY("entity_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "model_technique" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_technique_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"model_id" integer NOT NULL,
	"technique_id" integer NOT NULL,
	"stage" integer,
	"details" text DEFAULT '' NOT NULL,
	"hyperparameters" jsonb,
	"source_id" integer NOT NULL,
	"unverified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_technique_unique" UNIQUE("model_id","technique_id"),
	CONSTRAINT "model_technique_stage_positive" CHECK ("stage" is null or "stage" > 0)
);
--> statement-breakpoint
CREATE TABLE "model_technique_dataset" (
	"model_technique_id" integer,
	"dataset_id" integer,
	CONSTRAINT "model_technique_dataset_pkey" PRIMARY KEY("model_technique_id","dataset_id")
);
--> statement-breakpoint
CREATE TABLE "organization" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organization_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"unverified_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" "organization_kind" NOT NULL,
	"country" char(2),
	"headquarters" text,
	"website" text,
	"founded_year" integer,
	CONSTRAINT "organization_slug_format" CHECK ("slug" ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "organization_country_iso" CHECK ("country" is null or "country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "organization_founded_year" CHECK ("founded_year" is null or "founded_year" between 1800 and 2100),
	CONSTRAINT "organization_website_http" CHECK ("website" is null or "website" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "organization_source" (
	"entity_id" integer,
	"source_id" integer,
	"notes" text DEFAULT '' NOT NULL,
	CONSTRAINT "organization_source_pkey" PRIMARY KEY("entity_id","source_id")
);
--> statement-breakpoint
CREATE TABLE "seed_run" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "seed_run_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"content_hash" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "source_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"url" text UNIQUE,
	"title" text NOT NULL,
	"publisher" text,
	"kind" "source_kind" NOT NULL,
	"is_primary" boolean NOT NULL,
	"published_on" date,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_slug_format" CHECK ("slug" ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "source_url_http" CHECK ("url" is null or "url" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "technique" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "technique_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL UNIQUE,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"unverified_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" "technique_kind" NOT NULL,
	"introduced_year" integer,
	"introduced_by_source_id" integer,
	"parent_technique_id" integer,
	CONSTRAINT "technique_slug_format" CHECK ("slug" ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "technique_introduced_year" CHECK ("introduced_year" is null or "introduced_year" between 1900 and 2100),
	CONSTRAINT "technique_not_own_parent" CHECK ("parent_technique_id" is null or "parent_technique_id" <> "id")
);
--> statement-breakpoint
CREATE TABLE "technique_source" (
	"entity_id" integer,
	"source_id" integer,
	"notes" text DEFAULT '' NOT NULL,
	CONSTRAINT "technique_source_pkey" PRIMARY KEY("entity_id","source_id")
);
--> statement-breakpoint
CREATE INDEX "benchmark_result_comparability_idx" ON "benchmark_result" ("comparability_key","model_id");--> statement-breakpoint
CREATE INDEX "benchmark_result_dataset_metric_idx" ON "benchmark_result" ("dataset_id","metric_id","value");--> statement-breakpoint
CREATE INDEX "benchmark_result_metric_idx" ON "benchmark_result" ("metric_id");--> statement-breakpoint
CREATE INDEX "benchmark_result_evaluator_idx" ON "benchmark_result" ("evaluator_organization_id");--> statement-breakpoint
CREATE INDEX "benchmark_result_source_idx" ON "benchmark_result" ("source_id");--> statement-breakpoint
CREATE INDEX "benchmark_result_value_idx" ON "benchmark_result" ("value","id");--> statement-breakpoint
CREATE INDEX "benchmark_result_reported_on_key_idx" ON "benchmark_result" (coalesce("reported_on", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "change_entity_idx" ON "change" ("entity_type","entity_id","id");--> statement-breakpoint
CREATE INDEX "change_actor_idx" ON "change" ("actor","id");--> statement-breakpoint
CREATE INDEX "change_transaction_idx" ON "change" ("transaction_id");--> statement-breakpoint
CREATE INDEX "claim_subject_model_idx" ON "claim" ("subject_model_id");--> statement-breakpoint
CREATE INDEX "claim_subject_organization_idx" ON "claim" ("subject_organization_id");--> statement-breakpoint
CREATE INDEX "claim_object_model_idx" ON "claim_object" ("model_id");--> statement-breakpoint
CREATE INDEX "claim_object_organization_idx" ON "claim_object" ("organization_id");--> statement-breakpoint
CREATE INDEX "claim_object_technique_idx" ON "claim_object" ("technique_id");--> statement-breakpoint
CREATE INDEX "claim_object_dataset_idx" ON "claim_object" ("dataset_id");--> statement-breakpoint
CREATE INDEX "dataset_default_metric_idx" ON "dataset" ("default_metric_id");--> statement-breakpoint
CREATE INDEX "dataset_license_idx" ON "dataset" ("license_id");--> statement-breakpoint
CREATE INDEX "dataset_paper_source_idx" ON "dataset" ("paper_source_id");--> statement-breakpoint
CREATE INDEX "dataset_parent_idx" ON "dataset" ("parent_dataset_id");--> statement-breakpoint
CREATE INDEX "dataset_introduced_year_key_idx" ON "dataset" (coalesce("introduced_year", 0),"id");--> statement-breakpoint
CREATE INDEX "dataset_creator_organization_idx" ON "dataset_creator" ("organization_id");--> statement-breakpoint
CREATE INDEX "dataset_source_source_idx" ON "dataset_source" ("source_id");--> statement-breakpoint
CREATE INDEX "license_source_idx" ON "license" ("source_id");--> statement-breakpoint
CREATE INDEX "model_license_idx" ON "model" ("license_id");--> statement-breakpoint
CREATE INDEX "model_release_date_idx" ON "model" ("release_date");--> statement-breakpoint
CREATE INDEX "model_parameter_count_idx" ON "model" ("parameter_count");--> statement-breakpoint
CREATE INDEX "model_name_idx" ON "model" ("name");--> statement-breakpoint
CREATE INDEX "model_release_date_key_idx" ON "model" (coalesce("release_date", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "model_parameter_count_key_idx" ON "model" (coalesce("parameter_count", 0),"id");--> statement-breakpoint
CREATE INDEX "model_developer_organization_idx" ON "model_developer" ("organization_id");--> statement-breakpoint
CREATE INDEX "model_developer_source_idx" ON "model_developer" ("source_id");--> statement-breakpoint
CREATE INDEX "model_external_id_model_idx" ON "model_external_id" ("model_id");--> statement-breakpoint
CREATE INDEX "model_lineage_base_model_idx" ON "model_lineage" ("base_model_id");--> statement-breakpoint
CREATE INDEX "model_lineage_source_idx" ON "model_lineage" ("source_id");--> statement-breakpoint
CREATE INDEX "model_source_source_idx" ON "model_source" ("source_id");--> statement-breakpoint
CREATE INDEX "model_technique_technique_idx" ON "model_technique" ("technique_id");--> statement-breakpoint
CREATE INDEX "model_technique_source_idx" ON "model_technique" ("source_id");--> statement-breakpoint
CREATE INDEX "model_technique_dataset_dataset_idx" ON "model_technique_dataset" ("dataset_id");--> statement-breakpoint
CREATE INDEX "organization_country_idx" ON "organization" ("country");--> statement-breakpoint
CREATE INDEX "organization_kind_idx" ON "organization" ("kind");--> statement-breakpoint
CREATE INDEX "organization_founded_year_key_idx" ON "organization" (coalesce("founded_year", 0),"id");--> statement-breakpoint
CREATE INDEX "organization_source_source_idx" ON "organization_source" ("source_id");--> statement-breakpoint
CREATE INDEX "source_kind_idx" ON "source" ("kind");--> statement-breakpoint
CREATE INDEX "source_published_on_key_idx" ON "source" (coalesce("published_on", '0001-01-01'::date),"id");--> statement-breakpoint
CREATE INDEX "technique_introduced_by_idx" ON "technique" ("introduced_by_source_id");--> statement-breakpoint
CREATE INDEX "technique_parent_idx" ON "technique" ("parent_technique_id");--> statement-breakpoint
CREATE INDEX "technique_kind_idx" ON "technique" ("kind");--> statement-breakpoint
CREATE INDEX "technique_introduced_year_key_idx" ON "technique" (coalesce("introduced_year", 0),"id");--> statement-breakpoint
CREATE INDEX "technique_source_source_idx" ON "technique_source" ("source_id");--> statement-breakpoint
ALTER TABLE "benchmark_result" ADD CONSTRAINT "benchmark_result_model_id_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "benchmark_result" ADD CONSTRAINT "benchmark_result_dataset_id_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "benchmark_result" ADD CONSTRAINT "benchmark_result_metric_id_metric_id_fkey" FOREIGN KEY ("metric_id") REFERENCES "metric"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "benchmark_result" ADD CONSTRAINT "benchmark_result_evaluator_organization_id_organization_id_fkey" FOREIGN KEY ("evaluator_organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "benchmark_result" ADD CONSTRAINT "benchmark_result_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claim" ADD CONSTRAINT "claim_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "claim" ADD CONSTRAINT "claim_subject_model_id_model_id_fkey" FOREIGN KEY ("subject_model_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim" ADD CONSTRAINT "claim_subject_organization_id_organization_id_fkey" FOREIGN KEY ("subject_organization_id") REFERENCES "organization"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_object" ADD CONSTRAINT "claim_object_claim_id_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claim"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_object" ADD CONSTRAINT "claim_object_model_id_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_object" ADD CONSTRAINT "claim_object_organization_id_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_object" ADD CONSTRAINT "claim_object_technique_id_technique_id_fkey" FOREIGN KEY ("technique_id") REFERENCES "technique"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "claim_object" ADD CONSTRAINT "claim_object_dataset_id_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_default_metric_id_metric_id_fkey" FOREIGN KEY ("default_metric_id") REFERENCES "metric"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_license_id_license_id_fkey" FOREIGN KEY ("license_id") REFERENCES "license"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_paper_source_id_source_id_fkey" FOREIGN KEY ("paper_source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_parent_dataset_id_dataset_id_fkey" FOREIGN KEY ("parent_dataset_id") REFERENCES "dataset"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "dataset_creator" ADD CONSTRAINT "dataset_creator_dataset_id_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "dataset_creator" ADD CONSTRAINT "dataset_creator_organization_id_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "dataset_source" ADD CONSTRAINT "dataset_source_entity_id_dataset_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "dataset"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "dataset_source" ADD CONSTRAINT "dataset_source_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "license" ADD CONSTRAINT "license_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model" ADD CONSTRAINT "model_license_id_license_id_fkey" FOREIGN KEY ("license_id") REFERENCES "license"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_developer" ADD CONSTRAINT "model_developer_model_id_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "model_developer" ADD CONSTRAINT "model_developer_organization_id_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_developer" ADD CONSTRAINT "model_developer_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_external_id" ADD CONSTRAINT "model_external_id_model_id_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "model_lineage" ADD CONSTRAINT "model_lineage_model_id_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "model_lineage" ADD CONSTRAINT "model_lineage_base_model_id_model_id_fkey" FOREIGN KEY ("base_model_id") REFERENCES "model"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_lineage" ADD CONSTRAINT "model_lineage_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_source" ADD CONSTRAINT "model_source_entity_id_model_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "model_source" ADD CONSTRAINT "model_source_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_technique" ADD CONSTRAINT "model_technique_model_id_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "model"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "model_technique" ADD CONSTRAINT "model_technique_technique_id_technique_id_fkey" FOREIGN KEY ("technique_id") REFERENCES "technique"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_technique" ADD CONSTRAINT "model_technique_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "model_technique_dataset" ADD CONSTRAINT "model_technique_dataset_5uerzbxO7Gk3_fkey" FOREIGN KEY ("model_technique_id") REFERENCES "model_technique"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "model_technique_dataset" ADD CONSTRAINT "model_technique_dataset_dataset_id_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "organization_source" ADD CONSTRAINT "organization_source_entity_id_organization_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "organization"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "organization_source" ADD CONSTRAINT "organization_source_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "technique" ADD CONSTRAINT "technique_introduced_by_source_id_source_id_fkey" FOREIGN KEY ("introduced_by_source_id") REFERENCES "source"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "technique" ADD CONSTRAINT "technique_parent_technique_id_technique_id_fkey" FOREIGN KEY ("parent_technique_id") REFERENCES "technique"("id") ON DELETE RESTRICT;--> statement-breakpoint
ALTER TABLE "technique_source" ADD CONSTRAINT "technique_source_entity_id_technique_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "technique"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "technique_source" ADD CONSTRAINT "technique_source_source_id_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT;