import type { ApplicationSector, PledgeKind, PledgeVersionStatus, Polymer } from '$lib/graphql/operations.generated';

/**
 * Shapes the pledge components take. Codegen checks each operations file on its own, so the working group's
 * page selects the same fields as the register's fragment without sharing it: these types fit both.
 */

/** A pledge as a row of a register: the alliance's and a working group's. */
export interface PledgeRowData {
  id: string;
  kind: PledgeKind;
  polymer: Polymer;
  sector: ApplicationSector;
  tonnesPerYear: string;
  targetYear: number;
  organisation: { id: string; legalName: string; country: string };
  workingGroup: { slug: string; name: string } | null;
}

/** The figures of a pledge or of one of its versions. */
export interface PledgeFiguresData {
  kind: PledgeKind;
  polymer: Polymer;
  sector: ApplicationSector;
  tonnesPerYear: string;
  targetYear: number;
  baselineTonnes: string | null;
  baselineYear: number | null;
  conditions: string | null;
  workingGroup: { slug: string; name: string } | null;
}

/** One version with its review, as histories and the review queue show it. */
export interface PledgeVersionData extends PledgeFiguresData {
  id: string;
  version: number;
  status: PledgeVersionStatus;
  statement: { title: string; url: string; sha256: string; byteSize: number } | null;
  submittedAt: string | null;
  decidedAt: string | null;
  reviewComment: string | null;
  createdAt: string;
}
