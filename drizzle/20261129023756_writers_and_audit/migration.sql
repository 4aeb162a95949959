CREATE TYPE "api_role" AS ENUM('editor', 'admin');--> statement-breakpoint
CREATE TYPE "change_action" AS ENUM('insert', 'update', 'delete');--> statement-breakpoint
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
CREATE INDEX "change_entity_idx" ON "change" ("entity_type","entity_id","id");--> statement-breakpoint
CREATE INDEX "change_actor_idx" ON "change" ("actor","id");--> statement-breakpoint
CREATE INDEX "change_transaction_idx" ON "change" ("transaction_id");