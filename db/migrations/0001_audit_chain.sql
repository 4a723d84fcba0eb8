-- Audit events are append-only and hash-chained (DESIGN.md, "Data").
-- Each event's hash covers the previous event's hash and this event's canonical content, so an edit or a
-- deletion made behind the application's back breaks the chain, and audit_verify_chain() finds where.

CREATE FUNCTION audit_event_hash(
  prev_hash text, seq bigint, occurred_at timestamptz, alliance_id uuid, actor_person_id uuid,
  actor_organisation_id uuid, action text, object_type text, object_id uuid, before jsonb, after jsonb
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    prev_hash, seq::text,
    to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(alliance_id::text, ''), coalesce(actor_person_id::text, ''),
    coalesce(actor_organisation_id::text, ''), action, object_type, object_id::text,
    coalesce(before::text, 'null'), coalesce(after::text, 'null')
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
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
  NEW.hash := audit_event_hash(NEW.prev_hash, NEW.seq, NEW.occurred_at, NEW.alliance_id, NEW.actor_person_id,
    NEW.actor_organisation_id, NEW.action, NEW.object_type, NEW.object_id, NEW.before, NEW.after);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
--> statement-breakpoint
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
--> statement-breakpoint
-- The first event whose stored hashes do not match a recomputation, or no row when the chain is intact.
CREATE FUNCTION audit_verify_chain() RETURNS TABLE (seq bigint, problem text) LANGUAGE sql STABLE AS $$
  WITH chain AS (
    SELECT e.*, lag(e.hash) OVER (ORDER BY e.seq) AS previous_hash, lag(e.seq) OVER (ORDER BY e.seq) AS previous_seq
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
     OR c.hash <> audit_event_hash(c.prev_hash, c.seq, c.occurred_at, c.alliance_id, c.actor_person_id,
          c.actor_organisation_id, c.action, c.object_type, c.object_id, c.before, c.after)
  ORDER BY c.seq
  LIMIT 1
$$;
