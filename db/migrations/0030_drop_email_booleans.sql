ALTER TABLE "person" DROP COLUMN "review_emails";--> statement-breakpoint
ALTER TABLE "person" DROP COLUMN "announcement_emails";