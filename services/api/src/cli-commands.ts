import type { Database } from '@concord/db';
import { DomainError } from './errors.ts';
import { addPlatformAdministrator } from './modules/platform/use-cases/add-platform-administrator.ts';

export const CLI_USAGE = `Usage: pnpm concord <command>

Commands:
  admin add <e-mail>   make the person with this address a platform administrator (creating them if new);
                       they then sign in at /login with a log-in link, as anyone does

The database is the one Concord uses with the same environment: DATABASE_URL, or the embedded one in DATA_DIR
(./data), which must not be open in a running Concord at the same time.`;

export interface CliOutput {
  out(line: string): void;
  error(line: string): void;
}

/** Whether `args` name a command that needs the database (anything else is answered with the usage). */
export function isDatabaseCommand(args: readonly string[]): boolean {
  return args[0] === 'admin' && args[1] === 'add' && args.length === 3;
}

/**
 * Runs one operator command on an open database and answers the process's exit code: 0 done, 1 refused (a
 * malformed address), 2 not a command. What it did goes to `out`, what went wrong to `error`, one line each.
 */
export async function runCommand(
  args: readonly string[],
  { db, io }: { db: Database; io: CliOutput },
): Promise<number> {
  if (!isDatabaseCommand(args)) {
    io.error(CLI_USAGE);
    return 2;
  }
  const email = args[2] ?? '';
  try {
    const { person, isNewPerson, isChanged } = await addPlatformAdministrator({ db, email });
    io.out(
      !isChanged
        ? `${person.email} is already a platform administrator; nothing changed.`
        : `${person.email} is now a platform administrator${isNewPerson ? ' (a new person: they sign in at /login)' : ''}.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      io.error(`${err.message} (${err.field ?? 'input'}: ${JSON.stringify(email)})`);
      return 1;
    }
    throw err;
  }
}
