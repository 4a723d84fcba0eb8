import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3300';
const gql = async (query, variables = {}, cookie) => {
  const r = await fetch(base + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query, variables }) });
  return { body: await r.json(), headers: r.headers };
};
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await (await b.newContext({ baseURL: base })).newPage();
p.on('console', (m) => console.log('console', m.text()));
p.on('websocket', (ws) => {
  console.log('WS open', ws.url());
  ws.on('framesent', (f) => console.log('WS >', f.payload));
  ws.on('framereceived', (f) => console.log('WS <', f.payload));
  ws.on('close', () => console.log('WS closed'));
  ws.on('socketerror', (e) => console.log('WS error', e));
});
await p.goto('/alliances/circular-plastics');
await p.waitForTimeout(1500);
// secretariat session
await gql('mutation { requestLoginLink(email: "secretariat@concord.example") { accepted } }');
await new Promise((r) => setTimeout(r, 3000));
const mail = await gql('{ devMailbox(to: "secretariat@concord.example") { nodes { text } } }');
const token = new URL(mail.body.data.devMailbox.nodes[0].text.match(/https?:\/\/\S+/)[0]).searchParams.get('token');
const signin = await gql('mutation ($t: String!) { signInWithLink(token: $t) { expiresAt } }', { t: token });
const cookie = signin.headers.getSetCookie()[0].split(';')[0];
const q = await gql('{ alliance(slug: "circular-plastics") { reviewQueue(first: 1) { nodes { id } } } }', {}, cookie);
const id = q.body.data.alliance.reviewQueue.nodes[0].id;
const sctx = await b.newContext({ baseURL: base });
const [n, v] = cookie.split('=');
await sctx.addCookies([{ name: n, value: v, url: base }]);
const s = await sctx.newPage();
s.on('response', (r) => { if (r.request().method() === 'POST') console.log('staff POST', r.status(), r.url()); });
await s.goto('/alliances/circular-plastics/review');
await s.getByRole('button', { name: /^Approve the signature of/ }).first().click();
await s.waitForTimeout(1500);
console.log((await s.locator('main').innerText()).slice(0, 300));
await p.waitForTimeout(2000);
console.log('live:', await p.locator('[aria-live="polite"]').textContent());
await b.close();
