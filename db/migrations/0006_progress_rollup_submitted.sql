ALTER TABLE "progress_achieved_rollup" ADD COLUMN "submitted_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "progress_achieved_rollup" ADD COLUMN "submitted_tonnes" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
-- The achieved rollup keeps submitted reports too, apart from the validated ones: `achievedIncludingSubmittedTonnes`
-- reads a row instead of summing a year's reports (docs/adr/0005-progress-rollups.md). Queried reports count in
-- neither. A report that changes status (submitted → validated, validated → queried, queried → submitted)
-- leaves the rollups as it was and enters them as it is, as any other change of a counted column.
ALTER TYPE progress_rollup_report ADD ATTRIBUTE status progress_report_status;
--> statement-breakpoint
-- Adds `sign` (+1 or -1) times the given accepted pledges, and their validated and submitted reports, to both
-- rollups.
CREATE OR REPLACE FUNCTION progress_rollup_add_pledges(pledges progress_rollup_pledge[], sign integer)
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
-- Adds `sign` times the given reports (validated or submitted), where their pledge is accepted, to the achieved
-- rollup.
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
  JOIN pledge p ON p.id = s.pledge_id AND p.status = 'accepted'
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
-- Reports inserted, updated or deleted: the validated and submitted ones whose figures changed (a change of
-- status is one). Their pledges and organisations are locked (FOR SHARE), so a concurrent withdrawal of the
-- pledge or change of the organisation waits for this transaction and then sees these reports.
CREATE OR REPLACE FUNCTION progress_rollup_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  leaving progress_rollup_report[] := '{}';
  entering progress_rollup_report[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    entering := ARRAY(SELECT ROW(n.pledge_id, n.year, n.tonnes_achieved, n.status)::progress_rollup_report
                      FROM new_rows n WHERE n.status IN ('validated', 'submitted'));
  ELSIF TG_OP = 'DELETE' THEN
    leaving := ARRAY(SELECT ROW(o.pledge_id, o.year, o.tonnes_achieved, o.status)::progress_rollup_report
                     FROM old_rows o WHERE o.status IN ('validated', 'submitted'));
  ELSE
    leaving := ARRAY(
      SELECT ROW(o.pledge_id, o.year, o.tonnes_achieved, o.status)::progress_rollup_report
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status IN ('validated', 'submitted')
        AND (o.status, o.pledge_id, o.year, o.tonnes_achieved) IS DISTINCT FROM
            (n.status, n.pledge_id, n.year, n.tonnes_achieved));
    entering := ARRAY(
      SELECT ROW(n.pledge_id, n.year, n.tonnes_achieved, n.status)::progress_rollup_report
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status IN ('validated', 'submitted')
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
-- The submitted reports already in the register.
SELECT progress_rollup_rebuild();
