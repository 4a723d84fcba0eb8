ALTER TABLE "commitment" ADD COLUMN "decision_id" uuid;--> statement-breakpoint
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_decision_id_meeting_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."meeting_decision"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commitment_decision_idx" ON "commitment" USING btree ("decision_id");