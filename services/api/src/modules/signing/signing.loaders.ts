import type { schema } from '@concord/db';
import { loader } from '../../graphql/loaders.ts';
import type { DuplicateFlagParent } from '../../graphql/mappers.ts';
import { loadAlliances, loadDeclarationVersions } from '../alliance/alliance.by-id.ts';
import { type DocumentEntry, loadCertificates } from '../document/document.service.ts';
import { loadOrganisations } from '../organisation/organisation.service.ts';
import { can } from '../policy/policy.ts';
import {
  loadDuplicateFlags,
  loadSignatureHistory,
  loadSignatures,
  loadSignaturesOfOrganisations,
} from './signing.reads.ts';
import { signingWindowOf } from './signing-window.ts';

type SignatureRow = schema.Signature;

/** The alliance's signing window, as a declaration version's deprecated fields still give it. */
const windowOfVersions = <T>(pick: (alliance: schema.Alliance) => T) =>
  loader<schema.DeclarationVersion, T | null>(async (queries, { db }) => {
    const alliances = await loadAlliances(
      db,
      queries.map((q) => q.obj.allianceId),
    );
    return alliances.map((alliance) => (alliance ? pick(alliance) : null));
  });

export const signingLoaders = {
  DeclarationVersion: {
    openFrom: windowOfVersions((alliance) => alliance.signingOpensOn),
    openUntil: windowOfVersions((alliance) => alliance.signingClosesOn),
    isOpenForSignature: windowOfVersions((alliance) => signingWindowOf(alliance, new Date()).state === 'open'),
  },
  Signature: {
    organisation: loader<SignatureRow, schema.Organisation | null>((queries, { db }) =>
      loadOrganisations(
        db,
        queries.map((q) => q.obj.organisationId),
      ),
    ),
    alliance: loader<SignatureRow, schema.Alliance | null>((queries, { db }) =>
      loadAlliances(
        db,
        queries.map((q) => q.obj.allianceId),
      ),
    ),
    declaration: loader<SignatureRow, schema.DeclarationVersion | null>((queries, { db }) =>
      loadDeclarationVersions(
        db,
        queries.map((q) => q.obj.declarationVersionId),
      ),
    ),
    textRead: loader<SignatureRow, { language: string; textSha256: string; isTranslation: boolean } | null>(
      async (queries, { db }) => {
        const versions = await loadDeclarationVersions(
          db,
          queries.map((q) => q.obj.declarationVersionId),
        );
        return queries.map(({ obj }, i) => {
          const version = versions[i];
          if (!version) return null;
          // A row without them (written before this was recorded, by a fixture) read the authentic text.
          const language = obj.readLanguage ?? version.language;
          return {
            language,
            textSha256: obj.readTextSha256 ?? version.textSha256,
            isTranslation: language !== version.language,
          };
        });
      },
    ),
    renews: loader<SignatureRow, schema.Signature | null>((queries, { db }) =>
      loadSignatures(
        db,
        queries.map((q) => q.obj.renewsSignatureId),
      ),
    ),
    certificate: loader<SignatureRow, DocumentEntry | null>((queries, { db }) =>
      loadCertificates(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
    history: loader<SignatureRow, schema.AuditEvent[]>((queries, { db }) =>
      loadSignatureHistory(
        db,
        queries.map((q) => q.obj.id),
      ),
    ),
    // Possible duplicates are for the secretariat's eyes: others get an empty list, not an error.
    duplicateFlags: loader<SignatureRow, DuplicateFlagParent[]>(async (queries, context) => {
      const actor = await context.actor();
      const visible = queries.map((q) =>
        can(actor, { action: 'signature.viewDuplicateFlags', allianceId: q.obj.allianceId }),
      );
      const flags = await loadDuplicateFlags(
        context.db,
        queries.filter((_q, i) => visible[i]).map((q) => q.obj.organisationId),
      );
      let next = 0;
      return visible.map((isVisible) => (isVisible ? (flags[next++] ?? []) : []));
    }),
  },
  DuplicateFlag: {
    duplicateOf: loader<DuplicateFlagParent, schema.Organisation | null>((queries, { db }) =>
      loadOrganisations(
        db,
        queries.map((q) => q.obj.duplicateOfId),
      ),
    ),
  },
  HistoryEvent: {
    byOrganisation: loader<schema.AuditEvent, schema.Organisation | null>(async (queries, { db }) => {
      const ids = queries.map((q) => q.obj.actorOrganisationId);
      const found = await loadOrganisations(
        db,
        ids.filter((id): id is string => id !== null),
      );
      const byId = new Map(found.filter((o) => o !== null).map((o) => [o.id, o]));
      return ids.map((id) => (id ? (byId.get(id) ?? null) : null));
    }),
  },
  RepresentedOrganisation: {
    signatures: loader<{ organisation: schema.Organisation }, schema.Signature[]>((queries, { db }) =>
      loadSignaturesOfOrganisations(
        db,
        queries.map((q) => q.obj.organisation.id),
      ),
    ),
  },
  StaffRole: {
    alliance: loader<{ allianceId: string }, schema.Alliance | null>((queries, { db }) =>
      loadAlliances(
        db,
        queries.map((q) => q.obj.allianceId),
      ),
    ),
  },
};
