import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@concord/db';
import { expectDatabaseError } from '@concord/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, squash, writePdf } from '../../documents/test/pdf-tools.ts';
import { ok, refusal, signInAsAdministrator } from './alliance-fixtures.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn, tokenFrom, waitFor, waitForMail } from './journey.ts';
import { pledgers, SECRETARIAT, SLUG } from './pledge-fixtures.ts';

/** Declaration versions in several languages: the authentic text and its translations (docs/adr/0029). */

const TRANSLATION_FIELDS = 'language title text textSha256 sourceSha256 isOfCurrentText savedAt';
const SAVE_DRAFT = `mutation($slug: String!, $input: DeclarationDraftInput!) {
  saveDeclarationDraft(slug: $slug, input: $input) { version textSha256 } }`;
const PUBLISH = `mutation($slug: String!, $version: Int!, $textSha256: String!) {
  publishDeclarationVersion(slug: $slug, version: $version, textSha256: $textSha256) { version } }`;
const TRANSLATE = `mutation($slug: String!, $version: Int!, $input: DeclarationTranslationInput!) {
  saveDeclarationTranslation(slug: $slug, version: $version, input: $input) { ${TRANSLATION_FIELDS} } }`;
const REMOVE = `mutation($slug: String!, $version: Int!, $language: String!) {
  removeDeclarationTranslation(slug: $slug, version: $version, language: $language) }`;
const DECLARATIONS = `query($slug: String!) { alliance(slug: $slug) {
  declarationDraft { version textSha256 translations { ${TRANSLATION_FIELDS} } }
  declarationVersions { version status language textSha256 translations { ${TRANSLATION_FIELDS} } } } }`;
const SIGN = `mutation($input: SignDeclarationInput!) {
  signDeclaration(input: $input) { id status textRead { language textSha256 isTranslation } } }`;
const CONFIRM = 'mutation($token: String!) { confirmSignature(token: $token) { id status } }';
const APPROVE = 'mutation($id: ID!) { approveSignature(id: $id) { id status } }';
const REGISTER = `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`;

interface Translation {
  language: string;
  title: string;
  text: string;
  textSha256: string;
  sourceSha256: string;
  isOfCurrentText: boolean;
}
interface Declarations {
  alliance: {
    declarationDraft: { version: number; textSha256: string; translations: Translation[] } | null;
    declarationVersions: {
      version: number;
      status: string;
      language: string;
      textSha256: string;
      translations: Translation[];
    }[];
  };
}

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const FRENCH = {
  language: 'fr',
  title: 'Déclaration de l’Alliance circulaire pour les plastiques',
  text: 'Nous, signataires, nous engageons à **utiliser davantage** de plastiques recyclés d’ici 2030.',
};
const GERMAN = {
  language: 'de',
  title: 'Erklärung der Allianz für Kunststoffkreislaufwirtschaft',
  text: 'Wir, die Unterzeichnenden, verpflichten uns, bis 2030 **mehr** Kunststoffrezyklate einzusetzen.',
};

let t: TestApp;
let staff: string;
let representative: string;
let inForce: schema.DeclarationVersion;
beforeAll(async () => {
  t = await buildTestApp();
  staff = await signIn(t, SECRETARIAT);
  const [rep] = await pledgers(t, 1);
  representative = await signIn(t, rep?.email ?? '');
  const [v1] = await t.database.db.select().from(schema.declarationVersion);
  if (!v1) throw new Error('no declaration in the demo');
  inForce = v1;
}, 60_000);
afterAll(() => t?.close());

/** What a refused request must leave as it was. */
async function rows() {
  const [row] = await t.database.rows<Record<string, number>>(sql`select
    (select count(*)::int from declaration_translation) as translations,
    (select count(*)::int from declaration_version) as versions,
    (select count(*)::int from signature) as signatures,
    (select count(*)::int from audit_event) as events`);
  return row;
}

const auditActions = async (objectId: string) =>
  (
    await t.database.db
      .select({ action: schema.auditEvent.action, after: schema.auditEvent.after })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.objectId, objectId))
      .orderBy(schema.auditEvent.seq)
  ).filter((e) => e.action.startsWith('declaration.translation'));

describe('[DECLARATION] a version in several languages: one authentic text, translations beside it', () => {
  it('has the demo’s French and German translations, each with the SHA-256 of its own text', async () => {
    const { alliance } = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG });
    const [v1] = alliance.declarationVersions;
    expect(v1).toMatchObject({ version: 1, language: 'en', textSha256: inForce.textSha256 });
    expect(v1?.translations.map((tr) => tr.language)).toEqual(['de', 'fr']);
    for (const translation of v1?.translations ?? []) {
      expect(translation.textSha256).toBe(sha(translation.text));
      expect(translation).toMatchObject({ sourceSha256: inForce.textSha256, isOfCurrentText: true });
    }
  });

  it('translates the draft, refuses to publish a translation of an earlier text, and publishes the rest as final', async () => {
    const text = `${inForce.text}\n\nWe review this declaration **every five years**.`;
    const { saveDeclarationDraft: draft } = await ok<{ saveDeclarationDraft: { version: number; textSha256: string } }>(
      t,
      SAVE_DRAFT,
      { slug: SLUG, input: { title: inForce.title, text, language: 'en' } },
      staff,
    );
    expect(draft.version).toBe(2);
    const first = await ok<{ saveDeclarationTranslation: Translation }>(
      t,
      TRANSLATE,
      { slug: SLUG, version: 2, input: { ...FRENCH, text: 'Une première version.' } },
      staff,
    );
    expect(first.saveDeclarationTranslation).toMatchObject({
      language: 'fr',
      textSha256: sha('Une première version.'),
      sourceSha256: draft.textSha256,
      isOfCurrentText: true,
    });
    // On a draft, a translation may be replaced, and removed.
    const replaced = await ok<{ saveDeclarationTranslation: Translation }>(
      t,
      TRANSLATE,
      { slug: SLUG, version: 2, input: FRENCH },
      staff,
    );
    expect(replaced.saveDeclarationTranslation.textSha256).toBe(sha(FRENCH.text));
    await ok(t, TRANSLATE, { slug: SLUG, version: 2, input: GERMAN }, staff);
    expect(await ok(t, REMOVE, { slug: SLUG, version: 2, language: 'de' }, staff)).toEqual({
      removeDeclarationTranslation: true,
    });
    expect(await ok(t, REMOVE, { slug: SLUG, version: 2, language: 'de' }, staff)).toEqual({
      removeDeclarationTranslation: false,
    });

    // A draft's translations are as private as the draft.
    for (const cookie of [undefined, representative]) {
      const seen = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG }, cookie);
      expect(seen.alliance.declarationDraft).toBeNull();
      expect(seen.alliance.declarationVersions.map((v) => v.version)).toEqual([1]);
    }

    // The authentic text changes after the French was made from it: the French no longer matches it.
    const edited = `${text} It is open to every part of the value chain.`;
    const { saveDeclarationDraft: again } = await ok<{ saveDeclarationDraft: { textSha256: string } }>(
      t,
      SAVE_DRAFT,
      { slug: SLUG, input: { title: inForce.title, text: edited, language: 'en' } },
      staff,
    );
    const stale = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG }, staff);
    expect(stale.alliance.declarationDraft?.translations).toMatchObject([
      { language: 'fr', sourceSha256: draft.textSha256, isOfCurrentText: false },
    ]);
    const before = await rows();
    expect(await refusal(t, PUBLISH, { slug: SLUG, version: 2, textSha256: again.textSha256 }, staff)).toMatchObject({
      code: 'CONFLICT',
      field: 'version',
      message: expect.stringContaining('fr'),
    });
    expect(await rows()).toEqual(before);

    await ok(t, TRANSLATE, { slug: SLUG, version: 2, input: FRENCH }, staff);
    await ok(t, PUBLISH, { slug: SLUG, version: 2, textSha256: again.textSha256 }, staff);
    const { alliance } = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG });
    const [v2] = alliance.declarationVersions;
    expect(v2).toMatchObject({ version: 2, status: 'PUBLISHED', textSha256: sha(edited) });
    expect(v2?.translations).toMatchObject([
      { ...FRENCH, textSha256: sha(FRENCH.text), sourceSha256: sha(edited), isOfCurrentText: true },
    ]);

    // Once published: the French is final; a German may still be added (and is then final too).
    expect(await refusal(t, TRANSLATE, { slug: SLUG, version: 2, input: FRENCH }, staff)).toMatchObject({
      code: 'CONFLICT',
      field: 'input.language',
    });
    expect(await refusal(t, REMOVE, { slug: SLUG, version: 2, language: 'fr' }, staff)).toMatchObject({
      code: 'CONFLICT',
      field: 'version',
    });
    const added = await ok<{ saveDeclarationTranslation: Translation }>(
      t,
      TRANSLATE,
      { slug: SLUG, version: 2, input: GERMAN },
      staff,
    );
    expect(added.saveDeclarationTranslation).toMatchObject({ textSha256: sha(GERMAN.text), sourceSha256: sha(edited) });

    // Every save and removal is in the audit log, with hashes and not texts; publication lists the translations.
    const [v2Row] = await t.database.db
      .select()
      .from(schema.declarationVersion)
      .where(
        and(eq(schema.declarationVersion.allianceId, inForce.allianceId), eq(schema.declarationVersion.version, 2)),
      );
    const events = await auditActions(v2Row?.id ?? '');
    expect(events.map((e) => e.action)).toEqual([
      'declaration.translation_saved',
      'declaration.translation_saved',
      'declaration.translation_saved',
      'declaration.translation_removed',
      'declaration.translation_saved',
      'declaration.translation_saved',
    ]);
    expect(events.at(-1)?.after).toEqual({
      version: 2,
      status: 'published',
      language: 'de',
      textSha256: sha(GERMAN.text),
      authenticTextSha256: sha(edited),
    });
    expect(JSON.stringify(events)).not.toContain('Kunststoffrezyklate');
    const [published] = await t.database.db
      .select({ after: schema.auditEvent.after })
      .from(schema.auditEvent)
      .where(
        and(eq(schema.auditEvent.action, 'declaration.published'), eq(schema.auditEvent.objectId, v2Row?.id ?? '')),
      );
    expect(published?.after).toMatchObject({ translations: [{ language: 'fr', textSha256: sha(FRENCH.text) }] });

    // The database holds a published version's translations too, whoever writes.
    const { db } = t.database;
    const frenchOf2 = and(
      eq(schema.declarationTranslation.declarationVersionId, v2Row?.id ?? ''),
      eq(schema.declarationTranslation.language, 'fr'),
    );
    await expectDatabaseError(
      db.update(schema.declarationTranslation).set({ title: 'Autre titre' }).where(frenchOf2),
      /declaration_translation_final/,
    );
    await expectDatabaseError(
      db.delete(schema.declarationTranslation).where(frenchOf2),
      /declaration_translation_final/,
    );
    await expectDatabaseError(
      db.insert(schema.declarationTranslation).values({
        declarationVersionId: v2Row?.id ?? '',
        language: 'it',
        title: 'Dichiarazione',
        text: 'Testo.',
        textSha256: sha('Testo.'),
        sourceSha256: inForce.textSha256,
      }),
      /declaration_translation_of_published_text/,
    );
    await expectDatabaseError(
      db.insert(schema.declarationTranslation).values({
        declarationVersionId: v2Row?.id ?? '',
        language: 'nl',
        title: 'Verklaring',
        text: 'Tekst.',
        textSha256: sha('Een andere tekst.'),
        sourceSha256: sha(edited),
      }),
      /declaration_translation_sha_of_text/,
    );
  });

  it('refuses bad input on its field, and anyone but the secretariat, writing nothing', async () => {
    const before = await rows();
    for (const [variables, field, code] of [
      [{ version: 2, input: { ...FRENCH, language: 'en' } }, 'input.language', 'BAD_USER_INPUT'],
      [{ version: 2, input: { ...FRENCH, language: 'nl' } }, 'input.language', 'BAD_USER_INPUT'],
      [{ version: 2, input: { ...FRENCH, language: 'it', title: ' ' } }, 'input.language', 'BAD_USER_INPUT'],
      [{ version: 9, input: FRENCH }, 'version', 'NOT_FOUND'],
      // Version 1 is superseded: nobody signs it any more.
      [{ version: 1, input: { ...FRENCH, language: 'it' } }, 'version', 'CONFLICT'],
    ] as const) {
      expect(await refusal(t, TRANSLATE, { slug: SLUG, ...variables }, staff)).toMatchObject({ code, field });
    }
    // A draft to check the title and the text against.
    await ok(
      t,
      SAVE_DRAFT,
      { slug: SLUG, input: { title: inForce.title, text: 'Version three.', language: 'en' } },
      staff,
    );
    const afterDraft = await rows();
    for (const [input, field] of [
      [{ ...GERMAN, title: ' ' }, 'input.title'],
      [{ ...GERMAN, text: '' }, 'input.text'],
      [{ ...GERMAN, text: 'x'.repeat(50_001) }, 'input.text'],
    ] as const) {
      expect(await refusal(t, TRANSLATE, { slug: SLUG, version: 3, input }, staff)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(await refusal(t, TRANSLATE, { slug: SLUG, version: 3, input: GERMAN }, representative)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(t, TRANSLATE, { slug: SLUG, version: 3, input: GERMAN })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(await refusal(t, REMOVE, { slug: SLUG, version: 3, language: 'de' }, representative)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await rows()).toEqual({ ...afterDraft });
    expect(afterDraft?.versions).toBe((before?.versions ?? 0) + 1);
    await ok(t, 'mutation($slug: String!) { discardDeclarationDraft(slug: $slug) }', { slug: SLUG }, staff);
  });

  it('ends two additions of one translation at once in one row and one CONFLICT; on a draft, in one row', async () => {
    const admin = await signInAsAdministrator(t);
    // A fourth language for the alliance, so that the version in force has one to take.
    await ok(
      t,
      'mutation($slug: String!, $input: UpdateAllianceInput!) { updateAlliance(slug: $slug, input: $input) { slug } }',
      { slug: SLUG, input: { languages: ['en', 'fr', 'de', 'it'] } },
      staff,
    );
    const italian = { language: 'it', title: 'Dichiarazione', text: 'Noi, firmatari, ci impegniamo.' };
    const additions = await Promise.all(
      [staff, admin].map((cookie) => t.graphql(TRANSLATE, { slug: SLUG, version: 2, input: italian }, { cookie })),
    );
    expect(additions.filter((r) => !r.errors)).toHaveLength(1);
    expect(additions.flatMap((r) => r.errors ?? []).map((e) => e.extensions)).toEqual([
      { code: 'CONFLICT', field: 'input.language' },
    ]);
    const italians = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from declaration_translation where language = 'it'`,
    );
    expect(italians[0]?.n).toBe(1);

    // On a draft the second replaces the first: both succeed, one row; discarding the draft takes them away.
    await ok(
      t,
      SAVE_DRAFT,
      { slug: SLUG, input: { title: inForce.title, text: 'Version three.', language: 'en' } },
      staff,
    );
    const saves = await Promise.all(
      [staff, admin].map((cookie) => t.graphql(TRANSLATE, { slug: SLUG, version: 3, input: GERMAN }, { cookie })),
    );
    expect(saves.map((r) => r.errors)).toEqual([undefined, undefined]);
    const ofDraft = () =>
      t.database.rows<{ n: number }>(
        sql`select count(*)::int as n from declaration_translation t
            join declaration_version v on v.id = t.declaration_version_id where v.status = 'draft'`,
      );
    expect((await ofDraft())[0]?.n).toBe(1);
    await ok(t, 'mutation($slug: String!) { discardDeclarationDraft(slug: $slug) }', { slug: SLUG }, staff);
    expect((await ofDraft())[0]?.n).toBe(0);
  });
});

describe('[SIGNING] signing from a translation records which text was read, and the certificate says so', () => {
  it('signs from the French page: fr and its hash recorded, the French certificate names both texts', async () => {
    const email = 'lea.martin@recyclage-rhone.example';
    const cookie = await signIn(t, email);
    await ok(t, 'mutation { setMyLocale(locale: "fr") { locale } }', {}, cookie);
    const { registerOrganisation } = await ok<{ registerOrganisation: { organisation: { id: string } } }>(
      t,
      REGISTER,
      {
        input: {
          legalName: 'Recyclage Rhône SAS',
          country: 'FR',
          kind: 'COMPANY',
          size: 'SME',
          stages: ['RECYCLER'],
          registrationNumber: 'RCS 812 345 678',
        },
      },
      cookie,
    );
    const organisationId = registerOrganisation.organisation.id;
    const { alliance } = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG });
    const current = alliance.declarationVersions.find((v) => v.status === 'PUBLISHED');
    const french = current?.translations.find((tr) => tr.language === 'fr');
    if (!current || !french) throw new Error('no French translation in force');
    const input = {
      allianceSlug: SLUG,
      organisationId,
      declarationVersion: current.version,
      signerName: 'Léa Martin',
      signerJobTitle: 'Directrice générale',
      textLanguage: 'fr',
      textSha256: french.textSha256,
    };

    // Refusals first, by field, writing nothing.
    const before = await rows();
    for (const [overrides, code, field] of [
      [{ textLanguage: 'es' }, 'NOT_FOUND', 'input.textLanguage'],
      [{ textSha256: current.textSha256 }, 'CONFLICT', 'input.textSha256'],
      [{ textSha256: 'not a hash' }, 'BAD_USER_INPUT', 'input.textSha256'],
      [{ textSha256: null }, 'BAD_USER_INPUT', 'input.textSha256'],
      // No language: the authentic text (the default), whose hash the French one is not.
      [{ textLanguage: null }, 'CONFLICT', 'input.textSha256'],
    ] as const) {
      expect(await refusal(t, SIGN, { input: { ...input, ...overrides } }, cookie)).toMatchObject({ code, field });
    }
    expect(await rows()).toEqual(before);

    const { signDeclaration: signed } = await ok<{
      signDeclaration: { id: string; textRead: { language: string; textSha256: string; isTranslation: boolean } };
    }>(t, SIGN, { input }, cookie);
    expect(signed.textRead).toEqual({ language: 'fr', textSha256: sha(french.text), isTranslation: true });
    const [row] = await t.database.db.select().from(schema.signature).where(eq(schema.signature.id, signed.id));
    expect(row).toMatchObject({ readLanguage: 'fr', readTextSha256: sha(french.text) });
    const [event] = await t.database.db
      .select({ after: schema.auditEvent.after })
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.action, 'signature.signed'), eq(schema.auditEvent.objectId, signed.id)));
    expect(event?.after).toMatchObject({
      textRead: { language: 'fr', textSha256: sha(french.text), isTranslation: true },
    });

    const mail = await waitForMail(t, email, /Confirmez la signature de Recyclage Rhône/);
    await ok(t, CONFIRM, { token: tokenFrom(mail.text, '/signatures/confirm') });
    await ok(t, APPROVE, { id: signed.id }, staff);
    const certificate = await waitFor(async () => {
      const res = await t.graphql<{
        me: { organisations: { signatures: { id: string; certificate: { url: string } | null }[] }[] };
      }>('{ me { organisations { signatures { id certificate { url } } } } }', {}, { cookie });
      return res.data?.me.organisations[0]?.signatures.find((s) => s.id === signed.id)?.certificate ?? undefined;
    }, 'the certificate');
    const download = await t.app.inject({ url: certificate.url, headers: { cookie } });
    expect(download.statusCode).toBe(200);
    const scratch = await mkdtemp(join(tmpdir(), 'concord-translation-'));
    try {
      const text = squash(await pdfText(await writePdf(join(scratch, 'certificate.pdf'), download.rawPayload)));
      expect(text).toContain('Certificat de signature');
      expect(text).toContain('Texte lu à la signature');
      expect(text).toContain('Une traduction (français) ; le texte signé est le texte faisant foi (anglais)');
      const bare = text.replace(/\s/g, '');
      expect(bare).toContain(`SHA-256dutextefaisantfoi${current.textSha256}`);
      expect(bare).toContain(`SHA-256delatraductionlue${sha(french.text)}`);

      // The public declaration PDF in French is the French translation, saying so, with both hashes.
      const issued = await t.app.inject(`/documents/declaration/${SLUG}.pdf?lang=fr`);
      expect(issued.statusCode).toBe(303);
      const file = await t.app.inject(String(issued.headers.location));
      const declaration = squash(await pdfText(await writePdf(join(scratch, 'declaration.pdf'), file.rawPayload)));
      expect(declaration).toContain(french.title);
      expect(declaration).toContain('Ceci est une traduction en français');
      expect(declaration.replace(/\s/g, '')).toContain(sha(french.text));
      expect(declaration.replace(/\s/g, '')).toContain(current.textSha256);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('records the authentic text when the signer names none', async () => {
    const cookie = await signIn(t, 'jan.kowalski@recykling.example');
    const { registerOrganisation } = await ok<{ registerOrganisation: { organisation: { id: string } } }>(
      t,
      REGISTER,
      {
        input: {
          legalName: 'Recykling Wisła sp. z o.o.',
          country: 'PL',
          kind: 'COMPANY',
          size: 'SME',
          stages: ['RECYCLER'],
          registrationNumber: 'KRS 0000123456',
        },
      },
      cookie,
    );
    const { alliance } = await ok<Declarations>(t, DECLARATIONS, { slug: SLUG });
    const current = alliance.declarationVersions.find((v) => v.status === 'PUBLISHED');
    const { signDeclaration } = await ok<{ signDeclaration: { textRead: unknown } }>(
      t,
      SIGN,
      {
        input: {
          allianceSlug: SLUG,
          organisationId: registerOrganisation.organisation.id,
          declarationVersion: current?.version,
          signerName: 'Jan Kowalski',
          signerJobTitle: 'Prezes',
        },
      },
      cookie,
    );
    expect(signDeclaration.textRead).toEqual({ language: 'en', textSha256: current?.textSha256, isTranslation: false });
  });
});
