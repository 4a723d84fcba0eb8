import { createHash } from 'node:crypto';
import { schema } from '@concord/db';
import { expectDatabaseError } from '@concord/db/testing';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refusal, signInAsAdministrator } from './alliance-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { pledgers, SECRETARIAT, SLUG } from './pledge-fixtures.ts';

const VERSION_FIELDS = 'id version title text textSha256 language status publishedAt changesFromCurrent { kind text }';
const SAVE = `mutation($slug: String!, $input: DeclarationDraftInput!) {
  saveDeclarationDraft(slug: $slug, input: $input) { ${VERSION_FIELDS} } }`;
const PUBLISH = `mutation($slug: String!, $version: Int!, $textSha256: String!) {
  publishDeclarationVersion(slug: $slug, version: $version, textSha256: $textSha256) { ${VERSION_FIELDS} } }`;
const DISCARD = 'mutation($slug: String!) { discardDeclarationDraft(slug: $slug) }';
const DECLARATIONS = `query($slug: String!) { alliance(slug: $slug) {
  declaration { version } declarationDraft { ${VERSION_FIELDS} } declarationVersions { version status } } }`;
const SIGN = `mutation($input: SignDeclarationInput!) { signDeclaration(input: $input) { id status } }`;

interface Version {
  id: string;
  version: number;
  text: string;
  textSha256: string;
  status: string;
  publishedAt: string | null;
  changesFromCurrent: { kind: string; text: string }[] | null;
}
interface Declarations {
  alliance: {
    declaration: { version: number } | null;
    declarationDraft: Version | null;
    declarationVersions: { version: number; status: string }[];
  };
}

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let t: TestApp;
let staff: string;
let representative: string;
let representedOrganisation: string;
let inForce: schema.DeclarationVersion;
beforeAll(async () => {
  t = await buildTestApp();
  staff = await signIn(t, SECRETARIAT);
  const [rep] = await pledgers(t, 1);
  representative = await signIn(t, rep?.email ?? '');
  representedOrganisation = rep?.organisationId ?? '';
  const [v1] = await t.database.db.select().from(schema.declarationVersion);
  if (!v1) throw new Error('no declaration in the demo');
  inForce = v1;
}, 60_000);
afterAll(() => t?.close());

const draftInput = (text: string) => ({ title: inForce.title, text, language: 'en' });

describe('[DECLARATION] the secretariat drafts, compares and publishes a version', () => {
  it('keeps the draft private, shows its difference to the version in force, and publishes it as final', async () => {
    const text = inForce.text
      .replace('by 2025', 'by 2030')
      .concat('\n\n## Review\nWe review this declaration **every five years**.');
    const { saveDeclarationDraft: draft } = await ok<{ saveDeclarationDraft: Version }>(
      t,
      SAVE,
      { slug: SLUG, input: draftInput(text) },
      staff,
    );
    expect(draft).toMatchObject({ version: 2, status: 'DRAFT', publishedAt: null, textSha256: sha(text) });
    const changes = draft.changesFromCurrent ?? [];
    expect(changes.filter((c) => c.kind === 'REMOVED').map((c) => c.text)).toEqual(['2025']);
    expect(changes.filter((c) => c.kind === 'ADDED').map((c) => c.text.trim())).toEqual([
      '2030',
      '## Review\nWe review this declaration **every five years**.',
    ]);

    // Nobody but the secretariat reaches it: not the public, not a representative, not by the versions list.
    for (const cookie of [undefined, representative]) {
      const seen = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG }, cookie);
      expect(seen.alliance).toEqual({
        declaration: { version: 1 },
        declarationDraft: null,
        declarationVersions: [{ version: 1, status: 'PUBLISHED' }],
      });
    }
    const own = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG }, staff);
    expect(own.alliance.declarationDraft?.id).toBe(draft.id);

    // Saved again, the same draft (same number) takes the new text.
    const edited = `${text}\nAmended once more.`;
    const { saveDeclarationDraft: again } = await ok<{ saveDeclarationDraft: Version }>(
      t,
      SAVE,
      { slug: SLUG, input: draftInput(edited) },
      staff,
    );
    expect(again).toMatchObject({ id: draft.id, version: 2, textSha256: sha(edited) });

    // What the secretariat read is what is published: the hash of the earlier text no longer does.
    expect(await refusal(t, PUBLISH, { slug: SLUG, version: 2, textSha256: draft.textSha256 }, staff)).toMatchObject({
      code: 'CONFLICT',
      field: 'textSha256',
    });
    expect(await refusal(t, PUBLISH, { slug: SLUG, version: 3, textSha256: sha(edited) }, staff)).toMatchObject({
      code: 'NOT_FOUND',
      field: 'version',
    });
    expect(
      await refusal(t, PUBLISH, { slug: SLUG, version: 2, textSha256: sha(edited) }, representative),
    ).toMatchObject({ code: 'FORBIDDEN' });

    const { publishDeclarationVersion: published } = await ok<{ publishDeclarationVersion: Version }>(
      t,
      PUBLISH,
      { slug: SLUG, version: 2, textSha256: sha(edited) },
      staff,
    );
    expect(published).toMatchObject({
      version: 2,
      status: 'PUBLISHED',
      textSha256: sha(edited),
      changesFromCurrent: null,
    });
    expect(published.publishedAt).not.toBeNull();
    const after = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG });
    expect(after.alliance).toEqual({
      declaration: { version: 2 },
      declarationDraft: null,
      declarationVersions: [
        { version: 2, status: 'PUBLISHED' },
        { version: 1, status: 'SUPERSEDED' },
      ],
    });
    expect(await refusal(t, PUBLISH, { slug: SLUG, version: 2, textSha256: sha(edited) }, staff)).toMatchObject({
      code: 'CONFLICT',
      field: 'version',
      message: 'Version 2 is already published.',
    });

    // Signatures stay with the version they accepted; the register says which; signing takes the new one only.
    const register = await ok<{ alliance: { signatories: { nodes: { declarationVersion: number }[] } } }>(
      t,
      `{ alliance(slug: "${SLUG}") { signatories(first: 5) { nodes { declarationVersion } } } }`,
      {},
    );
    expect(register.alliance.signatories.nodes.map((n) => n.declarationVersion)).toEqual([1, 1, 1, 1, 1]);
    // Who has not signed the version in force: every signatory so far, and none of version 2 yet.
    const count = async (onEarlierVersion: boolean) =>
      (
        await ok<{ alliance: { signatories: { totalCount: number } } }>(
          t,
          `query($f: SignatoryFilter) { alliance(slug: "${SLUG}") { signatories(filter: $f) { totalCount } } }`,
          { f: { onEarlierVersion } },
        )
      ).alliance.signatories.totalCount;
    const all = (
      await ok<{ alliance: { signatories: { totalCount: number } } }>(
        t,
        `{ alliance(slug: "${SLUG}") { signatories { totalCount } } }`,
        {},
      )
    ).alliance.signatories.totalCount;
    expect(all).toBeGreaterThan(0);
    expect(await count(true)).toBe(all);
    expect(await count(false)).toBe(0);
    const signWith = (declarationVersion: number) =>
      t.graphql<{ signDeclaration: { status: string } }>(
        SIGN,
        {
          input: {
            allianceSlug: SLUG,
            organisationId: representedOrganisation,
            declarationVersion,
            signerName: 'Rita Representative',
            signerJobTitle: 'Director',
          },
        },
        { cookie: representative },
      );
    const stale = await signWith(1);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.declarationVersion' });
    expect(stale.errors?.[0]?.message).toMatch(/Version 2 .* is now current/);

    const events = await t.database.db
      .select({ action: schema.auditEvent.action, after: schema.auditEvent.after })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.objectId, draft.id))
      .orderBy(asc(schema.auditEvent.seq));
    expect(events.map((e) => e.action)).toEqual([
      'declaration.draft_saved',
      'declaration.draft_saved',
      'declaration.published',
    ]);
    // The draft's text is not in the log: it was private, and the published one is in the register.
    expect(JSON.stringify(events)).not.toContain('every five years');
  });

  it('refuses, in the database too, any change to a published or superseded version', async () => {
    const db = t.database.db;
    const versionOf = (n: number) =>
      and(eq(schema.declarationVersion.allianceId, inForce.allianceId), eq(schema.declarationVersion.version, n));
    const tampered = 'We promise nothing.';
    await expectDatabaseError(
      db
        .update(schema.declarationVersion)
        .set({ text: tampered, textSha256: sha(tampered) })
        .where(versionOf(1)),
      /declaration_version_final/,
    );
    await expectDatabaseError(
      db.update(schema.declarationVersion).set({ status: 'published' }).where(versionOf(1)),
      /declaration_version_final/,
    );
    await expectDatabaseError(db.delete(schema.declarationVersion).where(versionOf(2)), /declaration_version_final/);
    // And a hash that is not the text's is refused for any row.
    await expectDatabaseError(
      db.insert(schema.declarationVersion).values({
        allianceId: inForce.allianceId,
        version: 9,
        title: 'Forged',
        text: 'One text',
        textSha256: sha('Another text'),
      }),
      /declaration_version_sha_of_text/,
    );
  });

  it('refuses bad input on its field, another alliance’s staff, and a draft the same as the version in force', async () => {
    const current = await ok<{ alliance: { declaration: { version: number } } }>(
      t,
      `{ alliance(slug: "${SLUG}") { declaration { version } } }`,
      {},
    );
    expect(current.alliance.declaration.version).toBe(2);
    for (const [input, field] of [
      [{ ...draftInput('Text'), title: ' ' }, 'input.title'],
      [draftInput(''), 'input.text'],
      [draftInput('x'.repeat(50_001)), 'input.text'],
      [{ ...draftInput('Text'), language: 'nl' }, 'input.language'],
    ] as const) {
      expect(await refusal(t, SAVE, { slug: SLUG, input }, staff)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await refusal(t, SAVE, { slug: SLUG, input: draftInput('Text') })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await refusal(t, SAVE, { slug: SLUG, input: draftInput('Text') }, representative)).toMatchObject({
      code: 'FORBIDDEN',
    });
    const [v2] = await t.database.db
      .select()
      .from(schema.declarationVersion)
      .where(
        and(eq(schema.declarationVersion.allianceId, inForce.allianceId), eq(schema.declarationVersion.version, 2)),
      );
    const { saveDeclarationDraft: same } = await ok<{ saveDeclarationDraft: Version }>(
      t,
      SAVE,
      { slug: SLUG, input: { title: v2?.title, text: v2?.text, language: 'en' } },
      staff,
    );
    expect(same.changesFromCurrent).toEqual([{ kind: 'SAME', text: v2?.text }]);
    expect(
      await refusal(t, PUBLISH, { slug: SLUG, version: same.version, textSha256: same.textSha256 }, staff),
    ).toMatchObject({ code: 'CONFLICT', message: 'The draft is the same as version 2, which is in force.' });
    expect(
      (await ok<{ discardDeclarationDraft: boolean }>(t, DISCARD, { slug: SLUG }, staff)).discardDeclarationDraft,
    ).toBe(true);
    expect(
      (await ok<{ discardDeclarationDraft: boolean }>(t, DISCARD, { slug: SLUG }, staff)).discardDeclarationDraft,
    ).toBe(false);
    const after = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG }, staff);
    expect(after.alliance.declarationDraft).toBeNull();
  });

  it('ends two saves at once in one draft, and two publications at once in one version and a CONFLICT', async () => {
    const admin = await signInAsAdministrator(t);
    const saves = await Promise.all(
      [staff, admin].map((cookie, i) =>
        t.graphql(SAVE, { slug: SLUG, input: draftInput(`Version three, by ${i}.`) }, { cookie }),
      ),
    );
    expect(saves.map((r) => r.errors)).toEqual([undefined, undefined]);
    const drafts = await t.database.db
      .select()
      .from(schema.declarationVersion)
      .where(
        and(
          eq(schema.declarationVersion.allianceId, inForce.allianceId),
          eq(schema.declarationVersion.status, 'draft'),
        ),
      );
    expect(drafts).toHaveLength(1);
    const [draft] = drafts;
    const publications = await Promise.all(
      [staff, admin].map((cookie) =>
        t.graphql(PUBLISH, { slug: SLUG, version: draft?.version, textSha256: draft?.textSha256 }, { cookie }),
      ),
    );
    expect(publications.filter((r) => !r.errors)).toHaveLength(1);
    expect(publications.flatMap((r) => r.errors ?? []).map((e) => e.extensions)).toEqual([
      { code: 'CONFLICT', field: 'version' },
    ]);
    const published = await t.database.db
      .select({ version: schema.declarationVersion.version })
      .from(schema.declarationVersion)
      .where(
        and(
          eq(schema.declarationVersion.allianceId, inForce.allianceId),
          eq(schema.declarationVersion.status, 'published'),
        ),
      );
    expect(published).toEqual([{ version: 3 }]);
  });
});
