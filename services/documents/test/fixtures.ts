import { createHash } from 'node:crypto';
import type { CertificateData } from '../src/index.ts';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const DECLARATION_TEXT = [
  'We, the signatories, work along the plastics value chain in the European Union.',
  'As an alliance we commit to four deliverables, each with a date:\n' +
    '1. A work plan on design for recycling, by 31 March 2020.\n' +
    '2. A research and development agenda for circular plastics, by 30 June 2020.',
  'This declaration does not create legal obligations.',
].join('\n\n');

export const certificate = (overrides: Partial<CertificateData> = {}): CertificateData => ({
  alliance: { name: 'Circular Plastics Alliance' },
  organisation: { legalName: 'Αλκυρίνη Πλαστικά Ι.Κ.Ε.', country: 'GR' },
  signer: { name: 'Ελένη Παπαδοπούλου', jobTitle: 'Chief Executive Officer' },
  declaration: {
    title: 'Declaration of the Circular Plastics Alliance',
    version: 2,
    textSha256: sha256(DECLARATION_TEXT),
    publishedAt: new Date('2019-09-20T08:00:00Z'),
  },
  signatureId: '0190a6c4-6f2e-7c1d-9a3b-2f4e5d6c7b8a',
  signedAt: new Date('2019-10-01T23:30:00Z'),
  activatedAt: new Date('2019-10-03T15:00:00Z'),
  issuedAt: new Date('2019-10-03T15:00:05Z'),
  verificationUrl: 'https://concord.example/verify?signature=0190a6c4-6f2e-7c1d-9a3b-2f4e5d6c7b8a',
  language: 'en',
  ...overrides,
});
