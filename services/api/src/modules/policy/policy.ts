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

/** A chair or co-chair of a working group: the organisation holding it, and the person named to chair for it. */
export interface ChairHolder {
  organisationId: string;
  /** Null when no person was named: every representative of the organisation acts for it. */
  personId: string | null;
}

/** Every operation that needs a right, with the facts about its object that decide it. */
export type Operation =
  | { action: 'organisation.register' }
  /**
   * Seeing an organisation's representatives, inviting and removing them: its representatives, and the secretariat
   * of an alliance the organisation signed (or tried to).
   */
  | { action: 'organisation.manageRepresentatives'; organisationId: string; allianceIds: readonly string[] }
  /** Correcting an organisation's name, country, kind, size, stages, website, register number: `allianceIds` it signed. */
  | { action: 'organisation.edit'; organisationId: string; allianceIds: readonly string[] }
  /**
   * Merging a duplicate into another organisation: it touches every alliance the duplicate signed (`allianceIds`), so
   * the secretariat of each of them, or a platform administrator.
   */
  | { action: 'organisation.merge'; allianceIds: readonly string[] }
  /** Setting up a new alliance: a platform administrator's. */
  | { action: 'alliance.create' }
  /** Changing an alliance's name, purpose, contact, signing window, languages, target and sub-targets. */
  | { action: 'alliance.edit'; allianceId: string }
  /** Seeing who is in the secretariat, appointing and removing its members. */
  | { action: 'alliance.manageSecretariat'; allianceId: string }
  /** Reading, writing, publishing and discarding the draft of the declaration's next version. */
  | { action: 'declaration.edit'; allianceId: string }
  /** Adding a translation to the draft or to the version in force, replacing or removing the draft's. */
  | { action: 'declaration.translate'; allianceId: string }
  | { action: 'signature.sign'; organisationId: string }
  | { action: 'signature.withdraw'; organisationId: string }
  | { action: 'signature.review'; allianceId: string }
  | { action: 'alliance.viewReviewQueue'; allianceId: string }
  | { action: 'alliance.viewFailedEmails'; allianceId: string }
  | { action: 'signature.viewDuplicateFlags'; allianceId: string }
  | { action: 'workingGroup.manage'; allianceId: string }
  /**
   * Appointing and removing members of the alliance's steering committee, and seeing whom it can be chosen from
   * (docs/adr/0035). A seat gives no right of its own.
   */
  | { action: 'steeringCommittee.manage'; allianceId: string }
  | { action: 'workingGroup.join'; organisationId: string }
  | {
      action: 'workingGroup.removeMember';
      allianceId: string;
      /** Who holds the group's chair and co-chairs (working-group/chairs.ts). */
      chairs: readonly ChairHolder[];
    }
  /**
   * Scheduling, changing and cancelling a meeting, writing its script, taking attendance, writing and publishing
   * its minutes: the group's chairs and co-chairs, or the secretariat (alone for a plenary: no chairs).
   */
  | { action: 'meeting.manage'; allianceId: string; chairs: readonly ChairHolder[] }
  /**
   * Publishing, answering or hiding a comment on a meeting's minutes, and seeing the pending ones: the group's chairs
   * and co-chairs, or the secretariat (alone for a plenary).
   */
  | { action: 'meetingComment.moderate'; allianceId: string; chairs: readonly ChairHolder[] }
  | { action: 'pledge.edit'; organisationId: string }
  | {
      action: 'pledge.view';
      allianceId: string;
      organisationId: string;
      /** Who holds the chairs of the pledge's working group, if it has one. */
      chairs: readonly ChairHolder[];
    }
  | {
      action: 'pledge.review';
      allianceId: string;
      organisationId: string;
      chairs: readonly ChairHolder[];
    }
  /** A pledge that is still a draft: private to its organisation. */
  | { action: 'pledge.viewDraft'; organisationId: string }
  /** Every pledge under review in the alliance, whatever its group: the secretariat's queue. */
  | { action: 'pledge.reviewAny'; allianceId: string }
  | { action: 'campaign.open'; allianceId: string }
  /** Extending, closing and reopening a reporting campaign: the secretariat's. */
  | { action: 'campaign.changeDates'; allianceId: string }
  /** Bringing in the register the alliance kept before (docs/register-import.md): the secretariat's. */
  | { action: 'register.import'; allianceId: string }
  /** Writing, previewing and sending announcements to the signatories: the secretariat's. */
  | { action: 'announcement.send'; allianceId: string }
  /** Who was reminded and who has not reported: the secretariat's working lists. */
  | { action: 'campaign.viewWorkingLists'; allianceId: string }
  /** Submitting a report, answering a query on it, attaching its evidence. */
  | { action: 'report.submit'; organisationId: string }
  /** Validating, querying and reopening reports, and the validation queue. */
  | { action: 'report.validate'; allianceId: string }
  /**
   * Reports not (yet) validated and the earlier figures of a report: between the organisation and the
   * secretariat. `organisationId` null: the reports of the whole alliance.
   */
  | { action: 'report.viewAll'; allianceId: string; organisationId: string | null }
  /**
   * A document that is not public (docs/visibility.md): its organisation's, the secretariat's, and for a pledge
   * statement the pledge's group chairs'. `organisationId` null: a file nothing refers to, the secretariat's.
   */
  | {
      action: 'document.read';
      allianceId: string;
      organisationId: string | null;
      chairs: readonly ChairHolder[];
    }
  /** Recording a commitment, changing what, who and when: the group's chairs (none for the alliance's own) and the secretariat. */
  | { action: 'commitment.manage'; allianceId: string; chairs: readonly ChairHolder[] }
  /** Reporting progress on a commitment, and seeing its named person: the taskholder, the group's chairs, the secretariat. */
  | {
      action: 'commitment.report';
      allianceId: string;
      organisationId: string;
      chairs: readonly ChairHolder[];
    }
  /** A signature's personal details (the signer's name and job title, reasons given): the organisation's and the secretariat's. */
  | { action: 'signature.viewPrivate'; allianceId: string; organisationId: string }
  /**
   * Acting on a person's request about their personal data (exporting it, erasing it): the person themselves; the
   * secretariat of an alliance the person takes part in; a platform administrator. Only an administrator acts
   * for another administrator.
   */
  | {
      action: 'person.actOnRequest';
      personId: string;
      /** Alliances the person takes part in: as staff, or representing an organisation that signed (or tried to). */
      allianceIds: readonly string[];
      isPlatformAdministrator: boolean;
    };

const isSecretariat = (actor: Actor, allianceId: string) =>
  actor.secretariatOf.has(allianceId) || actor.isPlatformAdministrator;

/**
 * The chair the actor holds, if any: they represent its organisation and are the person named to chair for it, or no
 * person was named (docs/adr/0033-chairs-are-people.md).
 */
export const heldChair = (actor: Actor, chairs: readonly ChairHolder[]): ChairHolder | undefined =>
  chairs.find(
    (c) => actor.organisationIds.has(c.organisationId) && (c.personId === null || c.personId === actor.personId),
  );

const isChair = (actor: Actor, chairs: readonly ChairHolder[]) => heldChair(actor, chairs) !== undefined;

/** The one answer to "may this person do this to that object". Pure: tests walk the whole matrix. */
export function can(actor: Actor | null, operation: Operation): boolean {
  if (!actor) return false;
  switch (operation.action) {
    case 'organisation.register':
      return true;
    case 'alliance.create':
      return actor.isPlatformAdministrator;
    case 'organisation.edit':
      return actor.isPlatformAdministrator || operation.allianceIds.some((id) => actor.secretariatOf.has(id));
    case 'organisation.merge':
      return (
        actor.isPlatformAdministrator ||
        (operation.allianceIds.length > 0 && operation.allianceIds.every((id) => actor.secretariatOf.has(id)))
      );
    case 'organisation.manageRepresentatives':
      return (
        actor.organisationIds.has(operation.organisationId) ||
        actor.isPlatformAdministrator ||
        operation.allianceIds.some((id) => actor.secretariatOf.has(id))
      );
    case 'alliance.edit':
    case 'alliance.manageSecretariat':
    case 'declaration.edit':
    case 'declaration.translate':
      return isSecretariat(actor, operation.allianceId);
    case 'signature.sign':
    case 'signature.withdraw':
      return actor.organisationIds.has(operation.organisationId);
    case 'signature.review':
    case 'alliance.viewReviewQueue':
    case 'alliance.viewFailedEmails':
    case 'signature.viewDuplicateFlags':
    case 'workingGroup.manage':
    case 'steeringCommittee.manage':
      return isSecretariat(actor, operation.allianceId);
    case 'workingGroup.join':
    case 'pledge.edit':
    case 'report.submit':
      return actor.organisationIds.has(operation.organisationId);
    case 'pledge.viewDraft':
      return actor.organisationIds.has(operation.organisationId) || actor.isPlatformAdministrator;
    case 'pledge.reviewAny':
    case 'campaign.open':
    case 'campaign.changeDates':
    case 'register.import':
    case 'announcement.send':
    case 'campaign.viewWorkingLists':
    case 'report.validate':
      return isSecretariat(actor, operation.allianceId);
    case 'report.viewAll':
      return (
        isSecretariat(actor, operation.allianceId) ||
        (operation.organisationId !== null && actor.organisationIds.has(operation.organisationId))
      );
    case 'document.read':
      return (
        isSecretariat(actor, operation.allianceId) ||
        (operation.organisationId !== null && actor.organisationIds.has(operation.organisationId)) ||
        isChair(actor, operation.chairs)
      );
    case 'signature.viewPrivate':
      return isSecretariat(actor, operation.allianceId) || actor.organisationIds.has(operation.organisationId);
    case 'commitment.manage':
    case 'workingGroup.removeMember':
    case 'meeting.manage':
    case 'meetingComment.moderate':
      return isSecretariat(actor, operation.allianceId) || isChair(actor, operation.chairs);
    case 'commitment.report':
    case 'pledge.view':
      return (
        actor.organisationIds.has(operation.organisationId) ||
        isSecretariat(actor, operation.allianceId) ||
        isChair(actor, operation.chairs)
      );
    case 'person.actOnRequest':
      if (actor.personId === operation.personId || actor.isPlatformAdministrator) return true;
      return !operation.isPlatformAdministrator && operation.allianceIds.some((id) => actor.secretariatOf.has(id));
    case 'pledge.review':
      // A chair never reviews their own organisation's pledge: the secretariat does.
      if (isSecretariat(actor, operation.allianceId)) return true;
      return isChair(actor, operation.chairs) && !actor.organisationIds.has(operation.organisationId);
  }
}

const ONLY_SECRETARIAT = 'Only the secretariat of the alliance may do this.';
const ONLY_REPRESENTATIVE = 'Only a representative of the organisation may do this.';
/** What a refusal says where "You may not do this." would leave the caller guessing who may. */
const REFUSALS: Partial<Record<Operation['action'], string>> = {
  'alliance.create': 'Only a platform administrator may set up an alliance.',
  'organisation.edit': 'Only the secretariat of an alliance the organisation signed may correct it.',
  'organisation.merge': 'Only the secretariat of every alliance the duplicate signed may merge it.',
  'organisation.manageRepresentatives':
    'Only a representative of the organisation, or the secretariat of an alliance it signed, may do this.',
  'alliance.edit': ONLY_SECRETARIAT,
  'alliance.manageSecretariat': ONLY_SECRETARIAT,
  'steeringCommittee.manage': ONLY_SECRETARIAT,
  'declaration.edit': ONLY_SECRETARIAT,
  'declaration.translate': ONLY_SECRETARIAT,
  'campaign.open': ONLY_SECRETARIAT,
  'campaign.changeDates': ONLY_SECRETARIAT,
  'register.import': ONLY_SECRETARIAT,
  'announcement.send': ONLY_SECRETARIAT,
  'report.validate': ONLY_SECRETARIAT,
  'report.submit': ONLY_REPRESENTATIVE,
  'meeting.manage': 'Only a chair of the working group or the secretariat of the alliance may do this.',
  'meetingComment.moderate':
    'Only a chair of the working group or the secretariat of the alliance may moderate comments.',
  'commitment.manage': 'Only a chair of the group or the secretariat of the alliance may do this.',
  'commitment.report': 'Only the taskholder, a chair of the group or the secretariat may do this.',
};

/** Throws UNAUTHENTICATED for the public: before looking anything up that the public may not learn about. */
export function authenticate(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
}

/** Throws UNAUTHENTICATED for the public and FORBIDDEN for a person without the right. */
export function authorize(actor: Actor | null, operation: Operation): asserts actor is Actor {
  authenticate(actor);
  if (!can(actor, operation)) {
    throw new DomainError('FORBIDDEN', REFUSALS[operation.action] ?? 'You may not do this.');
  }
}
