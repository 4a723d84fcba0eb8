import { type Database, schema } from '@concord/db';
import { BASE_LOCALE } from '@concord/schema/values';
import { eq, sql } from 'drizzle-orm';

const { person } = schema;

/** The language to write to a person in: their saved choice, English for nobody known. */
export async function localeOf(tx: Database, personId: string): Promise<string> {
  const [row] = await tx.select({ locale: person.locale }).from(person).where(eq(person.id, personId));
  return row?.locale ?? BASE_LOCALE;
}

/**
 * The same by e-mail address (a log-in link goes to an address that may not be a person yet): their saved choice,
 * else `otherwise` (the language of the page the link was asked from), else English.
 */
export async function localeOfAddress(tx: Database, email: string, otherwise?: string | null): Promise<string> {
  const [row] = await tx
    .select({ locale: person.locale })
    .from(person)
    .where(sql`lower(${person.email}) = ${email.toLowerCase()}`);
  return row?.locale ?? otherwise ?? BASE_LOCALE;
}
