import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, squash, writePdf } from '../../documents/test/pdf-tools.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { mailbox, signIn, tokenFrom, waitForMail } from './journey.ts';
import { SECRETARIAT, SLUG } from './pledge-fixtures.ts';

const ME = 'query { me { locale } }';
const SET = 'mutation($locale: String!) { setMyLocale(locale: $locale) { locale } }';
const PERSON = 'sprachwahl@example.org';

let t: TestApp;
let cookie = '';

beforeAll(async () => {
  t = await buildTestApp();
  cookie = await signIn(t, PERSON);
}, 60_000);
afterAll(() => t.close());

describe('[LANGUAGE] a person chooses the language Concord writes to them in', () => {
  it('lists the languages Concord is written in', async () => {
    const res = await t.graphql<{ supportedLocales: string[] }>('query { supportedLocales }');
    expect(res.data?.supportedLocales).toEqual(['en', 'fr', 'de']);
  });

  it('refuses a language without catalogues, naming the field, and a caller who is not signed in', async () => {
    const unknown = await t.graphql(SET, { locale: 'it' }, { cookie });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
    const loose = await t.graphql(SET, { locale: 'FR' }, { cookie });
    expect(loose.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
    const anonymous = await t.graphql(SET, { locale: 'fr' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.graphql<{ me: { locale: string } }>(ME, {}, { cookie })).data?.me.locale).toBe('en');
  });

  it('saves the choice once, with an audit event, and writes the next e-mail in that language', async () => {
    const res = await t.graphql<{ setMyLocale: { locale: string } }>(SET, { locale: 'de' }, { cookie });
    expect(res.errors).toBeUndefined();
    expect(res.data?.setMyLocale.locale).toBe('de');
    await t.graphql(SET, { locale: 'de' }, { cookie });
    expect((await t.graphql<{ me: { locale: string } }>(ME, {}, { cookie })).data?.me.locale).toBe('de');
    const events = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.action, 'person.locale_changed'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ before: { locale: 'en' }, after: { locale: 'de' } });

    const before = (await mailbox(t, PERSON)).length;
    await t.graphql('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', { email: PERSON });
    const mail = await waitForMail(t, PERSON, /Anmeldelink/);
    expect(mail.text).toContain('Melden Sie sich über den folgenden Link an.');
    expect((await mailbox(t, PERSON)).length).toBe(before + 1);

    // Signing in tells the portal the saved language, so that its pages follow it from the first one.
    const signedIn = await t.graphql<{ signInWithLink: { locale: string } }>(
      'mutation($token: String!) { signInWithLink(token: $token) { locale } }',
      { token: tokenFrom(mail.text, '/login/verify') },
    );
    expect(signedIn.data?.signInWithLink.locale).toBe('de');
  });

  it('writes to a signer who chose French in French, from the confirmation to the certificate', async () => {
    const email = 'claire@recyclage-nord.example';
    const signer = await signIn(t, email);
    await t.graphql(SET, { locale: 'fr' }, { cookie: signer });
    const registered = await t.graphql<{ registerOrganisation: { organisation: { id: string } } }>(
      `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`,
      {
        input: {
          legalName: 'Recyclage du Nord SAS',
          country: 'FR',
          kind: 'COMPANY',
          size: 'SME',
          stages: ['RECYCLER'],
          registrationNumber: `RCS ${Math.floor(Math.random() * 1e9)}`,
        },
      },
      { cookie: signer },
    );
    const [version] = await t.database.db.select().from(schema.declarationVersion).limit(1);
    const signed = await t.graphql<{ signDeclaration: { id: string } }>(
      'mutation($input: SignDeclarationInput!) { signDeclaration(input: $input) { id } }',
      {
        input: {
          allianceSlug: SLUG,
          organisationId: registered.data?.registerOrganisation.organisation.id,
          declarationVersion: version?.version ?? 1,
          signerName: 'Claire Exemple',
          signerJobTitle: 'Directrice générale',
        },
      },
      { cookie: signer },
    );
    const id = signed.data?.signDeclaration.id ?? '';
    expect(id).not.toBe('');

    const mail = await waitForMail(t, email, /^Confirmez la signature de Recyclage du Nord SAS/);
    await t.graphql('mutation($token: String!) { confirmSignature(token: $token) { id } }', {
      token: tokenFrom(mail.text, '/signatures/confirm'),
    });
    const staff = await signIn(t, SECRETARIAT);
    await t.graphql('mutation($id: ID!) { approveSignature(id: $id) { id } }', { id }, { cookie: staff });

    const approval = await waitForMail(t, email, /est désormais signataire/);
    const url = /https?:\/\/\S+\/documents\/\S+\.pdf/.exec(approval.text.replace(/\n/g, ' '))?.[0] ?? '';
    const download = await t.app.inject({ url: new URL(url).pathname, headers: { cookie: signer } });
    expect(download.statusCode).toBe(200);
    const scratch = await mkdtemp(join(tmpdir(), 'concord-certificat-'));
    try {
      const text = squash(await pdfText(await writePdf(join(scratch, 'certificat.pdf'), download.rawPayload)));
      expect(text).toContain('Certificat de signature');
      expect(text).toContain('Recyclage du Nord SAS');
      expect(text).toContain('France');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    const [document] = await t.database.db
      .select({ language: schema.document.language })
      .from(schema.document)
      .where(eq(schema.document.signatureId, id));
    expect(document?.language).toBe('fr');
  });
});

describe('[ACCOUNT] a person sets the name Concord knows them by', () => {
  const SET_NAME = 'mutation($name: String!) { setMyName(name: $name) { person { id name } } }';
  const NAMED = 'namenswahl@example.org';

  it('refuses an empty, overlong or non-name value by field, and a caller who is not signed in, changing nothing', async () => {
    const me = await signIn(t, NAMED);
    const before = await t.graphql<{ me: { person: { name: string } } }>(
      '{ me { person { name } } }',
      {},
      { cookie: me },
    );
    for (const name of ['', '   ', 'x'.repeat(201), 'Anna\u0000Peeters', 'Anna\nPeeters']) {
      const res = await t.graphql(SET_NAME, { name }, { cookie: me });
      expect(res.errors?.[0]?.extensions, JSON.stringify(name)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'name',
      });
    }
    const anonymous = await t.graphql(SET_NAME, { name: 'Anna Peeters' });
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const after = await t.graphql<{ me: { person: { name: string } } }>(
      '{ me { person { name } } }',
      {},
      { cookie: me },
    );
    expect(after.data).toEqual(before.data);
  });

  it('saves the name once however often it is sent at once, with one audit event whose names are its personal part', async () => {
    const me = await signIn(t, NAMED);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.graphql<{ setMyName: { person: { name: string } } }>(
          SET_NAME,
          { name: '  Élise Dubois-Müller ' },
          { cookie: me },
        ),
      ),
    );
    for (const answer of answers) expect(answer.data?.setMyName.person.name).toBe('Élise Dubois-Müller');
    const events = await t.database.db
      .select({ seq: schema.auditEvent.seq, before: schema.auditEvent.before, after: schema.auditEvent.after })
      .from(schema.auditEvent)
      .where(eq(schema.auditEvent.action, 'person.renamed'));
    expect(events).toHaveLength(1);
    // The event itself holds no name: the names are in its personal part, which an erasure removes.
    expect(JSON.stringify(events[0])).not.toMatch(/Élise|namenswahl/);
    const [personal] = await t.database.db
      .select({ data: schema.auditPersonal.data })
      .from(schema.auditPersonal)
      .where(eq(schema.auditPersonal.eventSeq, Number(events[0]?.seq)));
    expect(personal?.data).toEqual({ before: 'namenswahl', after: 'Élise Dubois-Müller' });
  });
});
