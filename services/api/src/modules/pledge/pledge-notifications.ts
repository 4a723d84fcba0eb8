import { type Database, schema } from '@concord/db';
import type { PledgeDecision, PledgeSummary } from '@concord/notifications';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { type OptionalRecipient, sendOptionalEmail } from '../mail/optional-email.ts';
import { chairHoldersOf, loadChairPeople } from '../working-group/chairs.ts';
import { namesFor } from './pledge.reads.ts';

/**
 * The e-mails of a pledge's transitions, enqueued in the caller's transaction: they go out if and only if the
 * transition commits. Idempotency keys carry the moment of the transition, because a version can be
 * submitted (and sent back) more than once.
 */
const { allianceStaff, organisationMember, person } = schema;

function summaryOf(
  row: Pick<schema.PledgeVersion, 'kind' | 'polymer' | 'tonnesPerYear' | 'targetYear'>,
  version: number,
): PledgeSummary {
  return {
    kind: row.kind,
    polymer: row.polymer,
    tonnesPerYear: row.tonnesPerYear,
    targetYear: row.targetYear,
    version,
  };
}

export interface Recipient {
  personId: string;
  email: string;
  locale: string;
}

/** The people who represent any of these organisations. */
export async function representativesOf(db: Database, organisationIds: readonly string[]): Promise<Recipient[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectDistinct({
      personId: person.id,
      email: person.email,
      locale: person.locale,
    })
    .from(organisationMember)
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(inArray(organisationMember.organisationId, [...organisationIds]))
    .orderBy(asc(person.id));
  return rows;
}

const pledgeUrl = (config: Config, allianceSlug: string, pledgeId: string) =>
  `${config.publicUrl}/account/pledges?alliance=${encodeURIComponent(allianceSlug)}#pledge-${pledgeId}`;

/**
 * The reviewers of a submitted version: the representatives of the organisations chairing its working group,
 * except the pledging organisation itself; the secretariat where there is no group (or no other chair).
 */
export async function notifyReviewers(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  {
    row,
    version,
    isAmendment,
    now,
  }: { row: schema.Pledge; version: schema.PledgeVersion; isAmendment: boolean; now: Date },
) {
  const chairs = await chairHoldersOf(tx, version.workingGroupId);
  const chairRepresentatives = await loadChairPeople(
    tx,
    chairs.filter((c) => c.organisationId !== row.organisationId),
  );
  // Reviewers who asked for no review e-mail get none; whose review it is does not change.
  let recipients: OptionalRecipient[] = chairRepresentatives.filter((r) => r.frequency !== 'off');
  const isForSecretariat = chairRepresentatives.length === 0;
  if (isForSecretariat) {
    recipients = await tx
      .selectDistinct({
        personId: person.id,
        email: person.email,
        locale: person.locale,
        frequency: person.activityEmailFrequency,
      })
      .from(allianceStaff)
      .innerJoin(person, eq(person.id, allianceStaff.personId))
      .where(
        and(
          eq(allianceStaff.allianceId, row.allianceId),
          eq(allianceStaff.role, 'secretariat'),
          ne(person.activityEmailFrequency, 'off'),
        ),
      );
  }
  const names = await namesFor(tx, { ...row, workingGroupId: version.workingGroupId });
  for (const recipient of recipients) {
    await sendOptionalEmail(tx, jobs, config, {
      recipient,
      template: 'pledge-submitted',
      idempotencyKey: `pledge-submitted:${version.id}:${now.getTime()}:${recipient.personId}`,
      data: {
        organisationName: names.organisationName,
        allianceName: names.allianceName,
        workingGroupName: isForSecretariat ? null : names.workingGroupName,
        pledge: summaryOf(version, version.version),
        isAmendment,
        reviewUrl: `${config.publicUrl}/alliances/${names.allianceSlug}/pledge-review`,
      },
    });
  }
}

/** The organisation's representatives learn the decision on their pledge, with the reviewer's comment. */
export async function notifyDecision(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  {
    row,
    version,
    comment,
    isAmendment,
    now,
  }: { row: schema.Pledge; version: schema.PledgeVersion; comment: string | null; isAmendment: boolean; now: Date },
) {
  const decision = version.status as PledgeDecision;
  const names = await namesFor(tx, row);
  for (const recipient of await representativesOf(tx, [row.organisationId])) {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `pledge-decided:${version.id}:${now.getTime()}:${recipient.personId}`,
      template: 'pledge-decided',
      to: recipient.email,
      locale: recipient.locale,
      data: {
        organisationName: names.organisationName,
        allianceName: names.allianceName,
        decision,
        comment,
        pledge: summaryOf(version, version.version),
        isAmendment,
        pledgeUrl: pledgeUrl(config, names.allianceSlug, row.id),
      },
    });
  }
}

/** The organisation's representatives get a record of the withdrawal (one of them made it). */
export async function notifyWithdrawal(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  { row, reason }: { row: schema.Pledge; reason: string },
) {
  const names = await namesFor(tx, row);
  for (const recipient of await representativesOf(tx, [row.organisationId])) {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `pledge-withdrawn:${row.id}:${recipient.personId}`,
      template: 'pledge-withdrawn',
      to: recipient.email,
      locale: recipient.locale,
      data: {
        organisationName: names.organisationName,
        allianceName: names.allianceName,
        pledge: summaryOf(row, row.currentVersion),
        reason,
        pledgeUrl: pledgeUrl(config, names.allianceSlug, row.id),
      },
    });
  }
}
