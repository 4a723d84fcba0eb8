import { DomainError } from '../../errors.ts';

/**
 * Who the caller is, as far as rights go: loaded once per request from the session (see actor.ts).
 * `null` is the public.
 */
export interface Actor {
  personId: string;
  email: string;
  /** Organisations the person represents. */
  organisationIds: ReadonlySet<string>;
  /** Alliances whose secretariat the person belongs to. */
  secretariatOf: ReadonlySet<string>;
  isPlatformAdministrator: boolean;
}

/** Every operation that needs a right, with the facts about its object that decide it. */
export type Operation =
  | { action: 'organisation.register' }
  | { action: 'signature.sign'; organisationId: string }
  | { action: 'signature.withdraw'; organisationId: string }
  | { action: 'signature.review'; allianceId: string }
  | { action: 'alliance.viewReviewQueue'; allianceId: string }
  | { action: 'alliance.viewFailedEmails'; allianceId: string }
  | { action: 'signature.viewDuplicateFlags'; allianceId: string }
  | { action: 'workingGroup.manage'; allianceId: string }
  | { action: 'workingGroup.join'; organisationId: string }
  | {
      action: 'workingGroup.removeMember';
      allianceId: string;
      /** Organisations that chair or co-chair the group. */
      chairOrganisationIds: readonly string[];
    }
  | { action: 'pledge.edit'; organisationId: string }
  | {
      action: 'pledge.view';
      allianceId: string;
      organisationId: string;
      /** Organisations that chair or co-chair the pledge's working group, if it has one. */
      chairOrganisationIds: readonly string[];
    }
  | {
      action: 'pledge.review';
      allianceId: string;
      organisationId: string;
      chairOrganisationIds: readonly string[];
    };

const isSecretariat = (actor: Actor, allianceId: string) =>
  actor.secretariatOf.has(allianceId) || actor.isPlatformAdministrator;

/** The actor represents one of the organisations chairing the group. */
const isChair = (actor: Actor, chairOrganisationIds: readonly string[]) =>
  chairOrganisationIds.some((id) => actor.organisationIds.has(id));

/** The one answer to "may this person do this to that object". Pure: tests walk the whole matrix. */
export function can(actor: Actor | null, operation: Operation): boolean {
  if (!actor) return false;
  switch (operation.action) {
    case 'organisation.register':
      return true;
    case 'signature.sign':
    case 'signature.withdraw':
      return actor.organisationIds.has(operation.organisationId);
    case 'signature.review':
    case 'alliance.viewReviewQueue':
    case 'alliance.viewFailedEmails':
    case 'signature.viewDuplicateFlags':
    case 'workingGroup.manage':
      return isSecretariat(actor, operation.allianceId);
    case 'workingGroup.join':
    case 'pledge.edit':
      return actor.organisationIds.has(operation.organisationId);
    case 'workingGroup.removeMember':
      return isSecretariat(actor, operation.allianceId) || isChair(actor, operation.chairOrganisationIds);
    case 'pledge.view':
      return (
        actor.organisationIds.has(operation.organisationId) ||
        isSecretariat(actor, operation.allianceId) ||
        isChair(actor, operation.chairOrganisationIds)
      );
    case 'pledge.review':
      // A chair never reviews their own organisation's pledge: the secretariat does.
      if (isSecretariat(actor, operation.allianceId)) return true;
      return isChair(actor, operation.chairOrganisationIds) && !actor.organisationIds.has(operation.organisationId);
  }
}

/** Throws UNAUTHENTICATED for the public and FORBIDDEN for a person without the right. */
export function authorize(actor: Actor | null, operation: Operation): asserts actor is Actor {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  if (!can(actor, operation)) throw new DomainError('FORBIDDEN', 'You may not do this.');
}
