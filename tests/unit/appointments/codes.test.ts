// Appointment codes: unambiguous alphabet, uniform sampling, QR text round trip.
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_LENGTH, codeFromQr, newCode, normalizeCode, qrContent } from '../../../hall/appointments/codes.js';

/** A deterministic byte source: 0, 1, 2, … wrapping at 256. */
function counting(start = 0) {
  let next = start;
  return (n: number) => Buffer.from(Array.from({ length: n }, () => next++ % 256));
}

describe('appointment codes', () => {
  it('are 8 characters without look-alikes (0/O, 1/I/L)', () => {
    for (let i = 0; i < 200; i++) {
      const code = newCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('skip bytes that would bias the alphabet (rejection sampling)', () => {
    // Bytes 248–255 are rejected; 0… map to the alphabet in order.
    expect(newCode(counting(0))).toBe(CODE_ALPHABET.slice(0, 8));
    expect(newCode(counting(248))).toBe(CODE_ALPHABET.slice(0, 8));
  });

  it('normalize what a visitor types: case, spaces and dashes', () => {
    expect(normalizeCode(' ab3d-ef45 ')).toBe('AB3DEF45');
    expect(normalizeCode('ab c')).toBeNull();
    expect(normalizeCode('中文')).toBeNull();
    expect(normalizeCode('A'.repeat(17))).toBeNull();
  });

  it('round-trip through the QR text, and accept a bare code from the scanner', () => {
    expect(qrContent('K7M2Q9XP')).toBe('servicehall:appt:K7M2Q9XP');
    expect(codeFromQr(qrContent('K7M2Q9XP'))).toBe('K7M2Q9XP');
    expect(codeFromQr('SERVICEHALL:APPT:k7m2q9xp')).toBe('K7M2Q9XP');
    expect(codeFromQr('k7m2q9xp')).toBe('K7M2Q9XP');
    expect(codeFromQr('https://example.org/?a=1')).toBeNull();
  });
});
