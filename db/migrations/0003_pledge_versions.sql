CREATE TYPE "public"."pledge_version_status" AS ENUM('draft', 'submitted', 'changes_requested', 'accepted', 'rejected', 'superseded', 'withdrawn');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'pledge_statement';--> statement-breakpoint
CREATE TABLE "pledge_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"pledge_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "pledge_version_status" DEFAULT 'draft' NOT NULL,
	"working_group_id" uuid,
	"kind" "pledge_kind" NOT NULL,
	"polymer" "polymer" NOT NULL,
	"sector" "application_sector" NOT NULL,
	"tonnes_per_year" numeric(14, 3) NOT NULL,
	"target_year" integer NOT NULL,
	"baseline_tonnes" numeric(14, 3),
	"baseline_year" integer,
	"conditions" text,
	"statement_document_id" uuid,
	"created_by_person_id" uuid,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by_person_id" uuid,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledge_version_number_unique" UNIQUE("pledge_id","version"),
	CONSTRAINT "pledge_version_tonnes_range" CHECK ("pledge_version"."tonnes_per_year" > 0 and "pledge_version"."tonnes_per_year" <= 50000000),
	CONSTRAINT "pledge_version_baseline_tonnes_range" CHECK ("pledge_version"."baseline_tonnes" is null or "pledge_version"."baseline_tonnes" >= 0),
	CONSTRAINT "pledge_version_target_after_baseline" CHECK ("pledge_version"."baseline_year" is null or "pledge_version"."target_year" >= "pledge_version"."baseline_year"),
	CONSTRAINT "pledge_version_target_year_range" CHECK ("pledge_version"."target_year" between 2000 and 2100),
	CONSTRAINT "pledge_version_decision_has_comment" CHECK ("pledge_version"."status" not in ('changes_requested', 'rejected') or "pledge_version"."review_comment" is not null)
);
--> statement-breakpoint
ALTER TABLE "pledge" ADD COLUMN "current_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "pledge" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pledge" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
ALTER TABLE "pledge_version" ADD CONSTRAINT "pledge_version_pledge_id_pledge_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledge"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_version" ADD CONSTRAINT "pledge_version_working_group_id_working_group_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_group"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_version" ADD CONSTRAINT "pledge_version_statement_document_id_document_id_fk" FOREIGN KEY ("statement_document_id") REFERENCES "public"."document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_version" ADD CONSTRAINT "pledge_version_created_by_person_id_person_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_version" ADD CONSTRAINT "pledge_version_decided_by_person_id_person_id_fk" FOREIGN KEY ("decided_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pledge_version_one_open" ON "pledge_version" USING btree ("pledge_id") WHERE "pledge_version"."status" in ('draft', 'submitted', 'changes_requested');--> statement-breakpoint
CREATE INDEX "pledge_version_status_idx" ON "pledge_version" USING btree ("status","submitted_at");--> statement-breakpoint
-- Pledges recorded before versions were kept: their history starts with one version carrying their figures.
UPDATE "pledge" SET "withdrawn_at" = "updated_at" WHERE "status" = 'withdrawn' AND "withdrawn_at" IS NULL;--> statement-breakpoint
INSERT INTO "pledge_version" ("id", "pledge_id", "version", "status", "working_group_id", "kind", "polymer", "sector",
  "tonnes_per_year", "target_year", "baseline_tonnes", "baseline_year", "conditions", "submitted_at", "decided_at",
  "review_comment", "created_at", "updated_at")
SELECT gen_random_uuid(), p."id", 1, p."status"::text::"pledge_version_status", p."working_group_id", p."kind", p."polymer",
  p."sector", p."tonnes_per_year", p."target_year", p."baseline_tonnes", p."baseline_year", p."conditions",
  p."submitted_at", p."decided_at",
  CASE WHEN p."status" IN ('changes_requested', 'rejected') THEN 'Recorded before version history was kept.' END,
  p."created_at", p."updated_at"
FROM "pledge" p
WHERE NOT EXISTS (SELECT 1 FROM "pledge_version" v WHERE v."pledge_id" = p."id");--> statement-breakpoint
ALTER TABLE "pledge" ADD CONSTRAINT "pledge_withdrawn_has_date" CHECK ("pledge"."status" <> 'withdrawn' or "pledge"."withdrawn_at" is not null);