import { schema } from '@concord/db';
import { asc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { addPlatformAdministrator } from '../src/modules/platform/use-cases/add-platform-administrator.ts';
import type { TestApp } from './helper.ts';
import { signIn } from './journey.ts';

/** What the alliance set-up tests share: the operations, a valid input, a platform administrator. */

export const ADMIN = 'platform.admin@concord.example';

export const ALLIANCE_FIELDS = `id slug name purpose contactEmail languages
  signingWindow { opensOn closesOn isOpen state }
  target { tonnes flow year baselineYear baselineTonnes }
  targetHistory { target { tonnes flow year baselineYear baselineTonnes } appliesFrom replacedOn }`;

export const CREATE = `mutation($input: CreateAllianceInput!) { createAlliance(input: $input) { ${ALLIANCE_FIELDS} } }`;
export const UPDATE = `mutation($slug: String!, $input: UpdateAllianceInput!) {
  updateAlliance(slug: $slug, input: $input) { ${ALLIANCE_FIELDS} } }`;
export const CHANGE_TARGET = `mutation($slug: String!, $target: TargetInput!, $appliesFrom: Date) {
  changeAllianceTarget(slug: $slug, target: $target, appliesFrom: $appliesFrom) { ${ALLIANCE_FIELDS} } }`;
export const APPOINT = `mutation($slug: String!, $email: String!) {
  appointSecretariatMember(slug: $slug, email: $email) { secretariatMembers { id email } } }`;
export const REMOVE = `mutation($slug: String!, $personId: ID!) {
  removeSecretariatMember(slug: $slug, personId: $personId) { secretariatMembers { id email } } }`;
export const ALLIANCE = `query($slug: String!) { alliance(slug: $slug) { ${ALLIANCE_FIELDS} secretariatMembers { id email } } }`;

export const allianceInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Circular Textiles Alliance',
  slug: 'circular-textiles',
  purpose: 'Recycled fibres in new textiles, from collection to the shop floor.',
  contactEmail: 'secretariat@textiles.example',
  target: { tonnes: '1500000', flow: 'UPTAKE', year: 2030, baselineYear: 2020, baselineTonnes: '250000.5' },
  signingWindow: { opensOn: '2026-01-01', closesOn: null },
  languages: ['en', 'fr', 'de'],
  secretariatEmails: ['anna@textiles.example', 'ben@textiles.example'],
  ...overrides,
});

/** A platform administrator made by the operator's command, signed in. */
export async function signInAsAdministrator(t: TestApp, email = ADMIN): Promise<string> {
  await addPlatformAdministrator({ db: t.database.db, email });
  return signIn(t, email);
}

/** GraphQL that must succeed: its data, or the test fails with the errors. */
export async function ok<T>(t: TestApp, query: string, variables: Record<string, unknown>, cookie?: string) {
  const res = await t.graphql<T>(query, variables, cookie ? { cookie } : {});
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}

/** The first error's code and field. */
export async function refusal(t: TestApp, query: string, variables: Record<string, unknown>, cookie?: string) {
  const res = await t.graphql(query, variables, cookie ? { cookie } : {});
  const [error] = res.errors ?? [];
  return { code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message };
}

export async function auditOf(t: TestApp, allianceId: string) {
  return t.database.db
    .select()
    .from(schema.auditEvent)
    .where(eq(schema.auditEvent.objectId, allianceId))
    .orderBy(asc(schema.auditEvent.seq));
}

/** Rows of the tables an alliance's set-up writes: what a refused request must leave as it was. */
export async function setUpRows(t: TestApp) {
  const [row] = await t.database.rows<Record<string, number>>(sql`select
    (select count(*)::int from alliance) as alliances,
    (select count(*)::int from alliance_staff) as staff,
    (select count(*)::int from alliance_target_history) as targets,
    (select count(*)::int from person) as people,
    (select count(*)::int from audit_event) as events`);
  return row;
}
