// A known and an unknown staff number take the same path: exactly one scrypt each
// (hall/api/access.ts checkCredentials with hall/auth/pin.ts PinVerifier). No timing
// assertions: the test counts calls of the one hashing seam.
// Mutation checked: answering an unknown staff number before verify() (the old
// `!staff || verifyPin(…)`) makes the unknown-number count 0 and fails.
import { describe, expect, it } from 'vitest';
import { checkCredentials, type AccessDeps } from '../../../hall/api/access.js';
import { hashPin, PinVerifier, pinHashCost, verifyPin } from '../../../hall/auth/pin.js';
import { PinLockout, type TerminalIdentity } from '../../../hall/auth/tokens.js';
import type { StaffConfig } from '../../../hall/config/schema.js';

class CountingVerifier extends PinVerifier {
  hashed: string[] = [];
  protected override hash(pin: string, stored: string): boolean {
    this.hashed.push(stored);
    return super.hash(pin, stored);
  }
}

const kiosk: TerminalIdentity = { id: 'kiosk-1', role: 'kiosk', counterId: null };
const guide: StaffConfig = { id: 's-guide', staffNo: '2001', name: '引导员', post: '引导', roles: ['guide'], pinHash: hashPin('1234') };

function deps(pins: PinVerifier): AccessDeps {
  return { terminals: null!, sessions: null!, lockout: new PinLockout(), staffByNo: new Map([[guide.staffNo, guide]]), pins, now: () => 1_000 };
}

describe('PIN checks', () => {
  it('runs one scrypt for an unknown staff number, as for a known one', () => {
    const pins = new CountingVerifier();
    const d = deps(pins);
    expect(() => checkCredentials(d, kiosk, '7777', '1234')).toThrow(/staff number or PIN is wrong/);
    expect(pins.hashed).toHaveLength(1);
    expect(pins.hashed[0]).not.toBe(guide.pinHash); // the dummy hash
    expect(() => checkCredentials(d, kiosk, '2001', '9999')).toThrow(/staff number or PIN is wrong/);
    expect(pins.hashed).toHaveLength(2);
    expect(pins.hashed[1]).toBe(guide.pinHash);
    expect(checkCredentials(d, kiosk, '2001', '1234')).toBe(guide);
    expect(pins.hashed).toHaveLength(3);
  });

  it('gives the same answer for a wrong PIN of a known and of an unknown staff number', () => {
    const d = deps(new PinVerifier());
    const answer = (staffNo: string) => {
      try {
        checkCredentials(d, kiosk, staffNo, '9999');
      } catch (err) {
        return { ...(err as object), message: (err as Error).message };
      }
      return null;
    };
    expect(answer('7777')).toEqual(answer('2001'));
  });

  it('the dummy hash has the configured cost, and hashes carry their cost', () => {
    const pins = new CountingVerifier(15);
    expect(() => checkCredentials(deps(pins), kiosk, '7777', '1234')).toThrow();
    expect(pinHashCost(pins.hashed[0]!)).toBe(15);
    const h15 = hashPin('246810', 15);
    expect(h15).toMatch(/^scrypt\$15\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(verifyPin('246810', h15)).toBe(true);
    expect(verifyPin('246811', h15)).toBe(false);
    expect(pinHashCost(hashPin('1234'))).toBe(14); // the old three-part form
  });
});

describe('what a page says about a PIN the hall refuses', () => {
  it('a PIN outside the hall\'s policy gets its own plain message', async () => {
    const { ApiError, describeError } = await import('../../../renderer/shared/api/errors.js');
    const { translate } = await import('../../../renderer/shared/i18n/index.js');
    const key = describeError(new ApiError(400, 'pin_policy', 'PINs in this hall have 6 to 12 digits'));
    expect(key).toBe('error.pinPolicy');
    expect(translate('zh-CN', key)).toContain('密码位数不符合');
  });
});
