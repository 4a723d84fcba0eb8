import {
  applicationSectorLabels,
  documentKindLabels,
  organisationKindLabels,
  organisationSizeLabels,
  pledgeKindLabels,
  polymerLabels,
  valueChainStageLabels,
  workingGroupKindLabels,
  workingGroupRoleLabels,
} from '@concord/schema/values';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';

/**
 * The portal says enum values through its message catalogue (other languages can follow); the PDFs and
 * e-mails use the shared English labels. Both must say the same thing in English.
 */
const catalogue: Record<string, unknown> = en;

const families: [string, Record<string, string>][] = [
  ['kind_', organisationKindLabels],
  ['size_', organisationSizeLabels],
  ['stage_', valueChainStageLabels],
  ['pledge_kind_', pledgeKindLabels],
  ['pledge_polymer_', polymerLabels],
  ['pledge_sector_', applicationSectorLabels],
  ['progress_sector_', applicationSectorLabels],
  ['wg_kind_', workingGroupKindLabels],
  ['role_', workingGroupRoleLabels],
  ['document_kind_', documentKindLabels],
];

describe('English labels', () => {
  it.each(families)('the catalogue’s %s messages are the shared labels', (prefix, labels) => {
    for (const [value, label] of Object.entries(labels)) {
      expect(catalogue[`${prefix}${value.toLowerCase()}`], `${prefix}${value.toLowerCase()}`).toBe(label);
    }
  });
});
