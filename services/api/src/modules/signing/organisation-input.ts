import type { schema } from '@concord/db';
import { badInput } from '../../errors.ts';
import { optionalText, requiredText } from '../../lib/validate.ts';

export interface OrganisationInput {
  legalName: string;
  country: string;
  kind: schema.OrganisationKind;
  size: schema.OrganisationSize;
  stages: schema.ValueChainStage[];
  website?: string | null | undefined;
  registrationNumber: string;
  transparencyRegisterNumber?: string | null | undefined;
}

export const TRANSPARENCY_REGISTER_NUMBER = /^[0-9]{9,12}-[0-9]{2}$/;

/** The rules of each field an organisation has, for its registration and the secretariat's corrections. */
export const organisationField = {
  legalName: (value: string) => requiredText(value, 'input.legalName', { max: 300, isName: true }),
  stages: (stages: readonly schema.ValueChainStage[]) => {
    if (stages.length === 0) throw badInput('input.stages', 'Choose at least one value-chain stage.');
    return [...new Set(stages)];
  },
  website: (value: string | null | undefined) => {
    const website = optionalText(value, 'input.website', { max: 300 });
    if (website && !/^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(website)) {
      throw badInput('input.website', 'Enter an address starting with http:// or https://.');
    }
    return website;
  },
  transparencyRegisterNumber: (value: string | null | undefined) => {
    const number = optionalText(value, 'input.transparencyRegisterNumber', { max: 15 });
    if (number && !TRANSPARENCY_REGISTER_NUMBER.test(number)) {
      throw badInput(
        'input.transparencyRegisterNumber',
        'An EU Transparency Register number is 9 to 12 digits, a hyphen and 2 digits, such as 123456789012-34.',
      );
    }
    return number;
  },
};

/** Checks every field of an organisation's registration; errors name the field as `input.<field>`. */
export function parseOrganisationInput(input: OrganisationInput): Omit<schema.NewOrganisation, 'normalisedName'> {
  const legalName = organisationField.legalName(input.legalName);
  const stages = organisationField.stages(input.stages);
  const website = organisationField.website(input.website);
  const registrationNumber = requiredText(input.registrationNumber, 'input.registrationNumber', { max: 50 });
  const transparencyRegisterNumber = organisationField.transparencyRegisterNumber(input.transparencyRegisterNumber);
  return {
    legalName,
    country: input.country,
    kind: input.kind,
    size: input.size,
    stages,
    website,
    registrationNumber,
    transparencyRegisterNumber,
  };
}
