import { databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { conflict, notFound } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate, authorize } from '../../policy/policy.ts';
import { auditActionOf } from '../campaign-date-actions.ts';
import { scheduleCampaignReminders, scheduledOf } from '../campaign-date-change.ts';
import type { Deps } from '../progress-report-transitions.ts';
import { utcDate } from '../reporting-dates.ts';
import { type CampaignInput, parseCampaignInput } from '../reporting-input.ts';

const { alliance, reportingCampaign } = schema;

/**
 * The secretariat opens the campaign for a year and, in the same transaction, schedules its reminders as
 * jobs that wait for their date: the schedule exists if and only if the campaign does. A second campaign for
 * the same year is refused by the database's unique key, so two secretaries opening it at once end in one.
 */
export async function openReportingCampaign({
  db,
  jobs,
  actor,
  allianceSlug,
  input,
  now = new Date(),
}: Deps & { allianceSlug: string; input: CampaignInput }): Promise<schema.ReportingCampaign> {
  const values = parseCampaignInput(input, utcDate(now));
  authenticate(actor);
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, allianceSlug)).limit(1);
  if (!target) throw notFound(`No alliance has the slug "${allianceSlug}".`);
  authorize(actor, { action: 'campaign.open', allianceId: target.id });
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(reportingCampaign)
        .values({ allianceId: target.id, ...values, openedByPersonId: actor.personId, createdAt: now, updatedAt: now })
        .returning();
      if (!created) throw new Error('reporting campaign not created');
      const steps = await scheduleCampaignReminders(tx, jobs, created, now);
      await recordAudit(tx, {
        allianceId: target.id,
        actorPersonId: actor.personId,
        action: auditActionOf('opened'),
        objectType: 'reporting_campaign',
        objectId: created.id,
        after: { ...values, scheduled: scheduledOf(steps) },
      });
      return created;
    });
  } catch (error) {
    const info = databaseErrorOf(error);
    if (info?.code === SQLSTATE.uniqueViolation && info.constraint === 'reporting_campaign_alliance_year_unique') {
      throw conflict(`The reporting campaign for ${values.year} is already open.`);
    }
    throw error;
  }
}
