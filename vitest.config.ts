import { defineConfig } from 'vitest/config';

/**
 * Test tiers (STYLE.md): unit tests beside the code (`*.test.ts`); database tests (`*.db.test.ts`) on a
 * real PostgreSQL, embedded PGlite always and a server too when TEST_DATABASE_URL (or DATABASE_URL) is set;
 * browser tests (`tests/e2e/*.e2e.test.ts`) in Chromium against the built app.
 */
const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const unitExclude = ['**/node_modules/**', '**/*.db.test.ts', '**/*.e2e.test.ts', '**/.svelte-kit/**', '**/build/**'];
const dbInclude = ['{db,services,tests}/**/*.db.test.ts'];

/** The unit and database tests run together first; the browser tests after them (a group of their own). */
const first = { groupOrder: 0 };
const databaseProject = (kind: 'pglite' | 'postgres') => ({
  test: {
    name: `db:${kind}`,
    sequence: first,
    include: dbInclude,
    exclude: ['**/node_modules/**'],
    globalSetup: ['tests/setup/database.ts'],
    env: { CONCORD_TEST_DB: kind, ...(postgresUrl ? { CONCORD_TEST_DATABASE_URL: postgresUrl } : {}) },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The files of a worker share one module graph instead of importing the API afresh each (about half the CPU
    // time of these tests went to that): every file builds its own app and database, and none replaces a module
    // or a global (vi.mock, vi.stubGlobal), which would leak into the next file of the worker.
    isolate: false,
  },
});

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine. The database tests wait on
    // PostgreSQL and the browser tests on Chromium half the time; two workers keep both cores busy.
    maxWorkers: Number(process.env.CONCORD_TEST_WORKERS ?? 2),
    projects: [
      {
        test: {
          name: 'unit',
          sequence: first,
          include: ['{db,schema,services,frontend,tests}/**/*.test.ts'],
          exclude: unitExclude,
          // A cap, not a measure: rendering a PDF and reading it back with qpdf takes seconds on a busy machine.
          testTimeout: 20_000,
        },
      },
      databaseProject('pglite'),
      ...(postgresUrl ? [databaseProject('postgres')] : []),
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/setup/e2e.ts'],
          // A cap, not a measure: a journey runs axe on up to fifteen pages, each 1–4 s on a busy 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two files at once, each worker with its own server and database (tests/setup/e2e.ts): a journey keeps
          // about three quarters of one core busy (the app, Chromium, waits for e-mail), so one at a time left a
          // core idle for half the run. The files of one worker still run one after another on its server.
          sequence: { groupOrder: 1 },
          maxWorkers: Number(process.env.CONCORD_E2E_WORKERS ?? 2),
        },
      },
    ],
  },
});
