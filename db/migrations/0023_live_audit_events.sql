-- Live updates (docs/adr/0018): every audit event is announced on the channel of live events, from inside the
-- transaction that records it. PostgreSQL delivers a NOTIFY sent in a transaction when the transaction commits, and
-- never if it rolls back, so a subscriber hears of a change exactly when the change is there to be read, whichever
-- process, use case or job made it. The announcement names the event, not what changed: no personal data, and the
-- API process reads what each subscriber may see. The chain's lock (audit_event_chain) already makes writers of audit
-- events take turns until they commit, so the lock NOTIFY takes at commit adds no waiting of its own.
CREATE FUNCTION audit_event_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('concord_live_events', json_build_object(
    'topic', 'audit-event',
    'payload', json_build_object('seq', NEW.seq, 'allianceId', NEW.alliance_id, 'action', NEW.action,
      'objectType', NEW.object_type, 'objectId', NEW.object_id))::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_announce AFTER INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_announce();
