// What an appointment looks like on its way in: one entry typed on the admin
// page, or one row of an imported JSON or CSV list. Validated with zod row by
// row; hall facts (does the matter exist, is the ID number real, is the code
// free) are checked by the store.
// Contract: pure. Slots are local "YYYY-MM-DD" + "HH:MM" in the hall's zone.
// Personal data: `idNumber` and `name` pass through here in clear; never log a
// row — the store keeps only a blind index and a masked name.
import { z } from 'zod';
import { parseCsv } from './csv.js';

const hm = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM"');

export const appointmentInputSchema = z
  .object({
    matterId: z.string().trim().min(1).max(40).optional(),
    /** 事项编码, for lists exported by other booking systems. */
    matterCode: z.string().trim().min(1).max(40).optional(),
    date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"'),
    start: hm,
    end: hm,
    /** Full name: stored masked only (张*丰). */
    name: z.string().trim().max(30).optional(),
    /** ID number: stored only as a keyed blind index, never in clear. */
    idNumber: z.string().trim().max(18).optional(),
    /** A code the visitor was already given; generated when absent. */
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{4,16}$/, 'must be 4–16 capital letters or digits')
      .optional(),
  })
  .strict()
  .refine((r) => r.matterId !== undefined || r.matterCode !== undefined, { message: 'needs matterId or matterCode', path: ['matterId'] })
  .refine((r) => r.start < r.end, { message: 'the slot must end after it starts', path: ['end'] });

export type AppointmentInput = z.infer<typeof appointmentInputSchema>;

/** One bad row: where (CSV file line, or 1-based position in a JSON list) and why, in plain words. */
export interface RowProblem {
  line: number;
  message: string;
}

/**
 * The rows that passed their own checks, and the problems of the others (line 0: the
 * whole file). The store checks the good rows against the hall and reports both kinds
 * together, so one round of fixing is enough.
 */
export interface ParsedRows {
  ok: boolean;
  rows: { line: number; input: AppointmentInput }[];
  problems: RowProblem[];
}

const fileProblem = (line: number, message: string): ParsedRows => ({ ok: false, rows: [], problems: [{ line, message }] });

const CSV_COLUMNS = ['matterId', 'matterCode', 'date', 'start', 'end', 'name', 'idNumber', 'code'] as const;

function zodProblem(line: number, error: z.ZodError): RowProblem {
  return { line, message: error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') };
}

/** A JSON list (an array of rows, or { appointments: [...] }), checked row by row. */
export function parseJsonRows(text: string): ParsedRows {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return fileProblem(0, `not valid JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(raw) ? raw : (raw as { appointments?: unknown } | null)?.appointments;
  if (!Array.isArray(list)) return fileProblem(0, 'expected a JSON array of appointments (or { "appointments": [...] })');
  return collect(list.map((item, i) => ({ line: i + 1, raw: item })));
}

/** A CSV list with a header line naming the columns (matterId or matterCode, date, start, end, name, idNumber, code). */
export function parseCsvRows(text: string): ParsedRows {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    return fileProblem((err as { line?: number }).line ?? 0, (err as Error).message);
  }
  const [header, ...body] = records;
  if (!header) return fileProblem(1, 'the file is empty: expected a header line and at least one appointment');
  const columns = header.fields.map((f) => f.trim());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) return fileProblem(header.line, `unknown column(s) ${unknown.join(', ')}; use ${CSV_COLUMNS.join(', ')}`);
  const problems: RowProblem[] = [];
  const wellFormed = body.filter((r) => {
    if (r.fields.length === columns.length) return true;
    problems.push({ line: r.line, message: `has ${r.fields.length} fields, the header has ${columns.length}` });
    return false;
  });
  const items = wellFormed.map((r) => {
    const obj: Record<string, string> = {};
    columns.forEach((c, i) => {
      const v = (r.fields[i] ?? '').trim();
      if (v !== '') obj[c] = v;
    });
    return { line: r.line, raw: obj };
  });
  if (body.length === 0) problems.push({ line: header.line, message: 'no appointments under the header line' });
  const parsed = collect(items);
  const all = [...problems, ...parsed.problems].sort((a, b) => a.line - b.line);
  return { ok: all.length === 0, rows: parsed.rows, problems: all };
}

function collect(items: { line: number; raw: unknown }[]): ParsedRows {
  const rows: { line: number; input: AppointmentInput }[] = [];
  const problems: RowProblem[] = [];
  for (const { line, raw } of items) {
    const r = appointmentInputSchema.safeParse(raw);
    if (r.success) rows.push({ line, input: r.data });
    else problems.push(zodProblem(line, r.error));
  }
  return { ok: problems.length === 0, rows, problems };
}
