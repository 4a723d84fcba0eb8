CREATE TABLE "announcement" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"segment" text NOT NULL,
	"working_group_id" uuid,
	"country" text,
	"organisation_kind" "organisation_kind",
	"campaign_id" uuid,
	"declaration_version_id" uuid,
	"request_key" uuid NOT NULL,
	"recipient_count" integer NOT NULL,
	"sent_by_person_id" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcement_request_key_unique" UNIQUE("alliance_id","request_key"),
	CONSTRAINT "announcement_title_length" CHECK (char_length("announcement"."title") between 1 and 200),
	CONSTRAINT "announcement_body_length" CHECK (char_length("announcement"."body") between 1 and 20000),
	CONSTRAINT "announcement_segment" CHECK ("announcement"."segment" in ('all_signatories', 'working_group', 'country', 'organisation_kind', 'not_reported', 'not_resigned')),
	CONSTRAINT "announcement_segment_facts" CHECK (("announcement"."segment" = 'working_group') = ("announcement"."working_group_id" is not null)
        and ("announcement"."segment" = 'country') = ("announcement"."country" is not null)
        and ("announcement"."segment" = 'organisation_kind') = ("announcement"."organisation_kind" is not null)
        and ("announcement"."segment" = 'not_reported') = ("announcement"."campaign_id" is not null)
        and ("announcement"."segment" = 'not_resigned') = ("announcement"."declaration_version_id" is not null)),
	CONSTRAINT "announcement_recipient_count" CHECK ("announcement"."recipient_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "announcement_recipient" (
	"announcement_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "announcement_recipient_announcement_id_person_id_pk" PRIMARY KEY("announcement_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "email_opt_out" DROP CONSTRAINT "email_opt_out_topic";--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "announcement_emails" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "announcement" ADD CONSTRAINT "announcement_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement" ADD CONSTRAINT "announcement_working_group_id_working_group_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement" ADD CONSTRAINT "announcement_campaign_id_reporting_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."reporting_campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement" ADD CONSTRAINT "announcement_declaration_version_id_declaration_version_id_fk" FOREIGN KEY ("declaration_version_id") REFERENCES "public"."declaration_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement" ADD CONSTRAINT "announcement_sent_by_person_id_person_id_fk" FOREIGN KEY ("sent_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_recipient" ADD CONSTRAINT "announcement_recipient_announcement_id_announcement_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_recipient" ADD CONSTRAINT "announcement_recipient_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcement_alliance_sent_idx" ON "announcement" USING btree ("alliance_id","sent_at");--> statement-breakpoint
CREATE INDEX "announcement_recipient_person_idx" ON "announcement_recipient" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "email_opt_out" ADD CONSTRAINT "email_opt_out_topic" CHECK ("email_opt_out"."topic" in ('review', 'announcement'));