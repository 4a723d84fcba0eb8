/**
 * The load part of `pnpm bench`: sign-ups, progress reports and public reads at once against the multi-process
 * set-up on PostgreSQL (two API processes, a worker, the portal, a proxy in front: tests/setup/replicas.ts), through
 * the portal's forms as a person without JavaScript sends them. Measures, never asserts: what went wrong is written
 * down (5xx, refused steps, counts in the database that are not what was sent).
 */
import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, request } from 'node:http';
import os from 'node:os';
import { createDatabase, type DatabaseHandle, normaliseName, schema, uuidv7 } from '@concord/db';
import { seedDemo } from '@concord/db/seed';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type SinkMessage, startSmtpSink } from '../../services/api/test/smtp-sink.ts';
import { type Replicas, startReplicas } from '../setup/replicas.ts';
import { createServerDatabase, quantile } from './scale.ts';

const SLUG = 'circular-plastics';
const READS = {
  'alliance page': `/alliances/${SLUG}`,
  register: `/alliances/${SLUG}/signatories`,
  progress: `/alliances/${SLUG}/progress`,
  pledges: `/alliances/${SLUG}/pledges`,
} as const;
/** The proxy's limit of requests at a time to each process (BENCH_LOAD_MAX_IN_FLIGHT=0: none). */
const MAX_IN_FLIGHT = Number(process.env.BENCH_LOAD_MAX_IN_FLIGHT ?? 24);
const MAIL = 'log-in e-mail (asked → received)';
/** The kinds of request in the order of the table: the reads, a sign-up's steps, a report's. */
const KINDS = [
  ...Object.keys(READS),
  'ask for a log-in link',
  MAIL,
  'open the log-in link',
  'sign in',
  'register an organisation',
  'open the signing page',
  'sign the declaration',
  'open the reports page',
  'submit a progress report',
];

/** One kind of request: how many, how fast, how many the server failed (5xx) or answered otherwise than a person expects. */
export interface LoadKind {
  kind: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  serverErrors: number;
  /** Answers with another status than the step expects (a refused form, a missing redirect), 5xx included. */
  unexpected: number;
}

export interface LoadResult {
  database: 'postgres';
  signups: number;
  reports: number;
  /** The proxy's limit of requests at a time to each process (0: none). */
  maxInFlight: number;
  /** Public readers, each sending one request after another. */
  readers: number;
  loadAverage: number;
  /** From the first sign-up to the last step of the last one. */
  writeSeconds: number;
  /**
   * Audit events written in the timed part, per second: every change writes one, and one writer at a time extends
   * the hash chain (an advisory lock held to the end of its transaction: docs/adr/0013).
   */
  auditEventsPerSecond: number;
  /** Transactions waiting for the audit chain's advisory lock, sampled once a second in the timed part. */
  lockWaiters: { median: number; max: number };
  /** The whole part, creating the database and starting the processes included. */
  totalSeconds: number;
  /** The same reads, by the same readers, with nothing else running. */
  baseline: LoadKind[];
  underLoad: LoadKind[];
  /** Read in the database and the SMTP server afterwards. */
  checks: {
    organisations: number;
    distinctOrganisations: number;
    signatures: number;
    organisationsSigned: number;
    reports: number;
    pledgesReported: number;
    emails: number;
    addressesMailed: number;
    /** Sign-up addresses that received no log-in e-mail, or more than one. */
    addressesNotMailedOnce: number;
  };
  /** The first few unexpected answers, to tell what went wrong. */
  problems: string[];
}

class Recorder {
  private readonly samples = new Map<string, { ms: number[]; serverErrors: number; unexpected: number }>();
  private readonly refused = new Map<string, { n: number; detail: string }>();

  add(kind: string, ms: number, status: number, expected: readonly number[], detail = '') {
    const entry = this.samples.get(kind) ?? { ms: [], serverErrors: 0, unexpected: 0 };
    this.samples.set(kind, entry);
    entry.ms.push(ms);
    if (status >= 500) entry.serverErrors++;
    if (!expected.includes(status)) {
      entry.unexpected++;
      const key = `${kind}: ${status}`;
      const seen = this.refused.get(key) ?? { n: 0, detail };
      this.refused.set(key, { ...seen, n: seen.n + 1 });
    }
  }

  /** Each kind of unexpected answer once, with how often it came and what the first one said. */
  get problems(): string[] {
    return [...this.refused].map(([key, { n, detail }]) => `${key} × ${n}: ${detail}`.slice(0, 300));
  }

  kinds(): LoadKind[] {
    const rank = (kind: string) => KINDS.indexOf(kind);
    return [...this.samples]
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([kind, s]) => {
        const sorted = [...s.ms].sort((a, b) => a - b);
        return {
          kind,
          count: sorted.length,
          p50Ms: quantile(sorted, 0.5),
          p99Ms: quantile(sorted, 0.99),
          serverErrors: s.serverErrors,
          unexpected: s.unexpected,
        };
      });
  }
}

/**
 * A person's browser without JavaScript: its cookies, form posts with the Origin a browser sends, and an address of
 * its own (a source address in 127.0.0.0/8), which the proxy adds to X-Forwarded-For as a load balancer does: the
 * API's limits per client count each person, not the load generator.
 */
class Visitor {
  private readonly cookies = new Map<string, string>();
  private readonly address: string;
  constructor(
    private readonly base: string,
    private readonly recorder: Recorder,
    n: number,
  ) {
    this.address = `127.${1 + Math.floor(n / 62_500)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  }

  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  async get(kind: string, path: string, expected: readonly number[] = [200]) {
    return this.send(kind, path, 'GET', {}, '', expected);
  }

  async post(kind: string, path: string, fields: [string, string][], expected: readonly number[]) {
    const body = new URLSearchParams(fields).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: this.base };
    return this.send(kind, path, 'POST', headers, body, expected);
  }

  private async send(
    kind: string,
    path: string,
    method: string,
    headers: Record<string, string>,
    body: string,
    expected: readonly number[],
  ) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // A browser's Accept: SvelteKit answers a form post that prefers JSON with an action result instead of the page.
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const started = performance.now();
    let status = 0;
    let text = '';
    try {
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = request(`${this.base}${path}`, {
          method,
          localAddress: this.address,
          agent: false,
          headers: { ...headers, accept, ...(cookie ? { cookie } : {}) },
        });
        req.on('response', resolve).on('error', reject).end(body);
      });
      const chunks: Buffer[] = [];
      for await (const chunk of answer) chunks.push(chunk as Buffer);
      text = Buffer.concat(chunks).toString('utf8');
      status = answer.statusCode ?? 0;
      for (const line of answer.headers['set-cookie'] ?? []) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        if (at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    } catch (err) {
      text = String(err);
    }
    // A request that never got an answer counts as a server error: the proxy or a process dropped it.
    const said = /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? text.slice(0, 200);
    this.recorder.add(kind, performance.now() - started, status || 599, expected, `${path}: ${said.trim()}`);
    return { status, text, isOk: expected.includes(status) };
  }
}

/** The value of a form control in a page, by its name (an input's value, or a select's first real option). */
function fieldValue(html: string, name: string): string {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  if (input) return /value="([^"]*)"/.exec(input)?.[1] ?? '';
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return /<option[^>]*value="([^"]+)"/.exec(select)?.[1] ?? '';
}

/** The log-in link in a message as the SMTP server received it (quoted-printable text decoded), if it has one. */
function loginLink(message: SinkMessage): string | undefined {
  const text = (message.raw ?? '')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return /https?:\/\/[^\s"<>]+\/login\/verify\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
}

/** Messages the SMTP server accepted, by recipient, and a wait for the first one to an address. */
function mailbox(messages: SinkMessage[]) {
  let seen = 0;
  const arrived = new Map<string, SinkMessage>();
  const waiting = new Map<string, (m: SinkMessage) => void>();
  const timer = setInterval(() => {
    while (seen < messages.length) {
      const message = messages[seen++] as SinkMessage;
      const waiter = waiting.get(message.to);
      waiting.delete(message.to);
      if (!arrived.has(message.to)) arrived.set(message.to, message);
      waiter?.(message);
    }
  }, 20);
  return {
    waitFor(to: string, timeoutMs = 120_000): Promise<SinkMessage> {
      const known = arrived.get(to);
      if (known) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error(`no e-mail to ${to}`)), timeoutMs);
        waiting.set(to, (m) => {
          clearTimeout(timeout);
          resolve(m);
        });
      });
    },
    stop: () => clearInterval(timer),
  };
}

export async function measureLoad({
  serverUrl,
  signups,
  reports,
  readers = 4,
  baselinePerKind = 30,
  log,
}: {
  serverUrl: string;
  signups: number;
  reports: number;
  readers?: number;
  baselinePerKind?: number;
  log: (m: string) => void;
}): Promise<LoadResult> {
  const partStarted = performance.now();
  const [loadAverage = Number.NaN] = os.loadavg();
  const name = `concord_load_${process.pid}`;
  const { url, drop } = await createServerDatabase(serverUrl, name);
  const sink = await startSmtpSink({ keepRaw: true });
  const mail = mailbox(sink.messages);
  let database: DatabaseHandle | undefined;
  let replicas: Replicas | undefined;
  try {
    database = await createDatabase({ url, maxConnections: 4 });
    await database.migrate();
    await seedDemo(database.db);
    const reporters = await seedReporters(database, reports);
    log(`  database ${name} migrated and seeded, ${reporters.length} signatories with a report to make`);

    replicas = await startReplicas({
      env: {
        NODE_ENV: 'production',
        // The bench's database is the superuser's own; a deployment runs as a role that cannot rewrite the audit log.
        ALLOW_DATABASE_OWNER_ROLE: 'true',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        DATABASE_URL: url,
        SMTP_URL: sink.url,
        // No limit is raised: every person comes from an address of its own (Visitor), as the limits expect.
        JOB_POLLING_SECONDS: '0.5',
      },
      // The client's address from the proxy's X-Forwarded-For, as infra/ runs the portal.
      portalEnv: { NODE_ENV: 'production', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' },
      // Requests beyond this many at a time to one process wait in the proxy, not inside the process, where the
      // portal's calls to the API would pass its limits (10 s for a read, 60 s for a change: 503) and the portal's accept queue overflow (502).
      maxInFlight: MAX_IN_FLIGHT,
    });
    const base = replicas.proxy.baseUrl;
    log(`  two API processes, a worker and the portal started behind ${base}`);

    // Warm-up, not counted: each process compiles its code paths on first use.
    const warm = new Recorder();
    await Promise.all(Object.values(READS).map((path, n) => new Visitor(base, warm, n).get('warm-up', path)));

    const readsAlone = new Recorder();
    const total = baselinePerKind * Object.keys(READS).length;
    let sent = 0;
    await Promise.all(
      Array.from({ length: readers }, async (_, r) => {
        const visitor = new Visitor(base, readsAlone, r);
        while (sent < total) {
          const [kind, path] = Object.entries(READS)[sent++ % 4] as [string, string];
          await visitor.get(kind, path);
        }
      }),
    );
    log(`  reads alone: ${total} requests by ${readers} readers`);

    const auditEvents = async () =>
      Number((await database?.rows<{ n: number }>(sql`select count(*)::int as n from audit_event`))?.[0]?.n ?? 0);
    const auditBefore = await auditEvents();
    const recorder = new Recorder();
    const run = randomBytes(3).toString('hex');
    let writing = true;
    const started = performance.now();
    const writes = Promise.all([
      ...Array.from({ length: signups }, (_, i) => signUp(base, recorder, mail, run, i)),
      ...reporters.map((r, k) => submitReport(base, recorder, r, 100_000 + k)),
    ]).finally(() => {
      writing = false;
    });
    // Once a second, how many transactions of this database wait for the audit chain's advisory lock.
    const waiting: number[] = [];
    const sampler = setInterval(() => {
      void database
        ?.rows<{ n: number }>(sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
          and objid::text::bigint = (hashtext('concord.audit_event_chain')::bigint & 4294967295)
          and database = (select oid from pg_database where datname = current_database())`)
        .then(
          ([row]) => waiting.push(row?.n ?? 0),
          () => {},
        );
    }, 1_000);
    const reads = Promise.all(
      Array.from({ length: readers }, async (_, r) => {
        const visitor = new Visitor(base, recorder, r);
        for (let i = r; writing; i++) {
          const [kind, path] = Object.entries(READS)[i % 4] as [string, string];
          await visitor.get(kind, path);
        }
      }),
    );
    await Promise.all([writes, reads]);
    clearInterval(sampler);
    const writeSeconds = (performance.now() - started) / 1000;
    const auditWritten = (await auditEvents()) - auditBefore;
    log(`  ${signups} sign-ups and ${reporters.length} reports with the reads in ${writeSeconds.toFixed(1)} s`);

    // Time for a second copy of an e-mail to arrive, were there one, before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const checks = await check(database, run, signups, reporters, sink.messages);
    return {
      database: 'postgres',
      signups,
      reports: reporters.length,
      readers,
      maxInFlight: MAX_IN_FLIGHT,
      loadAverage,
      writeSeconds,
      auditEventsPerSecond: auditWritten / writeSeconds,
      lockWaiters: {
        median: quantile(
          [...waiting].sort((a, b) => a - b),
          0.5,
        ),
        max: Math.max(0, ...waiting),
      },
      totalSeconds: (performance.now() - partStarted) / 1000,
      baseline: readsAlone.kinds(),
      underLoad: recorder.kinds(),
      checks,
      problems: [...readsAlone.problems, ...recorder.problems, ...errorsLogged(replicas)],
    };
  } finally {
    mail.stop();
    await replicas?.stop();
    await database?.close();
    await sink.close();
    await drop();
  }
}

/** The first few errors the processes logged (pino level 50 and above), with what they said about them. */
function errorsLogged(replicas: Replicas): string[] {
  return replicas.processes
    .flatMap((p) => p.logLines().filter((line) => Number(line.level) >= 50))
    .slice(0, 5)
    .map((line) => `logged: ${JSON.stringify(line)}`.slice(0, 600));
}

/**
 * One newcomer, through the portal's forms: asks for a log-in link, opens it from the e-mail and signs in,
 * registers an organisation, opens the signing page and signs. A refused step ends the sign-up (counted).
 */
async function signUp(
  base: string,
  recorder: Recorder,
  mail: ReturnType<typeof mailbox>,
  run: string,
  i: number,
): Promise<void> {
  const visitor = new Visitor(base, recorder, 1_000 + i);
  const email = `load-${run}-${i}@signup.example.eu`;
  const askedAt = performance.now();
  const asked = await visitor.post('ask for a log-in link', '/login', [['email', email]], [200]);
  if (!asked.isOk) return;
  const message = await mail.waitFor(email).catch(() => null);
  recorder.add(MAIL, (message?.at ?? performance.now()) - askedAt, message ? 200 : 0, [200]);
  if (!message) return;
  const link = new URL(loginLink(message) ?? '/no-link-in-the-e-mail', base);
  const page = await visitor.get('open the log-in link', link.pathname + link.search);
  if (!page.isOk) return;
  const signedIn = await visitor.post(
    'sign in',
    '/login/verify',
    [
      ['token', fieldValue(page.text, 'token')],
      ['next', fieldValue(page.text, 'next')],
      ['privacyNoticeVersion', fieldValue(page.text, 'privacyNoticeVersion')],
    ],
    [303],
  );
  if (!signedIn.isOk) return;
  const registered = await visitor.post(
    'register an organisation',
    '/account/organisations/new',
    [
      ['legalName', `Load Signatory ${run} ${i} GmbH`],
      ['country', 'DE'],
      ['kind', 'COMPANY'],
      ['size', 'SME'],
      ['stages', 'RECYCLER'],
      ['registrationNumber', `HRB ${run}-${i}`],
    ],
    [200],
  );
  if (!registered.isOk) return;
  const signPage = await visitor.get('open the signing page', `/alliances/${SLUG}/sign`);
  if (!signPage.isOk) return;
  await visitor.post(
    'sign the declaration',
    `/alliances/${SLUG}/sign`,
    [
      ['declarationVersion', fieldValue(signPage.text, 'declarationVersion')],
      ['organisationId', fieldValue(signPage.text, 'organisationId')],
      ['signerName', `Signer ${i}`],
      ['signerJobTitle', 'Managing director'],
      ['hasRead', 'yes'],
    ],
    [303],
  );
}

interface Reporter {
  sessionToken: string;
  pledgeId: string;
  year: number;
}

/** A signatory's representative, signed in: opens the reports page and submits the year's figures. */
async function submitReport(base: string, recorder: Recorder, reporter: Reporter, n: number): Promise<void> {
  const visitor = new Visitor(base, recorder, n);
  visitor.setCookie('concord_session', reporter.sessionToken);
  const page = await visitor.get('open the reports page', '/account/reports');
  if (!page.isOk) return;
  await visitor.post(
    'submit a progress report',
    '/account/reports?/submit',
    [
      ['pledgeId', reporter.pledgeId],
      ['year', String(reporter.year)],
      ['tonnesAchieved', '1250.5'],
      ['evidenceScheme', 'RecyClass'],
    ],
    [303],
  );
}

/**
 * `count` signatories of the demo alliance, written straight into the database before the timed part: each an
 * organisation with an active signature, an accepted pledge, a representative with an open session, and a
 * reporting campaign open for last year.
 */
async function seedReporters(database: DatabaseHandle, count: number): Promise<Reporter[]> {
  const db = database.db;
  const now = new Date();
  const year = now.getUTCFullYear() - 1;
  const [alliance] = await db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
  if (!alliance) throw new Error('no demo alliance');
  const [version] = await db
    .select()
    .from(schema.declarationVersion)
    .where(
      and(eq(schema.declarationVersion.allianceId, alliance.id), eq(schema.declarationVersion.status, 'published')),
    )
    .limit(1);
  if (!version) throw new Error('no published declaration');
  const day = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  await db
    .insert(schema.reportingCampaign)
    .values({ allianceId: alliance.id, year, opensOn: day(-30), deadline: day(60) })
    .onConflictDoNothing();
  const rows = Array.from({ length: count }, (_, i) => {
    const legalName = `Load Reporter ${i} SA`;
    const sessionToken = randomBytes(32).toString('base64url');
    return {
      organisation: { id: uuidv7(), legalName, normalisedName: normaliseName(legalName) },
      person: { id: uuidv7(), email: `load-reporter-${i}@reporting.example.eu` },
      pledgeId: uuidv7(),
      sessionToken,
    };
  });
  if (count === 0) return [];
  await db.transaction(async (tx) => {
    await tx
      .insert(schema.organisation)
      .values(
        rows.map((r) => ({ ...r.organisation, country: 'FR', kind: 'company' as const, size: 'large' as const })),
      );
    await tx
      .insert(schema.person)
      .values(rows.map((r) => ({ ...r.person, name: r.person.email.split('@')[0] ?? '', emailConfirmedAt: now })));
    await tx
      .insert(schema.organisationMember)
      .values(rows.map((r) => ({ organisationId: r.organisation.id, personId: r.person.id })));
    await tx.insert(schema.signature).values(
      rows.map((r) => ({
        allianceId: alliance.id,
        declarationVersionId: version.id,
        organisationId: r.organisation.id,
        signerName: 'Representative',
        signerJobTitle: 'Director',
        status: 'active' as const,
        confirmedAt: now,
        activatedAt: now,
      })),
    );
    await tx.insert(schema.pledge).values(
      rows.map((r) => ({
        id: r.pledgeId,
        allianceId: alliance.id,
        organisationId: r.organisation.id,
        kind: 'uptake' as const,
        polymer: 'PP' as const,
        sector: 'packaging' as const,
        tonnesPerYear: '2000.000',
        targetYear: 2030,
        status: 'accepted' as const,
        submittedAt: new Date(`${year - 1}-05-01T10:00:00Z`),
        decidedAt: new Date(`${year - 1}-06-01T10:00:00Z`),
      })),
    );
    await tx.insert(schema.session).values(
      rows.map((r) => ({
        tokenHash: createHash('sha256').update(r.sessionToken, 'utf8').digest('hex'),
        personId: r.person.id,
        expiresAt: new Date(now.getTime() + 86_400_000),
      })),
    );
  });
  return rows.map((r) => ({ sessionToken: r.sessionToken, pledgeId: r.pledgeId, year }));
}

/** What the database and the SMTP server hold afterwards. */
async function check(
  database: DatabaseHandle,
  run: string,
  signups: number,
  reporters: Reporter[],
  messages: SinkMessage[],
): Promise<LoadResult['checks']> {
  const [organisations] = await database.rows<{ n: number; distinct: number; signatures: number; signed: number }>(sql`
    select count(*)::int as n, count(distinct o.normalised_name)::int as distinct,
      (select count(*)::int from signature s join organisation x on x.id = s.organisation_id
        where x.legal_name like ${`Load Signatory ${run} %`}) as signatures,
      (select count(distinct s.organisation_id)::int from signature s join organisation x on x.id = s.organisation_id
        where x.legal_name like ${`Load Signatory ${run} %`}) as signed
    from organisation o where o.legal_name like ${`Load Signatory ${run} %`}`);
  const pledgeIds = reporters.map((r) => r.pledgeId);
  const [reports] = pledgeIds.length
    ? await database.db
        .select({
          n: sql<number>`count(*)::int`,
          pledges: sql<number>`count(distinct ${schema.progressReport.pledgeId})::int`,
        })
        .from(schema.progressReport)
        .where(inArray(schema.progressReport.pledgeId, pledgeIds))
    : [{ n: 0, pledges: 0 }];
  // The log-in e-mails only: signing sends the signer another.
  const toSignups = messages.filter((m) => m.to.startsWith(`load-${run}-`) && loginLink(m));
  const sentTo = toSignups.reduce((n, m) => n.set(m.to, (n.get(m.to) ?? 0) + 1), new Map<string, number>());
  return {
    organisations: organisations?.n ?? 0,
    distinctOrganisations: organisations?.distinct ?? 0,
    signatures: organisations?.signatures ?? 0,
    organisationsSigned: organisations?.signed ?? 0,
    reports: reports?.n ?? 0,
    pledgesReported: reports?.pledges ?? 0,
    emails: toSignups.length,
    addressesMailed: sentTo.size,
    addressesNotMailedOnce: signups - [...sentTo.values()].filter((n) => n === 1).length,
  };
}

export function loadSection(load: LoadResult | null, measured: string): string[] {
  const title = '## Load: sign-ups, progress reports and public reads at once (several processes on PostgreSQL)';
  if (!load) return [title, '', 'Not measured yet: `BENCH_ONLY=load` with BENCH_DATABASE_URL or DATABASE_URL set.', ''];
  const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
  const alone = new Map(load.baseline.map((k) => [k.kind, k]));
  const c = load.checks;
  const fiveHundreds = load.underLoad.reduce((n, k) => n + k.serverErrors, 0);
  return [
    title,
    '',
    `${measured} Two API processes, one worker process and the portal (adapter-node, NODE_ENV=production) on one ` +
      'PostgreSQL database of their own, behind a small proxy (tests/setup/replicas.ts); e-mail to a real SMTP ' +
      `server (smtp-server). ${load.signups} sign-ups and ${load.reports} progress reports start at once, while ` +
      `${load.readers} readers load public pages one after another until the last write is done ` +
      `(${load.writeSeconds.toFixed(1)} s; the whole part ${Math.round(load.totalSeconds)} s, load average ` +
      `${load.loadAverage.toFixed(1)} when it started, on the same machine as the load generator).`,
    '',
    'Every step goes through the portal’s forms, as a browser without JavaScript sends them: a sign-up asks for a ' +
      'log-in link, takes it from the e-mail the SMTP server received, opens it and signs in, registers an ' +
      'organisation, opens the signing page and signs. The reporting signatories (an active signature, an accepted ' +
      'pledge, a session, a campaign open for last year) are written into the database before the timed part; each ' +
      'opens its reports page and submits. A step refused ends that sign-up or report. No rate limit is raised: ' +
      'each person connects from an address of its own (127.0.0.0/8), which the proxy adds to X-Forwarded-For ' +
      'and the portal reads (ADDRESS_HEADER), so the limits per client count people, as in a deployment. The ' +
      'portal gives up on a read from the API after 10 s and on a change after 60 s, and answers 503. ' +
      (load.maxInFlight
        ? `The proxy sends at most ${load.maxInFlight} requests at a time to each process and holds the others in ` +
          "their order (HAProxy's `maxconn` per server); BENCH_LOAD_MAX_IN_FLIGHT=0 sends everything at once."
        : 'The proxy sends every request on at once (BENCH_LOAD_MAX_IN_FLIGHT=0).'),
    '',
    `Writes went through at ${load.auditEventsPerSecond.toFixed(1)} audit events a second (every change writes ` +
      'one; one transaction at a time extends the hash chain, holding an advisory lock to its commit: ' +
      'docs/adr/0013). Sampled once a second, ' +
      `${load.lockWaiters.median} transactions waited for that lock (median; at most ${load.lockWaiters.max}).`,
    '',
    `Baseline: the same readers and the same pages with nothing else running. 5xx under load: ${fiveHundreds}.`,
    '',
    '| request | count | p50 | p99 | 5xx | other than expected | p50 vs reads alone | p99 vs reads alone |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...load.underLoad.map((k) => {
      const b = alone.get(k.kind);
      const ratios = b ? `${(k.p50Ms / b.p50Ms).toFixed(2)} | ${(k.p99Ms / b.p99Ms).toFixed(2)}` : '– | –';
      return `| ${k.kind} | ${k.count} | ${ms(k.p50Ms)} ms | ${ms(k.p99Ms)} ms | ${k.serverErrors} | ${k.unexpected} | ${ratios} |`;
    }),
    ...load.baseline.map(
      (k) =>
        `| ${k.kind}, alone (baseline) | ${k.count} | ${ms(k.p50Ms)} ms | ${ms(k.p99Ms)} ms | ${k.serverErrors} | ${k.unexpected} | 1 | 1 |`,
    ),
    '',
    'Afterwards, in the database and the SMTP server:',
    '',
    '| | expected | found |',
    '| --- | ---: | ---: |',
    `| organisations registered (distinct names) | ${load.signups} | ${c.organisations} (${c.distinctOrganisations}) |`,
    `| signatures of them (organisations signed) | ${load.signups} | ${c.signatures} (${c.organisationsSigned}) |`,
    `| progress reports (pledges reported) | ${load.reports} | ${c.reports} (${c.pledgesReported}) |`,
    `| log-in e-mails received (addresses) | ${load.signups} | ${c.emails} (${c.addressesMailed}) |`,
    `| addresses mailed other than once | 0 | ${c.addressesNotMailedOnce} |`,
    '',
    ...(load.problems.length
      ? [
          'Unexpected answers, by kind (with what the first said), and the first errors the processes logged:',
          '',
          ...load.problems.map((p) => `- ${p}`),
          '',
        ]
      : []),
  ];
}
