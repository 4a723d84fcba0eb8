/**
 * Generates a large alliance on a PostgreSQL server, in the database itself (`insert … select
 * generate_series(…)`): 10,000 organisations with active signatures, 6 working groups, 100,000 pledges and
 * 1,000,000 progress reports (every pledge reports every year from 2016 to 2025, one report per pledge and
 * year). Keys are derived from the row number (`md5('pledge' || n)::uuid`), so a run is repeatable. Figures
 * vary by a hash of the row, within the constraints (tonnes > 0, a withdrawn pledge has its date, a validated
 * report its validation date, a queried one its question).
 */

import { EU_MEMBER_STATES } from '@concord/schema/values';
import type postgres from 'postgres';

export const SCALE_ALLIANCE_SLUG = 'scale-alliance';
export const SCALE = { organisations: 10_000, pledges: 100_000, firstYear: 2016, lastYear: 2025 } as const;

const ALLIANCE_ID = '0190a6c4-0000-7000-8000-000000000001';
const DECLARATION_ID = '0190a6c4-0000-7000-8000-000000000002';

const COUNTRIES = EU_MEMBER_STATES;
const STAGES = [
  'polymer_producer',
  'converter',
  'brand_owner',
  'retailer',
  'consumer_organisation',
  'collector_sorter',
  'recycler',
  'reuser',
  'public_authority',
  'trade_union',
  'standardisation_body',
  'research',
];
const OTHER_KINDS = ['association', 'public_authority', 'ngo', 'research_body', 'standardisation_body', 'trade_union'];
const POLYMERS = ['LDPE', 'HDPE', 'PP', 'PS', 'EPS', 'PET', 'PVC', 'PU', 'ABS', 'PA', 'PC', 'OTHER'];
const SECTORS = [
  'packaging',
  'construction',
  'automotive',
  'electrical_electronic',
  'agriculture',
  'household_goods',
  'textiles',
  'other',
];
const GROUPS = [
  ['packaging', 'Packaging', 'sector'],
  ['construction', 'Construction', 'sector'],
  ['automotive', 'Automotive', 'sector'],
  ['electrical-electronic', 'Electrical and electronic equipment', 'sector'],
  ['agriculture', 'Agriculture', 'sector'],
  ['monitoring', 'Monitoring and data collection', 'horizontal'],
] as const;

const textArray = (values: readonly string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]`;

/** `h(seed)`: a stable pseudo-random integer 0–99 for the row, from PostgreSQL's own text hash. */
const percent = (seed: string) => `(abs(hashtext(${seed})) % 100)`;

export interface ScaleCounts {
  organisations: number;
  pledges: number;
  acceptedPledges: number;
  progressReports: number;
  validatedReports: number;
}

/** Fills an empty, migrated database; each step logged with its time. */
export async function generateScaleData(sql: postgres.Sql, log: (m: string) => void): Promise<ScaleCounts> {
  const step = async (label: string, statement: string) => {
    const started = performance.now();
    await sql.unsafe(statement);
    log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };

  await step(
    'alliance and declaration',
    `insert into alliance (id, slug, name, purpose, target_tonnes, target_flow, target_year, baseline_year, baseline_tonnes)
     values ('${ALLIANCE_ID}', '${SCALE_ALLIANCE_SLUG}', 'Scale Test Alliance', 'Benchmark data at ten times the CPA.',
             10000000, 'uptake', 2025, 2016, 4000000);
     insert into declaration_version (id, alliance_id, version, title, text, text_sha256, status, published_at)
     values ('${DECLARATION_ID}', '${ALLIANCE_ID}', 1, 'Declaration of the Scale Test Alliance',
             'We, the signatories, support the objective of the alliance.', repeat('0', 64), 'published',
             '2019-09-20T00:00:00Z');`,
  );

  await step(
    `${SCALE.organisations.toLocaleString('en')} organisations with active signatures`,
    `insert into organisation (id, legal_name, normalised_name, country, kind, size, stages)
     select md5('org' || g)::uuid,
            'Organisation ' || lpad(g::text, 5, '0') || ' ' || (array['GmbH','S.A.','B.V.','Ltd','S.p.A.'])[1 + g % 5],
            'organisation ' || g,
            (${textArray(COUNTRIES)})[1 + ${percent("'country' || g")} % ${COUNTRIES.length}],
            (case when ${percent("'kind' || g")} < 70 then 'company'
                  else (${textArray(OTHER_KINDS)})[1 + g % ${OTHER_KINDS.length}] end)::organisation_kind,
            (case when ${percent("'size' || g")} < 60 then 'sme' else 'large' end)::organisation_size,
            array[(${textArray(STAGES)})[1 + g % 12], (${textArray(STAGES)})[1 + (g / 12 + 5) % 12]]::value_chain_stage[]
     from generate_series(1, ${SCALE.organisations}) g;
     insert into signature (id, alliance_id, declaration_version_id, organisation_id, signer_name, signer_job_title,
                            status, signed_at, activated_at)
     select md5('signature' || g)::uuid, '${ALLIANCE_ID}', '${DECLARATION_ID}', md5('org' || g)::uuid,
            'Signer ' || g, 'Managing Director', 'active',
            timestamptz '2019-09-20T00:00:00Z' + (g % 1800) * interval '1 day',
            timestamptz '2019-09-21T00:00:00Z' + (g % 1800) * interval '1 day'
     from generate_series(1, ${SCALE.organisations}) g;`,
  );

  await step(
    'working groups and members',
    `insert into working_group (id, alliance_id, slug, name, kind, mandate)
     values ${GROUPS.map(([slug, name, kind], i) => `(md5('wg' || ${i + 1})::uuid, '${ALLIANCE_ID}', '${slug}', '${name}', '${kind}', 'Benchmark group.')`).join(', ')};
     insert into working_group_member (working_group_id, organisation_id, role)
     select md5('wg' || (1 + g % 6))::uuid, md5('org' || g)::uuid, 'member'::working_group_role from generate_series(1, ${SCALE.organisations}) g
     union all
     select md5('wg' || (1 + (g + 2) % 6))::uuid, md5('org' || g)::uuid, 'observer'::working_group_role
     from generate_series(1, ${SCALE.organisations}) g where g % 3 = 0;`,
  );

  // 85 % accepted, the rest spread over the other states; 55 % supply. Tonnes 1–600 a year, to the kilogram.
  await step(
    `${SCALE.pledges.toLocaleString('en')} pledges`,
    `insert into pledge (id, alliance_id, organisation_id, working_group_id, kind, polymer, sector, tonnes_per_year,
                         target_year, status, submitted_at, decided_at, withdrawn_at, withdrawal_reason)
     select md5('pledge' || g)::uuid, '${ALLIANCE_ID}', md5('org' || (1 + g % ${SCALE.organisations}))::uuid,
            case when g % 7 = 0 then null else md5('wg' || (1 + g % 6))::uuid end,
            (case when ${percent("'flow' || g")} < 55 then 'supply' else 'uptake' end)::pledge_kind,
            (${textArray(POLYMERS)})[1 + ${percent("'polymer' || g")} % 12]::polymer,
            (${textArray(SECTORS)})[1 + ${percent("'sector' || g")} % 8]::application_sector,
            (1 + abs(hashtext('tonnes' || g)) % 600 + (abs(hashtext('kg' || g)) % 1000) / 1000.0)::numeric(14,3),
            2025,
            (case when s < 85 then 'accepted' when s < 90 then 'withdrawn' when s < 94 then 'submitted'
                  when s < 97 then 'draft' else 'rejected' end)::pledge_status,
            case when s < 85 or s >= 90 then timestamptz '2019-01-15T00:00:00Z' end,
            case when s < 85 or s >= 97 then timestamptz '2019-02-15T00:00:00Z' end,
            case when s >= 85 and s < 90 then timestamptz '2022-06-30T00:00:00Z' end,
            case when s >= 85 and s < 90 then 'Production line closed.' end
     from generate_series(1, ${SCALE.pledges}) g, lateral (select ${percent("'status' || g")} as s) x;`,
  );

  // Every pledge reports every year, growing over the years: 85 % validated, 10 % submitted, 5 % queried.
  // One statement a year, as a reporting campaign brings them in.
  const started = performance.now();
  for (let year = SCALE.firstYear; year <= SCALE.lastYear; year++) {
    await sql.unsafe(
      `insert into progress_report (id, pledge_id, year, tonnes_achieved, status, submitted_at, validated_at,
                                    query_question, queried_at)
       select md5(p.id::text || ${year})::uuid, p.id, ${year},
              round(p.tonnes_per_year * (0.3 + 0.07 * (${year} - ${SCALE.firstYear})) * (0.8 + h / 250.0), 3),
              (case when h < 85 then 'validated' when h < 95 then 'submitted' else 'queried' end)::progress_report_status,
              make_timestamptz(${year + 1}, 2, 1, 0, 0, 0, 'UTC'),
              case when h < 85 then make_timestamptz(${year + 1}, 4, 1, 0, 0, 0, 'UTC') end,
              case when h >= 95 then 'Please attach the RecyClass certificate.' end,
              case when h >= 95 then make_timestamptz(${year + 1}, 3, 1, 0, 0, 0, 'UTC') end
       from pledge p, lateral (select ${percent(`p.id::text || ${year}`)} as h) x
       where p.alliance_id = '${ALLIANCE_ID}';`,
    );
  }
  log(
    `  ${(SCALE.pledges * (SCALE.lastYear - SCALE.firstYear + 1)).toLocaleString('en')} progress reports, ` +
      `one statement a year: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  await step('analyze', 'analyze');

  const [counts] = await sql<ScaleCounts[]>`
    select (select count(*)::int from organisation) as organisations,
           (select count(*)::int from pledge) as pledges,
           (select count(*)::int from pledge where status = 'accepted') as "acceptedPledges",
           (select count(*)::int from progress_report) as "progressReports",
           (select count(*)::int from progress_report where status = 'validated') as "validatedReports"`;
  if (!counts) throw new Error('no counts');
  return counts;
}
