// Redaction of personal data and secrets before anything reaches a log line.
//
// Contract: every value the logger writes goes through redact(): strings have ID numbers
// masked (as on screens: maskIdNumber) and tokens cut; object fields named like a secret
// (authorization, token, pin, …) are replaced whole; fields named like an ID number are
// masked, and beside one the record's name and address are replaced whole. Errors become { name, message, stack } with the same treatment.
// Danger: this is a net, not a licence — callers still should not log identities on purpose.
import { maskIdNumber } from '../idcard/id-number.js';

/** Resident ID numbers (17 digits + digit/X) and foreigner permit numbers (3 letters + 12 digits), standing alone. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|[A-Z]{3}\d{12})(?![0-9A-Za-z])/g;
/** Page tokens and enrolment codes in fragments or queries: #token=…, #enrol=…, ?token=…. */
const TOKEN_PARAM = /([#?&](?:token|enrol|access_token)=)[^&#\s"']+/gi;
/** Authorization header values inside text: "Bearer abc…". */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

export const REDACTED = '[redacted]';
/** Field names whose whole value is a secret. */
const SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|token|tokens|access_?token|pin|new_?pin|old_?pin|pin_?hash|password|secret|enrol(ment)?_?code)$|token$|pin$|session$/i;
/** Field names whose value is an ID number (masked, not dropped: the masked form helps support). */
const ID_KEY = /^(id_?number|travel_?permit_?number|permit_?number)$/i;
/** Fields of a person's record (an object that also holds an ID number). */
const PERSON_KEY = /^(name|chinese_?name|english_?name|address|appended_?address)$/i;

export function redactText(text: string): string {
  return text
    .replace(ID_NUMBER, (n) => maskIdNumber(n))
    .replace(TOKEN_PARAM, (_m, head: string) => `${head}${REDACTED}`)
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`);
}

/** A redacted copy of `value`, safe to log (cycles and depth beyond 8 become markers). */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (seen.has(value)) return '[cycle]';
  if (depth > 8) return '[deep]';
  seen.add(value);
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: redactText(value.message) };
    if (value.stack) out.stack = redactText(value.stack);
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) out.code = redact(code, depth + 1, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  if (value instanceof Map) return redact(Object.fromEntries(value), depth + 1, seen);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  // An object carrying an ID number is a person's record: its name and address are personal too.
  const person = Object.keys(value).some((k) => ID_KEY.test(k));
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key) || (person && PERSON_KEY.test(key))) out[key] = v === undefined || v === null || v === '' ? v : REDACTED;
    else if (ID_KEY.test(key) && typeof v === 'string') out[key] = maskIdNumber(v);
    else out[key] = redact(v, depth + 1, seen);
  }
  return out;
}
