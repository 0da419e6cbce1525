// Hex byte strings as technicians write them in profiles: "02 4B 01", "024b01".
// Patterns add "??" for a byte that may be anything (a sequence number, a key
// counter). Parsing returns null on bad input; profile validation turns that
// into a message with the field's path.

/** Bytes from "02 4B 01" / "024B01" / "02-4b-01"; null when not whole hex bytes. */
export function parseHex(text: string): Uint8Array | null {
  const compact = text.replace(/[\s,:-]/g, '');
  if (compact.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(compact)) return null;
  const out = new Uint8Array(compact.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(compact.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A byte pattern: a number must match exactly, null matches any byte. */
export type BytePattern = readonly (number | null)[];

/** "4B ?? 01" → [0x4b, null, 0x01]; tokens must be separated by spaces. Null on bad input. */
export function parsePattern(text: string): BytePattern | null {
  const tokens = text.trim().split(/\s+/).filter((t) => t.length > 0);
  if (tokens.length === 0) return null;
  const out: (number | null)[] = [];
  for (const token of tokens) {
    if (token === '??') {
      out.push(null);
      continue;
    }
    const bytes = parseHex(token);
    if (!bytes || bytes.length === 0) return null;
    out.push(...bytes);
  }
  return out;
}

export function matchesPattern(pattern: BytePattern, bytes: Uint8Array): boolean {
  if (pattern.length !== bytes.length) return false;
  return pattern.every((p, i) => p === null || p === bytes[i]);
}

/** Two patterns that could match the same bytes: a key map with both is ambiguous. */
export function patternsOverlap(a: BytePattern, b: BytePattern): boolean {
  if (a.length !== b.length) return false;
  return a.every((p, i) => p === null || b[i] === null || p === b[i]);
}

/** The bytes an emulator sends for a pattern: wildcards become 00. */
export function patternExample(pattern: BytePattern): Uint8Array {
  return Uint8Array.from(pattern, (p) => p ?? 0);
}

export function toHex(bytes: Uint8Array, max = 64): string {
  const shown = Array.from(bytes.subarray(0, max), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
  return bytes.length > max ? `${shown} … (${bytes.length} bytes)` : shown;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
