import type { RegisterImportFate, RegisterImportSheet } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';

/** The words for a register import's sheets and fates, in the reader's language. */
const sheets: Record<Lowercase<RegisterImportSheet>, () => string> = {
  organisations: m.import_sheet_organisations,
  representatives: m.import_sheet_representatives,
  signatures: m.import_sheet_signatures,
  memberships: m.import_sheet_memberships,
  pledges: m.import_sheet_pledges,
  reports: m.import_sheet_reports,
};

export const sheetLabel = (sheet: string): string => sheets[sheet.toLowerCase() as keyof typeof sheets]?.() ?? sheet;

const fates: Record<RegisterImportFate, () => string> = {
  NEW: m.import_fate_new,
  MATCHED: m.import_fate_matched,
  UNCHANGED: m.import_fate_unchanged,
  ERROR: m.import_fate_error,
};

export const fateLabel = (fate: RegisterImportFate): string => fates[fate]();
