import { describe, expect, it } from 'vitest';
import {
  addressesOf,
  checkCreate,
  checkSubTarget,
  checkTarget,
  emptyCreate,
  emptySubTarget,
  formFieldOf,
  languagesOf,
  subTargetFieldOf,
} from './alliance-form';

describe('the alliance set-up form', () => {
  it('sends the main language first and each other once', () => {
    expect(languagesOf({ mainLanguage: 'fr', languages: ['de', 'fr', 'en'] })).toEqual(['fr', 'de', 'en']);
  });

  it('reads secretariat addresses one a line, or separated by commas or semicolons', () => {
    expect(addressesOf(' a@x.example\r\nb@x.example, c@x.example;d@x.example \n\n')).toEqual([
      'a@x.example',
      'b@x.example',
      'c@x.example',
      'd@x.example',
    ]);
  });

  it('says everything missing at once, and sends nothing', () => {
    const { errors, input } = checkCreate(emptyCreate);
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(
      [
        'name',
        'slug',
        'purpose',
        'contactEmail',
        'targetTonnes',
        'targetFlow',
        'targetYear',
        'baselineYear',
        'secretariatEmails',
      ].sort(),
    );
  });

  it('sends tonnes as typed with spaces, and a window left empty as no limit', () => {
    const { input } = checkCreate({
      ...emptyCreate,
      name: 'Glass',
      slug: 'glass',
      purpose: 'Cullet.',
      contactEmail: 'glass@x.example',
      targetTonnes: '1 500 000',
      targetFlow: 'SUPPLY',
      targetYear: '2030',
      baselineYear: '2020',
      secretariatEmails: 'a@x.example',
    });
    expect(input).toMatchObject({
      target: { tonnes: '1500000', counts: 'SUPPLY', year: 2030, baselineYear: 2020, baselineTonnes: null },
      signingWindow: { opensOn: null, closesOn: null },
      languages: ['en'],
      secretariatEmails: ['a@x.example'],
    });
  });

  it('sends a target of both flows as counts, and refuses a flow it does not know', () => {
    const values = { targetTonnes: '100', targetYear: '2030', baselineYear: '2020', baselineTonnes: '' };
    expect(checkTarget({ ...values, targetFlow: 'BOTH' }).target).toMatchObject({ counts: 'BOTH' });
    expect(checkTarget({ ...values, targetFlow: 'SUM' }).errors).toEqual({ targetFlow: 'required_flow' });
  });

  it('checks a sub-target before the API: a label, a polymer or a sector, tonnes and a year', () => {
    expect(checkSubTarget(emptySubTarget).errors).toEqual({
      label: 'required_label',
      polymer: 'required_scope',
      tonnes: 'required_tonnes',
      year: 'year_invalid',
    });
    expect(
      checkSubTarget({ label: 'PET', polymer: 'PET', sector: '', tonnes: '2 000 000', year: '2030' }).input,
    ).toEqual({ label: 'PET', polymer: 'PET', sector: null, tonnes: '2000000', year: 2030 });
    expect(subTargetFieldOf('input.tonnes')).toBe('tonnes');
    expect(subTargetFieldOf('input.allianceId')).toBeUndefined();
  });

  it.each([
    ['input.target.tonnes', 'targetTonnes'],
    ['target.counts', 'targetFlow'],
    ['target.baselineYear', 'baselineYear'],
    ['input.signingWindow.closesOn', 'closesOn'],
    ['input.languages[0]', 'mainLanguage'],
    ['input.languages[2]', 'languages'],
    ['input.secretariatEmails[1]', 'secretariatEmails'],
    ['input.slug', 'slug'],
    ['appliesFrom', 'appliesFrom'],
    ['input.unknown', undefined],
    [undefined, undefined],
  ])('puts the API’s %s beside the form’s %s', (apiField, field) => {
    expect(formFieldOf(apiField)).toBe(field);
  });
});
