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
const secretariat = actor({ secretariatOf: new Set(['cpa']) });
const otherSecretariat = actor({ secretariatOf: new Set(['other']) });
const admin = actor({ isPlatformAdministrator: true });

const roles = { public: null, repA, repB, secretariat, otherSecretariat, admin } as const;
type Role = keyof typeof roles;

const matrix: [Operation, Role[]][] = [
  [{ action: 'organisation.register' }, ['repA', 'repB', 'secretariat', 'otherSecretariat', 'admin']],
  [{ action: 'signature.sign', organisationId: 'org-a' }, ['repA']],
  [{ action: 'signature.withdraw', organisationId: 'org-a' }, ['repA']],
  [{ action: 'signature.review', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'alliance.viewReviewQueue', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'alliance.viewFailedEmails', allianceId: 'cpa' }, ['secretariat', 'admin']],
  [{ action: 'signature.viewDuplicateFlags', allianceId: 'cpa' }, ['secretariat', 'admin']],
];

describe('policy', () => {
  for (const [operation, allowed] of matrix) {
    for (const role of Object.keys(roles) as Role[]) {
      const expected = allowed.includes(role);
      it(`${role} ${expected ? 'may' : 'may not'} ${operation.action}`, () => {
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
