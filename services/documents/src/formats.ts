/** Dates in documents are calendar dates in UTC (ISO 8601), the same for every reader wherever they are. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const integers = new Intl.NumberFormat('en-GB');

/** 10000 → '10,000' (the documents' fixed text is English). */
export function formatCount(n: number): string {
  return integers.format(n);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The English name of an ISO 3166-1 alpha-2 country ('PL' → 'Poland'); an unknown code is shown as given. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    // Intl throws on a malformed code; the document should still render and show what the register holds.
    return code;
  }
}

/**
 * A SHA-256 in hex as lines of groups of 8 (4 groups a line by default), so that a reader can compare it
 * group by group with the register, and a 64-character run never has to be broken mid-word.
 */
export function hexLines(hex: string, groupsPerLine = 4): string[] {
  const groups = hex.match(/.{1,8}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += groupsPerLine) lines.push(groups.slice(i, i + groupsPerLine).join(' '));
  return lines;
}
