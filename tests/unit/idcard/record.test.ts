import util from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseReadAnswer } from '../../../drivers/idcard/card.js';
import { encodeReadAnswer } from '../../../drivers/idcard/text-block.js';
import { loadIdCardFixture } from '../../fixtures/idcard/load.js';

const FULL = '150203199003071538';
const MASKED = '150203********1538';
const card = () => parseReadAnswer(encodeReadAnswer(loadIdCardFixture('resident-adult')), { withFingerprint: false });

describe('a card record never shows the full number by accident', () => {
  it('gives the full number only when asked by name', () => {
    expect(card().idNumber).toBe(FULL);
    expect(card().maskedIdNumber).toBe(MASKED);
  });

  it.each([
    ['JSON.stringify', (c: object) => JSON.stringify(c)],
    ['util.inspect', (c: object) => util.inspect(c, { depth: 5 })],
    ['util.format %o', (c: object) => util.format('%o', c)],
    ['String()', (c: object) => String(c)],
    ['template string', (c: object) => `${c}`],
    ['object spread', (c: object) => JSON.stringify({ ...c }) + util.inspect({ ...c })],
    ['Object.entries', (c: object) => JSON.stringify(Object.entries(c))],
    ['structuredClone', (c: object) => util.inspect(structuredClone(c))],
    ['nested in a log object', (c: object) => util.inspect({ event: 'card', card: c, list: [c] }, { depth: 5 })],
  ])('%s', (_how, show) => {
    const out = show(card());
    expect(out).not.toContain(FULL);
  });

  it('shows the masked number in JSON and inspect', () => {
    expect(JSON.parse(JSON.stringify(card()))).toMatchObject({ idNumber: MASKED, name: '李晓明' });
    expect(util.inspect(card())).toContain(MASKED);
  });

  it('masks the HMT travel permit number too', () => {
    const hmt = parseReadAnswer(encodeReadAnswer(loadIdCardFixture('hmt-residence-permit')), { withFingerprint: false });
    expect(hmt.travelPermitNumber).toBe('H10000001');
    expect(JSON.stringify(hmt) + util.inspect(hmt)).not.toContain('H10000001');
  });

  it('toUnmaskedJSON is the one explicit way to the full numbers', () => {
    expect(card().toUnmaskedJSON()).toMatchObject({ idNumber: FULL, name: '李晓明' });
    expect(card().toUnmaskedJSON()).not.toHaveProperty('maskedIdNumber');
  });

  it('is immutable', () => {
    const c = card() as unknown as { name: string };
    expect(() => {
      c.name = 'x';
    }).toThrow(TypeError);
  });
});
