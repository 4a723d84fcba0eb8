/**
 * Makes one embedded database for the browser tests' servers to start from: `node --import tsx
 * tests/setup/data-template.ts <DATA_DIR>` with SEED_DEMO set. It opens the database as the app does (creates it,
 * migrates, seeds the demo when asked) and closes it cleanly; startStandalone copies the directory for each server.
 */
import { loadConfig, openDatabase } from '@concord/api';

const quiet = { info: () => {}, warn: (message: string) => console.warn(message) };
const database = await openDatabase(loadConfig(), quiet);
await database.close();
