// The appointments the hall checks visitors in for (预约 / 签到): entered on the
// admin page, imported from a JSON or CSV list, or received from the central
// platform's downlink. SQLite table `appointments` (migration 0003).
// Contract:
//   - an ID number is never stored: only the sealer's keyed blind index; a
//     name only masked; both are cleared by purge() after the retention period;
//   - importRows() is all or nothing: every row is checked first, and one bad
//     row (with its line and reason) means nothing is stored;
//   - the status moves to checked_in only through the ticket_issued event's
//     commit (HallStore.persist); this store never marks it itself, so a
//     check-in and its ticket cannot disagree;
//   - upsertFromCentral never undoes a local check-in (a check-in done offline
//     is an event that stands, design/sync.md), nor a cancellation made here.
// Danger: rows and inputs carry personal data in clear on the way in; never
// log them.
import { randomUUID } from 'node:crypto';
import { serviceDayOf, type AppointmentSnapshot, type DayRule } from '../domain/index.js';
import type { Db } from '../store/db.js';
import { maskName } from '../identity/real-name.js';
import { validateIdNumber } from '../../drivers/idcard/index.js';
import type { Appointment as CentralAppointment } from '../../protocol/central/downlink/schemas.js';
import { newCode } from './codes.js';
import { DAY, localToEpoch } from './local-slot.js';
import type { AppointmentInput, RowProblem } from './rows.js';
import { AppointmentError, type AppointmentRecord, type AppointmentSource, type AppointmentStatus } from './types.js';

/** What the store needs of the identity sealer: the keyed blind index only (no decryption). */
export interface BlindIndexer {
  blindIndex(plain: string): string;
}

export interface AppointmentStoreOptions {
  dayRule: DayRule;
  /** The hall's matters (id and 事项编码). */
  matters: readonly { id: string; code: string }[];
  now: () => number;
  /** Why a slot cannot be booked (the hall calendar: rest days, weekend service's matters); null when it can. Absent: any slot. */
  slotProblem?: (matterId: string, slotStart: number, localText: string) => string | null;
  newId?: () => string;
  random?: (n: number) => Buffer;
}

interface Row {
  id: string;
  code: string;
  matter_id: string;
  service_day: string;
  slot_start: number;
  slot_end: number;
  id_hash: string | null;
  masked_name: string | null;
  status: AppointmentStatus;
  ticket_id: string | null;
  source: AppointmentSource;
  created_at: number;
  updated_at: number;
}

const fromRow = (r: Row): AppointmentRecord => ({
  id: r.id,
  code: r.code,
  matterId: r.matter_id,
  serviceDay: r.service_day,
  slotStart: r.slot_start,
  slotEnd: r.slot_end,
  idHash: r.id_hash,
  maskedName: r.masked_name,
  status: r.status,
  ticketId: r.ticket_id,
  source: r.source,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class AppointmentStore {
  private readonly matterById: Map<string, string>;
  private readonly matterByCode: Map<string, string>;
  private readonly newId: () => string;

  constructor(
    private readonly db: Db,
    private readonly sealer: BlindIndexer,
    private readonly options: AppointmentStoreOptions,
  ) {
    this.matterById = new Map(options.matters.map((m) => [m.id, m.code]));
    this.matterByCode = new Map(options.matters.map((m) => [m.code, m.id]));
    this.newId = options.newId ?? randomUUID;
  }

  /** The snapshot the engine's check_in command needs. */
  static snapshot(a: AppointmentRecord): AppointmentSnapshot {
    return { id: a.id, matterId: a.matterId, slotStart: a.slotStart, slotEnd: a.slotEnd, status: a.status };
  }

  /** One appointment entered on the admin page. Throws AppointmentError (invalid_appointment, code_taken). */
  create(input: AppointmentInput, source: AppointmentSource = 'local'): AppointmentRecord {
    return this.db.transaction(() => {
      const checked = this.check(input, 1, new Set());
      if ('problem' in checked) throw new AppointmentError(checked.taken ? 'code_taken' : 'invalid_appointment', checked.problem.message);
      return this.insert(checked.record, source);
    })();
  }

  /**
   * Many appointments at once: every row is checked before any is stored.
   * `earlier`: problems the parser already found (their rows are not in `rows`).
   * Throws AppointmentError('import_invalid') listing every bad row; nothing is stored then.
   */
  importRows(rows: readonly { line: number; input: AppointmentInput }[], earlier: readonly RowProblem[] = []): AppointmentRecord[] {
    return this.db.transaction(() => {
      const codes = new Set<string>();
      const problems: RowProblem[] = [...earlier];
      const ok: Omit<AppointmentRecord, 'source' | 'createdAt' | 'updatedAt' | 'status' | 'ticketId'>[] = [];
      for (const { line, input } of rows) {
        const checked = this.check(input, line, codes);
        if ('problem' in checked) problems.push(checked.problem);
        else {
          codes.add(checked.record.code);
          ok.push(checked.record);
        }
      }
      if (problems.length) {
        problems.sort((a, b) => a.line - b.line);
        throw new AppointmentError('import_invalid', `${problems.length} problem(s) in the list; nothing was imported`, problems);
      }
      if (rows.length === 0) throw new AppointmentError('import_invalid', 'the list has no appointments', [{ line: 0, message: 'no appointments in the list' }]);
      return ok.map((r) => this.insert(r, 'import'));
    })();
  }

  cancel(id: string): AppointmentRecord {
    return this.db.transaction(() => {
      const a = this.byId(id);
      if (!a) throw new AppointmentError('not_found', `no appointment "${id}"`);
      if (a.status === 'checked_in') throw new AppointmentError('already_checked_in', `appointment ${a.code} is already checked in; it cannot be cancelled`);
      if (a.status === 'cancelled') return a;
      this.db.prepare("UPDATE appointments SET status = 'cancelled', updated_at = ? WHERE id = ?").run(this.options.now(), id);
      return this.byId(id)!;
    })();
  }

  byId(id: string): AppointmentRecord | null {
    const r = this.db.prepare('SELECT * FROM appointments WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  byCode(code: string): AppointmentRecord | null {
    const r = this.db.prepare('SELECT * FROM appointments WHERE code = ?').get(code) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** How many appointments not cancelled start at `slotStart` (spreads the kiosk's next-day bookings). */
  countStartingAt(slotStart: number): number {
    return this.db.prepare("SELECT count(*) FROM appointments WHERE slot_start = ? AND status != 'cancelled'").pluck().get(slotStart) as number;
  }

  /** Every appointment of a service day, by slot. */
  listDay(serviceDay: string): AppointmentRecord[] {
    return (this.db.prepare('SELECT * FROM appointments WHERE service_day = ? ORDER BY slot_start, code').all(serviceDay) as Row[]).map(fromRow);
  }

  /** The appointments of `serviceDay` booked with this ID number (found through its blind index). */
  byIdNumber(idNumber: string, serviceDay: string): AppointmentRecord[] {
    const hash = this.sealer.blindIndex(idNumber.trim().toUpperCase());
    return (this.db.prepare('SELECT * FROM appointments WHERE id_hash = ? AND service_day = ? ORDER BY slot_start').all(hash, serviceDay) as Row[]).map(fromRow);
  }

  /**
   * Clears the blind index and masked name of appointments whose service day is
   * `retentionDays` or more before today. Returns how many rows it cleared.
   */
  purge(now: number, retentionDays: number): number {
    const cutoff = serviceDayOf(now - retentionDays * DAY, this.options.dayRule);
    return this.db
      .prepare('UPDATE appointments SET id_hash = NULL, masked_name = NULL, updated_at = ? WHERE service_day <= ? AND (id_hash IS NOT NULL OR masked_name IS NOT NULL)')
      .run(now, cutoff).changes;
  }

  /**
   * Appointments from the central platform (downlink dataset "appointments"; for a
   * day: DatasetReader.appointmentsOn(day)). Inserted or updated by id with source
   * "central". A local check-in is never undone; an item for a matter this hall does
   * not offer, or whose code another appointment already uses, is skipped with a reason.
   * Central's idHash is keyed by central, not by this hall's sealer, so it is not
   * kept: card check-in works for central appointments once the hash key is shared.
   */
  upsertFromCentral(items: readonly CentralAppointment[]): { upserted: number; skipped: { id: string; reason: string }[] } {
    const skipped: { id: string; reason: string }[] = [];
    let upserted = 0;
    this.db.transaction(() => {
      const now = this.options.now();
      for (const item of items) {
        const matterId = this.matterByCode.get(item.matterCode);
        if (!matterId) {
          skipped.push({ id: item.id, reason: `this hall offers no matter with code ${item.matterCode}` });
          continue;
        }
        const holder = this.byCode(item.appointmentCode);
        if (holder && holder.id !== item.id) {
          skipped.push({ id: item.id, reason: `code ${item.appointmentCode} already belongs to another appointment` });
          continue;
        }
        const existing = this.byId(item.id);
        if (existing && existing.source !== 'central') {
          skipped.push({ id: item.id, reason: 'a local appointment has the same id' });
          continue;
        }
        const serviceDay = serviceDayOf(item.slotStart, this.options.dayRule);
        if (!existing) {
          this.db
            .prepare(
              `INSERT INTO appointments (id, code, matter_id, service_day, slot_start, slot_end, id_hash, masked_name, status, ticket_id, source, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, 'central', ?, ?)`,
            )
            .run(item.id, item.appointmentCode, matterId, serviceDay, item.slotStart, item.slotEnd, item.applicantName, item.status, now, now);
        } else if (existing.status === 'cancelled' && item.status !== 'cancelled') {
          // Cancelled here (at the visitor's request, or withdrawn by central earlier): the cancellation stands.
          skipped.push({ id: item.id, reason: 'cancelled here; the cancellation stands' });
          continue;
        } else if (existing.status !== 'checked_in') {
          this.db
            .prepare('UPDATE appointments SET code = ?, matter_id = ?, service_day = ?, slot_start = ?, slot_end = ?, masked_name = ?, status = ?, updated_at = ? WHERE id = ?')
            .run(item.appointmentCode, matterId, serviceDay, item.slotStart, item.slotEnd, item.applicantName, item.status, now, item.id);
        } else {
          skipped.push({ id: item.id, reason: 'already checked in here; the check-in stands' });
          continue;
        }
        upserted++;
      }
    })();
    return { upserted, skipped };
  }

  /** Checks one input against the hall; `taken`: codes used earlier in the same batch. */
  private check(
    input: AppointmentInput,
    line: number,
    taken: Set<string>,
  ): { record: Omit<AppointmentRecord, 'source' | 'createdAt' | 'updatedAt' | 'status' | 'ticketId'> } | { problem: RowProblem; taken?: boolean } {
    const fail = (message: string, codeTaken = false) => ({ problem: { line, message }, taken: codeTaken });
    const matterId = input.matterId ?? this.matterByCode.get(input.matterCode!);
    if (!matterId || !this.matterById.has(matterId)) {
      return fail(input.matterId ? `this hall offers no matter "${input.matterId}"` : `this hall offers no matter with code ${input.matterCode}`);
    }
    if (input.matterId && input.matterCode && this.matterById.get(input.matterId) !== input.matterCode) {
      return fail(`matter "${input.matterId}" has code ${this.matterById.get(input.matterId)}, not ${input.matterCode}`);
    }
    const offset = this.options.dayRule.utcOffsetMinutes;
    const slotStart = localToEpoch(input.date, input.start, offset);
    const slotEnd = localToEpoch(input.date, input.end, offset);
    if (slotStart === null || slotEnd === null) return fail(`${input.date} is not a real date`);
    if (slotEnd <= this.options.now()) return fail(`the slot ${input.date} ${input.start}–${input.end} is already over`);
    const refused = this.options.slotProblem?.(matterId, slotStart, `${input.date} ${input.start}`);
    if (refused) return fail(refused);
    let idHash: string | null = null;
    if (input.idNumber) {
      const v = validateIdNumber(input.idNumber);
      // The reason only, never the number itself.
      if (!v.ok) return fail(`idNumber is not a valid ID number (${v.reason})`);
      idHash = this.sealer.blindIndex(v.idNumber);
    }
    let code = input.code;
    if (code) {
      if (taken.has(code) || this.byCode(code)) return fail(`code ${code} is already used by another appointment`, true);
    } else {
      do code = newCode(this.options.random);
      while (taken.has(code) || this.byCode(code));
    }
    return {
      record: {
        id: this.newId(),
        code,
        matterId,
        serviceDay: serviceDayOf(slotStart, this.options.dayRule),
        slotStart,
        slotEnd,
        idHash,
        maskedName: input.name ? maskName(input.name) : null,
      },
    };
  }

  private insert(r: Omit<AppointmentRecord, 'source' | 'createdAt' | 'updatedAt' | 'status' | 'ticketId'>, source: AppointmentSource): AppointmentRecord {
    const now = this.options.now();
    this.db
      .prepare(
        `INSERT INTO appointments (id, code, matter_id, service_day, slot_start, slot_end, id_hash, masked_name, status, ticket_id, source, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked', NULL, ?, ?, ?)`,
      )
      .run(r.id, r.code, r.matterId, r.serviceDay, r.slotStart, r.slotEnd, r.idHash, r.maskedName, source, now, now);
    return { ...r, status: 'booked', ticketId: null, source, createdAt: now, updatedAt: now };
  }
}
