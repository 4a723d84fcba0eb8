import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../index.ts';
import { enumLists } from './enums.ts';
import * as labels from './labels.ts';

const schema = buildSchema(typeDefs);

describe('enum lists', () => {
  it.each(Object.entries(enumLists))('%s lists each value of the SDL enum once', (name, list) => {
    const type = schema.getType(name);
    expect(isEnumType(type)).toBe(true);
    const values = isEnumType(type) ? type.getValues().map((v) => v.name) : [];
    expect([...list].sort()).toEqual([...values].sort());
    expect(new Set(list).size).toBe(list.length);
  });

  it('every label map covers its enum exactly', () => {
    const pairs: [string, Record<string, string>][] = [
      ['OrganisationKind', labels.organisationKindLabels],
      ['OrganisationSize', labels.organisationSizeLabels],
      ['ValueChainStage', labels.valueChainStageLabels],
      ['PledgeKind', labels.pledgeKindLabels],
      ['Polymer', labels.polymerLabels],
      ['ApplicationSector', labels.applicationSectorLabels],
      ['WorkingGroupKind', labels.workingGroupKindLabels],
      ['WorkingGroupRole', labels.workingGroupRoleLabels],
      ['DocumentKind', labels.documentKindLabels],
    ];
    for (const [name, map] of pairs) expect(Object.keys(map).sort(), name).toEqual([...(enumLists[name] ?? [])].sort());
  });

  it('labelOf reads either spelling', () => {
    expect(labels.labelOf(labels.applicationSectorLabels, 'household_goods')).toBe('Household goods');
    expect(labels.labelOf(labels.applicationSectorLabels, 'HOUSEHOLD_GOODS')).toBe('Household goods');
    expect(labels.labelOf(labels.applicationSectorLabels, 'toString')).toBe('toString');
  });
});
