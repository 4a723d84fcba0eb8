CREATE TABLE "progress_achieved_rollup" (
	"alliance_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"year" integer NOT NULL,
	"key" text NOT NULL,
	"kind" "pledge_kind" NOT NULL,
	"report_count" integer NOT NULL,
	"tonnes" numeric NOT NULL,
	CONSTRAINT "progress_achieved_rollup_alliance_id_dimension_year_key_kind_pk" PRIMARY KEY("alliance_id","dimension","year","key","kind"),
	CONSTRAINT "progress_achieved_rollup_dimension" CHECK ("progress_achieved_rollup"."dimension" in ('kind', 'polymer', 'sector', 'working_group', 'country', 'organisation_kind'))
);
--> statement-breakpoint
CREATE TABLE "progress_pledged_rollup" (
	"alliance_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"kind" "pledge_kind" NOT NULL,
	"pledge_count" integer NOT NULL,
	"tonnes" numeric NOT NULL,
	CONSTRAINT "progress_pledged_rollup_alliance_id_dimension_key_kind_pk" PRIMARY KEY("alliance_id","dimension","key","kind"),
	CONSTRAINT "progress_pledged_rollup_dimension" CHECK ("progress_pledged_rollup"."dimension" in ('kind', 'polymer', 'sector', 'working_group', 'country', 'organisation_kind'))
);
--> statement-breakpoint
ALTER TABLE "progress_achieved_rollup" ADD CONSTRAINT "progress_achieved_rollup_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_pledged_rollup" ADD CONSTRAINT "progress_pledged_rollup_alliance_id_alliance_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliance"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Progress rollups, kept in the transaction of every write (docs/adr/0005-progress-rollups.md). Triggers work
-- per statement on its transition tables: a bulk insert of reports is one aggregate, not one update per row.
-- Deltas are applied in key order, so concurrent writers lock rollup rows in the same order.

-- What a pledge counts under: its figures and its organisation's country and kind.
CREATE TYPE progress_rollup_pledge AS (
  id uuid, alliance_id uuid, kind pledge_kind, polymer polymer, sector application_sector, working_group_id uuid,
  tonnes numeric, country text, organisation_kind organisation_kind
);
--> statement-breakpoint
CREATE TYPE progress_rollup_report AS (pledge_id uuid, year integer, tonnes numeric);
--> statement-breakpoint
-- The rollup keys of a pledge: one per breakdown dimension, spelled as the breakdowns show them.
CREATE FUNCTION progress_rollup_keys(
  pledge_kind pledge_kind, pledge_polymer polymer, pledge_sector application_sector, working_group_id uuid,
  organisation_country text, organisation_kind organisation_kind
) RETURNS TABLE (dimension text, key text) LANGUAGE sql STABLE AS $$
  VALUES ('kind', upper(pledge_kind::text)),
         ('polymer', pledge_polymer::text),
         ('sector', upper(pledge_sector::text)),
         ('working_group', coalesce(working_group_id::text, 'NONE')),
         ('country', organisation_country),
         ('organisation_kind', upper(organisation_kind::text))
$$;
--> statement-breakpoint
-- Adds `sign` (+1 or -1) times the given accepted pledges, and their validated reports, to both rollups.
CREATE FUNCTION progress_rollup_add_pledges(pledges progress_rollup_pledge[], sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO progress_pledged_rollup AS r (alliance_id, dimension, key, kind, pledge_count, tonnes)
  SELECT p.alliance_id, k.dimension, k.key, p.kind, sign * count(*), sign * sum(p.tonnes)
  FROM unnest(pledges) p
  CROSS JOIN LATERAL progress_rollup_keys(p.kind, p.polymer, p.sector, p.working_group_id, p.country,
                                          p.organisation_kind) k
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (alliance_id, dimension, key, kind) DO UPDATE
    SET pledge_count = r.pledge_count + excluded.pledge_count, tonnes = r.tonnes + excluded.tonnes;
  INSERT INTO progress_achieved_rollup AS r (alliance_id, dimension, year, key, kind, report_count, tonnes)
  SELECT p.alliance_id, k.dimension, pr.year, k.key, p.kind, sign * count(*), sign * sum(pr.tonnes_achieved)
  FROM unnest(pledges) p
  JOIN progress_report pr ON pr.pledge_id = p.id AND pr.status = 'validated'
  CROSS JOIN LATERAL progress_rollup_keys(p.kind, p.polymer, p.sector, p.working_group_id, p.country,
                                          p.organisation_kind) k
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (alliance_id, dimension, year, key, kind) DO UPDATE
    SET report_count = r.report_count + excluded.report_count, tonnes = r.tonnes + excluded.tonnes;
$$;
--> statement-breakpoint
-- Adds `sign` times the given reports, where their pledge is accepted, to the achieved rollup.
CREATE FUNCTION progress_rollup_add_reports(reports progress_rollup_report[], sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO progress_achieved_rollup AS r (alliance_id, dimension, year, key, kind, report_count, tonnes)
  SELECT p.alliance_id, k.dimension, s.year, k.key, p.kind, sign * count(*), sign * sum(s.tonnes)
  FROM unnest(reports) s
  JOIN pledge p ON p.id = s.pledge_id AND p.status = 'accepted'
  JOIN organisation o ON o.id = p.organisation_id
  CROSS JOIN LATERAL progress_rollup_keys(p.kind, p.polymer, p.sector, p.working_group_id, o.country, o.kind) k
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (alliance_id, dimension, year, key, kind) DO UPDATE
    SET report_count = r.report_count + excluded.report_count, tonnes = r.tonnes + excluded.tonnes;
$$;
--> statement-breakpoint
-- Pledges inserted or updated: the accepted ones whose counted figures changed leave the rollups as they were
-- and enter them as they are. The organisations read are locked (FOR SHARE), so a concurrent change of their
-- country or kind waits for this transaction and then moves these pledges too.
CREATE FUNCTION progress_rollup_pledge_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM progress_rollup_add_pledges(ARRAY(
      SELECT ROW(o.id, o.alliance_id, o.kind, o.polymer, o.sector, o.working_group_id, o.tonnes_per_year,
                 org.country, org.kind)::progress_rollup_pledge
      FROM old_rows o
      JOIN new_rows n ON n.id = o.id
      JOIN organisation org ON org.id = o.organisation_id
      WHERE o.status = 'accepted'
        AND (o.status, o.alliance_id, o.organisation_id, o.kind, o.polymer, o.sector, o.working_group_id,
             o.tonnes_per_year) IS DISTINCT FROM
            (n.status, n.alliance_id, n.organisation_id, n.kind, n.polymer, n.sector, n.working_group_id,
             n.tonnes_per_year)
      ORDER BY org.id
      FOR SHARE OF org
    ), -1);
    PERFORM progress_rollup_add_pledges(ARRAY(
      SELECT ROW(n.id, n.alliance_id, n.kind, n.polymer, n.sector, n.working_group_id, n.tonnes_per_year,
                 org.country, org.kind)::progress_rollup_pledge
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
      JOIN organisation org ON org.id = n.organisation_id
      WHERE n.status = 'accepted'
        AND (o.status, o.alliance_id, o.organisation_id, o.kind, o.polymer, o.sector, o.working_group_id,
             o.tonnes_per_year) IS DISTINCT FROM
            (n.status, n.alliance_id, n.organisation_id, n.kind, n.polymer, n.sector, n.working_group_id,
             n.tonnes_per_year)
      ORDER BY org.id
      FOR SHARE OF org
    ), 1);
  ELSE
    PERFORM progress_rollup_add_pledges(ARRAY(
      SELECT ROW(n.id, n.alliance_id, n.kind, n.polymer, n.sector, n.working_group_id, n.tonnes_per_year,
                 org.country, org.kind)::progress_rollup_pledge
      FROM new_rows n
      JOIN organisation org ON org.id = n.organisation_id
      WHERE n.status = 'accepted'
      ORDER BY org.id
      FOR SHARE OF org
    ), 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER progress_rollup_pledge_insert AFTER INSERT ON pledge
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_rollup_pledge_change();
--> statement-breakpoint
CREATE TRIGGER progress_rollup_pledge_update AFTER UPDATE ON pledge
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION progress_rollup_pledge_change();
--> statement-breakpoint
-- A deleted pledge leaves before its reports are deleted with it (they cascade after the statement, when the
-- pledge can no longer be seen). When the whole alliance goes, its rollups go with it: nothing to subtract.
CREATE FUNCTION progress_rollup_pledge_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'accepted' AND EXISTS (SELECT 1 FROM alliance WHERE id = OLD.alliance_id) THEN
    PERFORM progress_rollup_add_pledges(ARRAY(
      SELECT ROW(OLD.id, OLD.alliance_id, OLD.kind, OLD.polymer, OLD.sector, OLD.working_group_id,
                 OLD.tonnes_per_year, org.country, org.kind)::progress_rollup_pledge
      FROM organisation org WHERE org.id = OLD.organisation_id
      FOR SHARE OF org
    ), -1);
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER progress_rollup_pledge_delete BEFORE DELETE ON pledge
  FOR EACH ROW EXECUTE FUNCTION progress_rollup_pledge_delete();
--> statement-breakpoint
-- Reports inserted, updated or deleted: the validated ones whose figures changed. Their pledges and
-- organisations are locked (FOR SHARE), so a concurrent withdrawal of the pledge or change of the
-- organisation waits for this transaction and then sees these reports.
CREATE FUNCTION progress_rollup_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  leaving progress_rollup_report[] := '{}';
  entering progress_rollup_report[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    entering := ARRAY(SELECT ROW(n.pledge_id, n.year, n.tonnes_achieved)::progress_rollup_report
                      FROM new_rows n WHERE n.status = 'validated');
  ELSIF TG_OP = 'DELETE' THEN
    leaving := ARRAY(SELECT ROW(o.pledge_id, o.year, o.tonnes_achieved)::progress_rollup_report
                     FROM old_rows o WHERE o.status = 'validated');
  ELSE
    leaving := ARRAY(
      SELECT ROW(o.pledge_id, o.year, o.tonnes_achieved)::progress_rollup_report
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status = 'validated'
        AND (o.status, o.pledge_id, o.year, o.tonnes_achieved) IS DISTINCT FROM
            (n.status, n.pledge_id, n.year, n.tonnes_achieved));
    entering := ARRAY(
      SELECT ROW(n.pledge_id, n.year, n.tonnes_achieved)::progress_rollup_report
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status = 'validated'
        AND (o.status, o.pledge_id, o.year, o.tonnes_achieved) IS DISTINCT FROM
            (n.status, n.pledge_id, n.year, n.tonnes_achieved));
  END IF;
  IF cardinality(leaving) + cardinality(entering) = 0 THEN
    RETURN NULL;
  END IF;
  PERFORM 1
  FROM pledge p JOIN organisation org ON org.id = p.organisation_id
  WHERE p.id IN (SELECT pledge_id FROM unnest(leaving) UNION SELECT pledge_id FROM unnest(entering))
  ORDER BY p.id
  FOR SHARE OF p, org;
  PERFORM progress_rollup_add_reports(leaving, -1);
  PERFORM progress_rollup_add_reports(entering, 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER progress_rollup_report_insert AFTER INSERT ON progress_report
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_rollup_report_change();
--> statement-breakpoint
CREATE TRIGGER progress_rollup_report_update AFTER UPDATE ON progress_report
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION progress_rollup_report_change();
--> statement-breakpoint
CREATE TRIGGER progress_rollup_report_delete AFTER DELETE ON progress_report
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION progress_rollup_report_change();
--> statement-breakpoint
-- An organisation that changes country or kind moves its accepted pledges, and their reports, between keys.
CREATE FUNCTION progress_rollup_organisation_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM progress_rollup_add_pledges(ARRAY(
    SELECT ROW(p.id, p.alliance_id, p.kind, p.polymer, p.sector, p.working_group_id, p.tonnes_per_year,
               o.country, o.kind)::progress_rollup_pledge
    FROM old_rows o
    JOIN new_rows n ON n.id = o.id
    JOIN pledge p ON p.organisation_id = o.id
    WHERE p.status = 'accepted' AND (o.country, o.kind) IS DISTINCT FROM (n.country, n.kind)
  ), -1);
  PERFORM progress_rollup_add_pledges(ARRAY(
    SELECT ROW(p.id, p.alliance_id, p.kind, p.polymer, p.sector, p.working_group_id, p.tonnes_per_year,
               n.country, n.kind)::progress_rollup_pledge
    FROM new_rows n
    JOIN old_rows o ON o.id = n.id
    JOIN pledge p ON p.organisation_id = n.id
    WHERE p.status = 'accepted' AND (o.country, o.kind) IS DISTINCT FROM (n.country, n.kind)
  ), 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER progress_rollup_organisation_update AFTER UPDATE ON organisation
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION progress_rollup_organisation_change();
--> statement-breakpoint
CREATE FUNCTION progress_rollup_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'pledge' THEN
    DELETE FROM progress_pledged_rollup;
  END IF;
  DELETE FROM progress_achieved_rollup;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER progress_rollup_pledge_truncate AFTER TRUNCATE ON pledge
  FOR EACH STATEMENT EXECUTE FUNCTION progress_rollup_truncate();
--> statement-breakpoint
CREATE TRIGGER progress_rollup_report_truncate AFTER TRUNCATE ON progress_report
  FOR EACH STATEMENT EXECUTE FUNCTION progress_rollup_truncate();
--> statement-breakpoint
-- Recomputes both rollups from the pledges and reports: the backfill below, and the repair should a write
-- ever bypass the triggers (session_replication_role = replica, a restore of some tables only).
CREATE FUNCTION progress_rollup_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM progress_pledged_rollup;
  DELETE FROM progress_achieved_rollup;
  SELECT progress_rollup_add_pledges(ARRAY(
    SELECT ROW(p.id, p.alliance_id, p.kind, p.polymer, p.sector, p.working_group_id, p.tonnes_per_year,
               o.country, o.kind)::progress_rollup_pledge
    FROM pledge p JOIN organisation o ON o.id = p.organisation_id
    WHERE p.status = 'accepted'
  ), 1);
$$;
--> statement-breakpoint
SELECT progress_rollup_rebuild();
