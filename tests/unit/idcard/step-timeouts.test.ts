// Step deadlines derived from the baud rate: wire time of request + largest answer, counted
// twice, plus the module's working time, never below the old fixed values.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS } from '../../../drivers/idcard/flow.js';
import { IdCardReader } from '../../../drivers/idcard/reader.js';
import {
  deriveStepTimeouts,
  largestAnswerBytes,
  MINIMUM_TIMEOUTS,
  MODULE_ALLOWANCE_MS,
  REQUEST_FRAME_BYTES,
  WIRE_ALLOWANCE_FACTOR,
  wireTimeMs,
  type Step,
} from '../../../drivers/idcard/step-timeouts.js';
import { ManualClock } from './helpers/manual-clock.js';
import { MemoryReaderLink } from './helpers/memory-link.js';

const steps: Step[] = ['samStatus', 'findCard', 'selectCard', 'readCard', 'appendedAddress'];

describe('ID card step deadlines', () => {
  it('wire time is bytes × 10 bits ÷ baud', () => {
    expect(wireTimeMs(1295, 9600)).toBeCloseTo(1348.96, 1);
    expect(wireTimeMs(960, 9600)).toBe(1000);
    expect(wireTimeMs(11520, 115200)).toBe(1000);
  });

  it('largest answers follow the frame layout: 1295 bytes for 30 01, 2321 with a 1024-byte fingerprint', () => {
    expect(largestAnswerBytes('readCard')).toBe(1295);
    expect(largestAnswerBytes('readCard', { withFingerprint: true })).toBe(2321);
    expect(largestAnswerBytes('findCard')).toBe(15);
    expect(largestAnswerBytes('selectCard')).toBe(19);
    expect(largestAnswerBytes('samStatus')).toBe(27);
    expect(largestAnswerBytes('appendedAddress')).toBe(81);
  });

  // Mutation checked: dropping Math.max(MINIMUM_TIMEOUTS…) makes the 115200 values fall under the floors.
  it('at the factory 115200 baud every step keeps the old fixed value', () => {
    expect(deriveStepTimeouts(115200)).toEqual(MINIMUM_TIMEOUTS);
    expect(DEFAULT_TIMEOUTS).toEqual(MINIMUM_TIMEOUTS);
  });

  it('at 9600 baud the read deadline grows by the answer wire time (counted twice); small steps stay at their floor', () => {
    const t = deriveStepTimeouts(9600);
    const expectedRead = Math.ceil(MODULE_ALLOWANCE_MS.readCard + WIRE_ALLOWANCE_FACTOR * wireTimeMs(REQUEST_FRAME_BYTES + 1295, 9600));
    expect(t.readCard).toBe(expectedRead);
    expect(t.readCard).toBe(5219);
    expect(t).toMatchObject({ samStatus: 1500, findCard: 2000, selectCard: 1500, appendedAddress: 1500 });
    expect(deriveStepTimeouts(9600, { withFingerprint: true }).readCard).toBe(Math.ceil(2500 + 2 * wireTimeMs(10 + 2321, 9600)));
  });

  it('never goes below the floors and only grows as the link gets slower', () => {
    for (const baud of [115200, 57600, 38400, 19200, 9600, 4800, 1200]) {
      const t = deriveStepTimeouts(baud, { withFingerprint: true });
      const faster = deriveStepTimeouts(baud * 2, { withFingerprint: true });
      for (const step of steps) {
        expect(t[step]).toBeGreaterThanOrEqual(MINIMUM_TIMEOUTS[step]);
        expect(t[step]).toBeGreaterThanOrEqual(faster[step]);
      }
    }
    expect(deriveStepTimeouts(300).findCard).toBeGreaterThan(MINIMUM_TIMEOUTS.findCard);
  });

  it.each([0, -9600, 9600.5, Number.NaN])('refuses baud rate %s with invalid_option', (baud) => {
    expect(() => deriveStepTimeouts(baud)).toThrowError(expect.objectContaining({ code: 'invalid_option', message: expect.stringMatching(/baudRate/) }));
  });

  it('the reader derives from its baudRate option and fingerprint setting; explicit timeouts win per step', () => {
    const clock = new ManualClock();
    const reader = (o: ConstructorParameters<typeof IdCardReader>[1]) => new IdCardReader(new MemoryReaderLink(clock), { clock, ...o });
    expect(reader({}).stepTimeouts).toEqual(MINIMUM_TIMEOUTS);
    expect(reader({ baudRate: 9600 }).stepTimeouts).toEqual(deriveStepTimeouts(9600));
    expect(reader({ baudRate: 9600, withFingerprint: true }).stepTimeouts.readCard).toBe(deriveStepTimeouts(9600, { withFingerprint: true }).readCard);
    expect(reader({ baudRate: 9600, timeouts: { findCard: 700 } }).stepTimeouts).toEqual({ ...deriveStepTimeouts(9600), findCard: 700 });
  });
});
