CREATE TYPE "public"."target_flow" AS ENUM('supply', 'uptake', 'both');--> statement-breakpoint
DROP INDEX "alliance_sub_target_alliance_idx";--> statement-breakpoint
ALTER TABLE "alliance" ALTER COLUMN "target_flow" SET DATA TYPE "public"."target_flow" USING "target_flow"::text::"public"."target_flow";--> statement-breakpoint
ALTER TABLE "alliance_target_history" ALTER COLUMN "target_flow" SET DATA TYPE "public"."target_flow" USING "target_flow"::text::"public"."target_flow";--> statement-breakpoint
CREATE UNIQUE INDEX "alliance_sub_target_label_idx" ON "alliance_sub_target" USING btree ("alliance_id","label");