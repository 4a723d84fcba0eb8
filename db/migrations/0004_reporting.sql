CREATE TYPE "public"."reminder_step" AS ENUM('before_deadline', 'after_deadline');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'report_evidence';--> statement-breakpoint
CREATE TABLE "campaign_reminder" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"step" "reminder_step" NOT NULL,
	"days_before" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_reminder_once" UNIQUE("campaign_id","organisation_id","step","days_before")
);
--> statement-breakpoint
CREATE TABLE "progress_report_revision" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"tonnes_achieved" numeric(14, 3) NOT NULL,
	"evidence_scheme" text,
	"certificate_number" text,
	"auditor" text,
	"evidence_document_id" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_report_revision_unique" UNIQUE("report_id","revision")
);
--> statement-breakpoint
ALTER TABLE "progress_report" ADD COLUMN "submitted_by_person_id" uuid;--> statement-breakpoint
ALTER TABLE "progress_report" ADD COLUMN "validated_by_person_id" uuid;--> statement-breakpoint
ALTER TABLE "progress_report" ADD COLUMN "evidence_document_id" uuid;--> statement-breakpoint
ALTER TABLE "progress_report" ADD COLUMN "query_question" text;--> statement-breakpoint
ALTER TABLE "progress_report" ADD COLUMN "queried_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "progress_report" ADD COLUMN "query_answer" text;--> statement-breakpoint
ALTER TABLE "progress_report" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "progress_report" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "reporting_campaign" ADD COLUMN "overdue_notice_days" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "reporting_campaign" ADD COLUMN "opened_by_person_id" uuid;--> statement-breakpoint
ALTER TABLE "campaign_reminder" ADD CONSTRAINT "campaign_reminder_campaign_id_reporting_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."reporting_campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_reminder" ADD CONSTRAINT "campaign_reminder_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_revision" ADD CONSTRAINT "progress_report_revision_report_id_progress_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_revision" ADD CONSTRAINT "progress_report_revision_evidence_document_id_document_id_fk" FOREIGN KEY ("evidence_document_id") REFERENCES "public"."document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_revision" ADD CONSTRAINT "progress_report_revision_submitted_by_person_id_person_id_fk" FOREIGN KEY ("submitted_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_reminder_campaign_idx" ON "campaign_reminder" USING btree ("campaign_id","sent_at");--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_submitted_by_person_id_person_id_fk" FOREIGN KEY ("submitted_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_validated_by_person_id_person_id_fk" FOREIGN KEY ("validated_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_evidence_document_id_document_id_fk" FOREIGN KEY ("evidence_document_id") REFERENCES "public"."document"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_campaign" ADD CONSTRAINT "reporting_campaign_opened_by_person_id_person_id_fk" FOREIGN KEY ("opened_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "progress_report_campaign_idx" ON "progress_report" USING btree ("campaign_id");--> statement-breakpoint
UPDATE "progress_report" SET "query_question" = 'Queried before questions were recorded.', "queried_at" = "updated_at" WHERE "status" = 'queried' AND "query_question" IS NULL;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_queried_has_question" CHECK ("progress_report"."status" <> 'queried' or "progress_report"."query_question" is not null);