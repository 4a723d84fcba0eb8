import { normaliseName, schema, uuidv7 } from '@concord/db';
import * as values from '@concord/schema/values';
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { emailAddress, optionalText, requiredText } from '../../lib/validate.ts';
import { parseOrganisationInput } from '../signing/organisation-input.ts';
import {
  asRowError,
  asRowErrorOf,
  choice,
  inChunks,
  key,
  type PlanState,
  RowError,
  type SheetRows,
} from './plan-rules.ts';

/**
 * Organisations: a key imported before is unchanged; otherwise the register's organisation of the same
 * registration number and country, or else of the same name and country (what duplicate detection compares), is
 * matched and left as it is; otherwise the organisation is new.
 */
export async function planOrganisations(state: PlanState, rows: SheetRows['rows']): Promise<void> {
  const { ctx, knownKeys, fileKeys, record, writes } = state;
  const parsed: {
    line: number;
    key: string;
    values: ReturnType<typeof parseOrganisationInput> & { normalisedName: string };
  }[] = [];
  for (const { line, cells } of rows) {
    const keyValue = cells.organisation_key || null;
    try {
      const organisationKey = key(cells.organisation_key ?? '', 'organisation_key');
      if (fileKeys.has(`organisations:${organisationKey}`))
        throw new RowError('organisation_key', 'This key is in the file twice.');
      const known = knownKeys.get(`organisations:${organisationKey}`);
      if (known) {
        fileKeys.set(`organisations:${organisationKey}`, { id: known });
        record('organisations', line, organisationKey, 'unchanged');
        continue;
      }
      fileKeys.set(`organisations:${organisationKey}`, { line });
      const country = values.parseCountryCode(cells.country ?? '');
      if (!country.ok) throw new RowError('country', country.message);
      const input = asRowErrorOf(() =>
        parseOrganisationInput({
          legalName: cells.legal_name ?? '',
          country: country.code,
          kind: choice(schema.organisationKinds, cells.kind ?? '', 'kind'),
          size: choice(schema.organisationSizes, cells.size ?? '', 'size'),
          stages: (cells.stages ?? '')
            .split(/[;,]/)
            .map((s) => s.trim())
            .filter(Boolean)
            .map((stage) => choice(schema.valueChainStages, stage, 'stages')),
          website: cells.website || null,
          registrationNumber: cells.registration_number ?? '',
          transparencyRegisterNumber: cells.transparency_register_number || null,
        }),
      );
      parsed.push({ line, key: organisationKey, values: { ...input, normalisedName: normaliseName(input.legalName) } });
    } catch (error) {
      record('organisations', line, keyValue, 'error', asRowError(error));
    }
  }
  const numbers = [...new Set(parsed.map((p) => p.values.registrationNumber).filter((n): n is string => Boolean(n)))];
  const names = [...new Set(parsed.map((p) => p.values.normalisedName))];
  const columns = {
    id: schema.organisation.id,
    country: schema.organisation.country,
    registrationNumber: schema.organisation.registrationNumber,
    normalisedName: schema.organisation.normalisedName,
  };
  const live = isNull(schema.organisation.mergedIntoId);
  const existing = [
    ...(await inChunks(numbers, (chunk) =>
      ctx.tx
        .select(columns)
        .from(schema.organisation)
        .where(and(live, inArray(schema.organisation.registrationNumber, chunk))),
    )),
    ...(await inChunks(names, (chunk) =>
      ctx.tx
        .select(columns)
        .from(schema.organisation)
        .where(and(live, inArray(schema.organisation.normalisedName, chunk))),
    )),
  ];
  const byNumber = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, k: string, id: string) => map.set(k, [...(map.get(k) ?? []), id]);
  const seen = new Set<string>();
  for (const o of existing) {
    if (seen.has(o.id)) continue;
    seen.add(o.id);
    if (o.registrationNumber) push(byNumber, `${o.country}:${o.registrationNumber}`, o.id);
    push(byName, `${o.country}:${o.normalisedName}`, o.id);
  }
  for (const { line, key: organisationKey, values: organisation } of parsed) {
    const sameNumber = byNumber.get(`${organisation.country}:${organisation.registrationNumber}`) ?? [];
    const sameName = byName.get(`${organisation.country}:${organisation.normalisedName}`) ?? [];
    const candidates = sameNumber.length > 0 ? sameNumber : sameName;
    if (candidates.length > 1) {
      fileKeys.set(`organisations:${organisationKey}`, { line });
      record(
        'organisations',
        line,
        organisationKey,
        'error',
        new RowError(
          'registration_number',
          `${candidates.length} organisations of the register match this one: merge them first.`,
        ),
      );
      continue;
    }
    const match = candidates[0];
    const id = match ?? uuidv7();
    if (!match) writes.organisations.push({ id, ...organisation, createdAt: ctx.now, updatedAt: ctx.now });
    writes.keys.push({ sheet: 'organisations', key: organisationKey, objectId: id });
    fileKeys.set(`organisations:${organisationKey}`, { id });
    record('organisations', line, organisationKey, match ? 'matched' : 'new');
  }
}

/** Representatives: a person found by address (or written anew, never e-mailed), tied to the organisation. */
export async function planRepresentatives(state: PlanState, representativeRows: SheetRows['rows']): Promise<void> {
  const { ctx, record, resolve, writes } = state;
  const { tx } = ctx;
  const emails = [...new Set(representativeRows.map((r) => r.cells.email?.toLowerCase() ?? ''))].filter(Boolean);
  const people = new Map<string, string>();
  for (const p of await inChunks(emails, (chunk) =>
    tx
      .select({ id: schema.person.id, email: sql<string>`lower(${schema.person.email})` })
      .from(schema.person)
      .where(inArray(sql`lower(${schema.person.email})`, chunk)),
  )) {
    people.set(p.email, p.id);
  }
  const members = new Set<string>();
  const personIds = [...people.values()];
  for (const m of await inChunks(personIds, (chunk) =>
    tx
      .select({ o: schema.organisationMember.organisationId, p: schema.organisationMember.personId })
      .from(schema.organisationMember)
      .where(inArray(schema.organisationMember.personId, chunk)),
  )) {
    members.add(`${m.o}:${m.p}`);
  }
  const seenRepresentatives = new Map<string, number>();
  for (const { line, cells } of representativeRows) {
    try {
      const organisationId = resolve(
        'organisations',
        key(cells.organisation_key ?? '', 'organisation_key'),
        'organisation_key',
      );
      const name = asRowErrorOf(() => requiredText(cells.name, 'name', { max: 200, isName: true }));
      const email = asRowErrorOf(() => emailAddress(cells.email ?? '', 'email'));
      const jobTitle = asRowErrorOf(() => optionalText(cells.job_title, 'job_title', { max: 200 }));
      const pair = `${organisationId}:${email.toLowerCase()}`;
      const earlier = seenRepresentatives.get(pair);
      if (earlier) throw new RowError('email', `This person represents this organisation already at line ${earlier}.`);
      seenRepresentatives.set(pair, line);
      let personId = people.get(email.toLowerCase());
      if (personId && members.has(`${organisationId}:${personId}`)) {
        record('representatives', line, null, 'unchanged');
        continue;
      }
      const isNew = !personId;
      if (!personId) {
        personId = uuidv7();
        people.set(email.toLowerCase(), personId);
        writes.people.push({ id: personId, email, name, locale: ctx.locale });
      }
      writes.representatives.push({ organisationId, personId, jobTitle });
      record('representatives', line, null, isNew ? 'new' : 'matched');
    } catch (error) {
      record('representatives', line, null, 'error', asRowError(error));
    }
  }
}
