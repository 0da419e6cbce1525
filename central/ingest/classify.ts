// Judges one uplink event: interpret it (accepted), keep it apart as poison
// (quarantined, with a reason a person can act on), or keep it for later
// (parked: a schema version newer than this server knows). Pure.
// Contract: only seq and id are already checked (batch.ts); classify never
// throws, whatever the event holds. An accepted event is storable as is:
// its strings hold no NUL and no lone surrogate (PostgreSQL rejects both in
// jsonb), its service day is a real calendar date.
import type { z } from 'zod';
import { formatPath } from '../http.js';
import type { BatchEvent } from '../../protocol/central/uplink.js';
import { EVENT_SCHEMAS, NEWEST_SCHEMA_VERSION } from '../../protocol/central/events.js';

export type Classified =
  | { kind: 'accepted'; type: string; schemaVersion: number; serviceDay: string; at: number; hlc: string | null; payload: Record<string, unknown>; payloadJson: string }
  | { kind: 'parked'; type: string; schemaVersion: number }
  | { kind: 'quarantined'; type: string | null; schemaVersion: number | null; reason: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * In JSON.stringify output, U+0000 and lone surrogates appear only as \u0000 and
 * \udXXX escapes (paired surrogates are written as they are): an escape is a
 * backslash preceded by an even number of backslashes.
 */
const UNSTORABLE_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;

/** Fast check over an object's JSON text; unstorableString() then says where. */
export function jsonHasUnstorable(json: string): boolean {
  return UNSTORABLE_ESCAPE.test(json);
}

/** Path of the first string (value or key) PostgreSQL cannot store, or null. */
export function unstorableString(value: unknown, path = ''): string | null {
  const bad = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
  if (typeof value === 'string') return bad(value) ? path || '(value)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = unstorableString(value[i], `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = bad(k) ? `${path}.${k}` : unstorableString(v, path ? `${path}.${k}` : k);
      if (p) return p;
    }
  }
  return null;
}

export function isCalendarDay(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  if (y < 1970 || y > 9999) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function issues(prefix: string, err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${[prefix, formatPath(i.path)].filter(Boolean).join('.')}: ${i.message}`)
    .join('; ');
}

export function classify(e: BatchEvent): Classified {
  const type = typeof e.type === 'string' && e.type.length > 0 && e.type.length <= 100 && !unstorableString(e.type) ? e.type : null;
  const version = typeof e.schemaVersion === 'number' && Number.isInteger(e.schemaVersion) && e.schemaVersion > 0 && e.schemaVersion < 1_000_000 ? e.schemaVersion : null;
  const poison = (reason: string): Classified => ({ kind: 'quarantined', type, schemaVersion: version, reason });

  if (version === null) return poison('schemaVersion: must be a positive integer');
  if (type === null) return poison('type: must be a non-empty string of at most 100 characters');
  if (version > NEWEST_SCHEMA_VERSION) return { kind: 'parked', type, schemaVersion: version };

  const schema = EVENT_SCHEMAS.get(version)?.[type];
  if (!schema) return poison(`type: unknown event type "${type}" for schemaVersion ${version}`);
  if (!isCalendarDay(e.serviceDay)) return poison('serviceDay: must be a calendar date YYYY-MM-DD');
  if (typeof e.at !== 'number' || !Number.isSafeInteger(e.at) || e.at < 0) return poison('at: must be epoch milliseconds (a non-negative integer)');
  if (e.hlc !== undefined && e.hlc !== null && (typeof e.hlc !== 'string' || e.hlc.length > 200 || unstorableString(e.hlc))) {
    return poison('hlc: must be a string of at most 200 characters');
  }
  if (!e.payload || typeof e.payload !== 'object' || Array.isArray(e.payload)) return poison('payload: must be a JSON object');
  const payloadJson = JSON.stringify(e.payload);
  if (jsonHasUnstorable(payloadJson)) {
    return poison(`${unstorableString(e.payload, 'payload') ?? 'payload'}: holds a NUL character or a lone UTF-16 surrogate`);
  }
  const parsed = schema.safeParse(e.payload);
  if (!parsed.success) return poison(issues('payload', parsed.error));
  return {
    kind: 'accepted',
    type,
    schemaVersion: version,
    serviceDay: e.serviceDay,
    at: e.at,
    hlc: typeof e.hlc === 'string' ? e.hlc : null,
    payload: e.payload as Record<string, unknown>,
    payloadJson,
  };
}
