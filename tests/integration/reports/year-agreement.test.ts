// The manager's report agrees with the event log over a generated year of a busy hall
// (≥ 1.5 million tickets; tests/helpers/report-year.ts writes the events and, through the
// engine's evolve and the store, the tables the report reads).
// The expected figures are an independent count over the log: for every day of the year, the
// events counted by type in SQL; for March, every event read back in order, each ticket's last
// state kept by this file's own rules (not the engine's), percentiles by its own nearest rank.
// Runtime: about 8 minutes on the shared 2-core machine at load 14 (most of it writing the
// 5.5 million events); the test's own reading is seconds.
// Mutation checked: the wait measured to the start of service instead of the call
// (hall-report.ts `t.started_at ?? t.called_at`) → the per-day called counts hold but March's
// wait figures differ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { RATING_LEVELS } from '../../../hall/domain/index.js';
import { hallReport, localHalfHour, localHour } from '../../../hall/reports/hall-report.js';
import { reportNamesOf } from '../../../hall/reports/names.js';
import { reportCsv, reportLine, reportXlsx } from '../../../hall/reports/export.js';
import { busyHallConfig, generateYear } from '../../helpers/report-year.js';
import type { HallReportDTO } from '../../../hall/api/reports-dto.js';

const config = busyHallConfig(loadHallConfig(path.resolve('config/demo-hall.json')));
const names = reportNamesOf(config);
let dir: string;
let db: Db;
let issued = 0;

interface Seen {
  day: string;
  queue: string;
  matter: string;
  counter: string;
  staff: string;
  status: string;
  issuedAt: number;
  lastCall: number | null;
  start: number | null;
  end: number | null;
  transfers: number;
  suspensions: number;
}

const tickets = new Map<string, Seen>();
const levels = new Map<string, number>();

function nearest(sortedSeconds: number[], q: number): number | null {
  return sortedSeconds.length === 0 ? null : sortedSeconds[Math.max(0, Math.ceil(q * sortedSeconds.length) - 1)]!;
}

/** Expected figures of the tickets that `pick` accepts, grouped by `keyOf`. */
function expected(pick: (t: Seen) => boolean, keyOf: (t: Seen) => string) {
  const groups = new Map<string, Seen[]>();
  for (const t of tickets.values()) if (pick(t)) (groups.get(keyOf(t)) ?? groups.set(keyOf(t), []).get(keyOf(t))!).push(t);
  return new Map(
    [...groups].map(([k, list]) => {
      const waits = list.filter((t) => t.lastCall !== null).map((t) => (t.lastCall! - t.issuedAt) / 1000).sort((a, b) => a - b);
      const served = list.filter((t) => t.status === 'finished');
      const services = served.map((t) => (t.end! - (t.start ?? t.lastCall!)) / 1000).sort((a, b) => a - b);
      return [
        k,
        {
          tickets: list.length,
          served: served.length,
          noShows: list.filter((t) => t.status === 'no_show').length,
          transfers: list.reduce((a, t) => a + t.transfers, 0),
          suspensions: list.reduce((a, t) => a + t.suspensions, 0),
          wait: { count: waits.length, p50: nearest(waits, 0.5), p90: nearest(waits, 0.9), max: waits.at(-1) ?? null },
          service: { count: services.length, p50: nearest(services, 0.5), p90: nearest(services, 0.9), max: services.at(-1) ?? null },
        },
      ];
    }),
  );
}

function figures(report: HallReportDTO) {
  return new Map(
    report.rows.map((r) => [
      r.key,
      {
        tickets: r.tickets,
        served: r.served,
        noShows: r.noShows,
        transfers: r.transfers,
        suspensions: r.suspensions,
        wait: { count: r.wait.count, p50: r.wait.p50, p90: r.wait.p90, max: r.wait.max },
        service: { count: r.service.count, p50: r.service.p50, p90: r.service.p90, max: r.service.max },
      },
    ]),
  );
}

const MARCH = { from: '2025-03-01', to: '2025-03-31' };
/** Per service day, per event type: the count the log holds (SQL over the events table). */
const perDay = new Map<string, Map<string, number>>();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-year-'));
  db = openDatabase(path.join(dir, 'hall.sqlite'));
  db.pragma('synchronous = OFF'); // bulk generation only: the report reads what is there either way
  issued = generateYear(db, config, hallSetupFrom(config), { firstDay: '2025-01-01', days: 365, ticketsPerDay: 5_800, seed: 15, ratedShare: 0.2, startedShare: 0.2 });
  // The year: events counted by day and type, straight from the log.
  for (const r of db.prepare('SELECT service_day AS day, type, COUNT(*) AS n FROM events GROUP BY service_day, type').iterate() as IterableIterator<{ day: string; type: string; n: number }>) {
    (perDay.get(r.day) ?? perDay.set(r.day, new Map()).get(r.day)!).set(r.type, r.n);
  }
  // March in detail: its events read back in order, each ticket's last state kept by this file's rules.
  const march = db.prepare('SELECT type, service_day AS day, at, payload FROM events WHERE service_day BETWEEN ? AND ? ORDER BY seq');
  for (const e of march.iterate(MARCH.from, MARCH.to) as IterableIterator<{ type: string; day: string; at: number; payload: string }>) {
    const p = JSON.parse(e.payload) as Record<string, string>;
    const t = tickets.get(p.ticketId!);
    switch (e.type) {
      case 'ticket_issued':
        tickets.set(p.ticketId!, { day: e.day, queue: p.queueId!, matter: p.matterId!, counter: '', staff: '', status: 'waiting', issuedAt: e.at, lastCall: null, start: null, end: null, transfers: 0, suspensions: 0 });
        break;
      case 'ticket_called':
      case 'ticket_resumed':
        Object.assign(t!, { counter: p.counterId, staff: p.staffId ?? '', lastCall: e.at, status: 'called', start: e.type === 'ticket_resumed' ? e.at : null });
        break;
      case 'service_started':
        t!.start = e.at;
        break;
      case 'service_finished':
      case 'ticket_no_show':
        Object.assign(t!, { status: e.type === 'service_finished' ? 'finished' : 'no_show', end: e.at });
        break;
      case 'ticket_transferred':
        Object.assign(t!, { queue: p.toQueueId, counter: '', staff: '', status: 'waiting', lastCall: null, start: null, transfers: t!.transfers + 1 });
        break;
      case 'ticket_suspended':
        Object.assign(t!, { counter: '', staff: '', status: 'suspended', lastCall: null, start: null, suspensions: t!.suspensions + 1 });
        break;
      case 'rating_recorded':
        levels.set(p.outcome!, (levels.get(p.outcome!) ?? 0) + 1);
        break;
    }
  }
}, 1_800_000);

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a year of 1.5 million tickets: the report equals the event log', () => {
  it('generated at least 1.5 million tickets', () => {
    expect(issued).toBeGreaterThanOrEqual(1_500_000);
  });

  it('per day over the whole year, and the year total', () => {
    const report = hallReport(db, names, { from: '2025-01-01', to: '2025-12-31', by: 'day' }, Date.parse('2026-01-05T00:00:00Z'));
    // No ticket rejoins or is finished twice here: each of these counts is one event type's count.
    const fromLog = (n: Map<string, number>) => ({
      tickets: n.get('ticket_issued') ?? 0,
      served: n.get('service_finished') ?? 0,
      noShows: n.get('ticket_no_show') ?? 0,
      transfers: n.get('ticket_transferred') ?? 0,
      suspensions: n.get('ticket_suspended') ?? 0,
      called: (n.get('ticket_called') ?? 0) + (n.get('ticket_resumed') ?? 0) - (n.get('ticket_transferred') ?? 0) - (n.get('ticket_suspended') ?? 0),
    });
    const figure = (r: HallReportDTO['total']) => ({ tickets: r.tickets, served: r.served, noShows: r.noShows, transfers: r.transfers, suspensions: r.suspensions, called: r.wait.count });
    expect(new Map(report.rows.map((r) => [r.key, figure(r)]))).toEqual(new Map([...perDay].map(([day, n]) => [day, fromLog(n)])));
    expect(report.total.tickets).toBe(issued);
    expect(report.total.noShows).toBeGreaterThan(0);
    expect(report.total.transfers).toBeGreaterThan(0);
    expect(report.total.suspensions).toBeGreaterThan(0);
  });

  it('ratings by level for March: the 评价公示 computation against the rating_recorded events', () => {
    const report = hallReport(db, names, { ...MARCH, by: 'queue' }, Date.parse('2025-04-01T00:00:00Z'));
    expect(report.ratings.hall.levels).toEqual(RATING_LEVELS.map((l) => levels.get(l) ?? 0));
    expect(report.ratings.hall.notRated).toBe(levels.get('not_rated') ?? 0);
    expect(report.ratingTrend.reduce((a, d) => a + d.rated, 0)).toBe(report.ratings.hall.rated);
  });

  it.each(['queue', 'matter', 'counter', 'staff', 'hour', 'half_hour', 'day'] as const)('a month by %s', (by) => {
    const report = hallReport(db, names, { ...MARCH, by }, Date.parse('2025-04-01T00:00:00Z'));
    const keyOf = { queue: (t: Seen) => t.queue, matter: (t: Seen) => t.matter, counter: (t: Seen) => t.counter, staff: (t: Seen) => t.staff, hour: (t: Seen) => localHour(t.issuedAt, 480), half_hour: (t: Seen) => localHalfHour(t.issuedAt, 480), day: (t: Seen) => t.day }[by];
    expect(figures(report)).toEqual(expected(() => true, keyOf));
  });

  it('the month exported as XLSX and CSV reads back cell for cell', async () => {
    const report = hallReport(db, names, { ...MARCH, by: 'counter' }, Date.parse('2025-04-01T00:00:00Z'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(report)) as unknown as ExcelJS.Buffer); // exceljs types an older Buffer
    const sheet = book.getWorksheet('服务报表')!;
    const lines = [...report.rows, report.total].map(reportLine);
    lines.forEach((line, i) => {
      const cells = (sheet.getRow(i + 3).values as unknown[]).slice(1);
      expect(line.map((v, k) => cells[k] ?? null)).toEqual(line.map((v) => v));
    });
    expect(sheet.rowCount).toBe(lines.length + 2);
    const csv = reportCsv(report).replace(/^\ufeff/, '').trim().split('\r\n').slice(2);
    expect(csv).toEqual(lines.map((l) => l.map((v) => (v === null ? '' : String(v))).join(',')));
    const ratings = book.getWorksheet('满意度')!;
    expect((ratings.getRow(2).values as unknown[]).slice(2, 8)).toEqual([report.ratings.hall.rated, ...report.ratings.hall.levels]);
  });
});
