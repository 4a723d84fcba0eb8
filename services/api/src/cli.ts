/**
 * `pnpm concord <command>`: the operator's commands, run against the database Concord uses with the same
 * environment (cli-commands.ts lists them). Today one: `pnpm concord admin add <e-mail>`, which makes the first
 * platform administrator of a deployment started with SEED_DEMO=false (README, "Setting up a real alliance").
 */
import { openDatabase } from './bootstrap.ts';
import { CLI_USAGE, isDatabaseCommand, runCommand } from './cli-commands.ts';
import { DATABASE_USAGE, isDatabaseMaintenance, runDatabaseCommand } from './cli-database.ts';
import { loadConfig } from './config.ts';

const args = process.argv.slice(2);
const io = { out: (line: string) => console.log(line), error: (line: string) => console.error(line) };
if (args.length === 0 || args[0] === 'help' || args[0] === '--help') {
  console.log(`${CLI_USAGE}\n\n${DATABASE_USAGE}`);
  process.exit(0);
}
if (isDatabaseMaintenance(args)) {
  process.exit(await runDatabaseCommand(args, { config: loadConfig(), io }));
}
if (!isDatabaseCommand(args)) {
  console.error(CLI_USAGE);
  process.exit(2);
}
try {
  // A command never seeds the demo alliance: that is the first start's business (SEED_DEMO), not an operator's.
  const config = { ...loadConfig(), seedDemo: 'false' as const };
  const database = await openDatabase(config, { info: () => {}, warn: (message) => console.error(message) });
  let code: number;
  try {
    code = await runCommand(args, { db: database.db, io });
  } finally {
    // PGlite writes its data directory on close.
    await database.close();
  }
  process.exit(code);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
