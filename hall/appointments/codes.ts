// Appointment codes and the check-in QR format (docs/appointments.md).
// A local code is 8 characters from an alphabet without look-alikes (no 0/O,
// 1/I/L): easy to read aloud and to type on the kiosk's keypad. The QR code on
// a booking confirmation encodes "servicehall:appt:<CODE>"; the kiosk's
// scanner acts as a keyboard, so the kiosk accepts that text or a bare code.
// Contract: pure except newCode(), which takes its randomness as an argument.
// Danger: central codes (4–16 of A–Z, 0–9) may contain 0/O/1/I; normalizeCode
// therefore never maps look-alikes onto each other (it would break them).
import { randomBytes } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;
export const QR_PREFIX = 'servicehall:appt:';

/** A fresh local code; `random` yields bytes (tests pass a seeded source). */
export function newCode(random: (n: number) => Buffer = randomBytes): string {
  let code = '';
  while (code.length < CODE_LENGTH) {
    for (const b of random(CODE_LENGTH * 2)) {
      // Rejection sampling keeps every character equally likely (31 does not divide 256).
      if (b >= 248) continue;
      code += CODE_ALPHABET[b % CODE_ALPHABET.length];
      if (code.length === CODE_LENGTH) break;
    }
  }
  return code;
}

/** Upper case, without spaces or dashes; null when what remains is not a possible code. */
export function normalizeCode(input: string): string | null {
  const code = input.trim().toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{4,16}$/.test(code) ? code : null;
}

/** The text a booking confirmation's QR code carries. */
export function qrContent(code: string): string {
  return QR_PREFIX + code;
}

/** The code in a scanned QR text (or a bare code typed in); null when it is neither. */
export function codeFromQr(text: string): string | null {
  const t = text.trim();
  if (t.toLowerCase().startsWith(QR_PREFIX)) return normalizeCode(t.slice(QR_PREFIX.length));
  return normalizeCode(t);
}
