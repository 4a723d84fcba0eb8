import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPgliteTemplate, openTestDatabase } from '@concord/db/testing';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../services/api/src/config.ts';
import { deadWorkerPickupSeconds } from '../../services/api/src/jobs/queue.ts';
import { LOGIN_LINK_MINUTES } from '../../services/api/src/modules/auth/auth.service.ts';
import { startSmtpSink } from '../../services/api/test/smtp-sink.ts';

const root = new URL('../../', import.meta.url).pathname;
const templates = inject('databaseTemplates');

/**
 * The fault test of a worker killed mid-job: Concord's API process (with its worker) is killed with SIGKILL while
 * it sends a log-in link, the mail server holding the message open; a new process on the same database must
 * deliver the link.
 *
 * What it asserts: the link arrives once, and within the bound the configuration sets for a dead worker's job
 * (deadWorkerPickupSeconds: heartbeat, supervisor pass, first retry, poll, or the delivery's attempt going stale,
 * whichever is longer) plus one send, counted from when the new process is up. Before heartbeats, the job waited
 * for pg-boss's 15-minute expiry and the link came after it had expired. Settings are short here (heartbeat 10 s,
 * pg-boss's minimum), so the test takes about 20 s.
 */
describe('[FAULT] a worker killed while it sends a log-in link', () => {
  it('has the link delivered by a new worker within the configured bound, once', async () => {
    let holding = true;
    const sink = await startSmtpSink({
      // The first message (the killed worker's) is never answered: the worker dies in the middle of the send.
      hold: () => {
        const hold = holding;
        holding = false;
        return hold;
      },
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'concord-kill-'));
    const database = templates.kind === 'postgres' ? await openTestDatabase(templates, 'empty') : undefined;
    if (!database) await installPgliteTemplate(templates, 'empty', join(dataDir, 'pglite'));
    const port = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO: 'false',
      SMTP_URL: sink.url,
      JOB_HEARTBEAT_SECONDS: '10',
      JOB_MONITOR_SECONDS: '1',
      JOB_RETRY_DELAY_SECONDS: '1',
      JOB_POLLING_SECONDS: '0.5',
      SMTP_SEND_TIMEOUT_SECONDS: '4',
      ...(database?.url ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir }),
    };
    const config = loadConfig(env);
    const children: ChildProcess[] = [];
    try {
      const first = await startApi(env, port);
      children.push(first);
      const email = 'killed.mid-send@recycler.example.de';
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($email: String!) { requestLoginLink(email: $email) { accepted } }',
          variables: { email },
        }),
      });
      expect(await response.json()).toEqual({ data: { requestLoginLink: { accepted: true } } });

      const held = await sink.firstHeld();
      expect(held.to).toBe(email);
      const exited = new Promise((resolve) => first.once('exit', resolve));
      first.kill('SIGKILL');
      await exited;

      const second = await startApi(env, port);
      children.push(second);
      const upAt = performance.now();
      const boundSeconds = deadWorkerPickupSeconds(config) + config.smtpSendTimeoutSeconds;
      const delivered = await new Promise<(typeof sink.messages)[number]>((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`no link within ${2 * boundSeconds} s`)),
          2 * boundSeconds * 1000,
        );
        const poll = setInterval(() => {
          const found = sink.messages.find((m) => m.messageId === held.messageId);
          if (found) {
            clearInterval(poll);
            clearTimeout(deadline);
            resolve(found);
          }
        }, 100);
      });

      expect((delivered.at - upAt) / 1000).toBeLessThanOrEqual(boundSeconds);
      expect(boundSeconds).toBeLessThan(LOGIN_LINK_MINUTES * 60);
      // Give a second copy the time to show up before counting.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(sink.messages.filter((m) => m.messageId === held.messageId)).toHaveLength(1);
    } finally {
      for (const child of children) child.kill('SIGKILL');
      await sink.close();
      await database?.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

/** Starts the API (services/api/src/main.ts) and resolves once it answers /healthz. */
async function startApi(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not start: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
