import { DomainError } from '../../errors.ts';
import type { Actor } from '../policy/policy.ts';

/*
 * The rights of reporting, kept here until policy.ts takes them over as operations (`report.submit`,
 * `report.validate`, `campaign.open`, `report.viewAll`): the same two facts decide every one of them.
 */

/** Secretariat staff of the alliance, or a platform administrator. */
export const isSecretariat = (actor: Actor | null, allianceId: string): boolean =>
  actor !== null && (actor.secretariatOf.has(allianceId) || actor.isPlatformAdministrator);

/** A representative of the organisation. */
export const isRepresentative = (actor: Actor | null, organisationId: string): boolean =>
  actor?.organisationIds.has(organisationId) ?? false;

/** Throws UNAUTHENTICATED for the public. */
export function requireActor(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
}

/** UNAUTHENTICATED for the public, FORBIDDEN for anyone but the alliance's secretariat. */
export function requireSecretariat(actor: Actor | null, allianceId: string): asserts actor is Actor {
  requireActor(actor);
  if (!isSecretariat(actor, allianceId)) {
    throw new DomainError('FORBIDDEN', 'Only the secretariat of the alliance may do this.');
  }
}

/** UNAUTHENTICATED for the public, FORBIDDEN for anyone but the organisation's representatives. */
export function requireRepresentative(actor: Actor | null, organisationId: string): asserts actor is Actor {
  requireActor(actor);
  if (!isRepresentative(actor, organisationId)) {
    throw new DomainError('FORBIDDEN', 'Only a representative of the organisation may do this.');
  }
}
