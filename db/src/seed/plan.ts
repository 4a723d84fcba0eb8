import type { NewPerson, workingGroupMember } from '../schema/index.ts';
import { type AllianceRows, buildAlliance, SECRETARIAT_EMAIL } from './alliance.ts';
import { buildMeetings, type DemoMeetings } from './meetings.ts';
import { buildOrganisations, type DemoOrganisation } from './organisations.ts';
import { buildPledges, type DemoPledge } from './pledges.ts';
import { buildCampaigns, buildProgressReports, type CampaignRow } from './progress.ts';
import { IdMaker, Random } from './random.ts';
import { buildSignatures, type SignatureRow } from './signatures.ts';
import { ALLIANCE_CREATED, planTimelines } from './timeline.ts';
import { buildWorkingGroups, type DemoWorkingGroup } from './working-groups.ts';

/** Every row of the demo, built in memory before anything is written. */
export interface DemoPlan extends AllianceRows {
  secretariat: NewPerson & { id: string };
  organisations: DemoOrganisation[];
  signatures: SignatureRow[];
  groups: DemoWorkingGroup[];
  groupMembers: (typeof workingGroupMember.$inferInsert)[];
  pledges: DemoPledge[];
  campaigns: CampaignRow[];
  reports: ReturnType<typeof buildProgressReports>;
  /** The groups' first year in meetings: scripts, minutes, decisions, commitments, comments and their audit events. */
  meetings: DemoMeetings;
}

// One PRNG stream per part, so that changing how pledges are made does not reshuffle organisations or their ids.
const SEEDS = {
  alliance: 0x0c0c_0001,
  timelines: 0x0c0c_0002,
  organisations: 0x0c0c_0003,
  signatures: 0x0c0c_0004,
  groups: 0x0c0c_0005,
  pledges: 0x0c0c_0006,
  progress: 0x0c0c_0007,
  meetings: 0x0c0c_0008,
};

/** Pure and deterministic: the same plan, ids included, on every call. */
export function planDemo(): DemoPlan {
  const allianceIds = new IdMaker(SEEDS.alliance);
  const allianceRows = buildAlliance(allianceIds);
  const allianceId = allianceRows.alliance.id;
  const secretariat = {
    id: allianceIds.at(ALLIANCE_CREATED),
    email: SECRETARIAT_EMAIL,
    name: 'Alliance Secretariat',
    locale: 'en',
    createdAt: ALLIANCE_CREATED,
    updatedAt: ALLIANCE_CREATED,
  };
  const timelines = planTimelines(new Random(SEEDS.timelines));
  const organisations = buildOrganisations(
    new Random(SEEDS.organisations),
    new IdMaker(SEEDS.organisations),
    timelines,
  );
  const signatures = buildSignatures(
    new IdMaker(SEEDS.signatures),
    organisations,
    allianceId,
    {
      id: allianceRows.declaration.id,
      language: allianceRows.declaration.language ?? 'en',
      textSha256: allianceRows.declaration.textSha256,
    },
    secretariat.id,
  );
  const groups = buildWorkingGroups(new Random(SEEDS.groups), new IdMaker(SEEDS.groups), allianceId, organisations);
  const pledges = buildPledges(
    new Random(SEEDS.pledges),
    new IdMaker(SEEDS.pledges),
    allianceId,
    organisations,
    groups,
  );
  const progressIds = new IdMaker(SEEDS.progress);
  const campaigns = buildCampaigns(progressIds, allianceId);
  const reports = buildProgressReports(new Random(SEEDS.progress), progressIds, pledges, campaigns);
  const meetings = buildMeetings(
    new Random(SEEDS.meetings),
    new IdMaker(SEEDS.meetings),
    allianceId,
    groups,
    organisations,
  );
  return {
    ...allianceRows,
    secretariat,
    organisations,
    signatures,
    groups,
    groupMembers: groups.flatMap((g) => g.members),
    pledges,
    campaigns,
    reports,
    meetings,
  };
}
