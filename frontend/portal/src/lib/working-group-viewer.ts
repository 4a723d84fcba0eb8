import type { WorkingGroupRole, WorkingGroupViewerQuery } from '$lib/graphql/operations.generated';

type Me = NonNullable<WorkingGroupViewerQuery['me']>;

export interface ViewerOrganisation {
  id: string;
  legalName: string;
  /** An active signature of this alliance's declaration: only such organisations join groups. */
  isActiveSignatory: boolean;
  /** The organisation's role in this group, or null when it is not a member. */
  role: WorkingGroupRole | null;
}

export interface WorkingGroupViewer {
  organisations: ViewerOrganisation[];
  isSecretariat: boolean;
  /** The person holds one of the group's chairs (the API's answer): they may remove members. */
  isChair: boolean;
  canRemoveMembers: boolean;
}

/**
 * What the signed-in person may do on a working group's page. The API decides every action again; this only
 * decides which forms to offer, so that nobody is shown a button that can only fail.
 */
export function viewerOf(
  me: Me,
  { allianceSlug, group, holdsChair }: { allianceSlug: string; group: { id: string }; holdsChair: boolean },
): WorkingGroupViewer {
  const organisations = me.organisations.map(({ organisation, signatures }) => ({
    id: organisation.id,
    legalName: organisation.legalName,
    isActiveSignatory: signatures.some((s) => s.status === 'ACTIVE' && s.alliance.slug === allianceSlug),
    role: organisation.workingGroups.find((membership) => membership.workingGroup.id === group.id)?.role ?? null,
  }));
  // A platform administrator may do what the secretariat does (the API's policy).
  const isSecretariat =
    me.isPlatformAdministrator ||
    me.roles.some((r) => r.alliance.slug === allianceSlug && (r.role === 'SECRETARIAT' || r.role === 'ADMINISTRATOR'));
  return { organisations, isSecretariat, isChair: holdsChair, canRemoveMembers: isSecretariat || holdsChair };
}
