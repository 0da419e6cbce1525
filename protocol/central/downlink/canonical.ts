// Canonical content and checksums of a downlink dataset (docs/sync-protocol.md,
// "Canonical content for checksums"): items sorted by key, each line
// `key + "\t" + canonicalJson(value) + "\n"`, sha256 over the UTF-8 bytes.
// Shared by the hall and central: both must produce the same bytes.
// Dangers: keys are restricted to ASCII (see schemas.ts datasetKey) so that
// SQLite BINARY, PostgreSQL COLLATE "C" and JavaScript string order agree;
// the checksum is over the value as published — never over a zod-parsed copy
// (parsing may strip or default fields and would change the bytes).
import { createHash, type Hash } from 'node:crypto';

/** JSON with object keys sorted recursively; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** sha256 of the empty dataset (version 0, or everything deleted). */
export const EMPTY_CHECKSUM = createHash('sha256').digest('hex');

/**
 * Builds a dataset checksum from items fed in ascending key order, each value
 * already in canonical JSON text. Throws if the order is broken: a checksum
 * over unsorted items would silently never match.
 */
export class ChecksumBuilder {
  private readonly hash: Hash = createHash('sha256');
  private last: string | null = null;
  count = 0;

  add(key: string, canonicalValue: string): void {
    if (this.last !== null && !(key > this.last)) throw new Error(`checksum items out of order: "${key}" after "${this.last}"`);
    this.last = key;
    this.hash.update(`${key}\t${canonicalValue}\n`, 'utf8');
    this.count++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Checksum of a whole dataset given as key → value (any order). */
export function datasetChecksum(items: Iterable<{ key: string; value: unknown }>): string {
  const sorted = [...items].map((i) => ({ key: i.key, text: canonicalJson(i.value) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const b = new ChecksumBuilder();
  for (const i of sorted) b.add(i.key, i.text);
  return b.digest();
}
