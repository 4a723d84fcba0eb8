import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { JobData } from '../../jobs/definitions.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadRepresentatives } from './reporting.reads.ts';
import { loadMissingOrganisations } from './reporting-campaign.reads.ts';
import { utcDate } from './reporting-dates.ts';
import { pledgeSummary, reportUrl } from './reporting-notifications.ts';
import { isStepDue, isStepScheduled } from './reporting-schedule.ts';

const { alliance, campaignReminder, reportingCampaign } = schema;
const DAY_MS = 86_400_000;

export interface ReminderOutcome {
  /** Organisations reminded by this run (not those reminded of this step before). */
  organisations: number;
  emails: number;
  /** Why nothing was done, when nothing was. */
  skipped?: 'no-campaign' | 'not-due' | 'deadline-moved' | 'closed' | 'not-scheduled';
}

/**
 * The work of one `campaign-reminder` job: every organisation of the alliance with an accepted pledge that
 * still lacks a report for the campaign's year gets the step's e-mail, nobody else. The reminder row and the
 * e-mails are written in one transaction, and the row's unique key makes a second run of the same step (a
 * retried job, or two workers) send nothing: at-least-once jobs, exactly-once reminders. A job made for another
 * deadline than the campaign's (extended, closed, reopened since) does nothing: the new deadline has jobs of its
 * own; so does a job for a step the campaign no longer has (its reminder days or overdue notice changed). A campaign
 * the secretariat closed reminds nobody. The campaign's row is read under a share lock, so a change
 * of its dates waits for a run in progress (reminded for the deadline it had) and a run waits for a change. `now`
 * is the clock, so tests can run a step on any day.
 */
export async function sendCampaignReminders({
  db,
  jobs,
  config,
  campaignId,
  step,
  daysBefore,
  deadline,
  now = new Date(),
}: {
  db: Database;
  jobs: JobQueue;
  config: Config;
  now?: Date;
} & JobData['campaign-reminder']): Promise<ReminderOutcome> {
  const today = utcDate(now);
  return db.transaction(async (tx): Promise<ReminderOutcome> => {
    const [found] = await tx
      .select({ campaign: reportingCampaign, alliance: { id: alliance.id, name: alliance.name, slug: alliance.slug } })
      .from(reportingCampaign)
      .innerJoin(alliance, eq(alliance.id, reportingCampaign.allianceId))
      .where(eq(reportingCampaign.id, campaignId))
      .limit(1)
      .for('share', { of: reportingCampaign });
    if (!found) return { organisations: 0, emails: 0, skipped: 'no-campaign' };
    const { campaign } = found;
    if (deadline !== undefined && deadline !== campaign.deadline) {
      return { organisations: 0, emails: 0, skipped: 'deadline-moved' };
    }
    if (campaign.closedAt) return { organisations: 0, emails: 0, skipped: 'closed' };
    // A job that ran very late (workers down for days) must not remind of a deadline already passed.
    if (!isStepDue(step, campaign.deadline, today)) return { organisations: 0, emails: 0, skipped: 'not-due' };
    // Its reminder days or overdue notice changed since the job was made: the campaign's schedule now decides.
    if (!isStepScheduled(step, daysBefore, campaign, today)) {
      return { organisations: 0, emails: 0, skipped: 'not-scheduled' };
    }
    const daysLeft = Math.round((Date.parse(campaign.deadline) - Date.parse(today)) / DAY_MS);
    const [missing = []] = await loadMissingOrganisations(tx, [campaign.id]);
    if (missing.length === 0) return { organisations: 0, emails: 0 };
    const inserted = await tx
      .insert(campaignReminder)
      .values(
        missing.map((m) => ({
          campaignId: campaign.id,
          organisationId: m.organisation.id,
          step,
          daysBefore,
          deadline: campaign.deadline,
          sentAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ organisationId: campaignReminder.organisationId });
    const fresh = new Map(
      missing
        .filter((m) => inserted.some((r) => r.organisationId === m.organisation.id))
        .map((m) => [m.organisation.id, m]),
    );
    if (fresh.size === 0) return { organisations: 0, emails: 0 };
    const representatives = await loadRepresentatives(tx, [...fresh.keys()]);
    const url = reportUrl(config, found.alliance.slug, campaign.year);
    for (const person of representatives) {
      const entry = fresh.get(person.organisationId);
      if (!entry) continue;
      const common = {
        organisationName: entry.organisation.legalName,
        allianceName: found.alliance.name,
        year: campaign.year,
        deadline: campaign.deadline,
        missingPledges: entry.pledges.map(pledgeSummary),
        reportUrl: url,
      };
      const idempotencyKey = `campaign-reminder:${campaign.id}:${step}:${daysBefore}:${campaign.deadline}:${entry.organisation.id}:${person.personId}`;
      if (step === 'before_deadline') {
        await jobs.enqueue(tx, 'send-email', {
          idempotencyKey,
          template: 'progress-report-reminder',
          to: person.email,
          locale: person.locale,
          data: { ...common, daysLeft },
        });
      } else {
        await jobs.enqueue(tx, 'send-email', {
          idempotencyKey,
          template: 'progress-report-overdue',
          to: person.email,
          locale: person.locale,
          data: common,
        });
      }
    }
    await recordAudit(tx, {
      allianceId: found.alliance.id,
      action: step === 'before_deadline' ? 'reporting_campaign.reminded' : 'reporting_campaign.overdue_notice_sent',
      objectType: 'reporting_campaign',
      objectId: campaign.id,
      after: { step, daysBefore, deadline: campaign.deadline, organisations: [...fresh.keys()] },
    });
    return { organisations: fresh.size, emails: representatives.length };
  });
}
