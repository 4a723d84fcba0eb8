-- Pledges lapse when their organisation stops being a signatory (docs/adr/0010-lapsed-pledges.md): status
-- `lapsed` for the pledge and for a version still open then. Hand-written from what drizzle-kit generated.
-- Not `ALTER TYPE … ADD VALUE`: the migrator runs every pending migration in one transaction, and PostgreSQL
-- refuses to use a value added in that transaction to a type that existed before it ("unsafe use of new
-- value"), so the functions and the backfill below would fail on any database already in use. A type created in
-- the transaction may be used at once: each status type is made anew and its column converted.
ALTER TYPE "public"."pledge_status" RENAME TO "pledge_status_before_lapse";--> statement-breakpoint
CREATE TYPE "public"."pledge_status" AS ENUM('draft', 'submitted', 'accepted', 'changes_requested', 'rejected', 'withdrawn', 'lapsed');--> statement-breakpoint
ALTER TABLE "pledge" DROP CONSTRAINT "pledge_withdrawn_has_date";--> statement-breakpoint
ALTER TABLE "pledge" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "pledge" ALTER COLUMN "status" TYPE "public"."pledge_status" USING "status"::text::"public"."pledge_status";--> statement-breakpoint
ALTER TABLE "pledge" ALTER COLUMN "status" SET DEFAULT 'draft';--> statement-breakpoint
ALTER TABLE "pledge" ADD CONSTRAINT "pledge_withdrawn_has_date" CHECK ("pledge"."status" <> 'withdrawn' or "pledge"."withdrawn_at" is not null);--> statement-breakpoint
DROP TYPE "public"."pledge_status_before_lapse";--> statement-breakpoint
ALTER TYPE "public"."pledge_version_status" RENAME TO "pledge_version_status_before_lapse";--> statement-breakpoint
CREATE TYPE "public"."pledge_version_status" AS ENUM('draft', 'submitted', 'changes_requested', 'accepted', 'rejected', 'superseded', 'withdrawn', 'lapsed');--> statement-breakpoint
ALTER TABLE "pledge_version" DROP CONSTRAINT "pledge_version_decision_has_comment";--> statement-breakpoint
DROP INDEX "pledge_version_one_open";--> statement-breakpoint
ALTER TABLE "pledge_version" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "pledge_version" ALTER COLUMN "status" TYPE "public"."pledge_version_status" USING "status"::text::"public"."pledge_version_status";--> statement-breakpoint
ALTER TABLE "pledge_version" ALTER COLUMN "status" SET DEFAULT 'draft';--> statement-breakpoint
ALTER TABLE "pledge_version" ADD CONSTRAINT "pledge_version_decision_has_comment" CHECK ("pledge_version"."status" not in ('changes_requested', 'rejected') or "pledge_version"."review_comment" is not null);--> statement-breakpoint
CREATE UNIQUE INDEX "pledge_version_one_open" ON "pledge_version" USING btree ("pledge_id") WHERE "pledge_version"."status" in ('draft', 'submitted', 'changes_requested');--> statement-breakpoint
DROP TYPE "public"."pledge_version_status_before_lapse";--> statement-breakpoint
ALTER TABLE "pledge" ADD COLUMN "lapsed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pledge" ADD CONSTRAINT "pledge_lapsed_has_date" CHECK ("pledge"."status" <> 'lapsed' or "pledge"."lapsed_at" is not null);--> statement-breakpoint
-- The rollups (docs/adr/0005-progress-rollups.md) now count a pledge two ways: its tonnes pledged while it is
-- accepted, and its reports while it is accepted or lapsed (reports made stay in their years). Withdrawn,
-- rejected and unaccepted pledges count in neither, as before.
CREATE FUNCTION progress_rollup_add_pledged(pledges progress_rollup_pledge[], sign integer)
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
$$;
--> statement-breakpoint
CREATE FUNCTION progress_rollup_add_achieved(pledges progress_rollup_pledge[], sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO progress_achieved_rollup AS r
    (alliance_id, dimension, year, key, kind, report_count, tonnes, submitted_count, submitted_tonnes)
  SELECT p.alliance_id, k.dimension, pr.year, k.key, p.kind,
         sign * count(*) FILTER (WHERE pr.status = 'validated'),
         sign * coalesce(sum(pr.tonnes_achieved) FILTER (WHERE pr.status = 'validated'), 0),
         sign * count(*) FILTER (WHERE pr.status = 'submitted'),
         sign * coalesce(sum(pr.tonnes_achieved) FILTER (WHERE pr.status = 'submitted'), 0)
  FROM unnest(pledges) p
  JOIN progress_report pr ON pr.pledge_id = p.id AND pr.status IN ('validated', 'submitted')
  CROSS JOIN LATERAL progress_rollup_keys(p.kind, p.polymer, p.sector, p.working_group_id, p.country,
                                          p.organisation_kind) k
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (alliance_id, dimension, year, key, kind) DO UPDATE
    SET report_count = r.report_count + excluded.report_count, tonnes = r.tonnes + excluded.tonnes,
        submitted_count = r.submitted_count + excluded.submitted_count,
        submitted_tonnes = r.submitted_tonnes + excluded.submitted_tonnes;
$$;
--> statement-breakpoint
-- Both at once, for callers that move accepted pledges whole.
CREATE OR REPLACE FUNCTION progress_rollup_add_pledges(pledges progress_rollup_pledge[], sign integer)
RETURNS void LANGUAGE sql AS $$
  SELECT progress_rollup_add_pledged(pledges, sign);
  SELECT progress_rollup_add_achieved(pledges, sign);
$$;
--> statement-breakpoint
-- Reports count where their pledge is accepted or lapsed.
CREATE OR REPLACE FUNCTION progress_rollup_add_reports(reports progress_rollup_report[], sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO progress_achieved_rollup AS r
    (alliance_id, dimension, year, key, kind, report_count, tonnes, submitted_count, submitted_tonnes)
  SELECT p.alliance_id, k.dimension, s.year, k.key, p.kind,
         sign * count(*) FILTER (WHERE s.status = 'validated'),
         sign * coalesce(sum(s.tonnes) FILTER (WHERE s.status = 'validated'), 0),
         sign * count(*) FILTER (WHERE s.status = 'submitted'),
         sign * coalesce(sum(s.tonnes) FILTER (WHERE s.status = 'submitted'), 0)
  FROM unnest(reports) s
  JOIN pledge p ON p.id = s.pledge_id AND p.status IN ('accepted', 'lapsed')
  JOIN organisation o ON o.id = p.organisation_id
  CROSS JOIN LATERAL progress_rollup_keys(p.kind, p.polymer, p.sector, p.working_group_id, o.country, o.kind) k
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (alliance_id, dimension, year, key, kind) DO UPDATE
    SET report_count = r.report_count + excluded.report_count, tonnes = r.tonnes + excluded.tonnes,
        submitted_count = r.submitted_count + excluded.submitted_count,
        submitted_tonnes = r.submitted_tonnes + excluded.submitted_tonnes;
$$;
--> statement-breakpoint
-- Pledges inserted or updated: those whose counted figures changed leave each rollup as they were and enter it
-- as they are (accepted → lapsed leaves the pledged rollup only). Their organisations are locked first (FOR
-- SHARE), so a concurrent change of an organisation's country or kind waits for this transaction and then moves
-- these pledges too.
CREATE OR REPLACE FUNCTION progress_rollup_pledge_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  leaving progress_rollup_pledge[] := '{}';
  entering progress_rollup_pledge[] := '{}';
  leaving_pledged progress_rollup_pledge[] := '{}';
  entering_pledged progress_rollup_pledge[] := '{}';
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM 1 FROM organisation org
    WHERE org.id IN (
      SELECT o.organisation_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status IN ('accepted', 'lapsed') OR n.status IN ('accepted', 'lapsed'))
        AND (o.status, o.alliance_id, o.organisation_id, o.kind, o.polymer, o.sector, o.working_group_id,
             o.tonnes_per_year) IS DISTINCT FROM
            (n.status, n.alliance_id, n.organisation_id, n.kind, n.polymer, n.sector, n.working_group_id,
             n.tonnes_per_year)
      UNION
      SELECT n.organisation_id FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.status IN ('accepted', 'lapsed') OR n.status IN ('accepted', 'lapsed'))
        AND o.organisation_id IS DISTINCT FROM n.organisation_id)
    ORDER BY org.id
    FOR SHARE;
    leaving := ARRAY(
      SELECT ROW(o.id, o.alliance_id, o.kind, o.polymer, o.sector, o.working_group_id, o.tonnes_per_year,
                 org.country, org.kind)::progress_rollup_pledge
      FROM old_rows o
      JOIN new_rows n ON n.id = o.id
      JOIN organisation org ON org.id = o.organisation_id
      WHERE o.status IN ('accepted', 'lapsed')
        AND (o.status, o.alliance_id, o.organisation_id, o.kind, o.polymer, o.sector, o.working_group_id,
             o.tonnes_per_year) IS DISTINCT FROM
            (n.status, n.alliance_id, n.organisation_id, n.kind, n.polymer, n.sector, n.working_group_id,
             n.tonnes_per_year)
      ORDER BY org.id, o.id);
    leaving_pledged := ARRAY(
      SELECT p FROM unnest(leaving) p JOIN old_rows o ON o.id = (p).id WHERE o.status = 'accepted');
    entering := ARRAY(
      SELECT ROW(n.id, n.alliance_id, n.kind, n.polymer, n.sector, n.working_group_id, n.tonnes_per_year,
                 org.country, org.kind)::progress_rollup_pledge
      FROM new_rows n
      JOIN old_rows o ON o.id = n.id
      JOIN organisation org ON org.id = n.organisation_id
      WHERE n.status IN ('accepted', 'lapsed')
        AND (o.status, o.alliance_id, o.organisation_id, o.kind, o.polymer, o.sector, o.working_group_id,
             o.tonnes_per_year) IS DISTINCT FROM
            (n.status, n.alliance_id, n.organisation_id, n.kind, n.polymer, n.sector, n.working_group_id,
             n.tonnes_per_year)
      ORDER BY org.id, n.id);
    entering_pledged := ARRAY(
      SELECT p FROM unnest(entering) p JOIN new_rows n ON n.id = (p).id WHERE n.status = 'accepted');
  ELSE
    PERFORM 1 FROM organisation org
    WHERE org.id IN (SELECT n.organisation_id FROM new_rows n WHERE n.status IN ('accepted', 'lapsed'))
    ORDER BY org.id
    FOR SHARE;
    entering := ARRAY(
      SELECT ROW(n.id, n.alliance_id, n.kind, n.polymer, n.sector, n.working_group_id, n.tonnes_per_year,
                 org.country, org.kind)::progress_rollup_pledge
      FROM new_rows n
      JOIN organisation org ON org.id = n.organisation_id
      WHERE n.status IN ('accepted', 'lapsed')
      ORDER BY org.id, n.id);
    entering_pledged := ARRAY(
      SELECT p FROM unnest(entering) p JOIN new_rows n ON n.id = (p).id WHERE n.status = 'accepted');
  END IF;
  PERFORM progress_rollup_add_pledged(leaving_pledged, -1);
  PERFORM progress_rollup_add_achieved(leaving, -1);
  PERFORM progress_rollup_add_pledged(entering_pledged, 1);
  PERFORM progress_rollup_add_achieved(entering, 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION progress_rollup_pledge_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone progress_rollup_pledge[];
BEGIN
  IF OLD.status IN ('accepted', 'lapsed') AND EXISTS (SELECT 1 FROM alliance WHERE id = OLD.alliance_id) THEN
    gone := ARRAY(
      SELECT ROW(OLD.id, OLD.alliance_id, OLD.kind, OLD.polymer, OLD.sector, OLD.working_group_id,
                 OLD.tonnes_per_year, org.country, org.kind)::progress_rollup_pledge
      FROM organisation org WHERE org.id = OLD.organisation_id
      FOR SHARE OF org);
    IF OLD.status = 'accepted' THEN
      PERFORM progress_rollup_add_pledged(gone, -1);
    END IF;
    PERFORM progress_rollup_add_achieved(gone, -1);
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION progress_rollup_organisation_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM progress_rollup_add_pledged(ARRAY(
    SELECT ROW(p.id, p.alliance_id, p.kind, p.polymer, p.sector, p.working_group_id, p.tonnes_per_year,
               o.country, o.kind)::progress_rollup_pledge
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN pledge p ON p.organisation_id = o.id
    WHERE p.status = 'accepted' AND (o.country, o.kind) IS DISTINCT FROM (n.country, n.kind)
  ), -1);
  PERFORM progress_rollup_add_achieved(ARRAY(
    SELECT ROW(p.id, p.alliance_id, p.kind, p.polymer, p.sector, p.working_group_id, p.tonnes_per_year,
               o.country, o.kind)::progress_rollup_pledge
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN pledge p ON p.organisation_id = o.id
    WHERE p.status IN ('accepted', 'lapsed') AND (o.country, o.kind) IS DISTINCT FROM (n.country, n.kind)
  ), -1);
  PERFORM progress_rollup_add_pledged(ARRAY(
    SELECT ROW(p.id, p.alliance_id, p.kind, p.polymer, p.sector, p.working_group_id, p.tonnes_per_year,
               n.country, n.kind)::progress_rollup_pledge
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN pledge p ON p.organisation_id = n.id
    WHERE p.status = 'accepted' AND (o.country, o.kind) IS DISTINCT FROM (n.country, n.kind)
  ), 1);
  PERFORM progress_rollup_add_achieved(ARRAY(
    SELECT ROW(p.id, p.alliance_id, p.kind, p.polymer, p.sector, p.working_group_id, p.tonnes_per_year,
               n.country, n.kind)::progress_rollup_pledge
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN pledge p ON p.organisation_id = n.id
    WHERE p.status IN ('accepted', 'lapsed') AND (o.country, o.kind) IS DISTINCT FROM (n.country, n.kind)
  ), 1);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION progress_rollup_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM progress_pledged_rollup;
  DELETE FROM progress_achieved_rollup;
  SELECT progress_rollup_add_pledged(ARRAY(
    SELECT ROW(p.id, p.alliance_id, p.kind, p.polymer, p.sector, p.working_group_id, p.tonnes_per_year,
               o.country, o.kind)::progress_rollup_pledge
    FROM pledge p JOIN organisation o ON o.id = p.organisation_id
    WHERE p.status = 'accepted'
  ), 1);
  SELECT progress_rollup_add_achieved(ARRAY(
    SELECT ROW(p.id, p.alliance_id, p.kind, p.polymer, p.sector, p.working_group_id, p.tonnes_per_year,
               o.country, o.kind)::progress_rollup_pledge
    FROM pledge p JOIN organisation o ON o.id = p.organisation_id
    WHERE p.status IN ('accepted', 'lapsed')
  ), 1);
$$;
--> statement-breakpoint
-- Pledges of organisations that withdrew their signature before this rule existed lapse now, on the day the
-- signature was withdrawn (the triggers move them out of the pledged rollup). Open versions lapse with them.
WITH gone AS (
  SELECT p.id, max(s.withdrawn_at) AS lapsed_at
  FROM pledge p
  JOIN signature s ON s.alliance_id = p.alliance_id AND s.organisation_id = p.organisation_id
                  AND s.status = 'withdrawn'
  WHERE p.status IN ('draft', 'submitted', 'changes_requested', 'accepted')
    AND NOT EXISTS (SELECT 1 FROM signature a WHERE a.alliance_id = p.alliance_id
                    AND a.organisation_id = p.organisation_id AND a.status = 'active')
  GROUP BY p.id
)
UPDATE pledge SET status = 'lapsed', lapsed_at = gone.lapsed_at FROM gone WHERE pledge.id = gone.id;
--> statement-breakpoint
UPDATE pledge_version v SET status = 'lapsed'
FROM pledge p
WHERE p.id = v.pledge_id AND p.status = 'lapsed' AND v.status IN ('draft', 'submitted', 'changes_requested');
