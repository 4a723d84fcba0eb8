import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone } from '../setup/standalone.ts';

/**
 * Concord behind a reverse proxy, as deployed: a small Node proxy on loopback (trusted by the default TRUST_PROXY)
 * forwards each request with the client's address in X-Forwarded-For, as nginx or a cloud load balancer does. The
 * log-in rate limit must count each person on their own, not everyone as the proxy.
 */
let concord: Awaited<ReturnType<typeof startStandalone>>;
let proxy: Server;
let proxyUrl = '';
const PER_CLIENT = 30;

beforeAll(async () => {
  concord = await startStandalone({ LOGIN_LINKS_PER_CLIENT: String(PER_CLIENT), LOGIN_LINKS_PER_ADDRESS: '5' });
  const target = new URL(concord.baseUrl);
  proxy = createServer((incoming, outgoing) => {
    // The test says which client it plays; a real proxy takes it from the connection.
    const client = incoming.headers['x-test-client'] as string;
    const { 'x-test-client': _played, ...headers } = incoming.headers;
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...headers, host: target.host, 'x-forwarded-for': client },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await concord?.stop();
});

/** The portal's log-in form, posted as a browser without JavaScript does (through the proxy). */
async function signIn(client: string, email: string): Promise<string> {
  const response = await fetch(`${proxyUrl}/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: concord.baseUrl,
      'x-test-client': client,
      'x-sveltekit-action': 'true',
    },
    body: new URLSearchParams({ email }),
  });
  return response.text();
}

describe('[SECURITY] rate limits behind a reverse proxy', () => {
  it('counts each client address on its own: 40 people sign in through one proxy', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(`203.0.113.${i + 1}`, `person${i}@proxy.example`)),
    );
    const refused = answers.filter((a) => /too many/i.test(a));
    expect(refused).toEqual([]);
    expect(answers.every((a) => a.includes('"type":"success"'))).toBe(true);
  });

  it('still limits one client that asks too often, whoever it asks for', async () => {
    const answers: string[] = [];
    for (let i = 0; i < PER_CLIENT + 2; i++) answers.push(await signIn('198.51.100.7', `many${i}@proxy.example`));
    expect(answers.slice(0, PER_CLIENT).every((a) => a.includes('"type":"success"'))).toBe(true);
    expect(answers.slice(PER_CLIENT).every((a) => /too many/i.test(a))).toBe(true);
  });
});
