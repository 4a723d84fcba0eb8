import { readdirSync, readFileSync } from 'node:fs';

const here = new URL('./', import.meta.url);

/** The SDL files of this folder, one per domain, in name order. */
export const sdlFiles: readonly string[] = readdirSync(here)
  .filter((f) => f.endsWith('.graphql'))
  .sort();

/** The whole GraphQL contract as one SDL string. */
export const typeDefs: string = sdlFiles.map((f) => readFileSync(new URL(f, here), 'utf8')).join('\n');
