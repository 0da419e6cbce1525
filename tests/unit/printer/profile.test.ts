// Printer profiles are data; bad data is refused with a clear error.
import { describe, expect, it } from 'vitest';
import { BUNDLED_PROFILE_IDS, loadPrinterProfile, parsePrinterProfile, supports } from '../../../drivers/printer/profile.js';

describe('printer profiles', () => {
  it.each(BUNDLED_PROFILE_IDS)('bundled profile %s is valid', (id) => {
    const profile = loadPrinterProfile(id);
    expect(profile.id).toBe(id);
    expect(profile.charsPerLine * profile.asciiCellDots.width).toBeLessThanOrEqual(profile.paperWidthDots);
  });

  it('answers supports() from data', () => {
    const snbc = loadPrinterProfile('snbc-bk-t080');
    expect(supports(snbc, 'asb')).toBe(true);
    expect(supports(snbc, 'gb18030-4byte')).toBe(false);
    expect(supports(loadPrinterProfile('generic-58mm-gb2312'), 'gb18030-2byte')).toBe(false);
  });

  it('refuses an unknown profile id', () => {
    expect(() => loadPrinterProfile('epson-tm-t88')).toThrowError(expect.objectContaining({ code: 'unknown_profile' }));
  });

  it('refuses bad profile data with invalid_profile naming the field', () => {
    const base = loadPrinterProfile('generic-epson');
    expect(() => parsePrinterProfile({ ...base, paperWidthDots: 'wide' })).toThrowError(/paperWidthDots/);
    expect(() => parsePrinterProfile({ ...base, encodings: ['utf8'] })).toThrowError(expect.objectContaining({ code: 'invalid_profile' }));
    expect(() => parsePrinterProfile({ ...base, charsPerLine: 64 })).toThrowError(/do not fit/);
    const badBit = structuredClone(base);
    badBit.status.realtime['1'][0]!.bits = [9];
    expect(() => parsePrinterProfile(badBit)).toThrowError(expect.objectContaining({ code: 'invalid_profile' }));
  });
});

describe('printer profile strictness', () => {
  // Mutation checked: with z.object (unknown keys stripped) instead of z.strictObject this fails.
  it('refuses unknown keys at any level, so a misspelt field in a custom profile is not ignored', () => {
    const base = loadPrinterProfile('generic-epson');
    expect(() => parsePrinterProfile({ ...base, paperWidth: 576 })).toThrowError(/paperWidth/);
    expect(() => parsePrinterProfile({ ...base, features: { ...base.features, gsr: true } })).toThrowError(/gsr/);
  });
});
