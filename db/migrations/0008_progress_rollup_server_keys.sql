-- The rollups keep a pledge's kind, sector and organisation kind as the database spells them ('packaging'),
-- not as GraphQL does ('PACKAGING'): 0005 upper-cased them because the breakdown handed its keys to the wire
-- as they were. The API now maps enum values to GraphQL names in one place (services/api/src/graphql/enums.ts),
-- so the keys are plain enum values like the polymer already was.
CREATE OR REPLACE FUNCTION progress_rollup_keys(
  pledge_kind pledge_kind, pledge_polymer polymer, pledge_sector application_sector, working_group_id uuid,
  organisation_country text, organisation_kind organisation_kind
) RETURNS TABLE (dimension text, key text) LANGUAGE sql STABLE AS $$
  VALUES ('kind', pledge_kind::text),
         ('polymer', pledge_polymer::text),
         ('sector', pledge_sector::text),
         ('working_group', coalesce(working_group_id::text, 'NONE')),
         ('country', organisation_country),
         ('organisation_kind', organisation_kind::text)
$$;
--> statement-breakpoint
-- The rows already kept under upper-case keys: recomputed from the pledges and reports.
SELECT progress_rollup_rebuild();
