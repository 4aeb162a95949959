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
