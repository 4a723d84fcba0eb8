/** GraphQL over HTTP for tests that talk to Concord processes they started (tests/process). */
import { request } from 'node:http';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers of several shapes
export type Answer = { data?: any; errors?: unknown[] };

/** A client of `base`'s `/graphql`: POSTs a query with its variables (and a session's Cookie header if given). */
export function graphqlAt(base: string) {
  return async (query: string, variables: Record<string, unknown> = {}, cookie?: string): Promise<Answer> => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  };
}

/** Signs in through `base` with a log-in link from the development mailbox; answers the session's Cookie header. */
export async function signIn(base: string, email: string): Promise<string> {
  const ask = graphqlAt(base);
  await ask('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', { email });
  let text = '';
  await until(async () => {
    const answer = await ask('query($to: String) { devMailbox(first: 5, to: $to) { nodes { text } } }', { to: email });
    text = answer.data?.devMailbox?.nodes?.[0]?.text ?? '';
    return text.includes('/login/verify');
  });
  const link = text.match(/https?:\/\/\S+\/login\/verify\S*/)?.[0] ?? '';
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($token: String!) { signInWithLink(token: $token) { expiresAt } }',
      variables: { token: new URL(link).searchParams.get('token') },
    }),
  });
  const [pair = ''] = (response.headers.getSetCookie()[0] ?? '').split(';');
  if (!pair.includes('concord_session')) throw new Error(`no session: ${await response.text()}`);
  return pair;
}

/** Waits until `check` answers true, asking every 200 ms; throws after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A GraphQL POST straight to a process, on a connection of its own (no proxy, no kept-alive connection that could
 * be closed as idle): `written` once the request has been handed to the operating system, `answer` with its status
 * and parsed body; a connection cut before an answer rejects `answer`.
 */
export function postDirect(port: number, payload: Record<string, unknown>) {
  const body = JSON.stringify(payload);
  let isWritten: () => void = () => {};
  const written = new Promise<void>((resolve) => {
    isWritten = resolve;
  });
  const answer = new Promise<{ status: number; body: Answer }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/graphql',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer }));
        res.on('error', reject);
      },
    );
    req.on('finish', isWritten);
    req.on('error', reject);
    req.end(body);
  });
  return { written, answer };
}

/**
 * `reads` copies of the query `read`, then a request for a log-in link for each of `emails` (a change: a row and a
 * queued e-mail each), all sent straight to `port` at once with postDirect.
 */
export function readsAndLoginLinks(port: number, read: string, reads: number, emails: readonly string[]) {
  return [
    ...Array.from({ length: reads }, () => postDirect(port, { query: read })),
    ...emails.map((email) =>
      postDirect(port, {
        query: 'mutation($email: String!) { requestLoginLink(email: $email) { accepted } }',
        variables: { email },
      }),
    ),
  ];
}
