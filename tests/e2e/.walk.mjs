import { chromium } from 'playwright-core';
const base = process.env.BASE;
const run = Date.now(); const email = `ada${run}@example.org`; const orgName = `Polyloop Recycling ${run} GmbH`;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const ctx = await b.newContext({ baseURL: base });
const p = await ctx.newPage();
p.on('console', (msg) => console.log('console:', msg.type(), msg.text()));
p.on('response', (r) => { if (r.status() >= 400) console.log('HTTP', r.status(), r.url()); });
globalThis.__p = p;
const show = async (label) => console.log(`\n===== ${label} ${p.url()}\n` + (await p.locator('main').innerText()).slice(0, 1800));
async function openMail(to, subjectRe, p = globalThis.__p) {
  for (let i = 0; i < 20; i++) {
    await p.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    const link = p.getByRole('link', { name: subjectRe }).first();
    if (await link.count()) { await link.click(); await p.waitForLoadState(); return; }
    await p.waitForTimeout(500);
  }
  throw new Error('no mail ' + subjectRe);
}
await p.goto('/login?next=/alliances/circular-plastics/sign');
await p.getByLabel('E-mail address').fill(email);
await p.getByRole('button', { name: 'Send me a sign-in link' }).click();
await p.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
await openMail(email, /sign-in/i);
await show('message');
await p.locator('main .text a').first().click();
await p.waitForLoadState();
await show('verify');
await p.getByRole('button', { name: 'Sign in' }).click();
await p.waitForLoadState('networkidle');
await show('after sign in');
console.log('cookies', (await ctx.cookies()).map(c => `${c.name} httpOnly=${c.httpOnly} sameSite=${c.sameSite} secure=${c.secure} expires=${c.expires}`));
console.log('header', await p.locator('header').innerText());

// sign page with no orgs -> register
await p.getByRole('link', { name: 'Register your organisation first' }).click();
await p.waitForLoadState();
await show('register form');
await p.getByRole('button', { name: 'Register the organisation' }).click();
await p.waitForTimeout(800);
await show('register errors');
console.log('focused', await p.evaluate(() => document.activeElement?.className + ' ' + document.activeElement?.tagName));
await p.getByLabel('Legal name').fill(orgName);
await p.getByLabel('Country', { exact: true }).selectOption('DE');
await p.getByLabel('Kind of organisation').selectOption('COMPANY');
await p.getByLabel('SME').check();
await p.getByLabel('Recycler').check();
await p.getByLabel('Registration number').fill('HRB 12345');
await p.getByLabel('EU Transparency Register number').fill('1234-5');
await p.getByLabel('Website').fill('polyloop.example');
await p.getByRole('button', { name: 'Register the organisation' }).click();
await p.waitForTimeout(800);
await show('register api errors');
await p.getByLabel('EU Transparency Register number').fill('123456789012-34');
await p.getByLabel('Website').fill('https://polyloop.example');
await p.getByRole('button', { name: 'Register the organisation' }).click();
await p.waitForTimeout(800);
await show('registered');
await p.getByRole('link', { name: 'Continue to sign the declaration' }).click();
await p.waitForLoadState();
await p.getByLabel('Your full name').fill('Ada Lovelace');
await p.getByLabel('Your job title').fill('Managing director');
await p.getByRole('button', { name: 'Sign the declaration' }).click();
await p.waitForTimeout(800);
await show('sign without checkbox');
await p.getByLabel(/I have read the declaration/).check();
await p.getByRole('button', { name: 'Sign the declaration' }).click();
await p.waitForLoadState('networkidle');
await show('signed');
await openMail(email, /confirm/i);
await show('confirm mail');
await p.locator('main .text a').first().click();
await p.waitForLoadState();
await show('confirm page');
await p.getByRole('button', { name: 'Confirm the signature' }).click();
await p.waitForTimeout(800);
await show('confirmed');
await p.goto('/account');
await show('account');
// secretariat
const ctx2 = await b.newContext({ baseURL: base });
const p2 = await ctx2.newPage();
p2.on('response', (r) => { if (r.status() >= 400) console.log('HTTP2', r.status(), r.url()); });
await p2.goto('/login?next=/alliances/circular-plastics/review');
await p2.getByLabel('E-mail address').fill('secretariat@concord.example');
await p2.getByRole('button', { name: 'Send me a sign-in link' }).click();
await p2.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
await openMail('secretariat@concord.example', /sign-in/i, p2);
await p2.locator('main .text a').first().click();
await p2.getByRole('button', { name: 'Sign in' }).click();
await p2.waitForURL(/\/alliances\/circular-plastics\/review$/);

await p2.getByRole('button', { name: `Approve the signature of ${orgName}` }).click();
await p2.waitForTimeout(1500);
console.log('\n===== approved', p2.url(), '\n', (await p2.locator('main').innerText()).slice(0, 800));
await p.waitForTimeout(3000);
await p.goto('/account');
await show('account after approval');
const cert = p.getByRole('link', { name: 'Download the certificate (PDF)' });
if (await cert.count()) {
  const href = await cert.getAttribute('href');
  const r = await p.request.get(href);
  console.log('cert', href, r.status(), r.headers()['content-type'], (await r.body()).length);
  const [download] = await Promise.all([p.waitForEvent('download'), cert.click()]);
  console.log('failure', await download.failure());
  const path = '/tmp/cert.pdf';
  await download.saveAs(path);
  console.log('downloaded', download.suggestedFilename());
  await p.goto('/verify');
  await p.getByLabel('Or choose the PDF to check').setInputFiles(path);
  await p.waitForURL(/sha256=/);
  await p.waitForTimeout(500);
  await show('verify');
  console.log('focused', await p.evaluate(() => document.activeElement?.id));
}
await b.close();
