import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareTemplates, type TestDatabaseKind } from '@concord/db/testing';
import type { TestProject } from 'vitest/node';

/** Migrates and seeds once per run; every test clones the result. */
export default async function setup(project: TestProject) {
  const kind = (project.config.env?.CONCORD_TEST_DB ?? 'pglite') as TestDatabaseKind;
  const dir = await mkdtemp(join(tmpdir(), 'concord-test-'));
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
