import { schema } from '@concord/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { requiredText } from '../../lib/validate.ts';
import {
  asRowError,
  asRowErrorOf,
  choice,
  day,
  integer,
  key,
  type PlanState,
  RowError,
  type SheetRows,
} from './plan-rules.ts';

/** Signatures: the live one an organisation has already stays; a new one is active from the day it was signed. */
export async function planSignatures(state: PlanState, rows: SheetRows['rows']): Promise<void> {
  const { ctx, record, resolve, writes, live, signatories } = state;
  const { tx, allianceId } = ctx;
  const versions = new Map<number, string>();
  for (const v of await tx
    .select({ id: schema.declarationVersion.id, version: schema.declarationVersion.version })
    .from(schema.declarationVersion)
    .where(
      and(eq(schema.declarationVersion.allianceId, allianceId), sql`${schema.declarationVersion.status} <> 'draft'`),
    )) {
    versions.set(v.version, v.id);
  }
  const seenSignatures = new Map<string, number>();
  for (const { line, cells } of rows) {
    const keyValue = cells.organisation_key || null;
    try {
      const organisationId = resolve(
        'organisations',
        key(cells.organisation_key ?? '', 'organisation_key'),
        'organisation_key',
      );
      const versionId = versions.get(integer(cells.declaration_version ?? '', 'declaration_version'));
      if (!versionId)
        throw new RowError('declaration_version', 'The alliance has published no declaration version of this number.');
      const signedAt = day(cells.signed_on ?? '', 'signed_on', ctx.today);
      const signerName = asRowErrorOf(() => requiredText(cells.signer_name, 'signer_name', { max: 200, isName: true }));
      const signerJobTitle = asRowErrorOf(() => requiredText(cells.signer_job_title, 'signer_job_title', { max: 200 }));
      const earlier = seenSignatures.get(organisationId);
      if (earlier)
        throw new RowError('organisation_key', `This organisation’s signature is at line ${earlier} already.`);
      seenSignatures.set(organisationId, line);
      if (live.has(organisationId)) {
        record('signatures', line, keyValue, 'unchanged');
        continue;
      }
      writes.signatures.push({
        allianceId,
        declarationVersionId: versionId,
        organisationId,
        signerName,
        signerJobTitle,
        status: 'active',
        signedAt,
        confirmedAt: signedAt,
        reviewedAt: signedAt,
        reviewedByPersonId: ctx.actorPersonId,
        activatedAt: signedAt,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      signatories.add(organisationId);
      record('signatures', line, keyValue, 'new');
    } catch (error) {
      record('signatures', line, keyValue, 'error', asRowError(error));
    }
  }
}

/** Working-group memberships, in groups the alliance has, of active signatories. */
export async function planMemberships(state: PlanState, rows: SheetRows['rows']): Promise<void> {
  const { ctx, record, resolve, writes, isSignatory, groups, groupOf } = state;
  const { tx } = ctx;
  const memberships = new Set<string>();
  const groupIds = [...groups.values()];
  for (const m of groupIds.length
    ? await tx
        .select({ g: schema.workingGroupMember.workingGroupId, o: schema.workingGroupMember.organisationId })
        .from(schema.workingGroupMember)
        .where(inArray(schema.workingGroupMember.workingGroupId, groupIds))
    : []) {
    memberships.add(`${m.g}:${m.o}`);
  }
  const seenMemberships = new Map<string, number>();
  for (const { line, cells } of rows) {
    const keyValue = cells.organisation_key || null;
    try {
      const organisationId = resolve(
        'organisations',
        key(cells.organisation_key ?? '', 'organisation_key'),
        'organisation_key',
      );
      const workingGroupId = groupOf(cells.working_group ?? '', 'working_group');
      const role = choice(schema.workingGroupRoles, cells.role ?? '', 'role');
      const joinedAt = day(cells.joined_on ?? '', 'joined_on', ctx.today);
      const pair = `${workingGroupId}:${organisationId}`;
      const earlier = seenMemberships.get(pair);
      if (earlier) throw new RowError('working_group', `This membership is at line ${earlier} already.`);
      seenMemberships.set(pair, line);
      if (memberships.has(pair)) {
        record('memberships', line, keyValue, 'unchanged');
        continue;
      }
      isSignatory(organisationId);
      writes.memberships.push({ workingGroupId, organisationId, role, joinedAt });
      record('memberships', line, keyValue, 'new');
    } catch (error) {
      record('memberships', line, keyValue, 'error', asRowError(error));
    }
  }
}
