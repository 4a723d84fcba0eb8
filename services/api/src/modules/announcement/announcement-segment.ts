import { type Database, schema } from '@concord/db';
import { and, asc, desc, eq, exists, isNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import type { OptionalRecipient } from '../mail/optional-email.ts';
import { hasReport, isCountedFor } from '../reporting/reporting.sql.ts';
import { utcDate } from '../reporting/reporting-dates.ts';
import { isNotResigned, versionInForce } from '../signing/not-resigned.ts';
import type { ParsedSegment } from './announcement-input.ts';

/**
 * Who an announcement goes to. A segment is a set of signatories (organisations whose signature in the alliance is
 * active); its recipients are their representatives who take announcements, each person once however many of the
 * segment's organisations they represent.
 */
const {
  organisation,
  organisationMember,
  person,
  pledge,
  reportingCampaign,
  signature,
  workingGroup,
  workingGroupMember,
} = schema;

/** A segment with what it names looked up: the row's columns, and what the public page says of it. */
export interface ResolvedSegment {
  kind: schema.AnnouncementSegment;
  workingGroup: schema.WorkingGroup | null;
  country: string | null;
  organisationKind: schema.OrganisationKind | null;
  campaign: schema.ReportingCampaign | null;
  declarationVersion: schema.DeclarationVersion | null;
}

const FIELD = {
  working_group: 'input.segment.workingGroupSlug',
  kind: 'input.segment.kind',
} as const;

export async function resolveSegment(
  db: Database,
  allianceId: string,
  segment: ParsedSegment,
  now: Date,
): Promise<ResolvedSegment> {
  const resolved: ResolvedSegment = {
    kind: segment.kind,
    workingGroup: null,
    country: null,
    organisationKind: null,
    campaign: null,
    declarationVersion: null,
  };
  switch (segment.kind) {
    case 'all_signatories':
      return resolved;
    case 'country':
      return { ...resolved, country: segment.country };
    case 'organisation_kind':
      return { ...resolved, organisationKind: segment.organisationKind };
    case 'working_group': {
      const [group] = await db
        .select()
        .from(workingGroup)
        .where(and(eq(workingGroup.allianceId, allianceId), eq(workingGroup.slug, segment.workingGroupSlug)))
        .limit(1);
      if (!group) throw badInput(FIELD.working_group, 'No working group of this alliance has this slug.');
      return { ...resolved, workingGroup: group };
    }
    case 'not_reported': {
      // The current campaign, or the last one: the latest that has opened.
      const [campaign] = await db
        .select()
        .from(reportingCampaign)
        .where(and(eq(reportingCampaign.allianceId, allianceId), lte(reportingCampaign.opensOn, utcDate(now))))
        .orderBy(desc(reportingCampaign.opensOn), desc(reportingCampaign.year))
        .limit(1);
      if (!campaign) throw badInput(FIELD.kind, 'No reporting campaign of this alliance has opened yet.');
      return { ...resolved, campaign };
    }
    case 'not_resigned': {
      const inForce = await versionInForce(db, allianceId);
      if (!inForce) throw badInput(FIELD.kind, 'This alliance has no declaration in force.');
      return { ...resolved, declarationVersion: inForce };
    }
  }
}

/** The organisations of the segment, as a condition on `signature` (active in the alliance) and `organisation`. */
function segmentCondition(db: Database, segment: ResolvedSegment): SQL | undefined {
  if (segment.workingGroup) {
    return exists(
      db
        .select({ one: sql`1` })
        .from(workingGroupMember)
        .where(
          and(
            eq(workingGroupMember.workingGroupId, segment.workingGroup.id),
            eq(workingGroupMember.organisationId, signature.organisationId),
          ),
        ),
    );
  }
  if (segment.country) return eq(organisation.country, segment.country);
  if (segment.organisationKind) return eq(organisation.kind, segment.organisationKind);
  if (segment.campaign) {
    // The reporting rules' own fragments: a pledge the campaign expects a report for, without one.
    return exists(
      db
        .select({ one: sql`1` })
        .from(pledge)
        .innerJoin(reportingCampaign, isCountedFor)
        .where(
          and(
            eq(reportingCampaign.id, segment.campaign.id),
            eq(pledge.organisationId, signature.organisationId),
            sql`not ${hasReport}`,
          ),
        ),
    );
  }
  // The signing rule's own condition (signing/not-resigned.ts): active, of a version older than the one in force.
  if (segment.declarationVersion) return isNotResigned(segment.declarationVersion.allianceId);
  return undefined;
}

export type Recipient = OptionalRecipient;

/** The segment's recipients now, in a stable order: one statement. */
export async function recipientsOf(db: Database, allianceId: string, segment: ResolvedSegment): Promise<Recipient[]> {
  return db
    .selectDistinct({
      personId: person.id,
      email: person.email,
      locale: person.locale,
      frequency: person.announcementEmailFrequency,
    })
    .from(signature)
    .innerJoin(organisation, eq(organisation.id, signature.organisationId))
    .innerJoin(organisationMember, eq(organisationMember.organisationId, signature.organisationId))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(
      and(
        eq(signature.allianceId, allianceId),
        eq(signature.status, 'active'),
        isNull(person.erasedAt),
        ne(person.announcementEmailFrequency, 'off'),
        segmentCondition(db, segment),
      ),
    )
    .orderBy(asc(person.id));
}
