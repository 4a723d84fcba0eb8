import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrRects, rectsToMatrix } from '../../documents/src/qr-code.ts';
import { CERTIFICATE_QR } from '../../documents/src/render-certificate.ts';
import { linkTargets, pdfText, readQrModules, squash, writePdf } from '../../documents/test/pdf-tools.ts';
import { REGISTRATIONS_PER_DAY } from '../src/modules/signing/use-cases/register-organisation.ts';
import { SIGNATURES_PER_PERSON_PER_DAY } from '../src/modules/signing/use-cases/sign-declaration.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn, tokenFrom, waitFor, waitForMail } from './journey.ts';

const SLUG = 'circular-plastics';
const SECRETARIAT = 'secretariat@concord.example';

const REGISTER = `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) {
  organisation { id legalName } possibleDuplicates { id legalName } } }`;
const SIGN = `mutation($input: SignDeclarationInput!) { signDeclaration(input: $input) { id status } }`;
const CONFIRM = 'mutation($token: String!) { confirmSignature(token: $token) { id status } }';
const APPROVE = 'mutation($id: ID!) { approveSignature(id: $id) { id status activatedAt } }';
const REJECT = 'mutation($id: ID!, $reason: String!) { rejectSignature(id: $id, reason: $reason) { id status } }';
const WITHDRAW = 'mutation($id: ID!, $reason: String) { withdrawSignature(id: $id, reason: $reason) { id status } }';
const QUEUE = `{ alliance(slug: "${SLUG}") { reviewQueue { totalCount nodes { id organisation { legalName }
  duplicateFlags { reason duplicateOf { legalName } } } } } }`;

let t: TestApp;
let version: number;
beforeAll(async () => {
  t = await buildTestApp();
  const [v] = await t.database.db.select().from(schema.declarationVersion).limit(1);
  version = v?.version ?? 1;
});
afterAll(() => t.close());

const organisationInput = (overrides: Record<string, unknown> = {}) => ({
  legalName: 'Nordlicht Kunststoffkreislauf GmbH',
  country: 'DE',
  kind: 'COMPANY',
  size: 'SME',
  stages: ['RECYCLER'],
  website: 'https://nordlicht.example',
  registrationNumber: `HRB ${Math.floor(Math.random() * 1e9)}`,
  transparencyRegisterNumber: '123456789012-34',
  ...overrides,
});

async function register(cookie: string, overrides: Record<string, unknown> = {}) {
  const res = await t.graphql<{
    registerOrganisation: {
      organisation: { id: string; legalName: string };
      possibleDuplicates: { legalName: string }[];
    };
  }>(REGISTER, { input: organisationInput(overrides) }, { cookie });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.registerOrganisation;
}

async function sign(cookie: string, organisationId: string) {
  return t.graphql<{ signDeclaration: { id: string; status: string } }>(
    SIGN,
    {
      input: {
        allianceSlug: SLUG,
        organisationId,
        declarationVersion: version,
        signerName: 'Ana Example',
        signerJobTitle: 'Managing Director',
      },
    },
    { cookie },
  );
}

/** Signs and confirms through the e-mail link: the signature then waits for review. */
async function signAndConfirm(email: string, cookie: string, organisationId: string): Promise<string> {
  const [organisation] = await t.database.db
    .select({ legalName: schema.organisation.legalName })
    .from(schema.organisation)
    .where(eq(schema.organisation.id, organisationId));
  const signed = await sign(cookie, organisationId);
  const id = signed.data?.signDeclaration.id;
  if (!id) throw new Error(JSON.stringify(signed.errors));
  // Other tests' mail to the same person may still be on its way: take the one about this organisation.
  const about = new RegExp(`confirm.*${(organisation?.legalName ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');
  const mail = await waitForMail(t, email, about);
  const confirmed = await t.graphql<{ confirmSignature: { status: string } }>(CONFIRM, {
    token: tokenFrom(mail.text, '/signatures/confirm'),
  });
  expect(confirmed.data?.confirmSignature.status).toBe('PENDING_REVIEW');
  return id;
}

async function registerCount(filter: Record<string, unknown>): Promise<number> {
  const res = await t.graphql<{ alliance: { signatories: { totalCount: number } } }>(
    `query($f: SignatoryFilter) { alliance(slug: "${SLUG}") { signatories(filter: $f) { totalCount } } }`,
    { f: filter },
  );
  return res.data?.alliance.signatories.totalCount ?? -1;
}

describe('[SIGNING] the journey through the API', () => {
  it('registers, signs, confirms, is approved, gets a certificate that verifies, and withdraws', async () => {
    const email = 'ana@nordlicht.example';
    const cookie = await signIn(t, email);
    const { organisation } = await register(cookie);

    const signed = await sign(cookie, organisation.id);
    expect(signed.data?.signDeclaration.status).toBe('PENDING_CONFIRMATION');
    expect(await registerCount({ search: 'Nordlicht' })).toBe(0);

    const mail = await waitForMail(t, email, /confirm/i);
    const confirmed = await t.graphql<{ confirmSignature: { status: string } }>(CONFIRM, {
      token: tokenFrom(mail.text, '/signatures/confirm'),
    });
    expect(confirmed.data?.confirmSignature.status).toBe('PENDING_REVIEW');
    await waitForMail(t, SECRETARIAT, /review/i);

    const staff = await signIn(t, SECRETARIAT);
    const queue = await t.graphql<{ alliance: { reviewQueue: { nodes: { id: string }[] } } }>(
      QUEUE,
      {},
      { cookie: staff },
    );
    const id = signed.data?.signDeclaration.id ?? '';
    expect(queue.data?.alliance.reviewQueue.nodes.map((n) => n.id)).toContain(id);

    const approved = await t.graphql<{ approveSignature: { status: string } }>(APPROVE, { id }, { cookie: staff });
    expect(approved.data?.approveSignature.status).toBe('ACTIVE');
    expect(await registerCount({ search: 'Nordlicht' })).toBe(1);

    // The certificate is rendered by a job, registered with its hash and e-mailed.
    const certificate = await waitFor(async () => {
      const res = await t.graphql<{
        me: { organisations: { signatures: { id: string; certificate: { sha256: string; url: string } | null }[] }[] };
      }>('{ me { organisations { signatures { id certificate { sha256 url } } } } }', {}, { cookie });
      return res.data?.me.organisations[0]?.signatures.find((s) => s.id === id)?.certificate ?? undefined;
    }, 'the certificate');
    const approvalMail = await waitForMail(t, email, /now a signatory/i);
    expect(approvalMail.text).toContain(certificate.url);

    // The file names the signer and their job title: the organisation's and the secretariat's, nobody else's.
    expect((await t.app.inject(certificate.url)).statusCode).toBe(404);
    const download = await t.app.inject({ url: certificate.url, headers: { cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/attachment; filename="certificate-.*\.pdf"/);
    expect(download.headers['cache-control']).toBe('private, no-store');
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(certificate.sha256);

    // Scanning the printed certificate: its QR code (read back from the pixels) and its printed link open the
    // verification of this very certificate, which names its SHA-256 and the organisation.
    const scratch = await mkdtemp(join(tmpdir(), 'concord-certificate-'));
    try {
      const file = await writePdf(join(scratch, 'certificate.pdf'), download.rawPayload);
      // The audit log's head when the certificate was issued, after the approval it certifies: still in the log.
      const [, seq, hash] = /Audit log head at issue: #(\d+) ([0-9a-f]{64})/.exec(squash(await pdfText(file))) ?? [];
      const [approval] = await t.database.db
        .select({ seq: schema.auditEvent.seq })
        .from(schema.auditEvent)
        .where(and(eq(schema.auditEvent.action, 'signature.approved'), eq(schema.auditEvent.objectId, id)));
      expect(Number(seq)).toBeGreaterThanOrEqual(approval?.seq ?? Number.POSITIVE_INFINITY);
      const check = await t.graphql<{ auditLogCheck: { isContained: boolean } }>(
        'query($seq: Int!, $hash: String!) { auditLogCheck(seq: $seq, hash: $hash) { isContained } }',
        { seq: Number(seq), hash },
      );
      expect(check.data?.auditLogCheck.isContained).toBe(true);
      const [link] = (await linkTargets(file)).filter((u) => u.includes('/verify'));
      if (!link) throw new Error('the certificate prints no verification link');
      // The code of the link (qr-code.test.ts checks this encoder against the qrcode library's matrix).
      const { size, rects } = qrRects(link);
      expect(await readQrModules(file, CERTIFICATE_QR, size)).toEqual(rectsToMatrix(size, rects));
      const url = new URL(link);
      expect(`${url.origin}${url.pathname}`).toBe(`${t.app.config.publicUrl}/verify`);
      const signatureId = url.searchParams.get('certificate') ?? '';
      const followed = await t.graphql<{
        verifyCertificate: {
          sha256: string;
          isIssued: boolean;
          isSignatureActive: boolean;
          signatureStatus: string;
          document: { kind: string; title: string; mayDownload: boolean; signature: unknown };
        } | null;
      }>(
        `query($id: ID!) { verifyCertificate(signatureId: $id) { sha256 isIssued isSignatureActive signatureStatus
          document { kind title mayDownload signature { signerName signerJobTitle withdrawalReason } } } }`,
        { id: signatureId },
      );
      // Anyone holding a copy checks it; the signer's name and title are not given to the public.
      expect(followed.data?.verifyCertificate).toEqual({
        sha256: certificate.sha256,
        isIssued: true,
        isSignatureActive: true,
        signatureStatus: 'ACTIVE',
        document: {
          kind: 'SIGNATURE_CERTIFICATE',
          title: `Certificate of signature: ${organisation.legalName}`,
          mayDownload: false,
          signature: null,
        },
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }

    const VERIFY = 'query($h: String!) { verifyDocument(sha256: $h) { isIssued isSignatureActive document { kind } } }';
    const verified = await t.graphql<{ verifyDocument: { isIssued: boolean; isSignatureActive: boolean } }>(VERIFY, {
      h: certificate.sha256.toUpperCase(),
    });
    expect(verified.data?.verifyDocument).toMatchObject({ isIssued: true, isSignatureActive: true });

    const withdrawn = await t.graphql<{ withdrawSignature: { status: string } }>(
      WITHDRAW,
      { id, reason: 'Merged' },
      { cookie },
    );
    expect(withdrawn.data?.withdrawSignature.status).toBe('WITHDRAWN');
    expect(await registerCount({ search: 'Nordlicht' })).toBe(0);
    const after = await t.graphql<{ verifyDocument: { isSignatureActive: boolean } }>(VERIFY, {
      h: certificate.sha256,
    });
    expect(after.data?.verifyDocument.isSignatureActive).toBe(false);
    // The reason given for withdrawing is the organisation's and the secretariat's: the hash does not reveal it.
    const PRIVATE = `query($h: String!) { verifyDocument(sha256: $h) { signatureStatus
      document { signature { signerName signerJobTitle withdrawalReason } } } }`;
    const seenByPublic = await t.graphql<{ verifyDocument: unknown }>(PRIVATE, { h: certificate.sha256 });
    expect(seenByPublic.data?.verifyDocument).toEqual({ signatureStatus: 'WITHDRAWN', document: { signature: null } });
    const seenByOrganisation = await t.graphql<{ verifyDocument: unknown }>(
      PRIVATE,
      { h: certificate.sha256 },
      { cookie },
    );
    expect(seenByOrganisation.data?.verifyDocument).toEqual({
      signatureStatus: 'WITHDRAWN',
      document: {
        signature: { signerName: 'Ana Example', signerJobTitle: 'Managing Director', withdrawalReason: 'Merged' },
      },
    });

    const history = await t.graphql<{
      me: {
        organisations: {
          signatures: { id: string; history: { action: string; toStatus: string | null; bySecretariat: boolean }[] }[];
        }[];
      };
    }>('{ me { organisations { signatures { id history { action toStatus bySecretariat } } } } }', {}, { cookie });
    const events = history.data?.me.organisations[0]?.signatures.find((s) => s.id === id)?.history ?? [];
    expect(events.map((e) => e.action)).toEqual([
      'signature.signed',
      'signature.confirmed',
      'signature.approved',
      'signature.withdrawn',
    ]);
    expect(events.find((e) => e.action === 'signature.approved')?.bySecretariat).toBe(true);

    const broken = await t.database.rows(sql`select seq from audit_verify_chain()`);
    expect(broken).toEqual([]);
  });

  it('flags possible duplicates to the secretariat instead of merging them', async () => {
    // A public signatory: the registrant may be told of it, since the register shows its name and country.
    const [existing] = await t.database.db
      .select()
      .from(schema.organisation)
      .where(
        sql`${schema.organisation.registrationNumber} is not null and exists (select 1 from signature s where s.organisation_id = ${schema.organisation.id} and s.status = 'active')`,
      )
      .limit(1);
    const cookie = await signIn(t, 'dup@example.org');
    const result = await register(cookie, {
      legalName: existing?.legalName,
      country: existing?.country,
      registrationNumber: existing?.registrationNumber,
    });
    expect(result.possibleDuplicates.map((d) => d.legalName)).toContain(existing?.legalName);
    await signAndConfirm('dup@example.org', cookie, result.organisation.id);
    const staff = await signIn(t, SECRETARIAT);
    const queue = await t.graphql<{
      alliance: {
        reviewQueue: {
          nodes: {
            organisation: { legalName: string };
            duplicateFlags: { reason: string; duplicateOf: { legalName: string } }[];
          }[];
        };
      };
    }>(QUEUE, {}, { cookie: staff });
    const item = queue.data?.alliance.reviewQueue.nodes.find((n) => n.organisation.legalName === existing?.legalName);
    expect(item?.duplicateFlags.map((f) => f.reason)).toContain('REGISTRATION_NUMBER');
  });

  it('tells a registrant nothing about an organisation found by its registration number alone', async () => {
    // Registration numbers are in no export: a match on one is for the secretariat's eyes.
    const [hidden] = await t.database.db
      .select()
      .from(schema.organisation)
      .where(
        sql`${schema.organisation.registrationNumber} is not null and not exists (select 1 from signature s where s.organisation_id = ${schema.organisation.id} and s.status = 'active')`,
      )
      .limit(1);
    if (!hidden?.registrationNumber) throw new Error('the demo has no organisation outside the register');
    const cookie = await signIn(t, 'prober@example.org');
    const probe = await register(cookie, {
      legalName: 'Probe Holdings',
      country: 'LU',
      registrationNumber: hidden.registrationNumber,
    });
    expect(probe.possibleDuplicates).toEqual([]);
    const [flag] = await t.database.db
      .select()
      .from(schema.organisationDuplicateFlag)
      .where(eq(schema.organisationDuplicateFlag.organisationId, probe.organisation.id));
    expect(flag).toMatchObject({ duplicateOfId: hidden.id, reason: 'registration_number' });
  });

  it('lets one person register a handful of organisations a day, not dozens', async () => {
    const cookie = await signIn(t, 'bulk@example.org');
    const answers = await Promise.all(
      Array.from({ length: REGISTRATIONS_PER_DAY + 5 }, (_, i) =>
        t.graphql(REGISTER, { input: organisationInput({ legalName: `Bulk Plastics ${i}` }) }, { cookie }),
      ),
    );
    const codes = answers.map((a) => (a.errors ? a.errors[0]?.extensions?.code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(REGISTRATIONS_PER_DAY);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
    const [row] = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from organisation where legal_name like 'Bulk Plastics %'`,
    );
    expect(Number(row?.n)).toBe(REGISTRATIONS_PER_DAY);
  });

  it('rejects with a reason, which the signer receives by e-mail', async () => {
    const email = 'rejected@example.org';
    const cookie = await signIn(t, email);
    const { organisation } = await register(cookie, { legalName: 'Westward Polymers Ltd', country: 'IE' });
    const id = await signAndConfirm(email, cookie, organisation.id);
    const staff = await signIn(t, SECRETARIAT);
    const res = await t.graphql<{ rejectSignature: { status: string } }>(
      REJECT,
      { id, reason: 'Not an EU organisation.' },
      { cookie: staff },
    );
    expect(res.data?.rejectSignature.status).toBe('REJECTED');
    const mail = await waitForMail(t, email, /not accepted/i);
    expect(mail.text).toContain('Not an EU organisation.');
  });
});

describe('[SIGNING] bad input and conflicts', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await signIn(t, 'careful@example.org');
  });

  it.each([
    ['an empty name', 'input.legalName', { legalName: '   ' }],
    ['an over-long name', 'input.legalName', { legalName: 'x'.repeat(301) }],
    ['an unknown country', 'input.country', { country: 'XX' }],
    [
      'a malformed Transparency Register number',
      'input.transparencyRegisterNumber',
      { transparencyRegisterNumber: '12345-6' },
    ],
    ['no value-chain stage', 'input.stages', { stages: [] }],
    ['a website that is not http(s)', 'input.website', { website: 'javascript:alert(1)' }],
    ['an empty registration number', 'input.registrationNumber', { registrationNumber: '' }],
  ])('refuses %s as BAD_USER_INPUT naming %s, and writes nothing', async (_label, field, overrides) => {
    const before = await countRows(schema.organisation);
    const res = await t.graphql(REGISTER, { input: organisationInput(overrides) }, { cookie });
    expect(res.statusCode).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await countRows(schema.organisation)).toBe(before);
  });

  it('refuses an empty or over-long signer name or job title', async () => {
    const { organisation } = await register(cookie, { legalName: 'Careful Polymers SA', country: 'BE' });
    for (const [key, value] of [
      ['signerName', ''],
      ['signerJobTitle', 'y'.repeat(201)],
    ] as const) {
      const res = await t.graphql(
        SIGN,
        {
          input: {
            allianceSlug: SLUG,
            organisationId: organisation.id,
            declarationVersion: version,
            signerName: 'A',
            signerJobTitle: 'B',
            [key]: value,
          },
        },
        { cookie },
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${key}` });
    }
  });

  it('answers signing twice with CONFLICT', async () => {
    const { organisation } = await register(cookie, { legalName: 'Twice Recycling BV', country: 'NL' });
    expect((await sign(cookie, organisation.id)).data?.signDeclaration.status).toBe('PENDING_CONFIRMATION');
    const again = await sign(cookie, organisation.id);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('answers a declaration version that does not exist with NOT_FOUND naming the field, not "now current"', async () => {
    const { organisation } = await register(cookie, { legalName: 'Future Reader Oy', country: 'FI' });
    const res = await signWith(organisation.id, { declarationVersion: version + 1 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.declarationVersion' });
    expect(res.errors?.[0]?.message).toMatch(new RegExp(`no version ${version + 1}`, 'i'));
    expect(res.errors?.[0]?.message).not.toMatch(/now current/);
  });

  // A superseded version, published through the API: declaration-versions.db.test.ts.

  let windowStaff: string | undefined;
  it.each([
    ['closed', { closesOn: '2020-12-31' }, /closed on 2020-12-31/, 'CLOSED'],
    ['not yet open', { opensOn: '2999-01-01' }, /opens on 2999-01-01/, 'NOT_YET_OPEN'],
  ])('refuses to sign while the signing window is %s, and writes nothing', async (_label, window, message, state) => {
    const { organisation } = await register(cookie, { legalName: `Window Watchers ${_label} SA`, country: 'LU' });
    // Signed in once for both cases: log-in links per address are limited.
    windowStaff ??= await signIn(t, SECRETARIAT);
    const staff = windowStaff;
    const setWindow = async (signingWindow: Record<string, string | null>) => {
      const res = await t.graphql(
        'mutation($slug: String!, $input: UpdateAllianceInput!) { updateAlliance(slug: $slug, input: $input) { id } }',
        { slug: SLUG, input: { signingWindow } },
        { cookie: staff },
      );
      expect(res.errors).toBeUndefined();
    };
    const shown = async () =>
      (
        await t.graphql<{
          alliance: { signingWindow: { isOpen: boolean; state: string }; declaration: { isOpenForSignature: boolean } };
        }>(`{ alliance(slug: "${SLUG}") { signingWindow { isOpen state } declaration { isOpenForSignature } } }`)
      ).data?.alliance;
    await setWindow(window);
    try {
      const res = await signWith(organisation.id, {});
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(await shown()).toEqual({
        signingWindow: { isOpen: false, state },
        declaration: { isOpenForSignature: false },
      });
      const rows = await t.database.db
        .select()
        .from(schema.signature)
        .where(eq(schema.signature.organisationId, organisation.id));
      expect(rows).toEqual([]);
    } finally {
      await setWindow({ opensOn: '2019-09-20', closesOn: null });
    }
    expect(await shown()).toEqual({
      signingWindow: { isOpen: true, state: 'OPEN' },
      declaration: { isOpenForSignature: true },
    });
    expect((await signWith(organisation.id, {})).data?.signDeclaration.status).toBe('PENDING_CONFIRMATION');
  });

  async function signWith(organisationId: string, overrides: Record<string, unknown>) {
    return t.graphql<{ signDeclaration: { id: string; status: string } }>(
      SIGN,
      {
        input: {
          allianceSlug: SLUG,
          organisationId,
          declarationVersion: version,
          signerName: 'A',
          signerJobTitle: 'B',
          ...overrides,
        },
      },
      { cookie },
    );
  }

  it('ends 50 concurrent identical sign requests with one signature', async () => {
    const { organisation } = await register(cookie, { legalName: 'Concurrent Plastics AB', country: 'SE' });
    const answers = await Promise.all(Array.from({ length: 50 }, () => sign(cookie, organisation.id)));
    const succeeded = answers.filter((a) => a.data?.signDeclaration);
    const conflicts = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect(succeeded).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const rows = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.signature)
      .where(eq(schema.signature.organisationId, organisation.id));
    expect(rows[0]?.n).toBe(1);
  });

  it('holds one person to their signatures a day when they sign for many organisations at once', async () => {
    // Twelve organisations one person represents (as an imported register gives them), all signed at the same moment.
    const email = 'many-hats@example.org';
    const hats = await signIn(t, email);
    const [person] = await t.database.db.select().from(schema.person).where(eq(schema.person.email, email));
    const organisations = await t.database.db
      .insert(schema.organisation)
      .values(
        Array.from({ length: SIGNATURES_PER_PERSON_PER_DAY + 2 }, (_, i) => ({
          legalName: `Many Hats ${i} GmbH`,
          normalisedName: `many hats ${i} gmbh`,
          country: 'AT',
          kind: 'company' as const,
          size: 'sme' as const,
        })),
      )
      .returning();
    await t.database.db
      .insert(schema.organisationMember)
      .values(organisations.map((o) => ({ organisationId: o.id, personId: person?.id ?? '' })));
    const answers = await Promise.all(organisations.map((o) => sign(hats, o.id)));
    const codes = answers.map((a) => (a.errors ? a.errors[0]?.extensions?.code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(SIGNATURES_PER_PERSON_PER_DAY);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(2);
    const [rows] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.signature)
      .where(eq(schema.signature.signerPersonId, person?.id ?? ''));
    expect(rows?.n).toBe(SIGNATURES_PER_PERSON_PER_DAY);
  });

  it('lets one of two simultaneous reviewers decide; the other gets CONFLICT', async () => {
    const { organisation } = await register(cookie, { legalName: 'Two Reviewers Srl', country: 'IT' });
    const id = await signAndConfirm('careful@example.org', cookie, organisation.id);
    const staff = await signIn(t, SECRETARIAT);
    const [a, b] = await Promise.all([
      t.graphql(APPROVE, { id }, { cookie: staff }),
      t.graphql(REJECT, { id, reason: 'Duplicate' }, { cookie: staff }),
    ]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const events = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(
        and(
          eq(schema.auditEvent.objectId, id),
          sql`${schema.auditEvent.action} in ('signature.approved', 'signature.rejected')`,
        ),
      );
    expect(events).toHaveLength(1);
  });

  it('answers a certificate check for a signature without certificate as for an unknown id, and a malformed id as BAD_USER_INPUT', async () => {
    const { organisation } = await register(cookie, { legalName: 'Not Yet Certified SRL', country: 'RO' });
    const pending = (await sign(cookie, organisation.id)).data?.signDeclaration.id;
    const CHECK = 'query($id: ID!) { verifyCertificate(signatureId: $id) { sha256 } }';
    for (const id of [pending, '0190a6c4-6f2e-7c1d-9a3b-2f4e5d6c7b8a']) {
      const res = await t.graphql(CHECK, { id });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ verifyCertificate: null });
    }
    const bad = await t.graphql(CHECK, { id: 'not-a-uuid' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'signatureId' });
  });

  it('refuses a confirmation link used twice', async () => {
    const email = 'twice-confirm@example.org';
    const own = await signIn(t, email);
    const { organisation } = await register(own, { legalName: 'Confirm Once Kft', country: 'HU' });
    await sign(own, organisation.id);
    const token = tokenFrom((await waitForMail(t, email, /confirm/i)).text, '/signatures/confirm');
    expect((await t.graphql(CONFIRM, { token })).errors).toBeUndefined();
    const again = await t.graphql(CONFIRM, { token });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });
});

async function countRows(table: typeof schema.organisation): Promise<number> {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row?.n ?? 0;
}
