import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStandalone } from '../setup/standalone.ts';
import { launch, skipReason } from './browser.ts';
import { expectAccessible, expectNoSidewaysScroll, openPage, tabTo, textOf } from './journey.ts';

/**
 * A real alliance from the first day, as the README tells an operator to start one: an empty database
 * (SEED_DEMO=false), a platform administrator made by `pnpm concord admin add`, then the portal: sign in by the
 * link in the development mailbox, set the alliance up, and its secretariat replaces the target, publishes the
 * declaration in two versions, sets up working groups with chairs, brings in the register it kept in a spreadsheet
 * and writes to the signatories. Without JavaScript, as the forms must work; axe (with JavaScript) on every page, at
 * a phone's width.
 */

const root = new URL('../../', import.meta.url).pathname;
const ADMIN = 'first.admin@example.org';

function concord(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/cli.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => {
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.skipIf(Boolean(skipReason))('setting up a real alliance', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startStandalone>> | undefined;
  let dataDir = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'concord-setup-'));
    const made = await concord(['admin', 'add', ADMIN], { DATA_DIR: dataDir });
    expect(made, made.output).toMatchObject({ code: 0 });
    server = await startStandalone({
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      DEV_MAILBOX: 'true',
      // The administrator signs in once per test, more often than a person's hourly allowance (tested elsewhere).
      LOGIN_LINKS_PER_ADDRESS: '50',
    });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const base = () => server?.baseUrl ?? '';

  const newPage = async (javaScriptEnabled = false) =>
    (await openPage(browser, contexts, { javaScriptEnabled, width: 375, height: 800, base: base() })).page;

  /**
   * axe runs in the page: the same address, opened with JavaScript and the same session. The context goes back to the
   * pool at once, so the test's next scan gets it cleared instead of making a new one.
   */
  async function expectAccessibleAt(page: Page, what: string): Promise<void> {
    const scripted = await newPage(true);
    try {
      await scripted.context().addCookies(await page.context().cookies());
      await scripted.goto(page.url());
      await expectAccessible(scripted, what);
    } finally {
      await scripted.context().close();
    }
  }

  /** Links already followed: each works once. */
  const followed = new Set<string>();
  async function loginLink(email: string): Promise<string> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${base()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query ($to: String) { devMailbox(first: 20, to: $to) { nodes { subject text } } }',
          variables: { to: email },
        }),
      });
      const { data } = (await response.json()) as { data: { devMailbox: { nodes: { text: string }[] } } };
      const link = data.devMailbox.nodes
        .map((node) => node.text.match(/https?:\/\/\S+\/login\/verify\?token=\S+/)?.[0])
        .find((found) => found && !followed.has(found));
      if (link) {
        followed.add(link);
        return link;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`no log-in link for ${email}`);
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto('/login');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await page.goto(await loginLink(email));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  /** The API of this server (not the shared demo's). */
  async function api<T>(query: string, variables: Record<string, unknown> = {}, cookie?: string) {
    const response = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data: T; errors?: { message: string; extensions?: { code?: string } }[] };
    return { ...body, headers: response.headers };
  }

  async function mailLink(email: string, path: string): Promise<string> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const { data } = await api<{ devMailbox: { nodes: { text: string }[] } }>(
        'query ($to: String) { devMailbox(first: 20, to: $to) { nodes { text } } }',
        { to: email },
      );
      const link = data.devMailbox.nodes
        .flatMap((node) => node.text.match(/https?:\/\/\S+/g) ?? [])
        .find((url) => new URL(url).pathname === path && !followed.has(url));
      if (link) {
        followed.add(link);
        return link;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`no ${path} link for ${email}`);
  }

  /** Signs in through the API; answers the Cookie header. */
  async function apiSignIn(email: string): Promise<string> {
    await api('mutation ($email: String!) { requestLoginLink(email: $email) { accepted } }', { email });
    const token = new URL(await mailLink(email, '/login/verify')).searchParams.get('token');
    const { headers } = await api('mutation ($token: String!) { signInWithLink(token: $token) { expiresAt } }', {
      token,
    });
    const cookie = headers.getSetCookie().find((c) => c.startsWith('concord_session='));
    if (!cookie) throw new Error('no session');
    return cookie.split(';')[0] ?? '';
  }

  async function registerOrganisation(cookie: string, legalName: string): Promise<string> {
    const registered = await api<{ registerOrganisation: { organisation: { id: string } } }>(
      `mutation ($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`,
      {
        input: {
          legalName,
          country: 'PT',
          kind: 'COMPANY',
          size: 'SME',
          stages: ['RECYCLER'],
          registrationNumber: `NIF ${Date.now()}`,
        },
      },
      cookie,
    );
    return registered.data.registerOrganisation.organisation.id;
  }

  function sign(cookie: string, organisationId: string, declarationVersion: number) {
    return api<{ signDeclaration: { id: string } }>(
      `mutation ($input: SignDeclarationInput!) { signDeclaration(input: $input) { id } }`,
      {
        input: {
          allianceSlug: 'circular-textiles',
          organisationId,
          declarationVersion,
          signerName: 'Rita Tecelã',
          signerJobTitle: 'Director',
        },
      },
      cookie,
    );
  }

  /** An organisation that signed `version` of circular-textiles, confirmed and approved by `admin`. */
  async function signatory(legalName: string, representative: string, version: number, admin: string) {
    const cookie = await apiSignIn(representative);
    const signed = await sign(cookie, await registerOrganisation(cookie, legalName), version);
    expect(signed.errors).toBeUndefined();
    const token = new URL(await mailLink(representative, '/signatures/confirm')).searchParams.get('token');
    await api('mutation ($token: String!) { confirmSignature(token: $token) { id } }', { token });
    const approved = await api(
      'mutation ($id: ID!) { approveSignature(id: $id) { id } }',
      { id: signed.data.signDeclaration.id },
      admin,
    );
    expect(approved.errors).toBeUndefined();
  }

  test('[SETUP]: the first administrator sets up an alliance in the portal; its secretariat replaces the target', async () => {
    const page = await newPage();
    await page.goto('/');
    expect(await textOf(page.locator('main'))).toContain('No alliance is hosted here yet.');

    await signIn(page, ADMIN);
    await page.goto('/account');
    await page.getByRole('link', { name: 'Set up an alliance' }).click();
    expect(new URL(page.url()).pathname).toBe('/alliances/new');
    await expectAccessibleAt(page, 'the set-up form');

    // Sent empty: every missing field is named at the top and beside itself, and nothing is created.
    await page.getByRole('button', { name: 'Set up the alliance' }).click();
    const summary = page.locator('.error-summary');
    for (const missing of [
      "Enter the alliance's name.",
      'Enter the target in tonnes a year.',
      'Enter at least one e-mail address.',
    ]) {
      expect(await textOf(summary)).toContain(missing);
    }
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Name', { exact: true }).fill('Circular Textiles Alliance');
    await page.getByLabel('Address', { exact: true }).fill('Circular Textiles');
    await page.getByLabel('Purpose').fill('Recycled fibres in new textiles, from collection to the shop floor.');
    await page.getByLabel("The secretariat's e-mail address").fill('secretariat@textiles.example');
    await page.getByLabel('Tonnes a year').fill('1 500 000');
    await page.getByRole('radio', { name: 'Uptake' }).check();
    await page.getByLabel('Target year').fill('2030');
    await page.getByLabel('Baseline year', { exact: true }).fill('2020');
    await page.getByLabel('First day of signing').fill('2026-01-01');
    await page.getByRole('checkbox', { name: 'français (fr)' }).check();
    await page.getByLabel("The secretariat's first members").fill(`anna@textiles.example\n${ADMIN}`);
    // The API's refusal of the address goes beside the field, the values typed stay.
    await page.getByRole('button', { name: 'Set up the alliance' }).click();
    expect(await textOf(page.locator('#alliance-slug-error'))).toMatch(/Lower-case letters/);
    expect(await page.getByLabel('Tonnes a year').inputValue()).toBe('1 500 000');
    await expectAccessibleAt(page, 'the set-up form refused');

    await page.getByLabel('Address', { exact: true }).fill('circular-textiles');
    const submit = page.getByRole('button', { name: 'Set up the alliance' });
    await tabTo(page, submit);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/alliances/circular-textiles/settings?created=1');
    expect(await textOf(page.getByRole('status'))).toContain('The alliance is set up.');
    await expectAccessibleAt(page, 'the settings page');

    // One alliance: the start page is its home, which says what it is and whom to ask.
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/alliances/circular-textiles');
    expect(await textOf(page.locator('h1'))).toBe('Circular Textiles Alliance');
    expect(await textOf(page.locator('main'))).toContain('Contact the secretariat: secretariat@textiles.example');

    // The administrator is also of its secretariat here: they replace the target, and the old one stays.
    await page.goto('/alliances/circular-textiles/settings');
    const target = page.getByRole('region', { name: 'Target', exact: true });
    await target.getByLabel('Tonnes a year').fill('2000000');
    // Both flows now: the lesser of supply and uptake counts (docs/adr/0034).
    await target.getByRole('radio', { name: 'Both' }).check();
    await target.getByRole('button', { name: 'Replace the target' }).click();
    await page.waitForURL('**/settings?saved=target');
    const history = page.getByRole('table', { name: /Each target of the alliance/ });
    expect(await history.locator('tbody tr').count()).toBe(2);
    expect(await textOf(history.locator('tbody tr').last())).toMatch(
      /^2\s?Mt .*the lesser of the two counting.*in force$/,
    );

    // A sub-target, added with a refusal first (no polymer nor sector), then changed and removed.
    const subTargets = page.getByRole('region', { name: 'Sub-targets' });
    const adding = subTargets.getByRole('group', { name: 'Add a sub-target' });
    await adding.getByLabel('Label').fill('Recycled PET in fibres');
    await adding.getByLabel('Tonnes a year').fill('250000');
    await adding.getByLabel('Target year').fill('2030');
    await adding.getByRole('button', { name: 'Add the sub-target' }).click();
    await expect.poll(() => textOf(page.locator('.error-summary'))).toContain('Choose a polymer, a sector, or both.');
    await adding.getByLabel('Polymer').selectOption('PET');
    await adding.getByRole('button', { name: 'Add the sub-target' }).click();
    await page.waitForURL('**/settings?saved=subTargetAdded');
    await expectAccessibleAt(page, 'the settings page with a sub-target');
    const pet = subTargets.getByRole('group', { name: 'Recycled PET in fibres' });
    await pet.getByLabel('Tonnes a year').fill('300000');
    await pet.getByRole('button', { name: 'Save Recycled PET in fibres' }).click();
    await page.waitForURL('**/settings?saved=subTargetChanged');
    expect(
      await subTargets.getByRole('group', { name: 'Recycled PET in fibres' }).getByLabel('Tonnes a year').inputValue(),
    ).toBe('300000.000');
    await page.goto('/alliances/circular-textiles');
    expect(await textOf(page.locator('main'))).toContain('Recycled PET in fibres');
    await page.goto('/alliances/circular-textiles/settings');
    await page.getByRole('button', { name: 'Remove Recycled PET in fibres' }).click();
    await page.waitForURL('**/settings?saved=subTargetRemoved');
    expect(await textOf(page.getByRole('region', { name: 'Sub-targets' }))).toContain('No sub-targets yet.');
    await page.goto('/alliances/circular-textiles/progress');
    expect(
      await page
        .getByRole('table', { name: /Each target of the alliance/ })
        .locator('tbody tr')
        .count(),
    ).toBe(2);
    await expectAccessibleAt(page, 'the progress page with two targets');
  });

  test('[SETUP]: the start page lists the alliances once there is more than one', async () => {
    const page = await newPage();
    await signIn(page, ADMIN);
    await page.goto('/alliances/new');
    await page.getByLabel('Name', { exact: true }).fill('Circular Glass Alliance');
    await page.getByLabel('Address', { exact: true }).fill('circular-glass');
    await page.getByLabel('Purpose').fill('Cullet back into bottles.');
    await page.getByLabel("The secretariat's e-mail address").fill('glass@glass.example');
    await page.getByLabel('Tonnes a year').fill('500000');
    await page.getByRole('radio', { name: 'Supply' }).check();
    await page.getByLabel('Target year').fill('2030');
    await page.getByLabel('Baseline year', { exact: true }).fill('2022');
    await page.getByLabel("The secretariat's first members").fill('glass@glass.example');
    await page.getByRole('button', { name: 'Set up the alliance' }).click();
    await page.waitForURL('**/alliances/circular-glass/settings?created=1');

    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/');
    const names = await page.locator('main h2 a').allTextContents();
    expect(names).toEqual(['Circular Glass Alliance', 'Circular Textiles Alliance']);
    await expectAccessibleAt(page, 'the start page with two alliances');
  });

  test('[DECLARATION]: the secretariat drafts, reads the changes and publishes; signatures stay with their version', async () => {
    const page = await newPage();
    await signIn(page, ADMIN);
    const admin = await apiSignIn(ADMIN);
    await page.goto('/alliances/circular-textiles/declaration/draft');
    expect(await textOf(page.locator('main'))).toContain('There is no draft.');

    await page.getByLabel('Title').fill('Declaration of the Circular Textiles Alliance');
    await page
      .getByLabel('Text', { exact: true })
      .fill(
        '# Our commitment\nWe **commit** to recycled fibres by 2030.\n\n1. Collect\n2. Sort\n\n<script>document.title="owned"</script>',
      );
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL('**/declaration/draft?saved=1');
    const preview = page.getByRole('region', { name: /as signatories will read it/ });
    expect(await textOf(preview.getByRole('heading', { level: 4 }))).toBe('Our commitment');
    expect(await textOf(preview.locator('strong'))).toBe('commit');
    // What looks like HTML is text: shown as typed, never run.
    expect(await textOf(preview)).toContain('<script>document.title="owned"</script>');
    expect(await preview.locator('script').count()).toBe(0);
    await expectAccessibleAt(page, 'the draft page');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.waitForURL('**/declaration/draft?published=1');
    expect(await textOf(page.getByRole('status'))).toContain('Version 1 is published and in force.');

    await signatory('Tecelagem Circular Lda', 'rita@tecelagem.example', 1, admin);

    // The next version starts from the one in force; the page shows what changes before anything is published.
    await page.goto('/alliances/circular-textiles/declaration/draft');
    const text = page.getByLabel('Text', { exact: true });
    await text.fill((await text.inputValue()).replace('by 2030', 'by 2035'));
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL('**/declaration/draft?saved=1');
    expect(await textOf(page.locator('del'))).toBe('removed: 2030');
    expect(await textOf(page.locator('ins'))).toBe('added: 2035');
    await expectAccessibleAt(page, 'the draft page with changes');
    // A French translation of the draft, through the form without JavaScript: a missing title told beside its field,
    // then saved and listed with its own SHA-256 (docs/adr/0029).
    const translating = () => page.getByRole('region', { name: 'Translations of version 2' });
    await translating().getByLabel('Language of the translation').selectOption('fr');
    await translating()
      .getByLabel('Text, translated')
      .fill('# Notre engagement\nNous nous **engageons** pour les fibres recyclées d’ici 2035.');
    await translating().getByRole('button', { name: 'Save the translation' }).click();
    expect(await textOf(page.locator('#translation-draft-title-error'))).toContain('Enter the translated title.');
    await translating().getByLabel('Title, translated').fill('Déclaration de l’Alliance circulaire pour les textiles');
    await translating().getByRole('button', { name: 'Save the translation' }).click();
    await page.waitForURL('**/declaration/draft?translated=fr');
    expect(await textOf(translating())).toMatch(/SHA-256: [0-9a-f]{64}/);
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await page.waitForURL('**/declaration/draft?published=2');
    // The secretariat sees who has not signed the version now in force.
    const earlier = page.getByRole('region', { name: 'Who has not signed version 2' });
    expect(await textOf(earlier)).toContain('earlier version: 1.');
    expect(await textOf(earlier.getByRole('listitem'))).toBe('Tecelagem Circular Lda (Version 1)');
    await expectAccessibleAt(page, 'the draft page after publishing');

    const reader = await newPage();
    await reader.goto('/alliances/circular-textiles/declaration');
    expect(await textOf(reader.locator('main'))).toContain('recycled fibres by 2035');
    expect(
      await reader
        .getByRole('table', { name: /Every published version/ })
        .locator('tbody tr')
        .count(),
    ).toBe(2);
    // The version in force in French: a translation, saying so, linking the authentic text.
    await reader.goto('/alliances/circular-textiles/declaration?text=fr');
    const translated = await textOf(reader.locator('main'));
    expect(translated).toContain('fibres recyclées d’ici 2035');
    expect(translated).toContain(
      'This is a translation into French. The authentic text, the one signed, is in English.',
    );
    await expectAccessibleAt(reader, 'the declaration in its French translation');
    await reader.getByRole('link', { name: 'Read the authentic text' }).click();
    expect(await textOf(reader.locator('main'))).toContain('recycled fibres by 2035');
    await reader.getByRole('link', { name: 'Read version 1' }).click();
    expect(await textOf(reader.locator('main'))).toContain('recycled fibres by 2030');
    await expectAccessibleAt(reader, 'an earlier version of the declaration');
    // The register says which version each signatory signed.
    await reader.goto('/alliances/circular-textiles/signatories');
    const row = reader.getByRole('row', { name: /Tecelagem Circular Lda/ });
    expect(await textOf(row)).toContain('Version 1');

    // Its representative is invited by e-mail to sign version 2, and does it from the account page in one step,
    // without JavaScript (docs/adr/0032): active at once, the register and the secretariat's list follow.
    const invitation = await mailLink('rita@tecelagem.example', '/account');
    const rita = await newPage();
    await signIn(rita, 'rita@tecelagem.example');
    await rita.goto(new URL(invitation).pathname);
    const resign = rita.getByRole('region', { name: 'Sign version 2' });
    expect(await textOf(resign)).toContain('Tecelagem Circular Lda signed version 1');
    await expectAccessibleAt(rita, 'the account page offering to sign version 2');
    await resign.getByLabel('Your job title').fill('Director');
    await resign.getByRole('button', { name: 'Sign version 2' }).click();
    await rita.waitForURL('**/account?resigned=*');
    expect(await textOf(rita.locator('main'))).toContain('Tecelagem Circular Lda signed version 2 of the declaration.');
    expect(await rita.getByRole('region', { name: 'Sign version 2' }).count()).toBe(0);
    await reader.reload();
    expect(await textOf(reader.getByRole('row', { name: /Tecelagem Circular Lda/ }))).toContain('Version 2');
    await page.goto('/alliances/circular-textiles/declaration/draft');
    expect(await page.getByRole('region', { name: 'Who has not signed version 2' }).count()).toBe(0);
  });

  test('[SIGNING]: a closed signing window: the alliance says so, the sign page has no form, the API refuses', async () => {
    const page = await newPage();
    await signIn(page, ADMIN);
    await page.goto('/alliances/circular-textiles/settings');
    const settings = page.getByRole('region', { name: 'The alliance' });
    await settings.getByLabel('First day of signing').fill('');
    await settings.getByLabel('Last day of signing').fill('2020-12-31');
    await settings.getByRole('button', { name: 'Save the settings' }).click();
    await page.waitForURL('**/settings?saved=settings');

    const reader = await newPage();
    await reader.goto('/alliances/circular-textiles');
    const main = await textOf(reader.locator('main'));
    expect(main).toContain('This declaration is not open for signature today.');
    expect(main).toMatch(/Signing closed on .*2020/);
    expect(await reader.getByRole('link', { name: 'Sign the declaration' }).count()).toBe(0);
    await expectAccessibleAt(reader, 'the home of a closed alliance');

    const joana = await apiSignIn('joana@fios.example');
    const refused = await sign(joana, await registerOrganisation(joana, 'Fios Novos SA'), 2);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'Signing of this declaration closed on 2020-12-31.',
      extensions: { code: 'CONFLICT' },
    });
    const representative = await newPage();
    await representative
      .context()
      .addCookies([{ name: 'concord_session', value: joana.slice('concord_session='.length), url: base() }]);
    await representative.goto('/alliances/circular-textiles/sign');
    expect(await textOf(representative.getByRole('status'))).toContain(
      'This declaration is not open for signature today.',
    );
    expect(await representative.getByRole('button', { name: 'Sign the declaration' }).count()).toBe(0);
    await expectAccessibleAt(representative, 'the sign page of a closed alliance');

    await settings.getByLabel('Last day of signing').fill('');
    await settings.getByRole('button', { name: 'Save the settings' }).click();
    await page.waitForURL('**/settings?saved=settings');
    await reader.goto('/alliances/circular-textiles');
    expect(await reader.getByRole('link', { name: 'Sign the declaration' }).count()).toBeGreaterThan(0);
  });
  test('[WORKING GROUPS]: the secretariat creates a group, names a chair from its members and archives it', async () => {
    const page = await newPage();
    await signIn(page, ADMIN);
    await page.goto('/alliances/circular-textiles/working-groups');
    await page.getByRole('link', { name: 'Create a working group' }).click();
    await page.waitForURL('**/working-groups/new');
    await expectAccessibleAt(page, 'the new working group page');
    // Nothing chosen: each refusal is said beside its field and listed above the form.
    await page.getByRole('button', { name: 'Create the group' }).click();
    expect(await textOf(page.locator('main'))).toContain('Choose the kind of group.');
    await page.getByLabel('Name').fill('Fibre-to-fibre recycling');
    await page.getByLabel('Address').fill('new');
    await page.getByLabel('Horizontal group').check();
    await page.getByLabel('Mandate').fill('Agree how worn textiles become new fibre.');
    await page.getByRole('button', { name: 'Create the group' }).click();
    expect(await textOf(page.locator('#group-slug-error'))).toContain('is an address the portal uses itself');
    await page.getByLabel('Address').fill('fibre-to-fibre');
    await page.getByRole('button', { name: 'Create the group' }).click();
    expect(await textOf(page.locator('#group-relevantStages-error'))).toContain(
      'Choose at least one value-chain stage',
    );
    await page.getByLabel('Recycler').check();
    await page.getByRole('button', { name: 'Create the group' }).click();
    await page.waitForURL('**/working-groups/fibre-to-fibre?saved=created');
    expect(await textOf(page.getByRole('status'))).toContain(
      'The Fibre-to-fibre recycling working group has been created.',
    );

    // The signatory of the declaration's first version joins; the secretariat names its representative chair.
    const rita = await apiSignIn('rita@tecelagem.example');
    const { data: me } = await api<{ me: { organisations: { organisation: { id: string } }[] } }>(
      '{ me { organisations { organisation { id } } } }',
      {},
      rita,
    );
    const { data: group } = await api<{ alliance: { workingGroup: { id: string } } }>(
      '{ alliance(slug: "circular-textiles") { workingGroup(slug: "fibre-to-fibre") { id } } }',
    );
    const joined = await api(
      'mutation ($g: ID!, $o: ID!) { joinWorkingGroup(workingGroupId: $g, organisationId: $o) { role } }',
      { g: group.alliance.workingGroup.id, o: me.me.organisations[0]?.organisation.id },
      rita,
    );
    expect(joined.errors).toBeUndefined();
    await page.reload();
    const appoint = page.getByRole('form', { name: 'Appoint a chair' });
    await appoint.getByLabel('Person').selectOption({ label: 'Rita Tecelã (Tecelagem Circular Lda)' });
    await appoint.getByLabel('Chair', { exact: true }).check();
    await appoint.getByRole('button', { name: 'Appoint' }).click();
    expect(await textOf(page.getByRole('status'))).toContain(
      'Rita Tecelã (Tecelagem Circular Lda) now holds the role Chair in the Fibre-to-fibre recycling working group.',
    );
    const chairs = page.getByRole('region', { name: 'Chairs' });
    expect(await textOf(chairs.getByRole('listitem').first())).toContain('Rita Tecelã, Tecelagem Circular Lda');
    await expectAccessibleAt(page, 'a working group with its chair, as the secretariat sees it');
    const { data: held } = await api<{ alliance: { workingGroup: { viewerHoldsChair: boolean } } }>(
      '{ alliance(slug: "circular-textiles") { workingGroup(slug: "fibre-to-fibre") { viewerHoldsChair } } }',
      {},
      rita,
    );
    expect(held.alliance.workingGroup.viewerHoldsChair).toBe(true);

    // Archived: its page stays, listed apart, and it takes no new members.
    await page.getByRole('link', { name: 'Change or archive this group' }).click();
    await page.waitForURL('**/fibre-to-fibre/edit');
    await expectAccessibleAt(page, 'the working group edit page');
    await page.getByLabel('Closed').check();
    await page.getByRole('button', { name: 'Save the group' }).click();
    await page.waitForURL('**/working-groups/fibre-to-fibre?saved=changed');
    expect(await textOf(page.locator('.meta'))).toContain('Closed');
    await page.goto('/alliances/circular-textiles/working-groups');
    const archived = page.getByRole('region', { name: 'Archived groups' });
    expect(await textOf(archived)).toContain('Fibre-to-fibre recycling');
  });

  test('[IMPORT]: the register comes in from CSV files, checked and confirmed; the people invited once; [ANNOUNCE] then everyone hears', async () => {
    const page = await newPage();
    await signIn(page, ADMIN);
    const importPath = '/alliances/circular-textiles/import';
    const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
    const email = 'joana@fiacao.example';
    const files = [
      [
        'organisations',
        'Organisations',
        csv([
          'organisation_key,legal_name,country,kind,size,stages,website,registration_number,transparency_register_number',
          'FIA-1,Fiação do Norte SA,PT,COMPANY,LARGE,RECYCLER;CONVERTER,,PT-504-1,',
        ]),
      ],
      [
        'representatives',
        'Representatives',
        csv(['organisation_key,name,email,job_title', `FIA-1,Joana Fiandeira,${email},CEO`]),
      ],
      [
        'signatures',
        'Signatures',
        csv([
          'organisation_key,declaration_version,signed_on,signer_name,signer_job_title',
          'FIA-1,2,2026-01-15,Joana Fiandeira,CEO',
        ]),
      ],
    ] as const;
    for (const [sheet, label, file] of files) {
      await page.goto(importPath);
      await page.setInputFiles('#import-file', { name: `${sheet}.csv`, mimeType: 'text/csv', buffer: file });
      await page.getByLabel('What a CSV file holds').selectOption(sheet);
      await page.getByRole('button', { name: 'Check the file' }).click();
      await expect.poll(() => page.url()).toMatch(/\?import=[0-9a-f-]{36}$/);
      expect(await textOf(page.locator('table').first())).toContain(label);
      await expectNoSidewaysScroll(page, `the dry run of ${sheet}`);
      if (sheet === 'organisations') await expectAccessibleAt(page, 'a dry run of the register import');
      await page.getByRole('button', { name: 'Confirm the import' }).click();
      await expect.poll(() => page.url()).toContain('confirmed=1');
    }
    // The register lists the signatory brought in, with the version it signed.
    const reader = await newPage();
    await reader.goto('/alliances/circular-textiles/signatories');
    expect(await textOf(reader.locator('main'))).toContain('Fiação do Norte SA');

    // Nobody was e-mailed by the import; the page offers to invite the person it brought in, and does it once.
    await page.goto(importPath);
    const invite = page.getByRole('region', { name: 'Invite the people the imports brought in' });
    expect(await textOf(invite)).toContain('never signed in');
    await expectAccessibleAt(page, 'the import page with people to invite');
    await invite.getByRole('button', { name: /^Invite \d+ (person|people)$/ }).click();
    await expect.poll(() => textOf(page.getByRole('status'))).toMatch(/1 person invited by e-mail/);
    expect(new URL(await mailLink(email, '/login')).pathname).toBe('/login');
    await page.goto(importPath);
    expect(await page.getByRole('region', { name: 'Invite the people the imports brought in' }).count()).toBe(0);

    // An announcement to every signatory: previewed with the number of people it goes to, then sent.
    const { data: preview } = await api<{ previewAnnouncement: { recipientCount: number } }>(
      `query ($input: AnnouncementInput!) { previewAnnouncement(allianceSlug: "circular-textiles", input: $input) { recipientCount } }`,
      { input: { title: 'x', body: 'x', segment: { kind: 'ALL_SIGNATORIES' } } },
      await apiSignIn(ADMIN),
    );
    const recipients = preview.previewAnnouncement.recipientCount;
    expect(recipients).toBeGreaterThanOrEqual(2);
    await page.goto('/alliances/circular-textiles/announcements/new');
    await expectAccessibleAt(page, 'the announcement form');
    await page.getByLabel('Title').fill('Our first plenary');
    await page.getByLabel('Text', { exact: true }).fill('Come to **Porto** on 3 March.');
    await page.getByRole('button', { name: 'Preview' }).click();
    const shown = page.getByRole('region', { name: 'Preview: nothing is sent yet' });
    expect(await textOf(shown)).toContain(`Recipients now: ${recipients} people.`);
    await page.getByRole('button', { name: `Send it to ${recipients} people` }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/announcements') && url.searchParams.get('sent') === '1');
    expect(await textOf(page.getByRole('article', { name: 'Our first plenary' }))).toContain(
      `sent to ${recipients} people`,
    );
    // The representative of the first signatory gets it; the public reads it on the alliance's page.
    await expect
      .poll(
        async () => {
          const { data } = await api<{ devMailbox: { nodes: { subject: string }[] } }>(
            'query ($to: String) { devMailbox(first: 20, to: $to) { nodes { subject } } }',
            { to: 'rita@tecelagem.example' },
          );
          return data.devMailbox.nodes.some((node) => node.subject.includes('Our first plenary'));
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await reader.goto('/alliances/circular-textiles/announcements');
    expect(await textOf(reader.getByRole('article', { name: 'Our first plenary' }))).toContain('Porto');
  });
});
