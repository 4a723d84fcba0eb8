CREATE TYPE "public"."alliance_role" AS ENUM('secretariat', 'administrator');--> statement-breakpoint
CREATE TYPE "public"."application_sector" AS ENUM('packaging', 'construction', 'automotive', 'electrical_electronic', 'agriculture', 'household_goods', 'textiles', 'other');--> statement-breakpoint
CREATE TYPE "public"."declaration_status" AS ENUM('draft', 'published', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('declaration', 'signature_certificate', 'progress_report');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('company', 'association', 'public_authority', 'ngo', 'research_body', 'standardisation_body', 'trade_union');--> statement-breakpoint
CREATE TYPE "public"."organisation_size" AS ENUM('sme', 'large');--> statement-breakpoint
CREATE TYPE "public"."pledge_kind" AS ENUM('supply', 'uptake');--> statement-breakpoint
CREATE TYPE "public"."pledge_status" AS ENUM('draft', 'submitted', 'accepted', 'changes_requested', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."polymer" AS ENUM('LDPE', 'HDPE', 'PP', 'PS', 'EPS', 'PET', 'PVC', 'PU', 'ABS', 'PA', 'PC', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."progress_report_status" AS ENUM('submitted', 'validated', 'queried');--> statement-breakpoint
CREATE TYPE "public"."signature_status" AS ENUM('pending_confirmation', 'pending_review', 'active', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."value_chain_stage" AS ENUM('polymer_producer', 'converter', 'brand_owner', 'retailer', 'consumer_organisation', 'collector_sorter', 'recycler', 'reuser', 'public_authority', 'trade_union', 'standardisation_body', 'research');--> statement-breakpoint
CREATE TYPE "public"."working_group_kind" AS ENUM('sector', 'horizontal');--> statement-breakpoint
CREATE TYPE "public"."working_group_role" AS ENUM('chair', 'co_chair', 'member', 'observer');--> statement-breakpoint
CREATE TYPE "public"."working_group_status" AS ENUM('active', 'closed');--> statement-breakpoint
CREATE TABLE "alliance" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"target_tonnes" numeric(14, 3) NOT NULL,
	"target_flow" "pledge_kind" NOT NULL,
	"target_year" integer NOT NULL,
	"baseline_year" integer NOT NULL,
	"baseline_tonnes" numeric(14, 3),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_slug_unique" UNIQUE("slug"),
	CONSTRAINT "alliance_slug_format" CHECK ("alliance"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "alliance_target_positive" CHECK ("alliance"."target_tonnes" > 0),
	CONSTRAINT "alliance_target_after_baseline" CHECK ("alliance"."target_year" >= "alliance"."baseline_year")
);
--> statement-breakpoint
CREATE TABLE "alliance_staff" (
	"alliance_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" "alliance_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_staff_alliance_id_person_id_pk" PRIMARY KEY("alliance_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "alliance_sub_target" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"label" text NOT NULL,
	"polymer" "polymer",
	"sector" "application_sector",
	"target_tonnes" numeric(14, 3) NOT NULL,
	"target_year" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_sub_target_positive" CHECK ("alliance_sub_target"."target_tonnes" > 0),
	CONSTRAINT "alliance_sub_target_scope" CHECK ("alliance_sub_target"."polymer" is not null or "alliance_sub_target"."sector" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_event" (
	"seq" bigint PRIMARY KEY DEFAULT 0 NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"alliance_id" uuid,
	"actor_person_id" uuid,
	"actor_organisation_id" uuid,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" uuid NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" char(64) DEFAULT '' NOT NULL,
	"hash" char(64) DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"text_sha256" char(64) NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"status" "declaration_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"open_from" date,
	"open_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declaration_version_alliance_version_unique" UNIQUE("alliance_id","version"),
	CONSTRAINT "declaration_version_positive" CHECK ("declaration_version"."version" >= 1),
	CONSTRAINT "declaration_version_sha_format" CHECK ("declaration_version"."text_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "declaration_version_published_has_date" CHECK ("declaration_version"."status" = 'draft' or "declaration_version"."published_at" is not null),
	CONSTRAINT "declaration_version_open_window" CHECK ("declaration_version"."open_until" is null or "declaration_version"."open_from" is null or "declaration_version"."open_until" >= "declaration_version"."open_from")
);
--> statement-breakpoint
CREATE TABLE "document" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"kind" "document_kind" NOT NULL,
	"signature_id" uuid,
	"title" text NOT NULL,
	"sha256" char(64) NOT NULL,
	"byte_size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_sha256_unique" UNIQUE("sha256"),
	CONSTRAINT "document_sha_format" CHECK ("document"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "document_certificate_has_signature" CHECK ("document"."kind" <> 'signature_certificate' or "document"."signature_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"normalised_name" text NOT NULL,
	"country" text NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"size" "organisation_size" NOT NULL,
	"stages" "value_chain_stage"[] DEFAULT '{}' NOT NULL,
	"website" text,
	"registration_number" text,
	"transparency_register_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_country_format" CHECK ("organisation"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "organisation_legal_name_length" CHECK (length("organisation"."legal_name") between 1 and 300),
	CONSTRAINT "organisation_transparency_register_format" CHECK ("organisation"."transparency_register_number" is null or "organisation"."transparency_register_number" ~ '^[0-9]{9,12}-[0-9]{2}$')
);
--> statement-breakpoint
CREATE TABLE "organisation_member" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"job_title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_member_organisation_id_person_id_pk" PRIMARY KEY("organisation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_email_shape" CHECK ("person"."email" ~ '^[^@\s]+@[^@\s]+$' and length("person"."email") <= 254)
);
--> statement-breakpoint
CREATE TABLE "pledge" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"working_group_id" uuid,
	"kind" "pledge_kind" NOT NULL,
	"polymer" "polymer" NOT NULL,
	"sector" "application_sector" NOT NULL,
	"tonnes_per_year" numeric(14, 3) NOT NULL,
	"target_year" integer NOT NULL,
	"baseline_tonnes" numeric(14, 3),
	"baseline_year" integer,
	"conditions" text,
	"status" "pledge_status" DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledge_tonnes_range" CHECK ("pledge"."tonnes_per_year" > 0 and "pledge"."tonnes_per_year" <= 50000000),
	CONSTRAINT "pledge_baseline_tonnes_range" CHECK ("pledge"."baseline_tonnes" is null or "pledge"."baseline_tonnes" >= 0),
	CONSTRAINT "pledge_target_after_baseline" CHECK ("pledge"."baseline_year" is null or "pledge"."target_year" >= "pledge"."baseline_year"),
	CONSTRAINT "pledge_target_year_range" CHECK ("pledge"."target_year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "progress_report" (
	"id" uuid PRIMARY KEY NOT NULL,
	"pledge_id" uuid NOT NULL,
	"campaign_id" uuid,
	"year" integer NOT NULL,
	"tonnes_achieved" numeric(14, 3) NOT NULL,
	"status" "progress_report_status" DEFAULT 'submitted' NOT NULL,
	"evidence_scheme" text,
	"certificate_number" text,
	"auditor" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_report_pledge_year_unique" UNIQUE("pledge_id","year"),
	CONSTRAINT "progress_report_tonnes_non_negative" CHECK ("progress_report"."tonnes_achieved" >= 0),
	CONSTRAINT "progress_report_validated_has_date" CHECK ("progress_report"."status" <> 'validated' or "progress_report"."validated_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "reporting_campaign" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"opens_on" date NOT NULL,
	"deadline" date NOT NULL,
	"reminder_days" integer[] DEFAULT '{30,7,1}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_campaign_alliance_year_unique" UNIQUE("alliance_id","year"),
	CONSTRAINT "reporting_campaign_window" CHECK ("reporting_campaign"."deadline" >= "reporting_campaign"."opens_on")
);
--> statement-breakpoint
CREATE TABLE "signature" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"declaration_version_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"signer_person_id" uuid,
	"signer_name" text NOT NULL,
	"signer_job_title" text NOT NULL,
	"status" "signature_status" DEFAULT 'pending_confirmation' NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewed_by_person_id" uuid,
	"activated_at" timestamp with time zone,
	"rejection_reason" text,
	"withdrawn_at" timestamp with time zone,
	"withdrawal_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signature_active_has_date" CHECK ("signature"."status" <> 'active' or "signature"."activated_at" is not null),
	CONSTRAINT "signature_rejected_has_reason" CHECK ("signature"."status" <> 'rejected' or "signature"."rejection_reason" is not null),
	CONSTRAINT "signature_withdrawn_has_date" CHECK ("signature"."status" <> 'withdrawn' or "signature"."withdrawn_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "working_group" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "working_group_kind" NOT NULL,
	"mandate" text NOT NULL,
	"status" "working_group_status" DEFAULT 'active' NOT NULL,
	"relevant_stages" "value_chain_stage"[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "working_group_alliance_slug_unique" UNIQUE("alliance_id","slug"),
	CONSTRAINT "working_group_slug_format" CHECK ("working_group"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "working_group_member" (
	"working_group_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" "working_group_role" DEFAULT 'member' NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "working_group_member_working_group_id_organisation_id_pk" PRIMARY KEY("working_group_id","organisation_id")
);
--> statement-breakpoint
ALTER TABLE "alliance_staff" ADD CONSTRAINT "alliance_staff_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_staff" ADD CONSTRAINT "alliance_staff_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_sub_target" ADD CONSTRAINT "alliance_sub_target_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actor_person_id_person_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_version" ADD CONSTRAINT "declaration_version_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_signature_id_signature_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signature"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_member" ADD CONSTRAINT "organisation_member_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_member" ADD CONSTRAINT "organisation_member_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge" ADD CONSTRAINT "pledge_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge" ADD CONSTRAINT "pledge_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge" ADD CONSTRAINT "pledge_working_group_id_working_group_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_group"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_pledge_id_pledge_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."pledge"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report" ADD CONSTRAINT "progress_report_campaign_id_reporting_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."reporting_campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_campaign" ADD CONSTRAINT "reporting_campaign_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_declaration_version_id_declaration_version_id_fk" FOREIGN KEY ("declaration_version_id") REFERENCES "public"."declaration_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_signer_person_id_person_id_fk" FOREIGN KEY ("signer_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_reviewed_by_person_id_person_id_fk" FOREIGN KEY ("reviewed_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group" ADD CONSTRAINT "working_group_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_member" ADD CONSTRAINT "working_group_member_working_group_id_working_group_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "working_group_member" ADD CONSTRAINT "working_group_member_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliance_staff_person_idx" ON "alliance_staff" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "alliance_sub_target_alliance_idx" ON "alliance_sub_target" USING btree ("alliance_id");--> statement-breakpoint
CREATE INDEX "audit_event_object_idx" ON "audit_event" USING btree ("object_type","object_id","seq");--> statement-breakpoint
CREATE INDEX "document_signature_idx" ON "document" USING btree ("signature_id");--> statement-breakpoint
CREATE INDEX "organisation_country_idx" ON "organisation" USING btree ("country");--> statement-breakpoint
CREATE INDEX "organisation_normalised_name_idx" ON "organisation" USING btree ("normalised_name","country");--> statement-breakpoint
CREATE INDEX "organisation_stages_idx" ON "organisation" USING gin ("stages");--> statement-breakpoint
CREATE INDEX "organisation_member_person_idx" ON "organisation_member" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_email_unique" ON "person" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "pledge_alliance_status_idx" ON "pledge" USING btree ("alliance_id","status","kind","polymer");--> statement-breakpoint
CREATE INDEX "pledge_organisation_idx" ON "pledge" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "pledge_working_group_idx" ON "pledge" USING btree ("working_group_id");--> statement-breakpoint
CREATE INDEX "progress_report_year_status_idx" ON "progress_report" USING btree ("year","status");--> statement-breakpoint
CREATE UNIQUE INDEX "signature_one_live_per_organisation" ON "signature" USING btree ("alliance_id","organisation_id") WHERE "signature"."status" in ('pending_confirmation', 'pending_review', 'active');--> statement-breakpoint
CREATE INDEX "signature_alliance_active_idx" ON "signature" USING btree ("alliance_id","activated_at","id") WHERE "signature"."status" = 'active';--> statement-breakpoint
CREATE INDEX "signature_organisation_idx" ON "signature" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "working_group_member_organisation_idx" ON "working_group_member" USING btree ("organisation_id");