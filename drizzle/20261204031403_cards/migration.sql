ALTER TYPE "license_category" ADD VALUE 'unknown';--> statement-breakpoint
ALTER TABLE "license" ADD COLUMN "unverified_fields" text[] DEFAULT '{}'::text[] NOT NULL;