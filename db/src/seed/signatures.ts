import type { NewSignature } from '../schema/index.ts';
import type { DemoOrganisation } from './organisations.ts';
import type { IdMaker } from './random.ts';

export type SignatureRow = NewSignature & { id: string; organisationId: string };

/** The register: every signature step of every organisation's timeline, signed by its representative. */
export function buildSignatures(
  ids: IdMaker,
  organisations: readonly DemoOrganisation[],
  allianceId: string,
  declaration: { id: string; language: string; textSha256: string },
  secretariatId: string,
): SignatureRow[] {
  const rows: SignatureRow[] = [];
  for (const org of organisations) {
    for (const step of org.timeline.signatures) {
      const updatedAt = step.withdrawnAt ?? step.reviewedAt ?? step.confirmedAt ?? step.signedAt;
      rows.push({
        id: ids.at(step.signedAt),
        allianceId,
        declarationVersionId: declaration.id,
        // Every demo representative reads English, the authentic text's language.
        readLanguage: declaration.language,
        readTextSha256: declaration.textSha256,
        organisationId: org.row.id,
        signerPersonId: org.representative.id,
        signerName: org.representative.name,
        signerJobTitle: org.jobTitle,
        status: step.status,
        signedAt: step.signedAt,
        confirmedAt: step.confirmedAt,
        reviewedAt: step.reviewedAt,
        reviewedByPersonId: step.reviewedAt ? secretariatId : null,
        activatedAt: step.activatedAt,
        rejectionReason: step.rejectionReason,
        withdrawnAt: step.withdrawnAt,
        withdrawalReason: step.withdrawalReason,
        createdAt: step.signedAt,
        updatedAt,
      });
    }
  }
  // Insert in signing order, as the application would have.
  return rows.sort((a, b) => (a.signedAt as Date).getTime() - (b.signedAt as Date).getTime());
}
