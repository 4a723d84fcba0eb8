import { type Database, schema, selectRows } from '@concord/db';
import { PRIVACY_NOTICE_VERSION } from '@concord/schema/values';
import { eq, type SQL, sql } from 'drizzle-orm';
import { notFound } from '../../../errors.ts';
import { type DataSubject, type PersonalDataSection, personalDataSections } from '../personal-data-inventory.ts';

/** The export's format: a reader of an older export knows what it holds. */
export const PERSONAL_DATA_FORMAT = 'concord.personal-data/1';

export interface PersonalDataExport {
  format: string;
  exportedAt: string;
  personId: string;
  privacyNotice: { currentVersion: string };
  /** One list of rows per section of the inventory (personal-data-inventory.ts), keys in camelCase. */
  sections: Record<string, Record<string, unknown>[]>;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** One section's rows as a jsonb array, built by the database so that both drivers give the same JSON. */
function sectionQuery(section: PersonalDataSection, subject: DataSubject): SQL {
  const pairs: SQL[] = [];
  for (const column of section.columns) pairs.push(sql`${camel(column)}::text, t.${sql.identifier(column)}`);
  for (const [key, value] of Object.entries(section.context ?? {})) pairs.push(sql`${key}::text, ${value}`);
  const [first] = section.columns;
  return sql`(select coalesce(jsonb_agg(jsonb_build_object(${sql.join(pairs, sql`, `)})
      order by t.${sql.identifier(first ?? 'id')}), '[]'::jsonb)
    from ${sql.identifier(section.table)} t where ${section.whose(subject)})`;
}

/**
 * Everything Concord holds about a person, as one JSON document read in one statement (one snapshot). Rights are
 * the caller's business (the resolvers): this reads whatever person it is given.
 */
export async function exportPersonalData({
  db,
  personId,
  now = new Date(),
}: {
  db: Database;
  personId: string;
  now?: Date;
}): Promise<PersonalDataExport> {
  const [found] = await db
    .select({ id: schema.person.id, email: schema.person.email })
    .from(schema.person)
    .where(eq(schema.person.id, personId));
  if (!found) throw notFound('No such person.');
  const pairs = personalDataSections.map((section) => sql`${section.name}::text, ${sectionQuery(section, found)}`);
  const rows = await selectRows<{ sections: Record<string, Record<string, unknown>[]> | string }>(
    db,
    sql`select jsonb_build_object(${sql.join(pairs, sql`, `)}) as sections`,
  );
  const sections = (rows[0] as { sections: Record<string, Record<string, unknown>[]> | string }).sections;
  return {
    format: PERSONAL_DATA_FORMAT,
    exportedAt: now.toISOString(),
    personId: found.id,
    privacyNotice: { currentVersion: PRIVACY_NOTICE_VERSION },
    sections: typeof sections === 'string' ? JSON.parse(sections) : sections,
  };
}
