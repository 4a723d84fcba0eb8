import { type Database, schema } from '@concord/db';
import { PRIVACY_NOTICE_VERSION } from '@concord/schema/values';
import { and, desc, eq } from 'drizzle-orm';
import { badInput } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';

const { privacyNoticeAcceptance } = schema;

export interface PrivacyNoticeAcceptance {
  version: string;
  acceptedAt: Date;
}

/**
 * Records that a person accepted the privacy notice in force, in the caller's transaction. Only the version in force
 * can be accepted: a page showing an older one must be read again. Accepting it twice changes nothing.
 */
export async function acceptPrivacyNotice(
  tx: Database,
  {
    personId,
    version,
    field = 'version',
    now = new Date(),
  }: { personId: string; version: string /** The argument that carried `version`. */; field?: string; now?: Date },
): Promise<PrivacyNoticeAcceptance> {
  if (version !== PRIVACY_NOTICE_VERSION) {
    throw badInput(
      field,
      `The privacy notice has changed (version ${PRIVACY_NOTICE_VERSION} is in force); read it again before accepting it.`,
    );
  }
  const [inserted] = await tx
    .insert(privacyNoticeAcceptance)
    .values({ personId, version, acceptedAt: now })
    .onConflictDoNothing()
    .returning();
  if (inserted) {
    await recordAudit(tx, {
      actorPersonId: personId,
      action: 'person.privacy_notice_accepted',
      objectType: 'person',
      objectId: personId,
      after: { version },
    });
    return inserted;
  }
  const [existing] = await tx
    .select()
    .from(privacyNoticeAcceptance)
    .where(and(eq(privacyNoticeAcceptance.personId, personId), eq(privacyNoticeAcceptance.version, version)));
  if (!existing) throw new Error('privacy notice acceptance neither inserted nor found');
  return existing;
}

/** The latest version of the notice the person accepted, or null. */
export async function latestAcceptance(db: Database, personId: string): Promise<PrivacyNoticeAcceptance | null> {
  const [row] = await db
    .select({ version: privacyNoticeAcceptance.version, acceptedAt: privacyNoticeAcceptance.acceptedAt })
    .from(privacyNoticeAcceptance)
    .where(eq(privacyNoticeAcceptance.personId, personId))
    .orderBy(desc(privacyNoticeAcceptance.acceptedAt))
    .limit(1);
  return row ?? null;
}
