import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';
import { type Person, SECRETARIAT } from './pledge-fixtures.ts';
import { publishVersion2, representatives, representativesOfSignatories } from './resign-fixtures.ts';
import { type SmtpSink, signInThroughSink, startSmtpSink } from './smtp-sink.ts';

/**
 * The invitations to re-sign that publishing a version sends, through a real mail server (smtp-server): every
 * representative of a signatory of the earlier version gets one, in their language, with the link to the account page
 * where the re-signing form is; nobody gets two.
 */
let t: TestApp;
let sink: SmtpSink;
let reps: Person[];
let invited: string[];

beforeAll(async () => {
  sink = await startSmtpSink({ keepRaw: true });
  t = await buildTestApp({ env: { SMTP_URL: sink.url, DEV_MAILBOX: 'false' } });
  reps = await representatives(t, 2);
  await t.database.db
    .update(schema.person)
    .set({ locale: 'de' })
    .where(eq(schema.person.email, reps[0]?.email ?? ''));
  invited = await representativesOfSignatories(t);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('[SIGNING] the invitations to re-sign, through a real mail server', () => {
  it('reaches each representative of a signatory once, in their language, linking to the account page', async () => {
    // Signed in through the mail server too: the log-in link is an e-mail like any other.
    const staff = await signInThroughSink(t, sink, SECRETARIAT);
    await publishVersion2(t, staff);

    const invitations = async () => {
      const parsed = await Promise.all(sink.messages.map((m) => simpleParser(m.raw ?? '')));
      return parsed.filter((m) => /Version 2|Fassung 2/.test(m.subject ?? ''));
    };
    const { emailDelivery } = schema;
    await waitFor(
      async () => {
        const sent = await t.database.db
          .select({ id: emailDelivery.id })
          .from(emailDelivery)
          .where(and(eq(emailDelivery.template, 'resign-invitation'), eq(emailDelivery.status, 'sent')));
        return sent.length >= invited.length ? true : undefined;
      },
      'every invitation sent to the mail server',
      90_000,
    );
    // Give a duplicate a chance to show before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const received = await invitations();
    const addresses = received.map((m) => (Array.isArray(m.to) ? '' : (m.to?.text ?? '')).toLowerCase()).sort();
    // Each address once: as many invitations as people, none twice.
    expect(addresses).toEqual(invited);

    const german = received.find(
      (m) => !Array.isArray(m.to) && m.to?.text.toLowerCase() === reps[0]?.email.toLowerCase(),
    );
    expect(german?.subject).toMatch(/^Fassung 2 der Erklärung/);
    expect(german?.headers.get('content-language')).toBe('de');
    expect(german?.text).toContain(`${t.app.config.publicUrl}/account`);
    const english = received.find(
      (m) => !Array.isArray(m.to) && m.to?.text.toLowerCase() === reps[1]?.email.toLowerCase(),
    );
    expect(english?.subject).toMatch(/^Version 2 of the .* declaration: sign it again$/);
    expect(english?.html).toContain(`href="${t.app.config.publicUrl}/account"`);
  }, 150_000);
});
