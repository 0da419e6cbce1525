// Wall-clock formats of the rating profiles, in the hall's local time
// (China: UTC+8, no DST). Pure. Contract: parse(format(t)) === t for whole
// seconds; parse rejects impossible dates (2026-02-30) and wrong shapes.
// Danger: the formats carry no offset — sender and receiver must agree on it
// (the profiles use the hall's configured offset, +480 by default).

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function localFields(epochMs: number, utcOffsetMinutes: number) {
  const d = new Date(epochMs + utcOffsetMinutes * 60_000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

function fromFields(f: { y: number; mo: number; d: number; h: number; mi: number; s: number }, utcOffsetMinutes: number): number | null {
  if (f.mo < 1 || f.mo > 12 || f.d < 1 || f.d > 31 || f.h > 23 || f.mi > 59 || f.s > 59) return null;
  const utc = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s);
  const back = new Date(utc);
  // Date.UTC rolls 02-30 over to 03-02: refuse instead.
  if (back.getUTCMonth() !== f.mo - 1 || back.getUTCDate() !== f.d) return null;
  return utc - utcOffsetMinutes * 60_000;
}

/** GB/T 39046-2020: YYYYMMDDThhmmss, e.g. 20261121T103000. */
export function formatCompact(epochMs: number, utcOffsetMinutes: number): string {
  const f = localFields(epochMs, utcOffsetMinutes);
  return `${pad(f.y, 4)}${pad(f.mo)}${pad(f.d)}T${pad(f.h)}${pad(f.mi)}${pad(f.s)}`;
}

export function parseCompact(text: string, utcOffsetMinutes: number): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return fromFields({ y, mo, d, h, mi, s }, utcOffsetMinutes);
}

/** Provincial APIs: yyyy-MM-dd HH:mm:ss, e.g. 2026-11-21 10:30:00. */
export function formatDashed(epochMs: number, utcOffsetMinutes: number): string {
  const f = localFields(epochMs, utcOffsetMinutes);
  return `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)} ${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}`;
}

export function parseDashed(text: string, utcOffsetMinutes: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return fromFields({ y, mo, d, h, mi, s }, utcOffsetMinutes);
}
