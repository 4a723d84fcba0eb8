import { createHash } from 'node:crypto';
import type { CertificateData, ProgressReportData } from '../src/index.ts';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const DECLARATION_TEXT = [
  'We, the signatories, work along the plastics value chain in the European Union.',
  'As an alliance we commit to four deliverables, each with a date:\n' +
    '1. A work plan on design for recycling, by 31 March 2020.\n' +
    '2. A research and development agenda for circular plastics, by 30 June 2020.',
  'This declaration does not create legal obligations.',
].join('\n\n');

/** The audit log's head a document was issued at. */
export const AUDIT_LOG_HEAD = { seq: 4217, hash: sha256('the audit log up to event 4217') };

export const certificate = (overrides: Partial<CertificateData> = {}): CertificateData => ({
  alliance: { name: 'Circular Plastics Alliance' },
  organisation: { legalName: 'Αλκυρίνη Πλαστικά Ι.Κ.Ε.', country: 'GR' },
  signer: { name: 'Ελένη Παπαδοπούλου', jobTitle: 'Chief Executive Officer' },
  declaration: {
    title: 'Declaration of the Circular Plastics Alliance',
    version: 2,
    textSha256: sha256(DECLARATION_TEXT),
    language: 'en',
    publishedAt: new Date('2019-09-20T08:00:00Z'),
  },
  signatureId: '0190a6c4-6f2e-7c1d-9a3b-2f4e5d6c7b8a',
  signedAt: new Date('2019-10-01T23:30:00Z'),
  activatedAt: new Date('2019-10-03T15:00:00Z'),
  issuedAt: new Date('2019-10-03T15:00:05Z'),
  verificationUrl: 'https://concord.example/verify?signature=0190a6c4-6f2e-7c1d-9a3b-2f4e5d6c7b8a',
  language: 'en',
  auditLogHead: AUDIT_LOG_HEAD,
  ...overrides,
});

/** A breakdown row: pledged supply and uptake, and what each achieved, side by side (never added). */
const breakdownRow = (
  label: string,
  pledgeCount: number,
  supply: string,
  uptake: string,
  achievedUptake: string,
  achievedSupply = '0.000',
) => ({
  label,
  pledgeCount,
  supplyTonnes: supply,
  uptakeTonnes: uptake,
  achievedSupplyTonnes: achievedSupply,
  achievedUptakeTonnes: achievedUptake,
});

/** A progress report shaped like the CPA's: uptake short of the 10 Mt target, supply well above uptake. */
export const progressReport = (overrides: Partial<ProgressReportData> = {}): ProgressReportData => ({
  alliance: { name: 'Circular Plastics Alliance' },
  year: 2024,
  target: {
    tonnes: '10000000.000',
    year: 2025,
    counts: 'uptake',
    flow: 'uptake',
    baselineYear: 2016,
    baselineTonnes: '4000000.000',
  },
  achieved: { year: 2024, achievedTonnes: '6011250.000', share: '0.6011', reportCount: 118 },
  pledged: { supplyTonnes: '10245300.125', uptakeTonnes: '6412000.500' },
  byYear: [
    { year: 2019, achievedTonnes: '4123456.789', share: '0.4123', reportCount: 61 },
    { year: 2020, achievedTonnes: '4402118.250', share: '0.4402', reportCount: 74 },
    { year: 2021, achievedTonnes: '4875002.004', share: '0.4875', reportCount: 88 },
    { year: 2022, achievedTonnes: '5210330.500', share: '0.5210', reportCount: 97 },
    { year: 2023, achievedTonnes: '5598771.125', share: '0.5599', reportCount: 104 },
    { year: 2024, achievedTonnes: '6011250.000', share: '0.6011', reportCount: 118 },
  ],
  trajectory: {
    basedOnYears: 6,
    firstYear: 2019,
    lastYear: 2024,
    slopeTonnesPerYear: '381835.805',
    projectedTonnes: '6373246.762',
    targetYear: 2025,
    targetTonnes: '10000000.000',
    isOnTrack: false,
    shortfallTonnes: '3626753.238',
    predictionIntervalTonnes: '160882.418',
    confidence: 'high',
  },
  supplyUptakeGap: [
    { polymer: 'PET', supplyTonnes: '2070000.000', uptakeTonnes: '1200000.000', gapTonnes: '870000.000' },
    { polymer: 'HDPE', supplyTonnes: '1650000.250', uptakeTonnes: '1020000.000', gapTonnes: '630000.250' },
    { polymer: 'LDPE', supplyTonnes: '1350000.000', uptakeTonnes: '980000.500', gapTonnes: '369999.500' },
    { polymer: 'PVC', supplyTonnes: '900000.000', uptakeTonnes: '700000.000', gapTonnes: '200000.000' },
    { polymer: 'EPS', supplyTonnes: '120000.000', uptakeTonnes: '60000.000', gapTonnes: '60000.000' },
    { polymer: 'PS', supplyTonnes: '250000.000', uptakeTonnes: '240000.000', gapTonnes: '10000.000' },
    { polymer: 'ABS', supplyTonnes: '80000.000', uptakeTonnes: '80000.000', gapTonnes: '0.000' },
    { polymer: 'PA', supplyTonnes: '45000.000', uptakeTonnes: '52000.000', gapTonnes: '-7000.000' },
    { polymer: 'PC', supplyTonnes: '30000.000', uptakeTonnes: '41000.000', gapTonnes: '-11000.000' },
    { polymer: 'PU', supplyTonnes: '110000.000', uptakeTonnes: '150000.000', gapTonnes: '-40000.000' },
    { polymer: 'OTHER', supplyTonnes: '340299.875', uptakeTonnes: '399000.000', gapTonnes: '-58700.125' },
    { polymer: 'PP', supplyTonnes: '3300000.000', uptakeTonnes: '1490000.000', gapTonnes: '1810000.000' },
  ],
  breakdowns: [
    {
      dimension: 'sector',
      rows: [
        breakdownRow('Packaging', 41, '6100000.000', '3900000.000', '3120000.125', '5120000.125'),
        breakdownRow('Construction', 12, '1800000.125', '1100000.000', '1900000.000'),
        breakdownRow('Electrical and electronic equipment', 7, '2345300.000', '1412000.500', '2012000.000'),
      ],
    },
    {
      dimension: 'working_group',
      rows: [
        breakdownRow('Packaging', 38, '5900000.000', '3700000.000', '4820000.125'),
        breakdownRow('Building & construction', 12, '1800000.125', '1100000.000', '1900000.000'),
        breakdownRow('No working group', 10, '2545300.000', '1612000.500', '2312000.000'),
      ],
    },
    {
      dimension: 'country',
      rows: [
        breakdownRow('Bulgaria', 3, '120000.000', '80000.000', '95000.000'),
        breakdownRow('Germany', 21, '4100000.000', '2500000.500', '3400000.000'),
        breakdownRow('Greece', 2, '25300.125', '12000.000', '20000.125'),
      ],
    },
  ],
  generatedAt: new Date('2025-03-01T09:00:00Z'),
  verificationUrl: 'https://concord.example/verify',
  language: 'en',
  auditLogHead: AUDIT_LOG_HEAD,
  ...overrides,
});
