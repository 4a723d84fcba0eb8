CREATE TYPE "public"."email_frequency" AS ENUM('off', 'immediately', 'daily', 'weekly');--> statement-breakpoint
CREATE TABLE "email_digest" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"frequency" "email_frequency" NOT NULL,
	"period_start" date NOT NULL,
	"item_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_digest_frequency" CHECK ("email_digest"."frequency" in ('daily', 'weekly'))
);
--> statement-breakpoint
CREATE TABLE "email_digest_item" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"frequency" "email_frequency" NOT NULL,
	"template" text NOT NULL,
	"data" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_digest_item_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "email_digest_item_topic" CHECK ("email_digest_item"."topic" in ('activity', 'announcement')),
	CONSTRAINT "email_digest_item_frequency" CHECK ("email_digest_item"."frequency" in ('daily', 'weekly'))
);
--> statement-breakpoint
ALTER TABLE "email_opt_out" DROP CONSTRAINT "email_opt_out_topic";--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "activity_email_frequency" "email_frequency" DEFAULT 'immediately' NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "announcement_email_frequency" "email_frequency" DEFAULT 'immediately' NOT NULL;--> statement-breakpoint
ALTER TABLE "email_digest" ADD CONSTRAINT "email_digest_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_digest_item" ADD CONSTRAINT "email_digest_item_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_digest_once" ON "email_digest" USING btree ("person_id","frequency","period_start");--> statement-breakpoint
CREATE INDEX "email_digest_item_person_idx" ON "email_digest_item" USING btree ("person_id","frequency","created_at");--> statement-breakpoint
ALTER TABLE "email_opt_out" ADD CONSTRAINT "email_opt_out_topic" CHECK ("email_opt_out"."topic" in ('review', 'announcement', 'daily-digest', 'weekly-digest'));--> statement-breakpoint
-- The choices people made keep their meaning: on is IMMEDIATELY (as before), off is OFF (0030 drops the booleans).
UPDATE "person" SET
	"activity_email_frequency" = (CASE WHEN "review_emails" THEN 'immediately' ELSE 'off' END)::"email_frequency",
	"announcement_email_frequency" = (CASE WHEN "announcement_emails" THEN 'immediately' ELSE 'off' END)::"email_frequency";
