import { normaliseName, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';
import { organisationField } from '../../signing/organisation-input.ts';
import { type Deps, organisationForChange } from '../organisation-representatives.ts';

const { organisation } = schema;

export interface UpdateOrganisationInput {
  legalName?: string | null | undefined;
  country?: string | null | undefined;
  kind?: schema.OrganisationKind | null | undefined;
  size?: schema.OrganisationSize | null | undefined;
  stages?: readonly schema.ValueChainStage[] | null | undefined;
  website?: string | null | undefined;
  transparencyRegisterNumber?: string | null | undefined;
}

type Editable = Pick<
  schema.Organisation,
  'legalName' | 'country' | 'kind' | 'size' | 'stages' | 'website' | 'transparencyRegisterNumber'
>;

/** The fields given, checked (errors name `input.<field>`); a required field given as null is left as it is. */
function parseChanges(input: UpdateOrganisationInput): Partial<Editable> {
  const changes: Partial<Editable> = {};
  if (input.legalName != null) changes.legalName = organisationField.legalName(input.legalName);
  if (input.country != null) changes.country = input.country;
  if (input.kind != null) changes.kind = input.kind;
  if (input.size != null) changes.size = input.size;
  if (input.stages != null) changes.stages = organisationField.stages(input.stages);
  if (input.website !== undefined) changes.website = organisationField.website(input.website);
  if (input.transparencyRegisterNumber !== undefined) {
    changes.transparencyRegisterNumber = organisationField.transparencyRegisterNumber(input.transparencyRegisterNumber);
  }
  return changes;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The secretariat corrects an organisation. Only what differs is written, in one audit event of what each field was
 * and is (`Organisation.history`); the same values again record nothing. A new name is normalised for duplicate
 * detection; a new country or kind moves its pledges in the progress breakdowns (the rollups' organisation trigger).
 */
export async function updateOrganisation({
  db,
  actor,
  id,
  input,
  now = new Date(),
}: Omit<Deps, 'jobs' | 'config'> & { id: string; input: UpdateOrganisationInput }): Promise<schema.Organisation> {
  authenticate(actor);
  const changes = parseChanges(input);
  return db.transaction(async (tx) => {
    const row = await organisationForChange(tx, actor, id, 'organisation.edit');
    const changed = (Object.keys(changes) as (keyof Editable)[]).filter((key) => !same(changes[key], row[key]));
    if (changed.length === 0) return row;
    const after = Object.fromEntries(changed.map((key) => [key, changes[key]]));
    const [updated] = await tx
      .update(organisation)
      .set({
        ...after,
        ...(changes.legalName !== undefined ? { normalisedName: normaliseName(changes.legalName) } : {}),
        updatedAt: now,
      })
      .where(eq(organisation.id, row.id))
      .returning();
    await recordAudit(tx, {
      actorPersonId: actor.personId,
      action: 'organisation.updated',
      objectType: 'organisation',
      objectId: row.id,
      before: Object.fromEntries(changed.map((key) => [key, row[key]])),
      after,
    });
    return updated ?? row;
  });
}
