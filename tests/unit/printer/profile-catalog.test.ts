// Custom printer profiles from a hall configuration: complete ones, ones that extend a
// bundled or another custom profile, and clear errors naming the entry and the field.
import { describe, expect, it } from 'vitest';
import { buildPrinterProfileCatalog, resolvePrinterProfile } from '../../../drivers/printer/profile-catalog.js';
import { BUNDLED_PROFILE_IDS, loadPrinterProfile } from '../../../drivers/printer/profile.js';

const epson = loadPrinterProfile('generic-epson');

describe('printer profile catalog', () => {
  it('resolves a bundled model with no custom profiles', () => {
    expect(resolvePrinterProfile('snbc-bk-t080')).toEqual(loadPrinterProfile('snbc-bk-t080'));
  });

  // Mutation checked: replacing deepMerge by a shallow spread loses features.asb/realtimeStatus
  // (the override object replaces the whole features object) and this test fails.
  it('a custom profile extends a bundled one, changing only what it names', () => {
    const acme = resolvePrinterProfile('acme-80', [{ id: 'acme-80', extends: 'generic-epson', features: { transmitStatus: false } }]);
    expect(acme.id).toBe('acme-80');
    expect(acme.features).toEqual({ asb: true, realtimeStatus: true, transmitStatus: false });
    expect(acme.status).toEqual(epson.status);
    expect(acme.paperWidthDots).toBe(epson.paperWidthDots);
    expect(acme.name).toBe('acme-80 (based on generic-epson)');
    expect(acme.notes).toBeUndefined();
  });

  it('arrays replace the base value whole, and chains of custom profiles resolve', () => {
    const catalog = buildPrinterProfileCatalog([
      { id: 'acme-58', extends: 'acme-80', name: 'ACME 58 mm', paperWidthDots: 384, charsPerLine: 32, encodings: ['gb2312'] },
      { id: 'acme-80', extends: 'generic-epson', features: { asb: false } },
    ]);
    expect(catalog.customIds).toEqual(['acme-58', 'acme-80']);
    expect(catalog.ids).toEqual([...BUNDLED_PROFILE_IDS, 'acme-58', 'acme-80']);
    const small = catalog.get('acme-58');
    expect(small).toMatchObject({ name: 'ACME 58 mm', paperWidthDots: 384, encodings: ['gb2312'], features: { asb: false, transmitStatus: true } });
    expect(catalog.get('generic-epson')).toEqual(epson);
  });

  it('a complete custom profile needs no extends', () => {
    const own = { ...structuredClone(epson), id: 'own-80', name: 'Own 80' };
    expect(resolvePrinterProfile('own-80', [own])).toMatchObject({ id: 'own-80', name: 'Own 80' });
  });

  it('an unknown model is unknown_profile, listing bundled and custom ids', () => {
    expect(() => resolvePrinterProfile('acme-90', [{ id: 'acme-80', extends: 'generic-epson' }])).toThrowError(
      expect.objectContaining({ code: 'unknown_profile', message: expect.stringMatching(/"acme-90".*generic-epson.*custom: acme-80/) }),
    );
  });

  it.each([
    [[{ id: 'acme-80', extends: 'generic-epson', features: { transmitStatus: 'no' } }], /#1 \("acme-80"\).*features\.transmitStatus/s],
    [[{ id: 'acme-80', extends: 'generic-epson', featurs: { transmitStatus: false } }], /#1 \("acme-80"\).*featurs/s],
    [[{ id: 'acme-80', extends: 'generic-epson', paperWidthDots: 100 }], /paperWidthDots/],
    [[{ id: 'acme-80', extends: 'epson-tm-t88' }], /"extends" names no known profile "epson-tm-t88"/],
    [[{ id: 'acme-80' }], /#1 \("acme-80"\).*name/s],
    [[{ extends: 'generic-epson' }], /#1: field "id" is missing/],
    [[{ id: 'generic-epson', extends: 'generic-epson' }], /is a bundled profile/],
    [[{ id: 'a-1', extends: 'generic-epson' }, { id: 'a-1', extends: 'generic-epson' }], /#2 \("a-1"\): id "a-1" is used twice/],
    [[{ id: 'a-1', extends: 'a-2' }, { id: 'a-2', extends: 'a-1' }], /cycle/],
    [[{ id: 'Bad Id', extends: 'generic-epson' }], /id/],
    [['generic-epson'], /#1 must be an object/],
  ])('refuses %j with invalid_profile naming the problem', (custom, message) => {
    expect(() => buildPrinterProfileCatalog(custom)).toThrowError(expect.objectContaining({ code: 'invalid_profile', message: expect.stringMatching(message) }));
  });

  it('refuses a custom list that is not a list', () => {
    expect(() => buildPrinterProfileCatalog({ id: 'acme-80' })).toThrowError(expect.objectContaining({ code: 'invalid_profile' }));
  });

  it('a bad custom profile is reported even when the model asked for is another one', () => {
    expect(() => resolvePrinterProfile('generic-epson', [{ id: 'acme-80', extends: 'generic-epson', cut: { mode: 'half' } }])).toThrowError(/cut\.mode/);
  });
});
