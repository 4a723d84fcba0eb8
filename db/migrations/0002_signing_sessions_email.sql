CREATE TYPE "public"."duplicate_reason" AS ENUM('registration_number', 'name_and_country');--> statement-breakpoint
CREATE TYPE "public"."email_delivery_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."email_token_purpose" AS ENUM('login', 'confirm_signature');--> statement-breakpoint
CREATE TABLE "email_token" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" "email_token_purpose" NOT NULL,
	"email" text NOT NULL,
	"token_hash" char(64) NOT NULL,
	"subject_id" uuid,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "email_token_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "email_token_expiry_after_creation" CHECK ("email_token"."expires_at" > "email_token"."created_at")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" char(64) NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"user_agent" text,
	CONSTRAINT "session_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "dev_mailbox_message" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"sender" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_delivery" (
	"id" uuid PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"template" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"status" "email_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "email_delivery_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "email_delivery_sent_has_date" CHECK ("email_delivery"."status" <> 'sent' or "email_delivery"."sent_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "organisation_duplicate_flag" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"duplicate_of_id" uuid NOT NULL,
	"reason" "duplicate_reason" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "organisation_duplicate_flag_pair_unique" UNIQUE("organisation_id","duplicate_of_id","reason"),
	CONSTRAINT "organisation_duplicate_flag_not_self" CHECK ("organisation_duplicate_flag"."organisation_id" <> "organisation_duplicate_flag"."duplicate_of_id")
);
--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "content" "bytea" NOT NULL;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "filename" text NOT NULL;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "email_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "is_platform_administrator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_duplicate_flag" ADD CONSTRAINT "organisation_duplicate_flag_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_duplicate_flag" ADD CONSTRAINT "organisation_duplicate_flag_duplicate_of_id_organisation_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_token_email_idx" ON "email_token" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "email_token_requested_by_idx" ON "email_token" USING btree ("requested_by","created_at");--> statement-breakpoint
CREATE INDEX "session_person_idx" ON "session" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "dev_mailbox_message_recipient_idx" ON "dev_mailbox_message" USING btree ("recipient","created_at");--> statement-breakpoint
CREATE INDEX "email_delivery_status_idx" ON "email_delivery" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "document_source_unique" ON "document" USING btree ("alliance_id","kind","source_key");--> statement-breakpoint
CREATE INDEX "organisation_registration_number_idx" ON "organisation" USING btree ("registration_number");