import { type Database, schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { badInput, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { authenticate, authorize } from '../policy/policy.ts';
import { auditActionOf, type CampaignDateAction } from './campaign-date-actions.ts';
import type { Deps } from './progress-report-transitions.ts';
import { utcDate } from './reporting-dates.ts';
import { notifyOfDateChange } from './reporting-notifications.ts';
import { type ReminderStep, reminderSchedule } from './reporting-schedule.ts';

/**
 * What extending, closing and reopening a reporting campaign share (ADR 0030): the campaign's row locked for the
 * change, so that two changes at once take turns and the second sees the first (none is lost); its reminders
 * scheduled for the deadline it now has; one audit event with the dates before and after, which is also the
 * campaign's public history of its dates (`ReportingCampaign.dateChanges`).
 */
const { alliance, reportingCampaign } = schema;

/** The dates a change leaves the campaign with (its opening date and reminders only when it changes them). */
export interface NewDates {
  deadline: string;
  closedAt: Date | null;
  opensOn?: string;
  reminderDays?: number[];
  overdueNoticeDays?: number;
}

/** What the audit log keeps of a campaign's dates, before and after each change (the history reads it back). */
const datesOf = (c: schema.ReportingCampaign) => ({
  year: c.year,
  opensOn: c.opensOn,
  deadline: c.deadline,
  closedAt: c.closedAt?.toISOString() ?? null,
  reminderDays: [...c.reminderDays].sort((a, b) => b - a),
  overdueNoticeDays: c.overdueNoticeDays,
});

/**
 * Enqueues, in the caller's transaction, one job per step of the campaign's schedule still ahead, each carrying the
 * deadline it is for: a job whose deadline is no longer the campaign's, or whose step the campaign no longer has
 * (reminder days changed), does nothing (reporting-reminders.ts), so moving a date needs only the new jobs. The
 * singleton key holds the deadline and the day it goes out, so the jobs of a new deadline or a moved overdue notice
 * are never taken for those still waiting. The queue does not merge jobs of one key, so a change that keeps the
 * deadline passes the steps already queued as `waiting`, and only the new ones are added (a duplicate would send
 * nothing twice, `campaign_reminder` sees to that, but would run for nothing).
 */
export async function scheduleCampaignReminders(
  tx: Database,
  jobs: JobQueue,
  campaign: Pick<schema.ReportingCampaign, 'id' | 'deadline' | 'reminderDays' | 'overdueNoticeDays'>,
  now: Date,
  /** Steps whose jobs are queued already (the schedule before a change that kept the deadline): left out. */
  waiting: readonly ReminderStep[] = [],
): Promise<ReminderStep[]> {
  const keyOf = (s: ReminderStep) => `${s.step}:${s.daysBefore}:${s.sendOn}`;
  const queued = new Set(waiting.map(keyOf));
  const steps = reminderSchedule(campaign, now).filter((s) => !queued.has(keyOf(s)));
  for (const step of steps) {
    await jobs.enqueue(
      tx,
      'campaign-reminder',
      { campaignId: campaign.id, step: step.step, daysBefore: step.daysBefore, deadline: campaign.deadline },
      {
        startAfter: step.startAfter,
        singletonKey: `campaign-reminder:${campaign.id}:${step.step}:${step.daysBefore}:${campaign.deadline}:${step.sendOn}`,
      },
    );
  }
  return steps;
}

export const scheduledOf = (steps: readonly ReminderStep[]) =>
  steps.map((s) => ({ step: s.step, daysBefore: s.daysBefore, sendOn: s.sendOn }));

/** A new deadline within the reach a campaign's year allows (the rule of opening one: ADR 0011). */
export function checkDeadlineInReach(campaign: schema.ReportingCampaign, deadline: string): void {
  if (deadline < campaign.opensOn) {
    throw badInput('deadline', `The deadline cannot be before the campaign opened (${campaign.opensOn}).`);
  }
  const { year } = campaign;
  if (deadline < `${year + 1}-01-01` || deadline > `${year + 2}-12-31`) {
    throw badInput('deadline', `The deadline for ${year} falls once the year is over, in ${year + 1} or ${year + 2}.`);
  }
}

/**
 * Runs one change of a campaign's dates: the secretariat of the alliance only; the campaign of `year` locked in the
 * transaction, `decide` reads it as it is then (after any change that went first) and answers its new dates or
 * throws BAD_USER_INPUT; the row updated, the reminders scheduled for the new deadline (none once closed), the
 * audit event written and, unless `notify` is false, the organisations still expected to report told by e-mail, all in
 * one transaction.
 */
export async function changeCampaignDates({
  db,
  jobs,
  actor,
  allianceSlug,
  year,
  action,
  decide,
  config,
  notify,
  now = new Date(),
}: Deps & {
  allianceSlug: string;
  year: number;
  action: Exclude<CampaignDateAction, 'opened'>;
  decide: (campaign: schema.ReportingCampaign, today: string) => NewDates;
  /** Whether the organisations still expected to report are told by e-mail (notifyOfDateChange). */
  notify: boolean;
}): Promise<schema.ReportingCampaign> {
  authenticate(actor);
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, allianceSlug)).limit(1);
  if (!target) throw notFound(`No alliance has the slug "${allianceSlug}".`);
  authorize(actor, { action: 'campaign.changeDates', allianceId: target.id });
  const today = utcDate(now);
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .select()
      .from(reportingCampaign)
      .where(and(eq(reportingCampaign.allianceId, target.id), eq(reportingCampaign.year, year)))
      .limit(1)
      .for('update');
    if (!campaign) throw notFound(`No reporting campaign for ${year}.`);
    const dates = decide(campaign, today);
    const [changed] = await tx
      .update(reportingCampaign)
      .set({ ...dates, updatedAt: now })
      .where(eq(reportingCampaign.id, campaign.id))
      .returning();
    if (!changed) throw new Error('reporting campaign not changed');
    // The deadline kept (a new schedule): only the steps the old schedule did not have, whose jobs wait already.
    const waiting = changed.deadline === campaign.deadline && !campaign.closedAt ? reminderSchedule(campaign, now) : [];
    const steps = changed.closedAt ? [] : await scheduleCampaignReminders(tx, jobs, changed, now, waiting);
    const eventSeq = await recordAudit(tx, {
      allianceId: target.id,
      actorPersonId: actor.personId,
      action: auditActionOf(action),
      objectType: 'reporting_campaign',
      objectId: campaign.id,
      before: datesOf(campaign),
      after: {
        ...datesOf(changed),
        scheduled: scheduledOf(steps),
        // Whether the organisations still expected to report were told (the e-mails are keyed on this event).
        notify,
      },
    });
    if (notify && action !== 'rescheduled') {
      await notifyOfDateChange(tx, jobs, config, {
        alliance: target,
        campaign: changed,
        change: action,
        previousDeadline: campaign.deadline,
        eventSeq,
      });
    }
    return changed;
  });
}
