CREATE TYPE "public"."meeting_comment_status" AS ENUM('pending', 'published', 'answered', 'hidden');--> statement-breakpoint
CREATE TABLE "meeting_comment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"decision_id" uuid,
	"author_person_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" "meeting_comment_status" DEFAULT 'pending' NOT NULL,
	"answer" text,
	"hidden_reason" text,
	"moderated_at" timestamp with time zone,
	"moderated_by_person_id" uuid,
	"moderated_by_organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_comment_text_length" CHECK (char_length("meeting_comment"."text") between 1 and 4000),
	CONSTRAINT "meeting_comment_answer" CHECK (("meeting_comment"."status" = 'answered') = ("meeting_comment"."answer" is not null)),
	CONSTRAINT "meeting_comment_answer_length" CHECK ("meeting_comment"."answer" is null or char_length("meeting_comment"."answer") between 1 and 4000),
	CONSTRAINT "meeting_comment_hidden_reason" CHECK (("meeting_comment"."status" = 'hidden') = ("meeting_comment"."hidden_reason" is not null)),
	CONSTRAINT "meeting_comment_hidden_reason_length" CHECK ("meeting_comment"."hidden_reason" is null or char_length("meeting_comment"."hidden_reason") between 1 and 500),
	CONSTRAINT "meeting_comment_moderated" CHECK (("meeting_comment"."status" = 'pending') = ("meeting_comment"."moderated_at" is null))
);
--> statement-breakpoint
ALTER TABLE "meeting_comment" ADD CONSTRAINT "meeting_comment_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_comment" ADD CONSTRAINT "meeting_comment_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_comment" ADD CONSTRAINT "meeting_comment_decision_id_meeting_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."meeting_decision"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_comment" ADD CONSTRAINT "meeting_comment_author_person_id_person_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_comment" ADD CONSTRAINT "meeting_comment_moderated_by_person_id_person_id_fk" FOREIGN KEY ("moderated_by_person_id") REFERENCES "public"."person"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_comment" ADD CONSTRAINT "meeting_comment_moderated_by_organisation_id_organisation_id_fk" FOREIGN KEY ("moderated_by_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_comment_meeting_idx" ON "meeting_comment" USING btree ("meeting_id","created_at");--> statement-breakpoint
CREATE INDEX "meeting_comment_pending_idx" ON "meeting_comment" USING btree ("alliance_id","status","created_at");--> statement-breakpoint
CREATE INDEX "meeting_comment_author_idx" ON "meeting_comment" USING btree ("author_person_id","created_at");