import type { EmailJob } from '@concord/notifications';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from './helper.ts';
import { waitFor } from './journey.ts';

/** What the sink took from one message: enough to count deliveries and tell them apart, nothing parsed. */
export interface SinkMessage {
  messageId: string;
  to: string;
  subject: string;
  /** performance.now() when the message was accepted. */
  at: number;
  /** The whole message as received, when the sink was started with `keepRaw`. */
  raw?: string;
}

export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  /** Accepted messages, in the order the server accepted them. */
  readonly messages: SinkMessage[];
  /** Messages the server is holding (never answering their DATA), as a stalled mail server would. */
  readonly held: SinkMessage[];
  /** Resolves with the first held message. */
  firstHeld(): Promise<SinkMessage>;
  /** Resolves with the first message whose DATA the server has read, before it answers (after `delayMs`). */
  firstReceived(): Promise<SinkMessage>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that counts what it accepts. It reads only the headers it
 * needs (Message-ID, Subject) instead of parsing each message, so thousands of messages cost the
 * test little. `delayMs` makes it take that long over each message (a busy server); `hold` keeps the matching
 * messages' DATA unanswered until the client goes away.
 */
export async function startSmtpSink({
  port = 0,
  delayMs = 0,
  hold,
  keepRaw = false,
}: {
  keepRaw?: boolean;
  port?: number;
  delayMs?: number;
  hold?: (message: SinkMessage) => boolean;
} = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const held: SinkMessage[] = [];
  let onHeld: ((m: SinkMessage) => void) | undefined;
  const heldOnce = new Promise<SinkMessage>((resolve) => {
    onHeld = resolve;
  });
  let onReceived: ((m: SinkMessage) => void) | undefined;
  const receivedOnce = new Promise<SinkMessage>((resolve) => {
    onReceived = resolve;
  });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const head = raw.slice(0, raw.search(/\r?\n\r?\n/) + 1 || raw.length).replace(/\r?\n[ \t]+/g, ' ');
        const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
        const message: SinkMessage = {
          messageId: header('Message-ID'),
          to: session.envelope.rcptTo[0]?.address ?? '',
          subject: header('Subject'),
          at: 0,
          ...(keepRaw ? { raw } : {}),
        };
        onReceived?.(message);
        if (hold?.(message)) {
          held.push(message);
          onHeld?.(message);
          return; // never answered: the client waits until its own deadline, or dies
        }
        setTimeout(() => {
          message.at = performance.now();
          messages.push(message);
          callback();
        }, delayMs);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('SMTP sink has no port');
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    held,
    firstHeld: () => heldOnce,
    firstReceived: () => receivedOnce,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The bulk e-mail the throughput and outage tests (and the e-mail benchmark) queue: a review notice, number `i`. */
export const reviewNoticeJob = (idempotencyKey: string, i: number): EmailJob<'signature-to-review'> => ({
  idempotencyKey,
  template: 'signature-to-review',
  to: `reviewer-${i}@secretariat.example.eu`,
  locale: 'en',
  data: {
    organisationName: `Organisation ${i}`,
    allianceName: 'Circular Plastics Alliance',
    reviewUrl: `https://concord.example.eu/secretariat/signatures/${i}`,
    unsubscribeUrl: `https://concord.example.eu/email/opt-out?token=t${i}`,
  },
});

/** signIn reads the development mailbox; with a real mail server the link is read from what the server took. */
export async function signInThroughSink(t: TestApp, sink: SmtpSink, email: string): Promise<string> {
  const requested = await t.graphql('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', {
    email,
  });
  if (requested.errors) throw new Error(JSON.stringify(requested.errors));
  const token = await waitFor(async () => {
    for (const message of sink.messages) {
      const { text } = await simpleParser(message.raw ?? '');
      const match = /login\/verify\?token=([A-Za-z0-9_-]+)/.exec(text ?? '');
      if (match?.[1]) return match[1];
    }
    return undefined;
  }, 'the log-in link at the mail server');
  const res = await t.graphql('mutation($token: String!) { signInWithLink(token: $token) { person { id } } }', {
    token,
  });
  const cookie = res.setCookie.find((c) => c.startsWith('concord_session='));
  if (!cookie) throw new Error(`no session cookie: ${JSON.stringify(res.errors)}`);
  return cookie.split(';')[0] ?? '';
}
