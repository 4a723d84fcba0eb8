import { describe, expect, it } from 'vitest';
import { DATABASE_USAGE, runDatabaseCommand } from './cli-database.ts';
import { loadConfig } from './config.ts';

/** The command's answers that need no database; the copies themselves are in db/src/move.db.test.ts. */
describe('pnpm concord db …', () => {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    const error: string[] = [];
    const code = await runDatabaseCommand(args, {
      config: loadConfig({ NODE_ENV: 'test', ...env }),
      io: { out: (l) => out.push(l), error: (l) => error.push(l) },
    });
    return { code, out, error };
  };

  it.each([[['db']], [['db', 'move']], [['db', 'move', '--to']], [['db', 'backup']], [['db', 'restore', 'a', 'b']]])(
    'answers the usage and exit code 2 for %j',
    async (args) => {
      await expect(run(args)).resolves.toEqual({ code: 2, out: [], error: [DATABASE_USAGE] });
    },
  );

  it('refuses to move when DATABASE_URL names a server: the move reads the embedded database', async () => {
    const answer = await run(['db', 'move', '--to', 'postgres://elsewhere/concord'], {
      DATABASE_URL: 'postgres://127.0.0.1:1/concord',
    });
    expect(answer).toMatchObject({ code: 1, error: [expect.stringMatching(/Unset DATABASE_URL/)] });
  });
});
