import { describe, expect, it } from 'vitest';
import { parseAppendedAddress, parseReadAnswer, parseTextBlock } from '../../../drivers/idcard/card.js';
import { encodeReadAnswer, encodeTextBlock, encodeUcs2 } from '../../../drivers/idcard/text-block.js';
import { loadIdCardFixture } from '../../fixtures/idcard/load.js';
import { blankBlock, put, readData } from './card-bytes.js';

const read = (data: Uint8Array, withFingerprint = false) => parseReadAnswer(data, { withFingerprint });

describe('reading each card type from hand-placed bytes', () => {
  it('resident card: fields at the documented offsets, type bytes are spaces', () => {
    const b = blankBlock();
    put(b, 0, '李晓明');
    put(b, 30, '1');
    put(b, 32, '01');
    put(b, 36, '19900307');
    put(b, 52, '内蒙古自治区包头市昆都仑区');
    put(b, 122, '150203199003071538');
    put(b, 158, '包头市公安局');
    put(b, 188, '20150610');
    put(b, 204, '20350610');
    const card = read(readData(b));
    expect(card).toMatchObject({
      cardType: 'resident', name: '李晓明', gender: 'male', nation: { code: '01', name: '汉' }, birthDate: '1990-03-07',
      address: '内蒙古自治区包头市昆都仑区', issuer: '包头市公安局', validFrom: '2015-06-10', validTo: '2035-06-10',
    });
    expect(card.idNumber).toBe('150203199003071538');
  });

  it("foreign permanent resident card 2017 ('I')", () => {
    const b = blankBlock();
    put(b, 0, 'MILLER, ANNA');
    put(b, 120, '2');
    put(b, 122, 'USA310850312046');
    put(b, 152, 'USA');
    put(b, 158, '米安娜');
    put(b, 188, '20180501');
    put(b, 204, '20280501');
    put(b, 220, '19850312');
    put(b, 236, '01');
    put(b, 240, '3100');
    put(b, 248, 'I');
    const card = read(readData(b));
    expect(card).toMatchObject({
      cardType: 'foreign_permanent_2017', name: '米安娜', englishName: 'MILLER, ANNA', gender: 'female', countryCode: 'USA',
      birthDate: '1985-03-12', validFrom: '2018-05-01', validTo: '2028-05-01', cardVersion: '01', issuer: '3100',
    });
    expect(card.idNumber).toBe('USA310850312046');
  });

  it("foreign permanent resident card 2023 ('Y'): English name joined from both parts", () => {
    const b = blankBlock();
    put(b, 0, '玛丽亚');
    put(b, 30, '2');
    put(b, 32, '01');
    put(b, 36, '19880415');
    put(b, 52, 'GONZALEZ RODRIGUEZ, MARIA FERNANDA ');
    put(b, 122, '931724198804150624');
    put(b, 188, '20231201');
    put(b, 204, '20331201');
    put(b, 220, 'ISABEL');
    put(b, 242, 'ESP');
    put(b, 248, 'Y');
    const card = read(readData(b));
    expect(card).toMatchObject({
      cardType: 'foreign_permanent_2023', name: '玛丽亚', englishName: 'GONZALEZ RODRIGUEZ, MARIA FERNANDA ISABEL',
      gender: 'female', renewalCount: 1, countryCode: 'ESP', birthDate: '1988-04-15',
    });
    expect(card.nation).toBeUndefined();
  });

  it("HK/Macao/Taiwan residence permit ('J'): no nation, travel permit number and issue count", () => {
    const b = blankBlock();
    put(b, 0, '陈家明');
    put(b, 30, '1');
    put(b, 36, '19920820');
    put(b, 52, '广东省深圳市福田区示例路88号');
    put(b, 122, '810000199208203512');
    put(b, 158, '深圳市公安局');
    put(b, 188, '20200101');
    put(b, 204, '20250101');
    put(b, 220, 'H10000001');
    put(b, 238, '03');
    put(b, 248, 'J');
    const card = read(readData(b));
    expect(card).toMatchObject({ cardType: 'hmt_residence_permit', name: '陈家明', issueCount: 3, birthDate: '1992-08-20' });
    expect(card.nation).toBeUndefined();
    expect(card.travelPermitNumber).toBe('H10000001');
  });
});

describe('fixtures named after real cases', () => {
  it('elderly resident: long-term validity and minority nation', () => {
    const card = read(encodeReadAnswer(loadIdCardFixture('resident-elderly')));
    expect(card).toMatchObject({ name: '其其格', gender: 'female', nation: { code: '02', name: '蒙古' }, birthDate: '1952-07-18', validTo: 'long_term' });
  });

  it('a name with a rare character survives decoding', () => {
    expect(read(encodeReadAnswer(loadIdCardFixture('resident-rare-character-name'))).name).toBe('陈\u4dae');
  });

  it('a number ending in X', () => {
    expect(read(encodeReadAnswer(loadIdCardFixture('resident-check-digit-x'))).idNumber).toBe('44030519781231063X');
  });

  it('a card whose number fails the check digit is rejected, never returned', () => {
    expect(() => read(encodeReadAnswer(loadIdCardFixture('resident-bad-check-digit')))).toThrow(
      expect.objectContaining({ code: 'invalid_id_number', message: expect.not.stringContaining('150203199003071539') }),
    );
  });
});

describe('lengths come from the data, not fixed offsets', () => {
  const text = encodeTextBlock(loadIdCardFixture('resident-adult'));

  it('accepts an unusual photo length', () => {
    expect(read(readData(text, 700)).name).toBe('李晓明');
  });

  it.each([0, 512, 1024])('30 10 with a %i-byte fingerprint', (size) => {
    expect(read(readData(text, 1024, size), true).name).toBe('李晓明');
  });

  it('rejects data shorter or longer than its declared lengths', () => {
    const data = readData(text);
    expect(() => read(data.slice(0, -1))).toThrow(expect.objectContaining({ code: 'read_length_mismatch' }));
    expect(() => read(new Uint8Array([...readData(text), 0]))).toThrow(expect.objectContaining({ code: 'read_length_mismatch' }));
    expect(() => read(new Uint8Array(3))).toThrow(expect.objectContaining({ code: 'read_length_mismatch' }));
  });

  it('rejects a text block shorter than 256 bytes', () => {
    expect(() => read(readData(text.subarray(0, 200)))).toThrow(expect.objectContaining({ code: 'text_block_too_short' }));
  });
});

describe('privacy: the photo is dropped', () => {
  it('zeroes the whole read answer (photo, fingerprint, text) after parsing', () => {
    const data = readData(encodeTextBlock(loadIdCardFixture('resident-adult')), 1024, 512);
    const card = read(data, true);
    expect(data.every((b) => b === 0)).toBe(true);
    expect(Object.keys(card.toUnmaskedJSON())).not.toContain('photo');
  });

  it('zeroes the answer even when the card is rejected', () => {
    const data = encodeReadAnswer(loadIdCardFixture('resident-bad-check-digit'));
    expect(() => read(data)).toThrow();
    expect(data.every((b) => b === 0)).toBe(true);
  });
});

describe('rejecting malformed text blocks', () => {
  const base = () => encodeTextBlock(loadIdCardFixture('resident-adult'));

  it('unknown card type mark', () => {
    const b = base();
    put(b, 248, 'Q');
    expect(() => parseTextBlock(b)).toThrow(expect.objectContaining({ code: 'unknown_card_type' }));
  });

  it.each([
    ['gender code not in GB/T 2261.1', 30, '5', 'invalid_field'],
    ['nation code not in GB 3304', 32, '60', 'invalid_field'],
    ['impossible birth date', 36, '19900230', 'invalid_field'],
    ['birth date differs from the number', 36, '19900308', 'inconsistent_card'],
    ['valid-to neither a date nor 长期', 204, '永久    ', 'invalid_field'],
  ])('%s', (_case, offset, value, code) => {
    const b = base();
    put(b, offset, value);
    expect(() => parseTextBlock(b)).toThrow(expect.objectContaining({ code }));
  });

  it('a resident card carrying an HMT number is inconsistent', () => {
    const b = base();
    put(b, 122, '810000199003071536'); // valid HMT number, same birth date
    expect(() => parseTextBlock(b)).toThrow(expect.objectContaining({ code: 'inconsistent_card' }));
  });

  it('a NUL-padded resident block (some modules) still parses', () => {
    const b = base();
    b.fill(0, 220, 256);
    expect(parseTextBlock(b).cardType).toBe('resident');
  });
});

describe('appended address (30 03)', () => {
  it('decodes the 70-byte UCS-2 block and treats blanks as none', () => {
    expect(parseAppendedAddress(encodeUcs2('内蒙古自治区包头市青山区示例路2号', 70, 'a'))).toBe('内蒙古自治区包头市青山区示例路2号');
    expect(parseAppendedAddress(encodeUcs2('', 70, 'a'))).toBeUndefined();
  });
});
