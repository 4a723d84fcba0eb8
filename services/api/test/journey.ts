import type { TestApp } from './helper.ts';

/** Polls until `probe` returns a value (not undefined), for things a job does in the background. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface MailboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
}

export async function mailbox(t: TestApp, to: string): Promise<MailboxMessage[]> {
  const res = await t.graphql<{ devMailbox: { nodes: MailboxMessage[] } }>(
    'query($to: String) { devMailbox(first: 100, to: $to) { nodes { id to subject text } } }',
    { to },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data?.devMailbox.nodes ?? [];
}

/** Waits for the `count`-th message to `to` whose subject matches, and returns it. */
export async function waitForMail(t: TestApp, to: string, subject: RegExp, count = 1): Promise<MailboxMessage> {
  return waitFor(async () => {
    const matching = (await mailbox(t, to)).filter((m) => subject.test(m.subject));
    return matching.length >= count ? matching[0] : undefined;
  }, `an e-mail to ${to} matching ${subject}`);
}

export function tokenFrom(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`No ${path} link in:\n${text}`);
  return match[1];
}

/** Signs in through the API as a person would: asks for a link, opens the e-mail, follows the link. */
export async function signIn(t: TestApp, email: string): Promise<string> {
  const isLoginMail = /sign-?in|log-?in/i;
  const before = (await mailbox(t, email)).filter((m) => isLoginMail.test(m.subject)).length;
  const requested = await t.graphql('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', {
    email,
  });
  if (requested.errors) throw new Error(JSON.stringify(requested.errors));
  const mail = await waitForMail(t, email, isLoginMail, before + 1);
  const token = tokenFrom(mail.text, '/login/verify');
  const res = await t.graphql('mutation($token: String!) { signInWithLink(token: $token) { person { id } } }', {
    token,
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const cookie = res.setCookie.find((c) => c.startsWith('concord_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}
