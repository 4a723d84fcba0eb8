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
  | { action: 'signature.viewDuplicateFlags'; allianceId: string };

const isSecretariat = (actor: Actor, allianceId: string) =>
  actor.secretariatOf.has(allianceId) || actor.isPlatformAdministrator;

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
      return isSecretariat(actor, operation.allianceId);
  }
}

/** Throws UNAUTHENTICATED for the public and FORBIDDEN for a person without the right. */
export function authorize(actor: Actor | null, operation: Operation): asserts actor is Actor {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  if (!can(actor, operation)) throw new DomainError('FORBIDDEN', 'You may not do this.');
}
