/** What a signature certificate shows: one active signature of one declaration version. */
export interface CertificateData {
  alliance: { name: string };
  organisation: { legalName: string /** ISO 3166-1 alpha-2 */; country: string };
  signer: { name: string; jobTitle: string };
  declaration: { title: string; version: number; textSha256: string; publishedAt: Date | null };
  signatureId: string;
  signedAt: Date;
  activatedAt: Date;
  issuedAt: Date;
  /** Public page where anyone can check this certificate (also encoded as a QR code). */
  verificationUrl: string;
  /** BCP 47, e.g. 'en': the document's language for screen readers. */
  language: string;
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
  /** BCP 47, e.g. 'en'. */
  language: string;
}
