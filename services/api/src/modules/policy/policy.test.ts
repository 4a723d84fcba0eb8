import { describe, expect, it } from 'vitest';
import { type Actor, authorize, can, type Operation } from './policy.ts';

const actor = (overrides: Partial<Actor> = {}): Actor => ({
  personId: 'p',
  email: 'p@example.org',
  organisationIds: new Set(),
  secretariatOf: new Set(),
  isPlatformAdministrator: false,
  ...overrides,
});

const repA = actor({ organisationIds: new Set(['org-a']) });
const repB = actor({ organisationIds: new Set(['org-b']) });
/** Represents org-c, which chairs the packaging group, and also org-a. */
const chairAlsoA = actor({ organisationIds: new Set(['org-c', 'org-a']) });
const chair = actor({ organisationIds: new Set(['org-c']) });
/** Named by the secretariat to co-chair for org-d: the person, not their colleague, holds it. */
const namedChair = actor({ personId: 'p-named', organisationIds: new Set(['org-d']) });
const colleagueOfNamed = actor({ organisationIds: new Set(['org-d']) });
const secretariat = actor({ secretariatOf: new Set(['cpa']) });
const otherSecretariat = actor({ secretariatOf: new Set(['other']) });
const admin = actor({ isPlatformAdministrator: true });

const roles = {
  public: null,
  repA,
  repB,
  chair,
  chairAlsoA,
  namedChair,
  colleagueOfNamed,
  secretariat,
  otherSecretariat,
  admin,
} as const;
/** org-c's chair no person was named for (any of its representatives holds it), and org-d's named co-chair. */
const chairs = [
  { organisationId: 'org-c', personId: null },
  { organisationId: 'org-d', personId: 'p-named' },
];
type Role = keyof typeof roles;

const matrix: [Operation, Role[]][] = [
  [
    { action: 'organisation.register' },
    [
      'repA',
      'repB',
      'chair',
      'chairAlsoA',
      'namedChair',
      'colleagueOfNamed',
      'secretariat',
      'otherSecretariat',
      'admin',
    ],
  ],
  [{ action: 'alliance.create' }, ['admin']],
  [{ action: 'organisation.edit', organisationId: 'org-a', allianceIds: ['cpa'] }, ['secretariat', 'admin']],
  // Not its own representatives: the secretariat corrects the register.
  [{ action: 'organisation.edit', organisationId: 'org-a', allianceIds: [] }, ['admin']],
  [{ action: 'organisation.merge', allianceIds: ['cpa'] }, ['secretariat', 'admin']],
  // Every alliance the duplicate signed: one secretariat cannot move another alliance's signatory.
  [{ action: 'organisation.merge', allianceIds: ['cpa', 'other'] }, ['admin']],
  [{ action: 'organisation.merge', allianceIds: [] }, ['admin']],
  // Its representatives, and the secretariat of an alliance it signed (not another alliance's).
  [
    { action: 'organisation.manageRepresentatives', organisationId: 'org-a', allianceIds: ['cpa'] },
    ['repA', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  [{ action: 'alliance.edit', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'alliance.manageSecretariat', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'declaration.edit', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'declaration.translate', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'signature.sign', organisationId: 'org-a' }, ['repA', 'chairAlsoA']],
  [{ action: 'signature.withdraw', organisationId: 'org-a' }, ['repA', 'chairAlsoA']],
  [{ action: 'workingGroup.manage', allianceId: 'cpa' }, ['secretariat', 'admin']],
  // A seat on the steering committee is no right of its own: the secretariat sets the committee.
  [{ action: 'steeringCommittee.manage', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'workingGroup.join', organisationId: 'org-a' }, ['repA', 'chairAlsoA']],
  [
    { action: 'workingGroup.removeMember', allianceId: 'cpa', chairs },
    ['chair', 'namedChair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  [
    { action: 'meeting.manage', allianceId: 'cpa', chairs },
    ['chair', 'namedChair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  // A plenary has no chairs: the secretariat's alone.
  [{ action: 'meeting.manage', allianceId: 'cpa', chairs: [] }, ['secretariat', 'admin']],
  [{ action: 'pledge.edit', organisationId: 'org-a' }, ['repA', 'chairAlsoA']],
  [
    { action: 'commitment.manage', allianceId: 'cpa', chairs },
    ['chair', 'namedChair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  [
    { action: 'meetingComment.moderate', allianceId: 'cpa', chairs },
    ['chair', 'namedChair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  // A plenary's comments: the secretariat's alone.
  [{ action: 'meetingComment.moderate', allianceId: 'cpa', chairs: [] }, ['secretariat', 'admin']],
  // The alliance's own commitments have no chair: the secretariat's alone.
  [{ action: 'commitment.manage', allianceId: 'cpa', chairs: [] }, ['secretariat', 'admin']],
  [
    { action: 'commitment.report', allianceId: 'cpa', organisationId: 'org-b', chairs },
    ['repB', 'chair', 'namedChair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  [
    { action: 'commitment.report', allianceId: 'cpa', organisationId: 'org-a', chairs: [] },
    ['repA', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  [
    { action: 'pledge.view', allianceId: 'cpa', organisationId: 'org-a', chairs },
    ['repA', 'chair', 'namedChair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  // The chair who also represents org-a may not review org-a's pledge; the secretariat may.
  [
    { action: 'pledge.review', allianceId: 'cpa', organisationId: 'org-a', chairs },
    ['chair', 'namedChair', 'secretariat', 'admin'],
  ],
  [
    { action: 'pledge.review', allianceId: 'cpa', organisationId: 'org-b', chairs },
    ['chair', 'namedChair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  [{ action: 'signature.review', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'alliance.viewReviewQueue', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'alliance.viewFailedEmails', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'signature.viewDuplicateFlags', allianceId: 'cpa' }, ['secretariat', 'admin']],
  // A draft is its organisation's: not the secretariat's, nor a chair's; the platform administrator's, to help.
  [{ action: 'pledge.viewDraft', organisationId: 'org-a' }, ['repA', 'chairAlsoA', 'admin']],
  [{ action: 'pledge.reviewAny', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'campaign.open', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'campaign.changeDates', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'register.import', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'announcement.send', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'campaign.viewWorkingLists', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'report.submit', organisationId: 'org-a' }, ['repA', 'chairAlsoA']],
  [{ action: 'report.validate', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [
    { action: 'report.viewAll', allianceId: 'cpa', organisationId: 'org-a' },
    ['repA', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  // The whole alliance's unvalidated reports: no organisation, so no representative.
  [{ action: 'report.viewAll', allianceId: 'cpa', organisationId: null }, ['secretariat', 'admin']],
  [
    { action: 'document.read', allianceId: 'cpa', organisationId: 'org-a', chairs },
    ['repA', 'chair', 'namedChair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  [
    { action: 'document.read', allianceId: 'cpa', organisationId: 'org-b', chairs: [] },
    ['repB', 'secretariat', 'admin'],
  ],
  [{ action: 'document.read', allianceId: 'cpa', organisationId: null, chairs: [] }, ['secretariat', 'admin']],
  [
    { action: 'signature.viewPrivate', allianceId: 'cpa', organisationId: 'org-a' },
    ['repA', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  // Every actor here but the named chair is person 'p': they may act on their own personal data.
  [
    { action: 'person.actOnRequest', personId: 'p', allianceIds: [], isPlatformAdministrator: false },
    ['repA', 'repB', 'chair', 'chairAlsoA', 'colleagueOfNamed', 'secretariat', 'otherSecretariat', 'admin'],
  ],
  [
    { action: 'person.actOnRequest', personId: 'someone', allianceIds: ['cpa'], isPlatformAdministrator: false },
    ['secretariat', 'admin'],
  ],
  [{ action: 'person.actOnRequest', personId: 'someone', allianceIds: [], isPlatformAdministrator: false }, ['admin']],
  [
    { action: 'person.actOnRequest', personId: 'someone', allianceIds: ['cpa'], isPlatformAdministrator: true },
    ['admin'],
  ],
];

describe('policy', () => {
  for (const [operation, allowed] of matrix) {
    for (const role of Object.keys(roles) as Role[]) {
      const expected = allowed.includes(role);
      const about = 'organisationId' in operation ? ` (${operation.organisationId})` : '';
      it(`${role} ${expected ? 'may' : 'may not'} ${operation.action}${about}`, () => {
        expect(can(roles[role], operation)).toBe(expected);
      });
    }
  }

  it('walks every operation the policy knows', () => {
    const walked = new Set(matrix.map(([operation]) => operation.action));
    // A Record, so that an operation added to the policy and not to this list does not compile.
    const known: Record<Operation['action'], true> = {
      'organisation.register': true,
      'organisation.manageRepresentatives': true,
      'organisation.edit': true,
      'organisation.merge': true,
      'alliance.create': true,
      'alliance.edit': true,
      'alliance.manageSecretariat': true,
      'declaration.edit': true,
      'declaration.translate': true,
      'signature.sign': true,
      'signature.withdraw': true,
      'signature.review': true,
      'alliance.viewReviewQueue': true,
      'alliance.viewFailedEmails': true,
      'signature.viewDuplicateFlags': true,
      'workingGroup.manage': true,
      'steeringCommittee.manage': true,
      'workingGroup.join': true,
      'workingGroup.removeMember': true,
      'meeting.manage': true,
      'meetingComment.moderate': true,
      'pledge.edit': true,
      'commitment.manage': true,
      'commitment.report': true,
      'pledge.view': true,
      'pledge.review': true,
      'pledge.viewDraft': true,
      'pledge.reviewAny': true,
      'campaign.open': true,
      'campaign.changeDates': true,
      'register.import': true,
      'announcement.send': true,
      'campaign.viewWorkingLists': true,
      'report.submit': true,
      'report.validate': true,
      'report.viewAll': true,
      'document.read': true,
      'signature.viewPrivate': true,
      'person.actOnRequest': true,
    };
    expect([...walked].sort()).toEqual(Object.keys(known).sort());
  });

  it('says who may, where the refusal would otherwise leave the caller guessing', () => {
    expect(() => authorize(repA, { action: 'report.validate', allianceId: 'cpa' })).toThrow(/secretariat/);
    expect(() => authorize(secretariat, { action: 'alliance.create' })).toThrow(/platform administrator/);
    expect(() => authorize(otherSecretariat, { action: 'alliance.edit', allianceId: 'cpa' })).toThrow(/secretariat/);
    expect(() => authorize(repB, { action: 'report.submit', organisationId: 'org-a' })).toThrow(/representative/);
  });

  it('tells the public to sign in and a person without the right that it is forbidden', () => {
    expect(() => authorize(null, { action: 'organisation.register' })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(() => authorize(repB, { action: 'signature.withdraw', organisationId: 'org-a' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});
