-- Personal data (docs/adr/0014-personal-data.md): a person's data can be exported and erased.
-- Hand-written from what drizzle-kit generated, adding audit chain version 2: an event's hash covers a salted
-- digest of its personal part (kept in audit_personal) instead of the values, so erasing the part keeps the chain
-- verifiable. Events written before this migration are chain version 1 and are verified exactly as before; none
-- of them holds a name, an e-mail address or a job title (the ADR lists what each recorded).
CREATE TABLE "audit_personal" (
	"event_seq" bigint PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"salt" char(64),
	"data" jsonb,
	"erased_at" timestamp with time zone,
	CONSTRAINT "audit_personal_whole_or_erased" CHECK (("audit_personal"."erased_at" is null and "audit_personal"."salt" is not null and "audit_personal"."data" is not null) or ("audit_personal"."erased_at" is not null and "audit_personal"."salt" is null and "audit_personal"."data" is null))
);
--> statement-breakpoint
CREATE TABLE "privacy_notice_acceptance" (
	"person_id" uuid NOT NULL,
	"version" text NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_notice_acceptance_person_id_version_pk" PRIMARY KEY("person_id","version"),
	CONSTRAINT "privacy_notice_version_shape" CHECK ("privacy_notice_acceptance"."version" ~ '^[0-9A-Za-z.-]{1,40}$')
);
--> statement-breakpoint
-- Existing events are version 1; from now on the trigger writes version 2, whatever the insert says.
ALTER TABLE "audit_event" ADD COLUMN "chain_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ALTER COLUMN "chain_version" SET DEFAULT 2;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "personal_digest" char(64);--> statement-breakpoint
ALTER TABLE "document" ADD COLUMN "content_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_personal" ADD CONSTRAINT "audit_personal_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_notice_acceptance" ADD CONSTRAINT "privacy_notice_acceptance_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_personal_person_idx" ON "audit_personal" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_personal_digest_shape" CHECK ("audit_event"."personal_digest" is null or "audit_event"."personal_digest" ~ '^[0-9a-f]{64}$');--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_chain_version_known" CHECK ("audit_event"."chain_version" in (1, 2));--> statement-breakpoint
-- The commitment to a personal part: sha256 of the salt (64 hex digits) followed by the part's jsonb text.
CREATE FUNCTION audit_personal_digest(salt text, data jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(salt || data::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Version 2 of an event's hash: version 1's fields, in the same order and form, between the tag 'v2' and the
-- personal digest (empty when the event has no personal part).
CREATE FUNCTION audit_event_hash_v2(
  prev_hash text, seq bigint, occurred_at timestamptz, alliance_id uuid, actor_person_id uuid,
  actor_organisation_id uuid, action text, object_type text, object_id uuid, before jsonb, after jsonb,
  personal_digest text
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    'v2', prev_hash, seq::text,
    to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(alliance_id::text, ''), coalesce(actor_person_id::text, ''),
    coalesce(actor_organisation_id::text, ''), action, object_type, object_id::text,
    coalesce(before::text, 'null'), coalesce(after::text, 'null'), coalesce(personal_digest, '')
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- The hash an event must carry, by its chain version.
CREATE FUNCTION audit_event_expected_hash(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE e.chain_version
    WHEN 1 THEN audit_event_hash(e.prev_hash, e.seq, e.occurred_at, e.alliance_id, e.actor_person_id,
      e.actor_organisation_id, e.action, e.object_type, e.object_id, e.before, e.after)
    WHEN 2 THEN audit_event_hash_v2(e.prev_hash, e.seq, e.occurred_at, e.alliance_id, e.actor_person_id,
      e.actor_organisation_id, e.action, e.object_type, e.object_id, e.before, e.after, e.personal_digest)
  END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  -- One writer at a time extends the chain; the lock is held until the transaction ends.
  PERFORM pg_advisory_xact_lock(hashtext('concord.audit_event_chain'));
  SELECT e.seq, e.hash INTO last_seq, last_hash FROM audit_event e ORDER BY e.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.chain_version := 2;
  NEW.hash := audit_event_expected_hash(NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- The same answer as before for version 1 events; version 2 events are recomputed with their personal digest.
CREATE OR REPLACE FUNCTION audit_verify_chain() RETURNS TABLE (seq bigint, problem text) LANGUAGE sql STABLE AS $$
  WITH chain AS (
    SELECT e AS event, e.seq, e.prev_hash, e.hash,
      lag(e.hash) OVER (ORDER BY e.seq) AS previous_hash, lag(e.seq) OVER (ORDER BY e.seq) AS previous_seq
    FROM audit_event e
  )
  SELECT c.seq, CASE
      WHEN c.seq <> coalesce(c.previous_seq, 0) + 1 THEN 'missing event before this one'
      WHEN c.prev_hash <> coalesce(c.previous_hash, repeat('0', 64)) THEN 'prev_hash does not match the previous event'
      ELSE 'content does not match its hash'
    END
  FROM chain c
  WHERE c.seq <> coalesce(c.previous_seq, 0) + 1
     OR c.prev_hash <> coalesce(c.previous_hash, repeat('0', 64))
     OR c.hash IS DISTINCT FROM audit_event_expected_hash(c.event)
  ORDER BY c.seq
  LIMIT 1
$$;
--> statement-breakpoint
-- A personal part is written with its event and must match the event's digest; afterwards the one change allowed
-- is its erasure (salt and data to null, erased_at set), and it is never deleted.
CREATE FUNCTION audit_personal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.erased_at IS NOT NULL OR NOT EXISTS (
      SELECT 1 FROM audit_event e
      WHERE e.seq = NEW.event_seq AND e.personal_digest = audit_personal_digest(NEW.salt, NEW.data)
    ) THEN
      RAISE EXCEPTION 'audit_personal % does not match its event''s personal digest', NEW.event_seq
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.salt IS NULL
     AND NEW.data IS NULL AND NEW.event_seq = OLD.event_seq AND NEW.person_id = OLD.person_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_personal may only be erased: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_personal_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_personal
  FOR EACH ROW EXECUTE FUNCTION audit_personal_guard();
--> statement-breakpoint
CREATE TRIGGER audit_personal_no_truncate BEFORE TRUNCATE ON audit_personal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
--> statement-breakpoint
-- Personal parts that do not match their event, or an event whose digest has no part: the first one, or no row.
-- An erased part matches by definition: its digest stays in the chain, its values are gone.
CREATE FUNCTION audit_verify_personal() RETURNS TABLE (seq bigint, problem text) LANGUAGE sql STABLE AS $$
  SELECT e.seq, CASE
      WHEN p.event_seq IS NULL THEN 'personal part missing'
      WHEN e.personal_digest IS NULL THEN 'personal part of an event without a personal digest'
      ELSE 'personal part does not match its digest'
    END
  FROM audit_event e
  FULL JOIN audit_personal p ON p.event_seq = e.seq
  WHERE (e.personal_digest IS NOT NULL AND p.event_seq IS NULL)
     OR (p.event_seq IS NOT NULL AND e.personal_digest IS NULL)
     OR (p.erased_at IS NULL AND p.event_seq IS NOT NULL
         AND e.personal_digest IS DISTINCT FROM audit_personal_digest(p.salt, p.data))
  ORDER BY e.seq
  LIMIT 1
$$;
