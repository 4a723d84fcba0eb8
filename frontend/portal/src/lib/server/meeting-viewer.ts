/**
 * Whether the signed-in person is of the alliance's secretariat (or a platform administrator): the meetings pages
 * offer the secretariat to schedule a plenary. The API decides again on every change.
 */
export async function viewerRolesOf(locals: App.Locals, allianceSlug: string): Promise<{ isSecretariat: boolean }> {
  if (!locals.hasSession) return { isSecretariat: false };
  const me = await locals.me();
  if (!me) return { isSecretariat: false };
  const isSecretariat =
    me.isPlatformAdministrator ||
    me.roles.some((r) => r.alliance.slug === allianceSlug && (r.role === 'SECRETARIAT' || r.role === 'ADMINISTRATOR'));
  return { isSecretariat };
}
