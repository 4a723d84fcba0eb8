import { addressTurnKey, type Database, JOB_QUEUE_SCHEMA, schema, selectRows, takeTurns } from '@concord/db';
import { eq, sql } from 'drizzle-orm';
import { badInput, notFound } from '../../../errors.ts';
import { deadLetterQueue, emailQueues } from '../../../jobs/definitions.ts';
import { requiredText } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../policy/policy.ts';
import { authorizeForPerson } from '../data-subject.ts';
import { type DataSubject, type PersonalDataSection, personalDataSections } from '../personal-data-inventory.ts';

export interface Erasure {
  personId: string;
  erasedAt: Date;
}

/** How many rows of each section the erasure deleted or changed: what the audit event says, without a value. */
type Counts = Record<string, number>;

/**
 * Erases a person's personal data (docs/adr/0014-personal-data.md): every section of the inventory is deleted or
 * pseudonymised, the person's e-mail still waiting in the queue is dropped, and the person row stays as a pseudonym
 * so that the organisations' records keep their author's id. Organisations, signatures, pledges and reports stay,
 * and so does the public register. Once only: the person row is locked, and a request that finds the person
 * erased already (two at once, or one sent twice) answers that erasure and changes nothing.
 *
 * `reason` is required when someone acts for the person (the secretariat, an administrator): what request they act
 * on, for the audit log. It is the secretariat's own note and must not name the person.
 */
export async function erasePerson({
  db,
  actor,
  personId,
  reason,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  personId: string;
  reason?: string | null;
  now?: Date;
}): Promise<Erasure> {
  const acting = await authorizeForPerson(db, actor, personId);
  const isSelf = acting.personId === personId;
  const note = isSelf ? null : requiredText(reason, 'reason', { max: 1000, isMultiline: true });

  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: schema.person.id, email: schema.person.email, erasedAt: schema.person.erasedAt })
      .from(schema.person)
      .where(eq(schema.person.id, personId))
      .for('update');
    if (!target) throw notFound('No such person.');
    if (target.erasedAt) return { personId, erasedAt: target.erasedAt };
    // The worker claims an e-mail to this address only while its job is queued, sharing the address's turn
    // (whileQueued in @concord/notifications): this waits for claims under way, whose rows the sections below
    // then pseudonymise, and a claim after this commit finds its job deleted and sends nothing.
    await takeTurns(tx, addressTurnKey(target.email));

    // An erased person represents nobody, even where they were the last representative (migration 0015's trigger
    // lets this transaction alone leave an organisation without one; the secretariat invites the next).
    await tx.execute(sql`select set_config('concord.erasing_person', 'on', true)`);
    const subject: DataSubject = { id: target.id, email: target.email };
    const counts: Counts = {};
    for (const section of personalDataSections) {
      const count = await eraseSection(tx, section, subject);
      if (count !== null) counts[section.name] = count;
    }
    counts.queuedEmails = await dropQueuedEmail(tx, subject);
    await recordAudit(tx, {
      actorPersonId: acting.personId,
      action: 'person.erased',
      objectType: 'person',
      objectId: personId,
      after: {
        by: isSelf ? 'self' : acting.isPlatformAdministrator ? 'administrator' : 'secretariat',
        ...(note ? { reason: note } : {}),
        counts,
      },
    });
    const [erased] = await tx
      .select({ erasedAt: schema.person.erasedAt })
      .from(schema.person)
      .where(eq(schema.person.id, personId));
    return { personId, erasedAt: erased?.erasedAt ?? now };
  });
}

/** Rows deleted or changed, or null for a section whose rows stay. */
async function eraseSection(tx: Database, section: PersonalDataSection, subject: DataSubject): Promise<number | null> {
  const { erasure } = section;
  if (erasure.kind === 'keep') return null;
  const table = sql.identifier(section.table);
  const change =
    erasure.kind === 'delete'
      ? sql`delete from ${table} t where ${section.whose(subject)} returning 1`
      : sql`update ${table} t set ${erasure.set(subject)} where ${section.whose(subject)} returning 1`;
  const rows = await selectRows<{ n: number }>(
    tx,
    sql`with changed as (${change}) select count(*)::int as n from changed`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * E-mail to the person that the queue still holds (waiting, failed or kept after completion): pg-boss keeps each
 * job's data, the address included, in its own schema. Dropped, so that nothing is sent to, or kept about, an
 * address that is no longer theirs.
 */
async function dropQueuedEmail(tx: Database, subject: DataSubject): Promise<number> {
  const jobTable = sql`${sql.identifier(JOB_QUEUE_SCHEMA)}.job`;
  const [queue] = await selectRows<{ exists: boolean }>(
    tx,
    sql`select to_regclass(${`${JOB_QUEUE_SCHEMA}.job`}) is not null as exists`,
  );
  if (!queue?.exists) return 0;
  const names = emailQueues.flatMap((name) => [name, deadLetterQueue(name)]);
  const rows = await selectRows<{ n: number }>(
    tx,
    sql`with dropped as (
      delete from ${jobTable} where name in (${sql.join(
        names.map((n) => sql`${n}`),
        sql`, `,
      )})
        and lower(data->>'to') = lower(${subject.email}) returning 1
    ) select count(*)::int as n from dropped`,
  );
  return rows[0]?.n ?? 0;
}

/** The person's own request: erasure at once, once they confirm it (the portal's form asks them to tick a box). */
export async function requestErasure({
  db,
  actor,
  confirm,
  now,
}: {
  db: Database;
  actor: Actor | null;
  confirm: boolean;
  now?: Date;
}): Promise<Erasure> {
  if (actor && !confirm) throw badInput('confirm', 'Confirm that you want your personal data erased.');
  return erasePerson({ db, actor, personId: actor?.personId ?? '', now });
}
