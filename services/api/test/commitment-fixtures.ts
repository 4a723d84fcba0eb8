import { schema } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import type { TestApp } from './helper.ts';

/** What the commitment tests share: the operations, a valid input, and reading what was written. */
export const COMMITMENT_FIELDS = `id title description status deadline viewerCanReport viewerCanManage
  workingGroup { slug } taskholder { id legalName } taskholderPerson { id name }
  history { at fromStatus toStatus deadline note byRole byOrganisation { id } }`;

export const CREATE_COMMITMENT = `mutation($slug: String!, $group: String, $input: CommitmentInput!, $note: String!) {
  createCommitment(allianceSlug: $slug, workingGroupSlug: $group, input: $input, note: $note) { ${COMMITMENT_FIELDS} } }`;
export const UPDATE_COMMITMENT = `mutation($id: ID!, $input: CommitmentInput!, $note: String!) {
  updateCommitment(id: $id, input: $input, note: $note) { ${COMMITMENT_FIELDS} } }`;
export const REPORT_PROGRESS = `mutation($id: ID!, $status: CommitmentStatus, $note: String!) {
  reportCommitmentProgress(id: $id, status: $status, note: $note) { ${COMMITMENT_FIELDS} } }`;
export const COMMITMENT = `query($id: ID!) { alliance(slug: "circular-plastics") { commitment(id: $id) { ${COMMITMENT_FIELDS} } } }`;

export interface CommitmentView {
  id: string;
  title: string;
  description: string | null;
  status: string;
  deadline: string;
  viewerCanReport: boolean;
  viewerCanManage: boolean;
  workingGroup: { slug: string } | null;
  taskholder: { id: string; legalName: string };
  taskholderPerson: { id: string; name: string } | null;
  history: {
    at: string;
    fromStatus: string | null;
    toStatus: string;
    deadline: string;
    note: string;
    byRole: string;
    byOrganisation: { id: string } | null;
  }[];
}

/** A date `days` from today (UTC). */
export const inDays = (days: number, from = new Date()) =>
  new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export const commitmentInput = (taskholderOrganisationId: string, overrides: Record<string, unknown> = {}) => ({
  title: 'Draft the design-for-recycling guidelines for PET trays',
  description: 'A first draft for the group to comment on.',
  taskholderOrganisationId,
  deadline: inDays(30),
  ...overrides,
});

export async function personIdOf(t: TestApp, email: string): Promise<string> {
  const [row] = await t.database.db
    .select({ id: schema.person.id })
    .from(schema.person)
    .where(eq(schema.person.email, email));
  if (!row) throw new Error(`no person ${email}`);
  return row.id;
}

export async function commitmentRows(t: TestApp): Promise<{ commitments: number; updates: number; events: number }> {
  const [row] = await t.database.rows<{ commitments: number; updates: number; events: number }>(
    sql`select (select count(*)::int from commitment) as commitments, (select count(*)::int from commitment_update) as updates,
      (select count(*)::int from audit_event where object_type = 'commitment') as events`,
  );
  return { commitments: Number(row?.commitments), updates: Number(row?.updates), events: Number(row?.events) };
}

/** An active signatory of the alliance that is not a member of the group: no taskholder for the group's tasks. */
export async function outsiderOf(t: TestApp, groupSlug: string): Promise<string> {
  const [row] = await t.database.rows<{ id: string }>(
    sql`select o.id from organisation o where exists (select 1 from signature s where s.organisation_id = o.id and s.status = 'active')
      and not exists (select 1 from working_group_member m join working_group g on g.id = m.working_group_id
        where m.organisation_id = o.id and g.slug = ${groupSlug}) order by o.legal_name limit 1`,
  );
  if (!row) throw new Error(`every signatory is in ${groupSlug}`);
  return row.id;
}
