import type { MeetingMethod } from '@concord/schema/values';

/**
 * The audit log's head when a document is issued (docs/adr/0013): printed at the foot of every page and in the
 * keywords, so that whoever holds the document can later ask whether the log still reaches it.
 */
export interface AuditLogHeadData {
  seq: number;
  /** SHA-256, 64 lower-case hex digits. */
  hash: string;
}

/** What a signature certificate shows: one active signature of one declaration version. */
export interface CertificateData {
  alliance: { name: string };
  organisation: { legalName: string /** ISO 3166-1 alpha-2 */; country: string };
  signer: { name: string; jobTitle: string };
  /** `language` and `textSha256` are the authentic text's: what was signed. */
  declaration: { title: string; version: number; textSha256: string; language: string; publishedAt: Date | null };
  /** The text the signer read (docs/adr/0029): a translation's language and SHA-256; absent, the authentic text. */
  textRead?: { language: string; textSha256: string };
  signatureId: string;
  signedAt: Date;
  activatedAt: Date;
  issuedAt: Date;
  /** Public page where anyone can check this certificate (also encoded as a QR code). */
  verificationUrl: string;
  /** BCP 47, e.g. 'en': the document's language for screen readers. */
  language: string;
  auditLogHead: AuditLogHeadData;
}

export interface DeclarationSignatory {
  legalName: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
  activeSince: Date;
}

/** What the declaration document shows: one declaration version with all its active signatories. */
export interface DeclarationData {
  alliance: { name: string };
  declaration: { title: string; version: number; text: string; textSha256: string; publishedAt: Date | null };
  generatedAt: Date;
  signatoryCount: number;
  /** Active signatories already ordered by country, then name; may be 10,000+ rows, read lazily. */
  signatories: AsyncIterable<DeclarationSignatory>;
  verificationUrl: string;
  /** BCP 47 of the declaration's text, e.g. 'en'. */
  language: string;
  /**
   * A translation of the version to show instead of its authentic text (docs/adr/0029): the document says it is
   * one and gives both hashes. Absent: the authentic text.
   */
  translation?: { language: string; title: string; text: string; textSha256: string };
  /** BCP 47 of the reader: the document's own words (headings, notes, country names); the text's language without it. */
  readerLanguage?: string;
  auditLogHead: AuditLogHeadData;
}

/** Tonnes as the register gives them: an exact decimal string with up to 3 decimals ('6400000.250'). */
export type Tonnes = string;

/** What validated reports achieved in one year. */
export interface ProgressYearFigures {
  year: number;
  achievedTonnes: Tonnes;
  /** achieved / target as a fraction with 4 decimals ('0.5432'). */
  share: string;
  reportCount: number;
}

/** The least-squares line through the reported years, read at the target year. */
export interface ProgressTrajectoryFigures {
  basedOnYears: number;
  firstYear: number;
  lastYear: number;
  slopeTonnesPerYear: Tonnes;
  projectedTonnes: Tonnes;
  targetYear: number;
  targetTonnes: Tonnes;
  isOnTrack: boolean;
  shortfallTonnes: Tonnes;
  /** Half-width of a ~95 % prediction interval at the target year; null below three years. */
  predictionIntervalTonnes: Tonnes | null;
  confidence: 'none' | 'low' | 'medium' | 'high';
}

export interface ProgressPolymerGapFigures {
  polymer: string;
  supplyTonnes: Tonnes;
  uptakeTonnes: Tonnes;
  /** supply − uptake: positive where supply exceeds uptake. */
  gapTonnes: Tonnes;
}

export interface ProgressBreakdownRow {
  /** What the row is, as a reader would say it in the document's language ('Germany', 'Packaging', 'PET'). */
  label: string;
  pledgeCount: number;
  supplyTonnes: Tonnes;
  uptakeTonnes: Tonnes;
  /** Validated reports of these supply pledges, and of these uptake pledges, for the report's year: never added. */
  achievedSupplyTonnes: Tonnes;
  achievedUptakeTonnes: Tonnes;
}

/** What a breakdown groups by; the document names it in its language. */
export type ProgressBreakdownDimension = 'polymer' | 'sector' | 'working_group' | 'country' | 'organisation_kind';

export interface ProgressBreakdown {
  dimension: ProgressBreakdownDimension;
  rows: ProgressBreakdownRow[];
}

/** What the progress report of one alliance for one year shows. */
export interface ProgressReportData {
  alliance: { name: string };
  /** The year the report is for: a year with validated reports. */
  year: number;
  target: {
    tonnes: Tonnes;
    year: number;
    /** Which pledges the target counts: 'uptake' (recycled plastics used in products), 'supply', or 'both'. */
    counts: 'supply' | 'uptake' | 'both';
    /** The flow counted in `year`: the target's, or for a target of both the lesser of the two that year. */
    flow: 'supply' | 'uptake';
    baselineYear: number;
    baselineTonnes: Tonnes | null;
  };
  /** The figures of `year`. */
  achieved: ProgressYearFigures;
  /** Tonnes a year of the accepted pledges, by kind. */
  pledged: { supplyTonnes: Tonnes; uptakeTonnes: Tonnes };
  /** Every reported year up to and including `year`, oldest first. */
  byYear: ProgressYearFigures[];
  /** Fitted on `byYear`; null only without any reported year. */
  trajectory: ProgressTrajectoryFigures | null;
  /** Pledged supply against uptake by polymer, in the order to show them. */
  supplyUptakeGap: ProgressPolymerGapFigures[];
  breakdowns: ProgressBreakdown[];
  generatedAt: Date;
  verificationUrl: string;
  /** BCP 47 of the reader, e.g. 'en': every word of the report, its numbers and its labels are in it. */
  language: string;
  auditLogHead: AuditLogHeadData;
}

/** How an agenda item is run: the run sheet names it and gives its short instructions. */
export type RunSheetMethod = MeetingMethod;

/** One item of a meeting's script, timed (items follow each other without gaps). */
export interface RunSheetItem {
  title: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  method: RunSheetMethod;
  hosts: string | null;
  question: string | null;
  materials: string | null;
  /** For an item that reviews them: the commitments open when the meeting began, by deadline. */
  openCommitments?: readonly RunSheetCommitment[] | null;
}

/** A commitment as the hosts go through it: what, who, by when, and where it stands now. */
export interface RunSheetCommitment {
  title: string;
  taskholder: string;
  /** YYYY-MM-DD. */
  deadline: string;
  status: 'OPEN' | 'IN_PROGRESS' | 'LATE' | 'DONE' | 'DROPPED';
}

/**
 * What the run sheet of a meeting shows its hosting team: the meeting, and its script minute by minute, every
 * time on the meeting's wall clock (`timeZone`). A working paper, not registered: it changes with the script.
 */
export interface RunSheetData {
  alliance: { name: string };
  /** Null for a plenary of the alliance. */
  workingGroup: { name: string } | null;
  meeting: {
    title: string;
    purpose: string;
    startsAt: Date;
    endsAt: Date;
    /** IANA, e.g. 'Europe/Brussels'. */
    timeZone: string;
    place: string | null;
    onlineUrl: string | null;
  };
  /** In order. */
  items: readonly RunSheetItem[];
  generatedAt: Date;
  /** BCP 47 of the reader: the sheet's words and dates. */
  language: string;
}
