// Appointment lists on the way in: JSON and CSV, validated row by row with the
// line of every bad row.
import { describe, expect, it } from 'vitest';
import { parseCsvRows, parseJsonRows } from '../../../hall/appointments/rows.js';
import { parseCsv } from '../../../hall/appointments/csv.js';

describe('CSV reading', () => {
  it('handles quotes, doubled quotes, CRLF, a BOM and blank lines, keeping each record’s line', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['multi\nline', 'z'] },
    ]);
  });

  it('names the line of a quote never closed', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(/line 2/);
  });
});

describe('appointment rows', () => {
  it('reads a valid CSV list with matter ids or codes', () => {
    const csv = ['matterId,matterCode,date,start,end,name,idNumber,code', 'gjj-01,,2026-11-23,09:30,10:00,张三丰,,', ',11150600MB1234567X,2026-11-23,10:00,10:30,,,AB23CD45'].join('\n');
    const r = parseCsvRows(csv);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => x.line)).toEqual([2, 3]);
    expect(r.rows[0]!.input).toMatchObject({ matterId: 'gjj-01', date: '2026-11-23', start: '09:30', end: '10:00', name: '张三丰' });
    expect(r.rows[1]!.input).toMatchObject({ matterCode: '11150600MB1234567X', code: 'AB23CD45' });
  });

  it('reports every bad CSV row with its file line and reason', () => {
    const csv = [
      'matterId,date,start,end',
      'gjj-01,2026-11-23,09:30,10:00',
      'gjj-01,23.11.2026,09:30,10:00',
      'gjj-01,2026-11-23,10:00,09:00',
      ',2026-11-23,09:00,09:30',
      'gjj-01,2026-11-23,09:00',
    ].join('\n');
    const r = parseCsvRows(csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    // The good row is kept for the store's own checks, so both kinds are reported at once.
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    expect(r.problems[0]!.message).toMatch(/date/);
    expect(r.problems[1]!.message).toMatch(/end after it starts/);
    expect(r.problems[2]!.message).toMatch(/matterId or matterCode/);
    expect(r.problems[3]!.message).toMatch(/3 fields, the header has 4/);
  });

  it('refuses unknown CSV columns (a typo would silently drop data)', () => {
    const r = parseCsvRows('matterId,date,start,end,phone\ngjj-01,2026-11-23,09:30,10:00,138');
    expect(r).toEqual({ ok: false, rows: [], problems: [{ line: 1, message: expect.stringContaining('unknown column(s) phone') }] });
  });

  it('reads JSON arrays or { appointments }, numbering rows from 1', () => {
    const row = { matterId: 'gjj-01', date: '2026-11-23', start: '09:30', end: '10:00' };
    expect(parseJsonRows(JSON.stringify([row]))).toMatchObject({ ok: true, rows: [{ line: 1 }] });
    expect(parseJsonRows(JSON.stringify({ appointments: [row, row] }))).toMatchObject({ ok: true, rows: [{ line: 1 }, { line: 2 }] });
    const bad = parseJsonRows(JSON.stringify([row, { ...row, start: '9:30' }, { ...row, extra: 1 }]));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(bad.problems[1]!.message).toMatch(/extra/);
    expect(parseJsonRows('{not json')).toMatchObject({ ok: false, problems: [{ line: 0, message: expect.stringContaining('not valid JSON') }] });
    expect(parseJsonRows('{"x":1}')).toMatchObject({ ok: false, problems: [{ line: 0 }] });
  });
});
