import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';
import { allianceForChange, type Deps, settingsOf } from '../alliance-changes.ts';
import {
  allianceName,
  alliancePurpose,
  contactEmail,
  parseLanguages,
  parseSigningWindow,
  type SigningWindowInput,
} from '../alliance-input.ts';

export interface UpdateAllianceInput {
  name?: string | null | undefined;
  purpose?: string | null | undefined;
  contactEmail?: string | null | undefined;
  signingWindow?: SigningWindowInput | null | undefined;
  languages?: readonly string[] | null | undefined;
}

/**
 * The secretariat changes the alliance's settings: the fields given, all or none (one transaction), with one
 * audit event holding what they were and what they are. Nothing given, or nothing different: nothing recorded.
 * A null for a required setting is refused on its field; a null window is no limit on either side.
 */
export async function updateAlliance({
  db,
  actor,
  slug,
  input,
  now = new Date(),
}: Deps & { slug: string; input: UpdateAllianceInput }): Promise<schema.Alliance> {
  authenticate(actor);
  // A null for a required setting is '' to its rule: "This field is required." on that field.
  const changes: Partial<schema.NewAlliance> = {};
  if (input.name !== undefined) changes.name = allianceName(input.name ?? '', 'input.name');
  if (input.purpose !== undefined) changes.purpose = alliancePurpose(input.purpose ?? '', 'input.purpose');
  if (input.contactEmail !== undefined) {
    changes.contactEmail = contactEmail(input.contactEmail ?? '', 'input.contactEmail');
  }
  if (input.languages !== undefined) {
    changes.languages = parseLanguages(input.languages ?? [], 'input.languages');
  }
  if (input.signingWindow !== undefined) {
    Object.assign(changes, parseSigningWindow(input.signingWindow, 'input.signingWindow'));
  }
  return db.transaction(async (tx) => {
    const before = await allianceForChange(tx, actor, slug, 'alliance.edit');
    const beforeSettings = settingsOf(before);
    const changed = Object.fromEntries(
      Object.entries(changes).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof schema.Alliance]),
      ),
    );
    if (Object.keys(changed).length === 0) return before;
    const [after] = await tx
      .update(schema.alliance)
      .set({ ...changed, updatedAt: now })
      .where(eq(schema.alliance.id, before.id))
      .returning();
    if (!after) throw new Error('alliance not updated');
    const afterSettings = settingsOf(after);
    const keys = Object.keys(afterSettings).filter(
      (key) =>
        JSON.stringify(afterSettings[key as keyof typeof afterSettings]) !==
        JSON.stringify(beforeSettings[key as keyof typeof beforeSettings]),
    );
    const pick = (settings: Record<string, unknown>) => Object.fromEntries(keys.map((key) => [key, settings[key]]));
    await recordAudit(tx, {
      allianceId: after.id,
      actorPersonId: actor.personId,
      action: 'alliance.updated',
      objectType: 'alliance',
      objectId: after.id,
      before: pick(beforeSettings),
      after: pick(afterSettings),
    });
    return after;
  });
}
