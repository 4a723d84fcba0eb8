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
const secretariat = actor({ secretariatOf: new Set(['cpa']) });
const otherSecretariat = actor({ secretariatOf: new Set(['other']) });
const admin = actor({ isPlatformAdministrator: true });

const roles = { public: null, repA, repB, chair, chairAlsoA, secretariat, otherSecretariat, admin } as const;
const chairs = ['org-c'];
type Role = keyof typeof roles;

const matrix: [Operation, Role[]][] = [
  [
    { action: 'organisation.register' },
    ['repA', 'repB', 'chair', 'chairAlsoA', 'secretariat', 'otherSecretariat', 'admin'],
  ],
  [{ action: 'signature.sign', organisationId: 'org-a' }, ['repA', 'chairAlsoA']],
  [{ action: 'signature.withdraw', organisationId: 'org-a' }, ['repA', 'chairAlsoA']],
  [{ action: 'workingGroup.manage', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'workingGroup.join', organisationId: 'org-a' }, ['repA', 'chairAlsoA']],
  [
    { action: 'workingGroup.removeMember', allianceId: 'cpa', chairOrganisationIds: chairs },
    ['chair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  [{ action: 'pledge.edit', organisationId: 'org-a' }, ['repA', 'chairAlsoA']],
  [
    { action: 'pledge.view', allianceId: 'cpa', organisationId: 'org-a', chairOrganisationIds: chairs },
    ['repA', 'chair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  // The chair who also represents org-a may not review org-a's pledge; the secretariat may.
  [
    { action: 'pledge.review', allianceId: 'cpa', organisationId: 'org-a', chairOrganisationIds: chairs },
    ['chair', 'secretariat', 'admin'],
  ],
  [
    { action: 'pledge.review', allianceId: 'cpa', organisationId: 'org-b', chairOrganisationIds: chairs },
    ['chair', 'chairAlsoA', 'secretariat', 'admin'],
  ],
  [{ action: 'signature.review', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'alliance.viewReviewQueue', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'alliance.viewFailedEmails', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'signature.viewDuplicateFlags', allianceId: 'cpa' }, ['secretariat', 'admin']],
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

  it('tells the public to sign in and a person without the right that it is forbidden', () => {
    expect(() => authorize(null, { action: 'organisation.register' })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(() => authorize(repB, { action: 'signature.withdraw', organisationId: 'org-a' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });
});
