// Cases (办件) at the hall, kept across service days (docs/service-records.md):
//   - 首问负责: a case is opened by the counter first asked and owned by it until it is handed
//     over; only the owner hands over or completes it, and every hand-over is recorded;
//   - 容缺受理 over days: accepted on a written promise (what is missing, by when); the visitor
//     brings the materials to ANY counter (found by case code or ticket number); not brought by
//     the date, the application counts as withdrawn (000 第二十四条) — a timer does it;
//   - 限时办结: once accepted, the matter's promised time limit (承诺办结时限, from the catalog)
//     runs; a case is flagged `warning` when it ends within the hall's window.
// Contract: every change writes its row and appends its event in one transaction
// (HallRuntime.recordWith); refusals are ApiErrors (409 with a code) and change nothing.
import type { Db } from '../store/db.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { ServiceRecordEvent, DayRule } from '../domain/index.js';
import type { HallCalendar } from '../domain/calendar/index.js';
import { limitState, promisedDueAt, workingDaysDeadline, type PromisedLimit } from '../domain/service-deadlines.js';
import type { CaseDTO, CaseHandoverDTO } from '../api/service-records-dto.js';
import { ApiError } from '../api/http.js';
import { RecordTimer, nextCode } from './record-support.js';

interface CaseRow {
  id: string;
  code: string;
  service_day: string;
  ticket_id: string | null;
  ticket_number: string | null;
  matter_id: string;
  status: CaseDTO['status'];
  first_counter_id: string;
  owner_counter_id: string;
  owner_staff_id: string | null;
  question: string;
  missing: string;
  materials_due_at: number | null;
  promised_value: number | null;
  promised_unit: PromisedLimit['unit'] | null;
  accepted_at: number | null;
  due_at: number | null;
  completed_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface CaseBookOptions {
  calendar: HallCalendar | null;
  dayRule: DayRule;
  warnBeforeHours: number;
  maxPendingWorkingDays: number;
  defaultPendingWorkingDays: number;
  /** The matter's promised limit from the catalog (承诺办结时限), or null when no guide gives one. */
  promisedLimitOf(matterId: string): PromisedLimit | null;
  matterName(matterId: string): string;
  counterNumber(counterId: string): number | null;
}

/** Who acts: a counter and its signed-in staff member. */
export interface CounterActor {
  counterId: string;
  staffId: string | null;
}

const FINAL = new Set<CaseDTO['status']>(['completed', 'withdrawn']);

export class CaseBook {
  private readonly timer: RecordTimer;

  constructor(
    private readonly db: Db,
    private readonly runtime: HallRuntime,
    private readonly options: CaseBookOptions,
  ) {
    this.timer = new RecordTimer(runtime.timers, () => this.nextMaterialsDue(), () => this.withdrawOverdue());
  }

  /** Withdraws what is already overdue and arms the timer for the next promise date. */
  start(): void {
    this.timer.fire();
  }

  stop(): void {
    this.timer.stop();
  }

  private now(): number {
    return this.runtime.timers.now();
  }

  private row(id: string): CaseRow {
    const row = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
    if (!row) throw new ApiError(404, 'not_found', `no case "${id}"`);
    return row;
  }

  get(id: string): CaseDTO {
    return this.toDto(this.row(id));
  }

  /** 首问负责: the counter first asked opens the case and owns it. */
  open(actor: CounterActor, input: { question: string; matterId: string; ticketId: string | null; ticketNumber: string | null }): CaseDTO {
    const now = this.now();
    const day = this.runtime.state.serviceDay;
    const id = this.runtime.newId();
    const code = nextCode(this.db, 'cases', day);
    const event: ServiceRecordEvent = { type: 'case_opened', caseId: id, code, ticketId: input.ticketId, number: input.ticketNumber, matterId: input.matterId, counterId: actor.counterId, staffId: actor.staffId };
    this.runtime.recordWith([event], () => {
      this.db
        .prepare(
          `INSERT INTO cases (id, code, service_day, ticket_id, ticket_number, matter_id, status, first_counter_id, owner_counter_id, owner_staff_id, question, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, code, day, input.ticketId, input.ticketNumber, input.matterId, actor.counterId, actor.counterId, actor.staffId, input.question, now, now);
    });
    return this.get(id);
  }

  private ownedBy(row: CaseRow, actor: CounterActor, what: string): void {
    if (row.owner_counter_id !== actor.counterId) {
      throw new ApiError(409, 'not_case_owner', `case ${row.code} is owned by counter ${this.options.counterNumber(row.owner_counter_id) ?? row.owner_counter_id} (首问负责): only it may ${what}; ask it to hand the case over`);
    }
  }

  private notFinal(row: CaseRow): void {
    if (FINAL.has(row.status)) throw new ApiError(409, 'case_closed', `case ${row.code} is ${row.status}`);
  }

  handOver(id: string, actor: CounterActor, toCounterId: string, note: string): CaseDTO {
    const row = this.row(id);
    this.notFinal(row);
    this.ownedBy(row, actor, 'hand it over');
    if (toCounterId === actor.counterId) throw new ApiError(409, 'same_counter', 'the case is already owned by this counter');
    if (this.options.counterNumber(toCounterId) === null) throw new ApiError(404, 'not_found', `no counter "${toCounterId}"`);
    const now = this.now();
    this.runtime.recordWith([{ type: 'case_handed_over', caseId: id, code: row.code, fromCounterId: actor.counterId, toCounterId, staffId: actor.staffId }], () => {
      this.db.prepare('UPDATE cases SET owner_counter_id = ?, owner_staff_id = NULL, updated_at = ? WHERE id = ?').run(toCounterId, now, id);
      this.db.prepare('INSERT INTO case_handovers (case_id, from_counter_id, to_counter_id, staff_id, note, at) VALUES (?, ?, ?, ?, ?, ?)').run(id, actor.counterId, toCounterId, actor.staffId, note, now);
    });
    return this.get(id);
  }

  /** 容缺受理: accept on a written promise that `missing` comes within `workingDays`. */
  acceptPending(id: string, actor: CounterActor, missing: string[], workingDays: number | undefined): CaseDTO {
    const row = this.row(id);
    if (row.status !== 'open') throw new ApiError(409, 'case_not_open', `case ${row.code} is ${row.status}: a promise is written when the case is first accepted`);
    this.ownedBy(row, actor, 'accept it');
    const days = workingDays ?? this.options.defaultPendingWorkingDays;
    if (days > this.options.maxPendingWorkingDays) {
      throw new ApiError(409, 'promise_too_long', `at most ${this.options.maxPendingWorkingDays} working days may be given (the hall's setting), not ${days}`, { maxWorkingDays: this.options.maxPendingWorkingDays });
    }
    const now = this.now();
    const dueAt = workingDaysDeadline(now, days, this.options.calendar, this.options.dayRule);
    this.runtime.recordWith([{ type: 'case_pending_materials', caseId: id, code: row.code, counterId: actor.counterId, staffId: actor.staffId, missingCount: missing.length, materialsDueAt: dueAt }], () => {
      this.db.prepare("UPDATE cases SET status = 'pending_materials', missing = ?, materials_due_at = ?, updated_at = ? WHERE id = ?").run(JSON.stringify(missing), dueAt, now, id);
    });
    this.timer.rearm();
    return this.get(id);
  }

  /** The visitor brought what was missing, at any counter: the case is accepted and its time limit starts. */
  supplyMaterials(id: string, actor: CounterActor): CaseDTO {
    const row = this.row(id);
    if (row.status !== 'pending_materials') throw new ApiError(409, 'case_not_pending', `case ${row.code} is ${row.status}: nothing is awaited`);
    if (row.materials_due_at !== null && this.now() >= row.materials_due_at) {
      // The timer may not have run yet (the hall was off): the rule stands all the same.
      this.withdrawOverdue();
      throw new ApiError(409, 'case_withdrawn', `case ${row.code} was due by its promise date and counts as withdrawn (视为撤回)`);
    }
    const events: ServiceRecordEvent[] = [{ type: 'case_materials_supplied', caseId: id, code: row.code, counterId: actor.counterId, staffId: actor.staffId }];
    return this.acceptNow(row, actor, events);
  }

  /** Accepted with complete materials. */
  accept(id: string, actor: CounterActor): CaseDTO {
    const row = this.row(id);
    if (row.status !== 'open') throw new ApiError(409, 'case_not_open', `case ${row.code} is ${row.status}`);
    this.ownedBy(row, actor, 'accept it');
    return this.acceptNow(row, actor, []);
  }

  private acceptNow(row: CaseRow, actor: CounterActor, before: ServiceRecordEvent[]): CaseDTO {
    const now = this.now();
    const limit = this.options.promisedLimitOf(row.matter_id);
    const dueAt = limit ? promisedDueAt(limit, now, this.options.calendar, this.options.dayRule) : null;
    const events: ServiceRecordEvent[] = [...before, { type: 'case_accepted', caseId: row.id, code: row.code, counterId: actor.counterId, matterId: row.matter_id, acceptedAt: now, dueAt }];
    this.runtime.recordWith(events, () => {
      this.db
        .prepare("UPDATE cases SET status = 'accepted', accepted_at = ?, due_at = ?, promised_value = ?, promised_unit = ?, updated_at = ? WHERE id = ?")
        .run(now, dueAt, limit?.value ?? null, limit?.unit ?? null, now, row.id);
    });
    this.timer.rearm();
    return this.get(row.id);
  }

  /** 办结: by the owner only. */
  complete(id: string, actor: CounterActor): CaseDTO {
    const row = this.row(id);
    this.notFinal(row);
    if (row.status !== 'accepted' && row.status !== 'open') throw new ApiError(409, 'case_not_accepted', `case ${row.code} is ${row.status}: the missing materials come first`);
    this.ownedBy(row, actor, 'complete it');
    const now = this.now();
    const overdue = row.due_at !== null && now >= row.due_at;
    this.runtime.recordWith([{ type: 'case_completed', caseId: id, code: row.code, counterId: actor.counterId, staffId: actor.staffId, overdue }], () => {
      this.db.prepare("UPDATE cases SET status = 'completed', completed_at = ?, updated_at = ? WHERE id = ?").run(now, now, id);
    });
    return this.get(id);
  }

  /** By case code ("261207-003") or by ticket number ("A012", newest first); most recent 20. */
  find(query: string): CaseDTO[] {
    const q = query.trim().toUpperCase().replace(/\s+/g, '');
    const byCode = this.db.prepare('SELECT * FROM cases WHERE code = ?').all(q) as CaseRow[];
    if (byCode.length) return byCode.map((r) => this.toDto(r));
    const m = /^([A-Z]{1,4})0*(\d{1,5})$/.exec(q);
    if (!m) return [];
    const rows = this.db.prepare('SELECT * FROM cases WHERE ticket_number IS NOT NULL ORDER BY created_at DESC LIMIT 2000').all() as CaseRow[];
    const same = (n: string) => {
      const t = /^([A-Z]{1,4})0*(\d{1,5})$/.exec(n.toUpperCase());
      return t !== null && t[1] === m[1] && t[2] === m[2];
    };
    return rows.filter((r) => same(r.ticket_number!)).slice(0, 20).map((r) => this.toDto(r));
  }

  /** Every case not closed, and those closed on `sinceDay` or later; `ownerCounterId` narrows to one counter's. */
  list(filter: { ownerCounterId?: string; closedSince?: number } = {}): CaseDTO[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM cases WHERE (status NOT IN ('completed', 'withdrawn') OR updated_at >= ?) ${filter.ownerCounterId ? 'AND owner_counter_id = ?' : ''} ORDER BY COALESCE(due_at, materials_due_at, created_at), created_at`,
      )
      .all(...[filter.closedSince ?? Number.MAX_SAFE_INTEGER, ...(filter.ownerCounterId ? [filter.ownerCounterId] : [])]) as CaseRow[];
    return rows.map((r) => this.toDto(r));
  }

  private nextMaterialsDue(): number | null {
    return this.db.prepare("SELECT MIN(materials_due_at) FROM cases WHERE status = 'pending_materials'").pluck().get() as number | null;
  }

  /** 逾期未补正视为撤回: every pending case past its promise date. */
  withdrawOverdue(): void {
    const now = this.now();
    const due = this.db.prepare("SELECT * FROM cases WHERE status = 'pending_materials' AND materials_due_at <= ?").all(now) as CaseRow[];
    if (!due.length) return;
    this.runtime.recordWith(
      due.map((r) => ({ type: 'case_withdrawn', caseId: r.id, code: r.code, reason: 'materials_overdue' }) as const),
      () => {
        for (const r of due) this.db.prepare("UPDATE cases SET status = 'withdrawn', updated_at = ? WHERE id = ?").run(now, r.id);
      },
    );
  }

  private toDto(r: CaseRow): CaseDTO {
    const handovers = (this.db.prepare('SELECT * FROM case_handovers WHERE case_id = ? ORDER BY seq').all(r.id) as { from_counter_id: string; to_counter_id: string; staff_id: string | null; note: string; at: number }[]).map(
      (h): CaseHandoverDTO => ({ fromCounterId: h.from_counter_id, toCounterId: h.to_counter_id, staffId: h.staff_id, note: h.note, at: h.at }),
    );
    const running = r.status === 'accepted' && r.due_at !== null;
    return {
      id: r.id,
      code: r.code,
      serviceDay: r.service_day,
      ticketNumber: r.ticket_number,
      matterId: r.matter_id,
      matterName: this.options.matterName(r.matter_id),
      status: r.status,
      firstCounterId: r.first_counter_id,
      ownerCounterId: r.owner_counter_id,
      ownerCounterNumber: this.options.counterNumber(r.owner_counter_id),
      question: r.question,
      missing: JSON.parse(r.missing) as string[],
      materialsDueAt: r.materials_due_at,
      promised: r.promised_value !== null && r.promised_unit !== null ? { value: r.promised_value, unit: r.promised_unit } : null,
      acceptedAt: r.accepted_at,
      dueAt: r.due_at,
      limitState: running ? limitState(r.due_at!, this.now(), this.options.warnBeforeHours * 3_600_000) : r.status === 'pending_materials' ? limitState(r.materials_due_at!, this.now(), this.options.warnBeforeHours * 3_600_000) : null,
      completedAt: r.completed_at,
      createdAt: r.created_at,
      handovers,
    };
  }
}
