import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { GraphQLNamedType } from 'graphql';
import { isEnumType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAsAdministrator } from './alliance-fixtures.ts';
import { buildTestApp, type GraphQLResponse, type TestApp } from './helper.ts';
import {
  type Baseline,
  hostileStrings,
  isTextLike,
  KEEP,
  type Leaf,
  type Operation,
  operations,
  wrongTypes,
} from './hostile-input.ts';
import { signIn } from './journey.ts';
import { DRAFT, pledgeInput, pledgers, SECRETARIAT, SLUG } from './pledge-fixtures.ts';

/**
 * Defect 1 of issue 9: hostile text and wrong JSON types, sent through variables to every argument of every
 * query and mutation (read from the schema), as a signed-in representative and as the secretariat so that
 * validation is reached, not only the sign-in check. Never an internal error or a 500; a value that cannot
 * be right is BAD_USER_INPUT naming its field; a refused mutation writes nothing.
 */

let t: TestApp;
const actors: { name: string; cookie: string }[] = [];
const ids: Record<string, string> = {};
/** Tables that background jobs write to whatever the request does (e-mail, login tokens, rendered documents). */
const busyTables = new Set(['email_delivery', 'email_token', 'dev_mailbox_message', 'document']);
let countAll = sql`select 0 as n`;

const baseline: Baseline = (name: string, type: GraphQLNamedType) => {
  if (isEnumType(type)) return type.getValues()[0]?.name;
  switch (type.name) {
    case 'ID':
      return ids[name] ?? randomUUID();
    case 'Int':
      return name === 'first' ? 5 : 2024;
    case 'Boolean':
      return false;
    case 'Decimal':
      return '10';
    case 'Date':
      return '2024-01-01';
    case 'DateTime':
      return '2024-01-01T00:00:00.000Z';
    case 'CountryCode':
      return 'BE';
  }
  if (/slug/i.test(name)) return name === 'workingGroupSlug' ? null : SLUG;
  if (/email|^to$/.test(name)) return 'someone@example.org';
  if (name === 'languages' || name === 'language') return 'en';
  if (name === 'locale') return 'fr';
  if (name === 'sha256') return '0'.repeat(64);
  if (name === 'website') return 'https://example.org';
  return 'Concord test';
};

/**
 * The rows counted after the last refused mutation: nothing else writes to the counted tables between two cases
 * (the jobs' tables are left out), so it is the next case's count before. Counting every table twice per case was
 * most of this file's time.
 */
let counted: number | undefined;
async function rowCount(): Promise<number> {
  const [row] = await t.database.rows<{ n: number }>(countAll);
  return Number(row?.n);
}
export async function tableCounts(): Promise<Record<string, number>> {
  const tables = await t.database.rows<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await t.database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from "${name}"`));
    out[name] = Number(row?.n);
  }
  return out;
}

const allowedCodes = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
]);

async function send(
  operation: Operation,
  leaf: Leaf,
  value: unknown,
  cookie: string,
): Promise<{ response: GraphQLResponse; wrote: number }> {
  const { query, variables } = operation.request(leaf, value);
  if (operation.kind !== 'mutation') return { response: await t.graphql(query, variables, { cookie }), wrote: 0 };
  const before = counted ?? (await rowCount());
  const response = await t.graphql(query, variables, { cookie });
  // A request error (no `data`: the variables did not fit the schema) never reached a resolver; a mutation that
  // succeeded wrote what it should, and the next case counts afresh.
  counted = !response.errors ? undefined : !('data' in response) ? before : await rowCount();
  const wrote = response.errors ? (counted ?? before) - before : 0;
  if (wrote && process.env.HOSTILE_DEBUG) console.log(operation.name, leaf.path, await tableCounts());
  return { response, wrote };
}

/** What every answer must be, whatever was sent; `mustRefuse` adds: BAD_USER_INPUT naming this field. */
function check(
  what: string,
  leaf: Leaf,
  { response, wrote }: { response: GraphQLResponse; wrote: number },
  mustRefuse: boolean,
) {
  const codes = (response.errors ?? []).map((e) => e.extensions?.code);
  expect(response.statusCode, what).toBeLessThan(500);
  expect(
    codes.filter((c) => !allowedCodes.has(String(c))),
    `${what}: ${JSON.stringify(response.errors)}`,
  ).toEqual([]);
  expect(wrote, `${what}: a refused mutation wrote rows`).toBe(0);
  if (mustRefuse) {
    const refusal = response.errors?.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
    expect(refusal, `${what}: ${JSON.stringify(response.errors)}`).toBeDefined();
    // A list's item is named with its index (`input.stages[0]`), as GraphQL itself names it.
    const field = String(refusal?.extensions?.field);
    expect(field === leaf.path || field.startsWith(`${leaf.path}[`), `${what}: ${field}: ${refusal?.message}`).toBe(
      true,
    );
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  const [rep] = await pledgers(t, 1);
  if (!rep) throw new Error('no representative in the demo data');
  const repCookie = await signIn(t, rep.email);
  const secretariatCookie = await signIn(t, SECRETARIAT);
  // A platform administrator last: the only one whose createAlliance reaches its validation.
  const administratorCookie = await signInAsAdministrator(t);
  actors.push(
    { name: 'representative', cookie: repCookie },
    { name: 'secretariat', cookie: secretariatCookie },
    { name: 'platform administrator', cookie: administratorCookie },
  );
  // A draft of the representative's own, so that pledge mutations reach their validation.
  const draft = await t.graphql<{ draftPledge: { id: string } }>(
    DRAFT,
    { input: { allianceSlug: SLUG, organisationId: rep.organisationId, pledge: pledgeInput() } },
    { cookie: repCookie },
  );
  if (!draft.data) throw new Error(JSON.stringify(draft.errors));
  ids.pledgeId = draft.data.draftPledge.id;
  ids.organisationId = rep.organisationId;
  // A meeting the secretariat may change, so that meeting mutations reach their validation.
  const meeting = await t.graphql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: MeetingInput!) { scheduleMeeting(allianceSlug: "${SLUG}", input: $input) { id } }`,
    {
      input: {
        title: 'Plenary',
        purpose: 'What next?',
        start: '2027-01-01T10:00',
        end: '2027-01-01T12:00',
        timeZone: 'Europe/Brussels',
        place: 'Brussels',
        capacity: 10,
      },
    },
    { cookie: secretariatCookie },
  );
  if (!meeting.data) throw new Error(JSON.stringify(meeting.errors));
  ids.id = meeting.data.scheduleMeeting.id;
  ids.meetingId = meeting.data.scheduleMeeting.id;
  const tables = await t.database.rows<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const counted = tables.map((r) => r.name).filter((name) => !busyTables.has(name));
  countAll = sql.raw(`select (${counted.map((name) => `(select count(*) from "${name}")`).join(' + ')})::int as n`);
}, 120_000);
afterAll(() => t?.close());

// HOSTILE_ONLY narrows the run to some operations while working on them (a regular expression on the name).
const only = new RegExp(process.env.HOSTILE_ONLY ?? '.');
/**
 * The actor whose well-formed request is not turned away at the door (a representative for their own
 * pledges, the secretariat for its reviews), so that hostile values reach the field's own validation.
 */
async function reachingActor(operation: Operation): Promise<{ name: string; cookie: string }> {
  const leaf = operation.leaves[0];
  for (const actor of actors) {
    if (!leaf) break;
    const { query, variables } = operation.request(leaf, KEEP);
    const codes = ((await t.graphql(query, variables, { cookie: actor.cookie })).errors ?? []).map(
      (e) => e.extensions?.code,
    );
    if (!codes.includes('FORBIDDEN') && !codes.includes('UNAUTHENTICATED')) return actor;
  }
  return actors[actors.length - 1] ?? { name: 'anonymous', cookie: '' };
}

/** `requestErasure(confirm: true)` is well-formed and erases its actor: it goes last, after every other case. */
const isErasure = (o: Operation) => o.name === 'requestErasure';
const all = operations(baseline)
  .filter((o) => only.test(o.name))
  .sort((a, b) => Number(isErasure(a)) - Number(isErasure(b)));

describe('hostile input to every argument of every query and mutation', () => {
  it('the schema yields the cases (a register search and the issue’s examples among them)', () => {
    const names = operations(baseline).flatMap((o) => o.leaves.map((l) => `${o.name}:${l.path}`));
    for (const expected of [
      'registerOrganisation:input.legalName',
      'signDeclaration:input.signerName',
      'requestLoginLink:email',
      'submitProgressReport:input.evidenceScheme',
      'extendReportingCampaign:deadline',
      'closeReportingCampaign:year',
      'reopenReportingCampaign:allianceSlug',
      'reopenReportingCampaign:deadline',
      'alliance.signatories:filter.search',
      'alliance.signatories:filter.country',
      'createAlliance:input.target.tonnes',
      'createAlliance:input.secretariatEmails',
      'updateAlliance:input.signingWindow.closesOn',
      'changeAllianceTarget:appliesFrom',
      'changeAllianceTarget:target.counts',
      'addSubTarget:input.label',
      'changeSubTarget:input.tonnes',
      'removeSubTarget:id',
      'appointSecretariatMember:email',
      'removeSecretariatMember:personId',
      'saveDeclarationDraft:input.text',
      'publishDeclarationVersion:textSha256',
      'scheduleMeeting:input.timeZone',
      'scheduleMeeting:input.onlineUrl',
      'updateMeeting:input.start',
      'cancelMeeting:reason',
      'recordMeetingAttendance:organisationIds',
      'inviteRepresentative:email',
      'inviteRepresentative:organisationId',
      'removeRepresentative:personId',
      'confirmRegisterImport:importId',
      'alliance.registerImport:id',
      'alliance.registerImports:first',
      'sendAnnouncement:input.body',
      'sendAnnouncement:requestKey',
      'previewAnnouncement:input.segment.workingGroupSlug',
      'alliance.announcements:after',
    ]) {
      expect(names).toContain(expected);
    }
  });

  for (const operation of all) {
    it(`${operation.kind} ${operation.name}`, { timeout: 180_000 }, async () => {
      const actor = await reachingActor(operation);
      // reachingActor's well-formed requests may have written: count afresh.
      counted = undefined;
      for (const leaf of operation.leaves) {
        if (isTextLike(leaf)) {
          for (const [label, { value, mustRefuse }] of Object.entries(hostileStrings)) {
            const what = `${actor.name} ${operation.name} ${leaf.path} = ${label}`;
            check(what, leaf, await send(operation, leaf, value, actor.cookie), mustRefuse);
          }
        }
        for (const { label, value, mustRefuse } of wrongTypes(leaf)) {
          const what = `${actor.name} ${operation.name} ${leaf.path} = ${label}`;
          check(what, leaf, await send(operation, leaf, value, actor.cookie), mustRefuse);
        }
      }
    });
  }
});

describe('the cases the issue names', () => {
  it('a query that is not a string is BAD_USER_INPUT on `query`, as are variables that are not an object', async () => {
    // A string that is not GraphQL but is JSON (`"{}"`) was tried by Mercurius as a JSON-encoded document.
    const payloads = [
      { query: 12345 },
      { query: { kind: 'Document' } },
      { query: ['{ __typename }', '{ __typename }'] },
      { query: '{}' },
    ];
    for (const payload of payloads) {
      const response = await t.app.inject({ method: 'POST', url: '/graphql', payload });
      expect(response.statusCode, `${JSON.stringify(payload)}: ${response.body}`).toBe(400);
      expect(response.json().errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'query' });
    }
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: '{ __typename }', variables: 5 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'variables' });
  });

  it('NUL written in the query itself is refused naming the argument', async () => {
    const response = await t.graphql(`{ alliance(slug: "circular\\u0000plastics") { name } }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'slug' });
  });

  it('a lower-case country is the upper-case one, for a registration as for a filter', async () => {
    // A person of its own: the representative registered organisations above, and a person registers ten a day.
    const cookie = await signIn(t, `country-case-${randomUUID().slice(0, 8)}@example.org`);
    const registered = await t.graphql<{ registerOrganisation: { organisation: { country: string } } }>(
      `mutation($input: OrganisationInput!) { registerOrganisation(input: $input) { organisation { country } } }`,
      {
        input: {
          legalName: 'Brusselse Kunststofkringloop BV',
          country: 'be',
          kind: 'COMPANY',
          size: 'SME',
          stages: ['RECYCLER'],
          registrationNumber: `BCE ${randomUUID().slice(0, 8)}`,
        },
      },
      { cookie },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.registerOrganisation.organisation.country).toBe('BE');
    const FILTER = `query($country: CountryCode) { alliance(slug: "${SLUG}") { signatories(first: 5, filter: { country: $country }) { totalCount } } }`;
    type Count = { alliance: { signatories: { totalCount: number } } };
    const upper = await t.graphql<Count>(FILTER, { country: 'DE' });
    const lower = await t.graphql<Count>(FILTER, { country: 'de' });
    expect(upper.data?.alliance.signatories.totalCount).toBeGreaterThan(0);
    expect(lower.data?.alliance.signatories.totalCount).toBe(upper.data?.alliance.signatories.totalCount);
    for (const bad of ['XK', 'Deutschland', 'd', 'ß']) {
      const refused = await t.graphql(FILTER, { country: bad });
      expect(refused.errors?.[0]?.extensions, bad).toEqual({ code: 'BAD_USER_INPUT', field: 'country' });
    }
  });
});
