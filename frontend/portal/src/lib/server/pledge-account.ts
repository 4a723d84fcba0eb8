import { type RequestEvent, redirect } from '@sveltejs/kit';
import { type AccountPledgesQuery, PledgeInAllianceDocument } from '$lib/graphql/operations.generated';
import { loginHref } from '$lib/paths';
import { request } from './graphql';
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

/**
 * The alliance a pledge belongs to. The schema's Pledge has no alliance: with one alliance in the deployment
 * (or one the organisation ever signed) it is that one; otherwise each candidate is asked in turn.
 */
export async function allianceOfPledge(
  fetch: typeof globalThis.fetch,
  {
    represented,
    pledgeId,
    alliances,
  }: { represented: Represented; pledgeId: string; alliances: readonly AllianceChoice[] },
): Promise<AllianceChoice | undefined> {
  if (alliances.length === 1) return alliances[0];
  const signed = new Set(represented.signatures.map((s) => s.alliance.slug));
  const candidates = alliances.filter((a) => signed.has(a.slug));
  if (candidates.length === 1) return candidates[0];
  for (const candidate of candidates) {
    const result = await request(fetch, PledgeInAllianceDocument, { slug: candidate.slug, id: pledgeId });
    if (result.data) return candidate;
  }
  return undefined;
}
