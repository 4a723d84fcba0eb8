import { type Database, schema } from '@concord/db';
import { eq, inArray } from 'drizzle-orm';
import { type Actor, type ChairHolder, can } from '../policy/policy.ts';
import { loadChairHolders } from '../working-group/chairs.ts';
import type { DocumentEntry } from './document.service.ts';

const { pledge, pledgeVersion, progressReport, signature } = schema;

/**
 * Who may see a document (docs/visibility.md has the table):
 * - `public`: the declaration and progress reports Concord issues; a pledge statement once a version carrying it
 *   was accepted; report evidence once the report carrying it is validated.
 * - `entry`: anyone may check the hash and see what it is, but the file itself is its organisation's and the
 *   secretariat's: a signature certificate (it names the signer and their job title).
 * - `private`: everything else, until the object it belongs to is public: only the organisation, the
 *   secretariat, and for a pledge statement the chairs of the pledge's working group know it exists.
 */
export type DocumentAudience =
  | { level: 'public' }
  | { level: 'entry' | 'private'; allianceId: string; organisationId: string | null; chairs: ChairHolder[] };

/** The audience of each document, in order, in at most four statements whatever the number of documents. */
export async function audiencesOf(db: Database, entries: readonly DocumentEntry[]): Promise<DocumentAudience[]> {
  const idsOf = (kind: DocumentEntry['kind'], key: (e: DocumentEntry) => string | null) => [
    ...new Set(entries.flatMap((e) => (e.kind === kind && key(e) ? [key(e) as string] : []))),
  ];
  const signatureIds = idsOf('signature_certificate', (e) => e.signatureId);
  const evidenceIds = idsOf('report_evidence', (e) => e.id);
  const statementIds = idsOf('pledge_statement', (e) => e.id);

  const [signatures, reports, versions] = await Promise.all([
    signatureIds.length
      ? db
          .select({ id: signature.id, organisationId: signature.organisationId })
          .from(signature)
          .where(inArray(signature.id, signatureIds))
      : [],
    evidenceIds.length
      ? db
          .select({
            documentId: progressReport.evidenceDocumentId,
            organisationId: pledge.organisationId,
            status: progressReport.status,
          })
          .from(progressReport)
          .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
          .where(inArray(progressReport.evidenceDocumentId, evidenceIds))
      : [],
    statementIds.length
      ? db
          .select({
            documentId: pledgeVersion.statementDocumentId,
            organisationId: pledge.organisationId,
            status: pledgeVersion.status,
            workingGroupId: pledgeVersion.workingGroupId,
          })
          .from(pledgeVersion)
          .innerJoin(pledge, eq(pledge.id, pledgeVersion.pledgeId))
          .where(inArray(pledgeVersion.statementDocumentId, statementIds))
      : [],
  ]);
  const groupIds = [...new Set(versions.flatMap((v) => (v.workingGroupId ? [v.workingGroupId] : [])))];
  const holders = groupIds.length ? await loadChairHolders(db, groupIds) : [];
  const chairsOf = new Map(groupIds.map((id, i) => [id, holders[i] ?? []]));

  function decide(entry: DocumentEntry): DocumentAudience {
    switch (entry.kind) {
      case 'declaration':
      case 'progress_report':
        return { level: 'public' };
      case 'signature_certificate':
        return restricted('entry', entry, signatures.find((s) => s.id === entry.signatureId)?.organisationId);
      case 'report_evidence': {
        const own = reports.filter((r) => r.documentId === entry.id);
        if (own.some((r) => r.status === 'validated')) return { level: 'public' };
        return restricted('private', entry, own[0]?.organisationId);
      }
      case 'pledge_statement': {
        const own = versions.filter((v) => v.documentId === entry.id);
        // Accepted once (in force, superseded since, or of a pledge withdrawn or lapsed later): it was public.
        if (own.some((v) => v.status === 'accepted' || v.status === 'superseded')) return { level: 'public' };
        const groups = new Set(own.flatMap((v) => (v.workingGroupId ? [v.workingGroupId] : [])));
        return restricted(
          'private',
          entry,
          own[0]?.organisationId,
          [...groups].flatMap((id) => chairsOf.get(id) ?? []),
        );
      }
    }
  }
  return entries.map(decide);
}

export async function audienceOf(db: Database, entry: DocumentEntry): Promise<DocumentAudience> {
  const [audience] = await audiencesOf(db, [entry]);
  if (!audience) throw new Error('audiencesOf answers one audience per document');
  return audience;
}

function restricted(
  level: 'entry' | 'private',
  entry: DocumentEntry,
  organisationId: string | undefined,
  chairs: ChairHolder[] = [],
): DocumentAudience {
  // A file nothing refers to any more (a report's evidence replaced by a resubmission): the secretariat's alone.
  return { level, allianceId: entry.allianceId, organisationId: organisationId ?? null, chairs };
}

const mayRead = (actor: Actor | null, audience: DocumentAudience) =>
  audience.level === 'public' ||
  can(actor, {
    action: 'document.read',
    allianceId: audience.allianceId,
    organisationId: audience.organisationId,
    chairs: audience.chairs,
  });

/** Whether the caller may learn that the document exists and what it is (its register entry). */
export const maySeeEntry = (actor: Actor | null, audience: DocumentAudience) =>
  audience.level !== 'private' || mayRead(actor, audience);

/** Whether the caller may download the file. */
export const mayDownload = mayRead;
