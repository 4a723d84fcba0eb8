import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { createDatabase, type DatabaseHandle } from '@concord/db';
import postgres from 'postgres';
import { buildApp, loadConfig } from '../../services/api/src/index.ts';
import { reviewNoticeJob } from '../../services/api/test/smtp-sink.ts';
import { messageIdFor, renderEmail } from '../../services/notifications/src/index.ts';
import { createSmtpMailer } from '../../services/notifications/src/smtp-mailer.ts';

const root = new URL('../../', import.meta.url).pathname;
const from = 'Concord <no-reply@concord.example.eu>';

export interface EmailThroughputResult {
  database: 'pglite' | 'postgres';
  messages: number;
  /** SMTP_CONNECTIONS for both sides. */
  connections: number;
  /** Load average (1 minute) when the part started: other work on a shared machine slows every figure. */
  loadAverage: number;
  /**
   * Pre-rendered messages handed all at once to nodemailer's pool (the transport Concord uses), one round before
   * and one after Concord's (after a warm-up round that is not counted).
   */
  rawPerSecond: number[];
  /** CPU time of this process per message, raw rounds together. */
  rawCpuMsPerEmail: number;
  /** Concord, queue to SMTP: jobs already queued, from the first e-mail claimed to the last one marked sent. */
  concordPerSecond: number;
  /** CPU time of this process per message, while Concord's worker sent them (PGlite runs in it; PostgreSQL not). */
  concordCpuMsPerEmail: number;
  /** Concord over the mean of the raw rounds around it. */
  ratio: number;
  /** Raw CPU per message over Concord's: the ratio of their rates on a core of their own. */
  cpuRatio: number;
}

/**
 * E-mail throughput against a local SMTP server (smtp-server in a process of its own): the raw send rate of
 * nodemailer's pooled transport, before and after Concord's own run, and Concord's queue-to-SMTP rate: `messages`
 * review notices queued in `send-email`, rendered, recorded in email_delivery (claimed, then sent) and sent by the
 * worker, pg-boss fetching and settling them in batches.
 */
export async function measureEmailThroughput({
  databaseUrl,
  messages,
  connections = 5,
}: {
  databaseUrl: string | undefined;
  messages: number;
  connections?: number;
}): Promise<EmailThroughputResult> {
  const loadAverage = os.loadavg()[0] ?? 0;
  const sink = await startSinkProcess();
  const smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  try {
    await measureRaw(smtpUrl, Math.min(messages, 500), connections); // warm-up: JIT, connections, the sink
    const raw = [await measureRaw(smtpUrl, messages, connections)];
    const concord = await measureConcord(smtpUrl, databaseUrl, messages, connections);
    raw.push(await measureRaw(smtpUrl, messages, connections));
    const rawPerSecond = raw.map((r) => r.perSecond);
    const rawMean = rawPerSecond.reduce((a, b) => a + b, 0) / rawPerSecond.length;
    const rawCpuMsPerEmail = raw.reduce((a, r) => a + r.cpuMs, 0) / (raw.length * messages);
    const concordCpuMsPerEmail = concord.cpuMs / messages;
    return {
      database: databaseUrl ? 'postgres' : 'pglite',
      messages,
      connections,
      loadAverage,
      rawPerSecond,
      rawCpuMsPerEmail,
      concordPerSecond: concord.perSecond,
      concordCpuMsPerEmail,
      ratio: concord.perSecond / rawMean,
      cpuRatio: rawCpuMsPerEmail / concordCpuMsPerEmail,
    };
  } finally {
    sink.child.kill('SIGTERM');
  }
}

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

const notice = (i: number, run: string) => reviewNoticeJob(`bench:${run}:${i}`, i);

async function measureRaw(
  smtpUrl: string,
  messages: number,
  connections: number,
): Promise<{ perSecond: number; cpuMs: number }> {
  const run = `raw-${performance.now()}`;
  const rendered = Array.from({ length: messages }, (_, i) => {
    const job = notice(i, run);
    return {
      to: job.to,
      ...renderEmail(job.template, job.locale, job.data),
      messageId: messageIdFor(job.idempotencyKey),
    };
  });
  const mailer = createSmtpMailer({ smtpUrl, from, connections });
  try {
    await mailer.send(rendered[0] as (typeof rendered)[number]); // connect first: the rate is of sending
    const started = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(rendered.map((email) => mailer.send(email)));
    return { perSecond: messages / ((performance.now() - started) / 1000), cpuMs: cpuMsSince(cpu) };
  } finally {
    await mailer.close();
  }
}

export async function measureConcord(
  smtpUrl: string,
  databaseUrl: string | undefined,
  messages: number,
  connections: number,
): Promise<{ perSecond: number; cpuMs: number }> {
  const database = await openDatabase(databaseUrl);
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SMTP_URL: smtpUrl,
    MAIL_FROM: from,
    SMTP_CONNECTIONS: String(connections),
  };
  try {
    // Queue everything first (an API-only process), then let a worker at it: the rate is the worker's.
    const producer = await buildApp({ config: loadConfig({ ...env, RUN_WORKER: 'false' }), database, logger: false });
    await producer.ready();
    const jobs = Array.from({ length: messages }, (_, i) => ({ data: notice(i, 'concord') }));
    for (let i = 0; i < jobs.length; i += 1_000)
      await producer.jobs.boss.insert('send-email', jobs.slice(i, i + 1_000));
    await producer.close();

    const cpu = process.cpuUsage();
    const worker = await buildApp({ config: loadConfig(env), database, logger: false });
    await worker.ready();
    try {
      const deadline = performance.now() + 10 * 60_000;
      for (;;) {
        if (performance.now() > deadline) throw new Error('e-mail bench: not every message was sent in 10 minutes');
        const [row] = await selectRows(database, "select count(*)::int as n from email_delivery where status = 'sent'");
        if (Number(row?.n ?? 0) >= messages) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const [span] = await selectRows(
        database,
        'select extract(epoch from max(sent_at) - min(created_at))::float8 as seconds from email_delivery',
      );
      return { perSecond: messages / Number(span?.seconds), cpuMs: cpuMsSince(cpu) };
    } finally {
      await worker.close();
    }
  } finally {
    await database.close();
  }
}

/** Rows of a raw statement on either driver (this package reads e-mail deliveries without Drizzle). */
async function selectRows(database: DatabaseHandle, text: string): Promise<Record<string, unknown>[]> {
  if (database.pglite) return (await database.pglite.query<Record<string, unknown>>(text)).rows;
  const sql = postgres(database.url ?? '', { max: 1, onnotice: () => {} });
  try {
    return [...(await sql.unsafe(text))];
  } finally {
    await sql.end();
  }
}

/** PGlite in memory, or a fresh database on the given PostgreSQL server (dropped on close). */
async function openDatabase(serverUrl: string | undefined): Promise<DatabaseHandle> {
  if (!serverUrl) {
    const database = await createDatabase();
    await database.migrate();
    return database;
  }
  const name = `concord_bench_email_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ url: url.toString(), maxConnections: 10 });
  await database.migrate();
  return {
    ...database,
    async close() {
      await database.close();
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}

export async function startSinkProcess(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/smtp-sink-process.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  for await (const line of lines) {
    const { port } = JSON.parse(line) as { port: number };
    return { child, port };
  }
  throw new Error('the SMTP sink exited before it listened');
}

/** The part of docs/benchmarks/latest.md about e-mail. */
export function emailSection(results: EmailThroughputResult[], when: string): string[] {
  const title = '## E-mail throughput to a local SMTP server (target ≥ 200 e-mails/s)';
  if (results.length === 0) return [title, '', 'Not measured yet: `BENCH_ONLY=email`.', ''];
  const n = (x: number) => x.toFixed(0);
  return [
    title,
    '',
    `${when} smtp-server in a process of its own accepts every message. Baseline: nodemailer's pooled transport ` +
      '(the one Concord uses, the same number of connections) sending pre-rendered messages, all handed to it at ' +
      "once, a round before and a round after Concord's. Concord: the messages already queued in `send-email`; " +
      'the worker fetches them in batches, renders each, claims and marks it in email_delivery and sends it; the ' +
      "rate runs from the first claim to the last mark (database clock). CPU per e-mail is this process's (on " +
      'PGlite the database runs in it, on PostgreSQL not); its ratio, raw over Concord, is what other work on a ' +
      'shared machine moves least. The load average says how shared the machine was. Before batches and pooled ' +
      'connections (one job per fetch, a fetch every 2 s) Concord sent about 0.5 e-mails/s.',
    '',
    '| database | messages | connections | raw e-mails/s (before, after) | Concord e-mails/s | ratio | CPU per e-mail, raw / Concord | CPU ratio | load average |',
    '| --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.database} | ${r.messages} | ${r.connections} | ${r.rawPerSecond.map(n).join(', ')} | ` +
        `${n(r.concordPerSecond)} | ${r.ratio.toFixed(2)} | ${r.rawCpuMsPerEmail.toFixed(2)} / ` +
        `${r.concordCpuMsPerEmail.toFixed(2)} ms | ${r.cpuRatio.toFixed(2)} | ${r.loadAverage.toFixed(1)} |`,
    ),
    '',
  ];
}
