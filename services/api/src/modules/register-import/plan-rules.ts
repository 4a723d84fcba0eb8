import { type Database, schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { requiredText } from '../../lib/validate.ts';
import type { ImportFate, ImportSheet } from './register-import-format.ts';

/** A row's fate in the dry run, and what confirming did with it. `field` is the column at fault. */
export interface ImportRowFate {
  sheet: ImportSheet;
  line: number;
  key: string | null;
  fate: ImportFate;
  field: string | null;
  reason: string | null;
}

export interface ImportTotal {
  sheet: ImportSheet;
  newRows: number;
  matchedRows: number;
  unchangedRows: number;
  errorRows: number;
}

/** What confirming writes, row by row, ids made beforehand so that later sheets can point at earlier ones. */
export interface ImportWrites {
  organisations: (schema.NewOrganisation & { id: string })[];
  keys: { sheet: 'organisations' | 'pledges'; key: string; objectId: string }[];
  people: (schema.NewPerson & { id: string })[];
  representatives: { organisationId: string; personId: string; jobTitle: string | null }[];
  signatures: schema.NewSignature[];
  memberships: { workingGroupId: string; organisationId: string; role: schema.WorkingGroupRole; joinedAt: Date }[];
  pledges: (schema.NewPledge & { id: string })[];
  pledgeVersions: schema.NewPledgeVersion[];
  reports: schema.NewProgressReport[];
}

export interface ImportPlan {
  rows: ImportRowFate[];
  totals: ImportTotal[];
  writes: ImportWrites;
}

/** A refusal of one row: its column and why. */
export class RowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A domain rule's refusal (`input.legalName`, `row.tonnesPerYear`) as the column it came from (`legal_name`). */
export function asRowError(error: unknown, columns: Readonly<Record<string, string>> = {}): RowError {
  if (error instanceof RowError) return error;
  if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') {
    const last = (error.field ?? '').split('.').at(-1) ?? '';
    const column = columns[last] ?? last.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return new RowError(column, error.message);
  }
  throw error;
}

/**
 * A lookup by a list of values, a statement per 10,000 of them: PostgreSQL takes at most 65,535 parameters a
 * statement, and a file may hold 100,000 rows.
 */
export async function inChunks<V, R>(list: readonly V[], lookup: (chunk: V[]) => Promise<R[]>): Promise<R[]> {
  const result: R[] = [];
  for (let start = 0; start < list.length; start += 10_000)
    result.push(...(await lookup(list.slice(start, start + 10_000))));
  return result;
}

export const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day as ISO 8601 (`2019-09-20`), a real one, from 1990 to today: the register's history, not its future. */
export function day(value: string, field: string, today: string): Date {
  const match = DAY.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new RowError(field, 'A day written as YYYY-MM-DD, such as 2019-09-20.');
  }
  if (value < '1990-01-01' || value > today) throw new RowError(field, `A day from 1990-01-01 to today (${today}).`);
  return date;
}

export function integer(value: string, field: string): number {
  if (!/^-?\d{1,6}$/.test(value)) throw new RowError(field, 'A whole number, such as 2025.');
  return Number(value);
}

/** One of a list people choose from, spelt as the API spells it (`PUBLIC_AUTHORITY`; case and spaces forgiven). */
export function choice<T extends string>(list: readonly T[], value: string, field: string): T {
  const spelt = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  const found = list.find((item) => item.toUpperCase() === spelt);
  if (!found) throw new RowError(field, `One of ${list.map((item) => item.toUpperCase()).join(', ')}.`);
  return found;
}

export const KEY_MAX = 100;
export function key(value: string, field: string): string {
  const checked = requiredText(value, field, { max: KEY_MAX });
  return checked;
}

/** The cells of a row by column name. */
export type Cells = Readonly<Record<string, string>>;

export interface SheetRows {
  sheet: ImportSheet;
  rows: { line: number; cells: Cells }[];
}

export interface Context {
  tx: Database;
  allianceId: string;
  actorPersonId: string;
  locale: string;
  today: string;
  now: Date;
}

/** Runs a domain rule, its refusal named by column. */
export function asRowErrorOf<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    throw asRowError(error);
  }
}

/** What the planning of each sheet shares: the fates so far, the writes, the keys, and the register's facts. */
export interface PlanState {
  ctx: Context;
  fates: ImportRowFate[];
  writes: ImportWrites;
  /** Keys of earlier imports: `organisations:ORG-1` → the organisation's id. */
  knownKeys: Map<string, string>;
  /** A key of this file: the organisation or pledge it names, or the line of the row that failed. */
  fileKeys: Map<string, { id: string } | { line: number }>;
  record: (sheet: ImportSheet, line: number, key: string | null, fate: ImportFate, error?: RowError) => void;
  /** The organisation or pledge a key names, in this file or an earlier import; a RowError on `field` otherwise. */
  resolve: (sheet: 'organisations' | 'pledges', value: string, field: string) => string;
  /** Organisations with a live signature of the alliance, and its status. */
  live: Map<string, string>;
  /** Active signatories, those the file signs included. */
  signatories: Set<string>;
  isSignatory: (organisationId: string) => void;
  /** The alliance's working groups by slug. */
  groups: Map<string, string>;
  groupOf: (slug: string, field: string) => string;
}

/** The state the sheets are planned in, with what the register has: earlier keys, signatures, groups. */
export async function planState(ctx: Context): Promise<PlanState> {
  const { tx, allianceId } = ctx;
  const fates: ImportRowFate[] = [];
  const writes: ImportWrites = {
    organisations: [],
    keys: [],
    people: [],
    representatives: [],
    signatures: [],
    memberships: [],
    pledges: [],
    pledgeVersions: [],
    reports: [],
  };
  const knownKeys = new Map<string, string>();
  for (const row of await tx
    .select({
      sheet: schema.registerImportKey.sheet,
      key: schema.registerImportKey.key,
      objectId: schema.registerImportKey.objectId,
    })
    .from(schema.registerImportKey)
    .where(eq(schema.registerImportKey.allianceId, allianceId))) {
    knownKeys.set(`${row.sheet}:${row.key}`, row.objectId);
  }
  const fileKeys = new Map<string, { id: string } | { line: number }>();
  const record = (sheet: ImportSheet, line: number, keyValue: string | null, fate: ImportFate, error?: RowError) => {
    fates.push({ sheet, line, key: keyValue, fate, field: error?.field ?? null, reason: error?.message ?? null });
  };
  const resolve = (sheet: 'organisations' | 'pledges', value: string, field: string): string => {
    const noun = sheet === 'organisations' ? 'organisation' : 'pledge';
    const inFile = fileKeys.get(`${sheet}:${value}`);
    if (inFile && 'id' in inFile) return inFile.id;
    if (inFile) throw new RowError(field, `The ${noun} of this key has an error (line ${inFile.line}).`);
    const known = knownKeys.get(`${sheet}:${value}`);
    if (known) return known;
    throw new RowError(field, `No ${noun} has this key, in this file or an earlier import.`);
  };
  const live = new Map<string, string>();
  for (const s of await tx
    .select({ organisationId: schema.signature.organisationId, status: schema.signature.status })
    .from(schema.signature)
    .where(
      and(
        eq(schema.signature.allianceId, allianceId),
        inArray(schema.signature.status, ['pending_confirmation', 'pending_review', 'active']),
      ),
    )) {
    live.set(s.organisationId, s.status);
  }
  const signatories = new Set([...live].filter(([, status]) => status === 'active').map(([id]) => id));
  const isSignatory = (organisationId: string) => {
    if (!signatories.has(organisationId)) {
      throw new RowError(
        'organisation_key',
        'The organisation is not an active signatory of this alliance: give its signature in the signatures sheet.',
      );
    }
  };
  const groups = new Map<string, string>();
  for (const g of await tx
    .select({ id: schema.workingGroup.id, slug: schema.workingGroup.slug })
    .from(schema.workingGroup)
    .where(eq(schema.workingGroup.allianceId, allianceId))) {
    groups.set(g.slug, g.id);
  }
  const groupOf = (slug: string, field: string) => {
    const id = groups.get(slug.trim().toLowerCase());
    if (!id)
      throw new RowError(field, 'The alliance has no working group of this address (its slug, such as packaging).');
    return id;
  };
  return { ctx, fates, writes, knownKeys, fileKeys, record, resolve, live, signatories, isSignatory, groups, groupOf };
}
