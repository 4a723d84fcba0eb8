import { createHash } from 'node:crypto';
import type { allianceSubTarget, declarationTranslation, NewAlliance, NewDeclarationVersion } from '../schema/index.ts';
import { DECLARATION_TRANSLATIONS } from './declaration-translations.ts';
import { IdMaker } from './random.ts';
import { ALLIANCE_CREATED, DECLARATION_PUBLISHED } from './timeline.ts';

export const DEMO_ALLIANCE_SLUG = 'circular-plastics';
export const SECRETARIAT_EMAIL = 'secretariat@concord.example';

const PURPOSE =
  'A voluntary alliance of the whole plastics value chain (producers, converters, brand owners, retailers, ' +
  'collectors, sorters, recyclers, public authorities, researchers, standardisers, consumer groups and unions) ' +
  'that works to grow the European market for recycled plastics. Its members pledge tonnes they will supply or ' +
  'use, report each year what they achieved, and work in sector groups on what stands in the way: collection ' +
  'and sorting, design for recycling, quality standards, investment and reliable monitoring. This is demo data: ' +
  'every organisation and person in it is invented.';

const DECLARATION_TITLE = 'Declaration of the Circular Plastics Alliance';

// Written for the demo; the dated deliverables are the alliance's own commitments (DOMAIN.md). One string per
// paragraph (list items on their own lines), joined below, so that the source keeps short lines.
const DECLARATION_PARAGRAPHS: readonly string[] = [
  'We, the signatories, work along the plastics value chain in the European Union: we make polymers, ' +
    'convert them into products, put products on the market, sell them, collect and sort them after use, ' +
    'recycle them, and regulate, research, standardise and speak for those who use them. We recognise ' +
    'that too little of the plastic that is collected returns into new products, and that supply of and ' +
    'demand for recycled plastics have to grow together.',
  'We therefore join the Circular Plastics Alliance and support its objective: that at least 10 million ' +
    'tonnes of recycled plastics are used every year in new products placed on the EU market by 2025, up ' +
    'from under 4 million tonnes in 2016.',
  'Each of us will contribute within our own role. Those who recycle commit to supplying more recycled ' +
    'plastics of a quality the market can use; those who make products commit to using more of them; ' +
    'public authorities, researchers and civil society commit to helping collection, sorting, standards ' +
    'and public procurement move in the same direction. We may record our contributions as pledges in ' +
    'tonnes per year, by polymer and application, and we will report each year what we achieved, with ' +
    'evidence that an independent party can check.',
  'As an alliance we commit to four deliverables, each with a date:\n' +
    '1. A work plan on design for recycling, identifying the product groups where guidelines are missing ' +
    'and who will write them, by 31 March 2020.\n' +
    '2. A research and development agenda for circular plastics, covering sorting, recycling technologies ' +
    'and the removal of substances of concern, by 30 June 2020.\n' +
    '3. A map of the investment needed in collection, sorting and recycling capacity, by country and ' +
    'polymer, by 31 December 2020.\n' +
    '4. A monitoring system that tracks recycled plastics collected, recycled and used in products across ' +
    'the EU, reliable and open to all, operating by 31 December 2020 and reporting every year afterwards.',
  'We will work openly: our signatures, pledges, progress reports and the decisions of our working ' +
    'groups are public, every figure can be traced to the reports behind it, and changes are attributed ' +
    'to those who made them. We respect competition law and will not exchange commercially sensitive ' +
    'information.',
  'This declaration does not create legal obligations. A signatory may withdraw at any time by ' +
    'informing the secretariat; its past contributions remain part of the public record.',
];
const DECLARATION_TEXT = DECLARATION_PARAGRAPHS.join('\n\n');

export interface AllianceRows {
  alliance: NewAlliance & { id: string };
  subTargets: (typeof allianceSubTarget.$inferInsert)[];
  declaration: NewDeclarationVersion & { id: string };
  /** The declaration's translations, added with it before it was published (docs/adr/0029). */
  declarationTranslations: (typeof declarationTranslation.$inferInsert)[];
}

export function buildAlliance(ids: IdMaker): AllianceRows {
  const createdAt = ALLIANCE_CREATED;
  const alliance = {
    id: ids.at(createdAt),
    slug: DEMO_ALLIANCE_SLUG,
    name: 'Circular Plastics Alliance (demo)',
    purpose: PURPOSE,
    targetTonnes: '10000000.000',
    targetFlow: 'uptake' as const,
    targetYear: 2025,
    baselineYear: 2016,
    baselineTonnes: '4000000.000',
    targetAppliesFrom: createdAt.toISOString().slice(0, 10),
    contactEmail: 'secretariat@concord.example',
    languages: ['en', 'fr', 'de'],
    signingOpensOn: '2019-09-20',
    signingClosesOn: null,
    createdAt,
    updatedAt: createdAt,
  };
  const subTargets = (
    [
      ['Recycled plastics used in packaging', null, 'packaging', '4500000.000'],
      ['Recycled PET used in bottles, trays and fibres', 'PET', null, '2000000.000'],
      ['Recycled PVC used in construction products', 'PVC', 'construction', '900000.000'],
    ] as const
  ).map(([label, polymer, sector, targetTonnes]) => ({
    id: ids.at(createdAt),
    allianceId: alliance.id,
    label,
    polymer,
    sector,
    targetTonnes,
    targetYear: 2025,
    createdAt,
    updatedAt: createdAt,
  }));
  const draftedAt = new Date(DECLARATION_PUBLISHED.getTime() - 30 * 86_400_000);
  const declaration = {
    id: ids.at(draftedAt),
    allianceId: alliance.id,
    version: 1,
    title: DECLARATION_TITLE,
    text: DECLARATION_TEXT,
    textSha256: createHash('sha256').update(DECLARATION_TEXT, 'utf8').digest('hex'),
    language: 'en',
    status: 'published' as const,
    publishedAt: DECLARATION_PUBLISHED,
    createdAt: draftedAt,
    updatedAt: DECLARATION_PUBLISHED,
  };
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  // Ids of their own, so that the ids made after the alliance's stay what they were before translations existed.
  const translationIds = new IdMaker(0x0c0c_0008);
  const declarationTranslations = DECLARATION_TRANSLATIONS.map(({ language, title, paragraphs }) => {
    const text = paragraphs.join('\n\n');
    return {
      id: translationIds.at(draftedAt),
      declarationVersionId: declaration.id,
      language,
      title,
      text,
      textSha256: sha256(text),
      sourceSha256: declaration.textSha256,
      createdAt: draftedAt,
      updatedAt: draftedAt,
    };
  });
  return { alliance, subTargets, declaration, declarationTranslations };
}
