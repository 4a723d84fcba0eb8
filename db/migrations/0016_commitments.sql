CREATE TYPE "public"."commitment_status" AS ENUM('open', 'in_progress', 'done', 'late', 'dropped');--> statement-breakpoint
CREATE TABLE "commitment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"working_group_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"taskholder_organisation_id" uuid NOT NULL,
	"taskholder_person_id" uuid,
	"deadline" date NOT NULL,
	"status" "commitment_status" DEFAULT 'open' NOT NULL,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitment_title_length" CHECK (char_length("commitment"."title") between 1 and 300),
	CONSTRAINT "commitment_description_length" CHECK ("commitment"."description" is null or char_length("commitment"."description") <= 4000)
);
--> statement-breakpoint
CREATE TABLE "commitment_update" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commitment_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"from_status" "commitment_status",
	"to_status" "commitment_status" NOT NULL,
	"deadline" date NOT NULL,
	"note" text NOT NULL,
	"by_role" text NOT NULL,
	"by_organisation_id" uuid,
	"author_person_id" uuid,
	CONSTRAINT "commitment_update_by_role" CHECK ("commitment_update"."by_role" in ('taskholder', 'chair', 'secretariat', 'schedule')),
	CONSTRAINT "commitment_update_note_length" CHECK (char_length("commitment_update"."note") between 1 and 4000),
	CONSTRAINT "commitment_update_author" CHECK (("commitment_update"."by_role" = 'schedule') = ("commitment_update"."author_person_id" is null))
);
--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_working_group_id_working_group_id_fk" FOREIGN KEY ("working_group_id") REFERENCES "public"."working_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_taskholder_organisation_id_organisation_id_fk" FOREIGN KEY ("taskholder_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_taskholder_person_id_person_id_fk" FOREIGN KEY ("taskholder_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_created_by_person_id_person_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_update" ADD CONSTRAINT "commitment_update_commitment_id_commitment_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_update" ADD CONSTRAINT "commitment_update_by_organisation_id_organisation_id_fk" FOREIGN KEY ("by_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_update" ADD CONSTRAINT "commitment_update_author_person_id_person_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_alliance_status_idx" ON "commitment" USING btree ("alliance_id","status","deadline");--> statement-breakpoint
CREATE INDEX "commitment_working_group_idx" ON "commitment" USING btree ("working_group_id","deadline");--> statement-breakpoint
CREATE INDEX "commitment_taskholder_idx" ON "commitment" USING btree ("taskholder_organisation_id","deadline");--> statement-breakpoint
CREATE INDEX "commitment_update_commitment_idx" ON "commitment_update" USING btree ("commitment_id","occurred_at");