import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from '../client.ts';
import { uuidv7 } from '../ids.ts';
import {
  alliance,
  allianceStaff,
  allianceSubTarget,
  auditEvent,
  commitment,
  commitmentUpdate,
  declarationTranslation,
  declarationVersion,
  meeting,
  meetingAgendaItem,
  meetingAttendance,
  meetingComment,
  meetingDecision,
  meetingMinutes,
  type NewPledge,
  type NewPledgeVersion,
  organisation,
  organisationMember,
  person,
  pledge,
  pledgeVersion,
  progressReport,
  reportingCampaign,
  signature,
  workingGroup,
  workingGroupMember,
} from '../schema/index.ts';
import { DEMO_ALLIANCE_SLUG, SECRETARIAT_EMAIL } from './alliance.ts';
import { type DemoPlan, planDemo } from './plan.ts';
import { kgToTonnes, sumKg } from './tonnes.ts';

export { DEMO_ALLIANCE_SLUG } from './alliance.ts';
export { normaliseName } from './names.ts';
export { type DemoPlan, planDemo } from './plan.ts';

export interface SeedSummary {
  allianceSlug: string;
  organisations: number;
  activeSignatures: number;
  workingGroups: number;
  pledges: number;
  acceptedPledges: number;
  progressReports: number;
  /** Meetings of the working groups, each with its script, minutes and decisions. */
  meetings: number;
  commitments: number;
  /** Accepted supply pledges, tonnes a year, as PostgreSQL prints a numeric(14,3) sum. */
  supplyTonnes: string;
  /** Accepted uptake pledges, tonnes a year. */
  uptakeTonnes: string;
}

// 500 rows of ~15 columns stay far below PostgreSQL's 65,535 bind parameters per statement.
const BATCH = 500;

/**
 * Inserts the demo alliance in one transaction. onProgress gets short human-readable steps ("organisations 300/300").
 * Throws, writing nothing, when the demo alliance is already there.
 */
export async function seedDemo(db: Database, options?: { onProgress?: (step: string) => void }): Promise<SeedSummary> {
  const progress = options?.onProgress ?? (() => {});
  const plan = planDemo();
  progress('plan built');
  await db.transaction(async (tx) => {
    const existing = await tx.select({ id: alliance.id }).from(alliance).where(eq(alliance.slug, DEMO_ALLIANCE_SLUG));
    if (existing.length > 0) throw new Error(`The demo alliance "${DEMO_ALLIANCE_SLUG}" is already in this database.`);
    await insertPlan(tx, plan, progress);
  });
  return summarise(plan);
}

/** True when the demo alliance exists. */
export async function hasDemoData(db: Database): Promise<boolean> {
  const rows = await db
    .select({ id: alliance.id })
    .from(alliance)
    .where(eq(alliance.slug, DEMO_ALLIANCE_SLUG))
    .limit(1);
  return rows.length > 0;
}

async function insertPlan(tx: Transaction, plan: DemoPlan, progress: (step: string) => void): Promise<void> {
  await tx.insert(alliance).values(plan.alliance);
  await tx.insert(allianceSubTarget).values(plan.subTargets);
  await tx.insert(declarationVersion).values(plan.declaration);
  await tx.insert(declarationTranslation).values(plan.declarationTranslations);
  progress('alliance, sub-targets and declaration');

  // An installation may already have made the secretariat account; the demo then reuses it.
  const [existing] = await tx
    .select({ id: person.id })
    .from(person)
    .where(eq(sql`lower(${person.email})`, SECRETARIAT_EMAIL));
  const secretariatId = existing?.id ?? plan.secretariat.id;
  if (!existing) await tx.insert(person).values(plan.secretariat);
  await tx.insert(allianceStaff).values({
    allianceId: plan.alliance.id,
    personId: secretariatId,
    role: 'secretariat',
    createdAt: plan.alliance.createdAt,
    updatedAt: plan.alliance.createdAt,
  });

  const orgs = plan.organisations;
  await insertAll(
    tx,
    organisation,
    orgs.map((o) => o.row),
    'organisations',
    progress,
  );
  await insertAll(
    tx,
    person,
    orgs.map((o) => o.representative),
    'representatives',
    progress,
  );
  const members = orgs.map((o) => ({
    organisationId: o.row.id,
    personId: o.representative.id,
    jobTitle: o.jobTitle,
    createdAt: o.row.createdAt,
    updatedAt: o.row.createdAt,
  }));
  await insertAll(tx, organisationMember, members, 'organisation members', progress);
  const signatures = plan.signatures.map((s) =>
    s.reviewedByPersonId ? { ...s, reviewedByPersonId: secretariatId } : s,
  );
  await insertAll(tx, signature, signatures, 'signatures', progress);
  await insertAll(
    tx,
    workingGroup,
    plan.groups.map((g) => g.row),
    'working groups',
    progress,
  );
  await insertAll(tx, workingGroupMember, plan.groupMembers, 'working-group members', progress);
  const pledgeRows = plan.pledges.map((p) =>
    p.row.status === 'withdrawn'
      ? { ...p.row, withdrawnAt: p.row.updatedAt, withdrawalReason: 'Production line closed.' }
      : p.row,
  );
  await insertAll(tx, pledge, pledgeRows, 'pledges', progress);
  await insertAll(tx, pledgeVersion, pledgeRows.map(firstVersionOf), 'pledge versions', progress);
  await insertAll(tx, reportingCampaign, plan.campaigns, 'reporting campaigns', progress);
  await insertAll(tx, progressReport, plan.reports, 'progress reports', progress);

  // The groups' first year: meetings, their scripts, minutes and commitments, comments, and the public activity.
  const m = plan.meetings;
  await insertAll(tx, person, m.readers, 'readers', progress);
  await insertAll(tx, meeting, m.meetings, 'meetings', progress);
  await insertAll(tx, meetingAgendaItem, m.agendaItems, 'agenda items', progress);
  await insertAll(tx, meetingAttendance, m.attendance, 'attendance', progress);
  await insertAll(tx, meetingMinutes, m.minutes, 'minutes', progress);
  await insertAll(tx, meetingDecision, m.decisions, 'decisions', progress);
  await insertAll(tx, commitment, m.commitments, 'commitments', progress);
  await insertAll(tx, commitmentUpdate, m.commitmentUpdates, 'commitment updates', progress);
  await insertAll(tx, meetingComment, m.comments, 'comments', progress);
  await insertAll(tx, auditEvent, m.auditEvents, 'activity', progress);
}

/** Each demo pledge's history: one version carrying its figures, with an id derived from the pledge's. */
function firstVersionOf(row: NewPledge & { id: string }): NewPledgeVersion {
  const seed = createHash('sha256').update(`${row.id}:v1`).digest();
  const createdAt = row.createdAt ?? new Date(0);
  const status = row.status ?? 'draft';
  return {
    id: uuidv7(createdAt.getTime(), seed),
    pledgeId: row.id,
    version: 1,
    status,
    workingGroupId: row.workingGroupId ?? null,
    kind: row.kind,
    polymer: row.polymer,
    sector: row.sector,
    tonnesPerYear: row.tonnesPerYear,
    targetYear: row.targetYear,
    baselineTonnes: row.baselineTonnes ?? null,
    baselineYear: row.baselineYear ?? null,
    conditions: row.conditions ?? null,
    submittedAt: row.submittedAt ?? null,
    decidedAt: row.decidedAt ?? null,
    reviewComment:
      status === 'rejected'
        ? 'The tonnes cannot be traced to a recognised certification scheme.'
        : status === 'changes_requested'
          ? 'Please state the baseline year and the certification scheme.'
          : null,
    createdAt,
    updatedAt: row.updatedAt ?? createdAt,
  };
}

async function insertAll<T extends PgTable>(
  tx: Transaction,
  table: T,
  rows: readonly PgInsertValue<T>[],
  label: string,
  progress: (step: string) => void,
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await tx.insert(table).values(batch);
    progress(`${label} ${Math.min(start + BATCH, rows.length)}/${rows.length}`);
  }
}

function summarise(plan: DemoPlan): SeedSummary {
  const accepted = plan.pledges.filter((p) => p.row.status === 'accepted');
  const total = (kind: 'supply' | 'uptake') =>
    kgToTonnes(sumKg(accepted.filter((p) => p.row.kind === kind).map((p) => p.kg)));
  return {
    allianceSlug: plan.alliance.slug,
    organisations: plan.organisations.length,
    activeSignatures: plan.signatures.filter((s) => s.status === 'active').length,
    workingGroups: plan.groups.length,
    pledges: plan.pledges.length,
    acceptedPledges: accepted.length,
    progressReports: plan.reports.length,
    meetings: plan.meetings.meetings.length,
    commitments: plan.meetings.commitments.length,
    supplyTonnes: total('supply'),
    uptakeTonnes: total('uptake'),
  };
}
