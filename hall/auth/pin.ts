// Staff PINs are stored only as scrypt hashes:
//   "scrypt$<salt hex>$<hash hex>"          cost 14 (N = 16384, r = 8, p = 1)
//   "scrypt$<cost>$<salt hex>$<hash hex>"   any other cost, N = 2^cost
// The cost travels with the hash, so raising security.pinHashing.cost only
// affects new hashes; old ones keep verifying. Verification is constant-time.
// Never log a PIN or a hash.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
export const DEFAULT_PIN_COST = 14;

const params = (cost: number) => ({ N: 2 ** cost, r: 8, p: 1, maxmem: 256 * 2 ** cost * 8 });

export function hashPin(pin: string, cost = DEFAULT_PIN_COST): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_LENGTH, params(cost)).toString('hex');
  return cost === DEFAULT_PIN_COST ? `scrypt$${salt.toString('hex')}$${hash}` : `scrypt$${cost}$${salt.toString('hex')}$${hash}`;
}

function parse(stored: string): { cost: number; salt: Buffer; hash: Buffer } | null {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return null;
  const [costText, saltHex, hashHex] = parts.length === 4 ? parts.slice(1) : [String(DEFAULT_PIN_COST), parts[1], parts[2]];
  const cost = Number(costText);
  if (!Number.isInteger(cost) || cost < 10 || cost > 20 || !saltHex || !hashHex) return null;
  return { cost, salt: Buffer.from(saltHex, 'hex'), hash: Buffer.from(hashHex, 'hex') };
}

/** The scrypt cost (log2 N) a stored hash was made with; null when it is not a PIN hash. */
export function pinHashCost(stored: string): number | null {
  return parse(stored)?.cost ?? null;
}

export function verifyPin(pin: string, stored: string): boolean {
  const p = parse(stored);
  if (!p) return false;
  const actual = scryptSync(pin, p.salt, p.hash.length, params(p.cost));
  return actual.length === p.hash.length && timingSafeEqual(actual, p.hash);
}

/**
 * Checks PINs so that a staff number that does not exist costs the same as one that does:
 * it is checked against a dummy hash of the configured cost (docs/security.md). Contract:
 * every PIN check of the LAN API goes through verify(), exactly one scrypt per call.
 */
export class PinVerifier {
  private readonly dummy: string;

  constructor(
    readonly cost = DEFAULT_PIN_COST,
    readonly minLength = 4,
  ) {
    this.dummy = hashPin(randomBytes(8).toString('hex'), cost);
  }

  /** `stored` null: unknown staff number — runs the same scrypt and answers false. */
  verify(pin: string, stored: string | null): boolean {
    const ok = this.hash(pin, stored ?? this.dummy);
    return stored !== null && ok;
  }

  /** The one place a PIN is hashed for checking (a seam tests count calls through). */
  protected hash(pin: string, stored: string): boolean {
    return verifyPin(pin, stored);
  }
}
