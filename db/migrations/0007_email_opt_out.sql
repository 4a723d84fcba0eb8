CREATE TABLE "email_opt_out" (
	"token_hash" char(64) PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "email_opt_out_topic" CHECK ("email_opt_out"."topic" in ('review'))
);
--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "review_emails" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "email_opt_out" ADD CONSTRAINT "email_opt_out_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_opt_out_person_idx" ON "email_opt_out" USING btree ("person_id");