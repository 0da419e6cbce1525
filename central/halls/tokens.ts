// Hall and operator tokens. Contract: a token is 32 random bytes (base64url),
// shown once; only its sha256 is stored, and comparisons run in constant time
// over the hashes (so neither the token's length nor its prefix leaks).
// Dangers: never log a token or put one in an error message.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(presented: string, storedHash: Buffer): boolean {
  const h = hashToken(presented);
  return storedHash.length === h.length && timingSafeEqual(h, storedHash);
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
