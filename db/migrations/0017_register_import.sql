CREATE TYPE "public"."register_import_status" AS ENUM('checked', 'confirmed');--> statement-breakpoint
CREATE TABLE "register_import" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alliance_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"csv_sheet" text,
	"file_sha256" char(64) NOT NULL,
	"byte_size" integer NOT NULL,
	"content" "bytea",
	"status" "register_import_status" DEFAULT 'checked' NOT NULL,
	"totals" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"uploaded_by_person_id" uuid,
	"confirmed_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "register_import_format" CHECK ("register_import"."format" in ('csv', 'xlsx')),
	CONSTRAINT "register_import_sha_format" CHECK ("register_import"."file_sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "register_import_confirmed_has_date" CHECK ("register_import"."status" <> 'confirmed' or "register_import"."confirmed_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "register_import_key" (
	"alliance_id" uuid NOT NULL,
	"sheet" text NOT NULL,
	"key" text NOT NULL,
	"object_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "register_import_key_alliance_id_sheet_key_pk" PRIMARY KEY("alliance_id","sheet","key"),
	CONSTRAINT "register_import_key_sheet" CHECK ("register_import_key"."sheet" in ('organisations', 'pledges')),
	CONSTRAINT "register_import_key_length" CHECK (length("register_import_key"."key") between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "register_import" ADD CONSTRAINT "register_import_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_import" ADD CONSTRAINT "register_import_uploaded_by_person_id_person_id_fk" FOREIGN KEY ("uploaded_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_import" ADD CONSTRAINT "register_import_confirmed_by_person_id_person_id_fk" FOREIGN KEY ("confirmed_by_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_import_key" ADD CONSTRAINT "register_import_key_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_import_key" ADD CONSTRAINT "register_import_key_import_id_register_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."register_import"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "register_import_alliance_idx" ON "register_import" USING btree ("alliance_id","created_at");