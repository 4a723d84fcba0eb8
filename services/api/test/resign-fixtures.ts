import { createHash } from 'node:crypto';
import { schema } from '@concord/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { ok } from './alliance-fixtures.ts';
import type { TestApp } from './helper.ts';
import { pledgers, SLUG } from './pledge-fixtures.ts';

/** What the re-signing tests (resign*.db.test.ts) share: publishing version 2, and who represents what. */
export const SAVE = `mutation($slug: String!, $input: DeclarationDraftInput!) {
  saveDeclarationDraft(slug: $slug, input: $input) { version textSha256 } }`;
export const PUBLISH = `mutation($slug: String!, $version: Int!, $textSha256: String!) {
  publishDeclarationVersion(slug: $slug, version: $version, textSha256: $textSha256) { version textSha256 } }`;
export const RESIGN = `mutation($input: ResignDeclarationInput!) { resignDeclaration(input: $input) {
  id status activatedAt signerName declaration { version } textRead { language textSha256 isTranslation }
  renews { id status supersededAt declaration { version } } } }`;

export const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface Published {
  version: number;
  textSha256: string;
  /** The version it superseded: its hash is a stale page's. */
  earlierSha256: string;
}

/** The secretariat drafts and publishes version 2 of the demo's declaration, through the API. */
export async function publishVersion2(t: TestApp, staff: string): Promise<Published> {
  const [v1] = await t.database.db.select().from(schema.declarationVersion);
  if (!v1) throw new Error('no declaration in the demo');
  const text = `${v1.text}\n\n## Review\nWe review this declaration every five years.`;
  await ok(t, SAVE, { slug: SLUG, input: { title: v1.title, text, language: 'en' } }, staff);
  const { publishDeclarationVersion: v2 } = await ok<{ publishDeclarationVersion: { version: number } }>(
    t,
    PUBLISH,
    { slug: SLUG, version: 2, textSha256: sha(text) },
    staff,
  );
  return { version: v2.version, textSha256: sha(text), earlierSha256: v1.textSha256 };
}

/** Representatives of different active signatories (one each), in a stable order. */
export async function representatives(t: TestApp, count: number) {
  const all = await pledgers(t, count * 4);
  const seen = new Set<string>();
  const chosen = all.filter((p) => !seen.has(p.organisationId) && seen.add(p.organisationId));
  if (chosen.length < count) throw new Error('not enough signatories in the demo');
  return chosen.slice(0, count);
}

/** Everyone who represents an active signatory of the alliance: whom publishing a version invites. */
export async function representativesOfSignatories(t: TestApp): Promise<string[]> {
  const { organisationMember, person, signature } = schema;
  const rows = await t.database.db
    .selectDistinct({ email: person.email })
    .from(signature)
    .innerJoin(organisationMember, eq(organisationMember.organisationId, signature.organisationId))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(and(eq(signature.status, 'active'), sql`${person.erasedAt} is null`));
  return rows.map((r) => r.email.toLowerCase()).sort();
}

/** The signatures of these organisations, by status. */
export async function signaturesOf(t: TestApp, organisationIds: string[]) {
  const { signature } = schema;
  return t.database.db
    .select()
    .from(signature)
    .where(inArray(signature.organisationId, organisationIds))
    .orderBy(signature.createdAt);
}

export const resignInput = (organisationId: string, published: Published, overrides: Record<string, unknown> = {}) => ({
  allianceSlug: SLUG,
  organisationId,
  declarationVersion: published.version,
  signerName: 'Ines Moreau',
  signerJobTitle: 'Head of Sustainability',
  textSha256: published.textSha256,
  ...overrides,
});
