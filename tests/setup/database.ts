import { readdirSync, rmSync, statfsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareTemplates, type TestDatabaseKind } from '@concord/db/testing';
import type { TestProject } from 'vitest/node';
import { isRunning } from '../../services/api/src/lib/processes.ts';

/** Room the PGlite templates and a clone per worker need, with a margin (about 60 MB each). */
const NEEDED_BYTES = 1024 ** 3;

/**
 * Where the test databases' files go: CONCORD_TEST_TMPDIR when set; else a file system in memory where there is one
 * with room (Linux's /dev/shm; a container's is often 64 MB): a PGlite clone is about 60 MB, copied, used for seconds
 * and deleted, and on a disk it would be written back for nothing; else the system's temporary directory.
 */
function scratchDirectory(): string {
  const chosen = process.env.CONCORD_TEST_TMPDIR;
  if (chosen) return chosen;
  try {
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize >= NEEDED_BYTES) return '/dev/shm';
  } catch {
    // No /dev/shm here.
  }
  return tmpdir();
}

/** What runs that were killed before their teardown left (their process is gone): in memory, it would stay. */
function removeLeftovers(scratch: string): void {
  for (const name of readdirSync(scratch)) {
    const pid = Number(/^concord-test-(\d+)-/.exec(name)?.[1]);
    if (pid && !isRunning(pid)) rmSync(join(scratch, name), { recursive: true, force: true });
  }
}

/** Migrates and seeds once per run; every test clones the result. */
export default async function setup(project: TestProject) {
  const kind = (project.config.env?.CONCORD_TEST_DB ?? 'pglite') as TestDatabaseKind;
  const scratch = scratchDirectory();
  removeLeftovers(scratch);
  const dir = await mkdtemp(join(scratch, `concord-test-${process.pid}-`));
  const { templates, teardown } = await prepareTemplates(kind, {
    url: project.config.env?.CONCORD_TEST_DATABASE_URL,
    dir,
  });
  project.provide('databaseTemplates', templates);
  return async () => {
    await teardown();
    await rm(dir, { recursive: true, force: true });
  };
}
