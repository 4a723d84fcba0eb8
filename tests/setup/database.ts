import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareTemplates, type TestDatabaseKind } from '@concord/db/testing';
import type { TestProject } from 'vitest/node';

/**
 * PGlite clones go to a file system in memory where there is one (Linux's /dev/shm): a test file's database is
 * about 60 MB, copied, used for seconds and deleted, and on a disk it would be written back for nothing.
 */
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** Migrates and seeds once per run; every test clones the result. */
export default async function setup(project: TestProject) {
  const kind = (project.config.env?.CONCORD_TEST_DB ?? 'pglite') as TestDatabaseKind;
  const dir = await mkdtemp(join(scratch, 'concord-test-'));
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
