import { type RequestEvent, redirect } from '@sveltejs/kit';
import type { AccountPledgesQuery } from '$lib/graphql/operations.generated';
import { loginHref } from '$lib/paths';
import { deleteSessionCookies } from './session';

export type AccountMe = NonNullable<AccountPledgesQuery['me']>;
export type Represented = AccountMe['organisations'][number];
export type AccountPledge = Represented['organisation']['pledges'][number];
export type AllianceChoice = AccountPledgesQuery['alliances']['nodes'][number];

/** Where an organisation may pledge: the alliances whose declaration it has an active signature of. */
export interface PledgeTarget {
  organisationId: string;
  legalName: string;
  allianceSlug: string;
  allianceName: string;
}

export function pledgeTargets(me: AccountMe): PledgeTarget[] {
  return me.organisations.flatMap(({ organisation, signatures }) =>
    signatures
      .filter((s) => s.status === 'ACTIVE')
      .map((s) => ({
        organisationId: organisation.id,
        legalName: organisation.legalName,
        allianceSlug: s.alliance.slug,
        allianceName: s.alliance.name,
      })),
  );
}

/**
 * The working groups an organisation may pledge in: the alliance's open groups that it is a member of (the
 * group's chair reviews the pledge; the API refuses any other group).
 */
export function pledgeGroupsOf(
  organisation: Pick<Represented['organisation'], 'workingGroups'>,
  alliance: Pick<AllianceChoice, 'workingGroups'> | undefined,
): AllianceChoice['workingGroups']['nodes'] {
  const own = new Set(organisation.workingGroups.map((w) => w.workingGroup.slug));
  return (alliance?.workingGroups.nodes ?? []).filter((g) => g.status === 'ACTIVE' && own.has(g.slug));
}

/** The signed-in person with their organisations' pledges, or a redirect to sign in and come back. */
export function requireAccount(event: Pick<RequestEvent, 'url' | 'cookies'>, me: AccountPledgesQuery['me']): AccountMe {
  if (!me) {
    // The cookie outlived its session: forget it, so the header stops offering an account.
    deleteSessionCookies(event.cookies);
    redirect(303, loginHref(event.url.pathname + event.url.search));
  }
  return me;
}

/** One of the person's pledges with the organisation it belongs to, or undefined. */
export function findAccountPledge(
  me: AccountMe,
  id: string,
): { represented: Represented; pledge: AccountPledge } | undefined {
  for (const represented of me.organisations) {
    const pledge = represented.organisation.pledges.find((p) => p.id === id);
    if (pledge) return { represented, pledge };
  }
  return undefined;
}

/** The alliance a pledge was made to, with its working groups (the choices of the pledge form). */
export function allianceOfPledge(
  pledge: AccountPledge,
  alliances: readonly AllianceChoice[],
): AllianceChoice | undefined {
  return alliances.find((alliance) => alliance.slug === pledge.alliance.slug);
}
