-- Re-signing a new declaration version in one step (docs/adr/0032): status `superseded` for an active signature its
-- organisation renewed, the renewing signature pointing at it (once: a unique index), and when it was superseded.
-- Hand-written from what drizzle-kit generated. Not `ALTER TYPE … ADD VALUE`, for the reason 0009_lapsed_pledges
-- gives (the migrator runs every pending migration in one transaction, where a value added to an existing type cannot
-- be used): the type is made anew and the column converted, its partial indexes and checks dropped and re-created.
ALTER TYPE "public"."signature_status" RENAME TO "signature_status_before_resigning";--> statement-breakpoint
CREATE TYPE "public"."signature_status" AS ENUM('pending_confirmation', 'pending_review', 'active', 'rejected', 'withdrawn', 'superseded');--> statement-breakpoint
DROP INDEX "signature_one_live_per_organisation";--> statement-breakpoint
DROP INDEX "signature_alliance_active_idx";--> statement-breakpoint
ALTER TABLE "signature" DROP CONSTRAINT "signature_active_has_date";--> statement-breakpoint
ALTER TABLE "signature" DROP CONSTRAINT "signature_rejected_has_reason";--> statement-breakpoint
ALTER TABLE "signature" DROP CONSTRAINT "signature_withdrawn_has_date";--> statement-breakpoint
ALTER TABLE "signature" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "signature" ALTER COLUMN "status" TYPE "public"."signature_status" USING "status"::text::"public"."signature_status";--> statement-breakpoint
ALTER TABLE "signature" ALTER COLUMN "status" SET DEFAULT 'pending_confirmation';--> statement-breakpoint
DROP TYPE "public"."signature_status_before_resigning";--> statement-breakpoint
CREATE UNIQUE INDEX "signature_one_live_per_organisation" ON "signature" USING btree ("alliance_id","organisation_id") WHERE "signature"."status" in ('pending_confirmation', 'pending_review', 'active');--> statement-breakpoint
CREATE INDEX "signature_alliance_active_idx" ON "signature" USING btree ("alliance_id","activated_at","id") WHERE "signature"."status" = 'active';--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_active_has_date" CHECK ("signature"."status" <> 'active' or "signature"."activated_at" is not null);--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_rejected_has_reason" CHECK ("signature"."status" <> 'rejected' or "signature"."rejection_reason" is not null);--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_withdrawn_has_date" CHECK ("signature"."status" <> 'withdrawn' or "signature"."withdrawn_at" is not null);--> statement-breakpoint
ALTER TABLE "signature" ADD COLUMN "renews_signature_id" uuid;--> statement-breakpoint
ALTER TABLE "signature" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_renews_signature_id_signature_id_fk" FOREIGN KEY ("renews_signature_id") REFERENCES "public"."signature"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signature_renews_once" ON "signature" USING btree ("renews_signature_id");--> statement-breakpoint
ALTER TABLE "signature" ADD CONSTRAINT "signature_superseded_has_date" CHECK ("signature"."status" <> 'superseded' or "signature"."superseded_at" is not null);
