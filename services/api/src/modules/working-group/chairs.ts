import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Actor, ChairHolder } from '../policy/policy.ts';
import { isActiveSignatory } from './active-member.ts';

/**
 * Who acts as a working group's chair: the one home of the rule (docs/adr/0033-chairs-are-people.md). A chair or
 * co-chair is an organisation's membership with that role; the person the secretariat named to chair for it acts
 * alone, and a chair no person was named for (imported, or appointed before chairs were people) is held by every
 * representative of the organisation. As everywhere a group's members are read, a chair counts while its
 * organisation is an active signatory of the group's alliance: one that withdrew is out of the public list of
 * chairs and holds no chair's right, and holds both again if it signs again.
 */
const { organisation, organisationMember, person, signature, workingGroup, workingGroupMember } = schema;

const isChairRole = sql`${workingGroupMember.role} in ('chair', 'co_chair')`;

/**
 * Who can be named chair or co-chair: a member, not an observer (an observer follows a group's work without taking
 * part in it). The one rule behind the secretariat's list of candidates (in SQL) and appointChair's refusal.
 */
export const mayBeNamedChair = (member: { role: string }): boolean => member.role !== 'observer';
const mayBeNamedChairSql = sql`${workingGroupMember.role} <> 'observer'`;
/** The chairing organisation signs: needs `working_group_member` in scope. */
const signs = sql`exists (select 1 from signature s join working_group g on g.id = ${workingGroupMember.workingGroupId}
  where s.organisation_id = ${workingGroupMember.organisationId} and s.alliance_id = g.alliance_id and s.status = 'active')`;

/** The chair holders of each group, in the order of `groupIds` (none for a plenary's null): one statement. */
export async function loadChairHolders(db: Database, groupIds: readonly (string | null)[]): Promise<ChairHolder[][]> {
  const ids = [...new Set(groupIds.filter((id): id is string => id !== null))];
  const rows = ids.length
    ? await db
        .select({
          groupId: workingGroupMember.workingGroupId,
          organisationId: workingGroupMember.organisationId,
          personId: workingGroupMember.chairPersonId,
        })
        .from(workingGroupMember)
        .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
        .innerJoin(signature, isActiveSignatory)
        .where(and(inArray(workingGroupMember.workingGroupId, ids), isChairRole))
    : [];
  return groupIds.map((id) =>
    rows.filter((r) => r.groupId === id).map((r) => ({ organisationId: r.organisationId, personId: r.personId })),
  );
}

/** The chair holders of one group (none for a plenary). */
export async function chairHoldersOf(db: Database, workingGroupId: string | null): Promise<ChairHolder[]> {
  if (!workingGroupId) return [];
  const [holders = []] = await loadChairHolders(db, [workingGroupId]);
  return holders;
}

/**
 * The condition, on `working_group_member`, that the actor holds that chair: a chair or co-chair membership of an
 * organisation they represent, named to them or to nobody. Undefined for an actor who represents nobody.
 */
export function heldByActor(actor: Actor): SQL | undefined {
  if (actor.organisationIds.size === 0) return undefined;
  return and(
    isChairRole,
    inArray(workingGroupMember.organisationId, [...actor.organisationIds]),
    or(isNull(workingGroupMember.chairPersonId), sql`${workingGroupMember.chairPersonId} = ${actor.personId}`),
    signs,
  );
}

/** A person who acts as one of the chairs: whom a chair's e-mail goes to. */
export interface ChairPerson {
  organisationId: string;
  personId: string;
  email: string;
  locale: string;
  /** How they chose to get activity e-mail (docs/adr/0036). */
  frequency: schema.EmailFrequency;
}

/**
 * The people acting as these chairs: each named person, while they still represent the organisation, and every
 * representative of an organisation no person was named for. Once each, by e-mail address.
 */
export async function loadChairPeople(db: Database, holders: readonly ChairHolder[]): Promise<ChairPerson[]> {
  if (holders.length === 0) return [];
  const { organisationMember, person } = schema;
  const rows = await db
    .select({
      organisationId: organisationMember.organisationId,
      personId: person.id,
      email: person.email,
      locale: person.locale,
      frequency: person.activityEmailFrequency,
    })
    .from(organisationMember)
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(inArray(organisationMember.organisationId, [...new Set(holders.map((h) => h.organisationId))]))
    .orderBy(asc(person.email));
  const acts = (row: ChairPerson) =>
    holders.some(
      (h) => h.organisationId === row.organisationId && (h.personId === null || h.personId === row.personId),
    );
  const seen = new Set<string>();
  return rows.filter((row) => acts(row) && !seen.has(row.personId) && Boolean(seen.add(row.personId)));
}

/** The groups of an alliance whose chair or a co-chair the actor holds. */
export async function groupsChairedBy(db: Database, actor: Actor, allianceId: string): Promise<string[]> {
  const held = heldByActor(actor);
  if (!held) return [];
  const rows = await db
    .select({ id: workingGroupMember.workingGroupId })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .where(and(eq(workingGroup.allianceId, allianceId), held));
  return [...new Set(rows.map((r) => r.id))];
}

/** A person the secretariat can name to a role, with the organisation they would hold it for. */
export interface AppointmentCandidate {
  personId: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

/**
 * Whom the secretariat can name chair or co-chair of a group: every representative of every member organisation
 * (observers aside) that is an active signatory, by organisation then name. All of them, in one statement: a
 * group's members are not paged here.
 */
export async function loadChairCandidates(db: Database, workingGroupId: string): Promise<AppointmentCandidate[]> {
  return db
    .select({
      personId: person.id,
      name: person.name,
      organisationId: organisation.id,
      organisationName: organisation.legalName,
    })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .innerJoin(signature, isActiveSignatory)
    .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
    .innerJoin(organisationMember, eq(organisationMember.organisationId, workingGroupMember.organisationId))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(and(eq(workingGroupMember.workingGroupId, workingGroupId), mayBeNamedChairSql))
    .orderBy(asc(organisation.legalName), asc(person.name), asc(person.id));
}
