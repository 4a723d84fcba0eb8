import { schema as db } from '@concord/db';
import { typeDefs } from '@concord/schema';
import { buildSchema, type GraphQLEnumType, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { enumMappings, type enumSources, wireName } from './enums.ts';
import { executableSchema } from './schema.ts';

const sdl = buildSchema(typeDefs);
const sdlEnums = Object.values(sdl.getTypeMap()).filter(
  (t): t is GraphQLEnumType => isEnumType(t) && !t.name.startsWith('__'),
);

describe('GraphQL enums and the server values they name', () => {
  const mappings = enumMappings(sdl);

  it('maps every value of every enum in the SDL', () => {
    expect(sdlEnums.length).toBeGreaterThan(20);
    for (const type of sdlEnums) {
      expect(Object.keys(mappings[type.name] ?? {}).sort(), type.name).toEqual(
        type
          .getValues()
          .map((v) => v.name)
          .sort(),
      );
    }
  });

  it('names each server value once, and back to the same name', () => {
    for (const [name, values] of Object.entries(mappings)) {
      const serverValues = Object.values(values);
      expect(new Set(serverValues).size, name).toBe(serverValues.length);
      for (const [wire, server] of Object.entries(values)) {
        expect(wireName(name as keyof typeof enumSources, server as never)).toBe(wire);
      }
    }
  });

  it('covers the whole of each database enum it stands for', () => {
    const whole: [string, readonly string[]][] = [
      ['AllianceRoleKind', db.allianceRoles],
      ['ApplicationSector', db.applicationSectors],
      ['BreakdownDimension', db.progressDimensions],
      ['DocumentKind', db.documentKinds],
      ['DuplicateReason', db.duplicateReasons],
      ['EmailDeliveryStatus', db.emailDeliveryStatuses],
      ['OrganisationKind', db.organisationKinds],
      ['OrganisationSize', db.organisationSizes],
      ['PledgeKind', db.pledgeKinds],
      ['PledgeStatus', db.pledgeStatuses],
      ['PledgeVersionStatus', db.pledgeVersionStatuses],
      ['Polymer', db.polymers],
      ['ProgressReportStatus', db.progressReportStatuses],
      ['SignatureStatus', db.signatureStatuses],
      ['SteeringCommitteeRole', db.steeringCommitteeRoles],
      ['ValueChainStage', db.valueChainStages],
      ['WorkingGroupKind', db.workingGroupKinds],
      ['WorkingGroupRole', db.workingGroupRoles],
      ['WorkingGroupStatus', db.workingGroupStatuses],
    ];
    for (const [name, values] of whole) {
      expect(Object.values(mappings[name] ?? {}).sort(), name).toEqual([...values].sort());
    }
    // The two role enums split the working-group roles between them.
    expect(
      [...Object.values(mappings.ChairRole ?? {}), ...Object.values(mappings.MembershipRole ?? {})].sort(),
    ).toEqual([...db.workingGroupRoles].sort());
  });

  it('refuses an enum value the server has no value for', () => {
    const extended = buildSchema(typeDefs.replace('enum PledgeKind {', 'enum PledgeKind {\n  REUSE'));
    expect(() => enumMappings(extended)).toThrow(/PledgeKind\.REUSE/);
  });

  it('converts at the edge of the executable schema, both ways', () => {
    // graphql-tools builds with its own copy of graphql (CommonJS) under vitest: no isEnumType across the two.
    const kind = executableSchema().getType('PledgeKind') as GraphQLEnumType;
    expect(kind.serialize('uptake')).toBe('UPTAKE');
    expect(kind.parseValue('SUPPLY')).toBe('supply');
    expect(() => kind.serialize('UPTAKE')).toThrow();
  });
});
