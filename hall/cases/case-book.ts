// 差评 follow-up cases (issue 15, docs/bad-rating-cases.md): a bad rating (the two lowest
// levels) opens a case; 回访 recorded (who, how, what the visitor said) → 整改 or 解释说明 →
// reviewed and closed by a manager; or 申诉复核: the counter disputes the rating with the hall's
// own record as evidence, and a manager upholds (closed, the rating excluded) or rejects it.
// Contract:
//   - one case per rating (UNIQUE rating_id): opening is idempotent, so a rating seen twice
//     (the event listener and the catch-up at start) opens one case;
//   - every change writes its row and appends its event in one transaction
//     (HallRuntime.recordWith), so central receives each step exactly once through the uplink;
//   - refusals are ApiErrors (409 with a code, 403 for the wrong person) and change nothing;
//   - each deadline is warned once before and escalated once after it (a timer, time injected).
// Personal data: the visitor's contact is sealed (identity.key), readable only by the staff member
// named for the 回访, and deleted at closure or with the ticket's identity (realName.retentionDays).
import type { Db } from '../store/db.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { IdentitySealer } from '../identity/sealer.js';
import { serviceDayStart } from '../identity/real-name.js';
import { addDays } from '../domain/calendar/index.js';
import { type BadRatingCaseEvent, type BadRatingCaseStatus, type BadRatingLevel, type BadRatingStage, type DayRule, type RevisitMethod } from '../domain/index.js';
import type { HallCalendar } from '../domain/calendar/index.js';
import type { BadRatingCasesConfig } from '../config/bad-rating-cases-schema.js';
import { ApiError } from '../api/http.js';
import { ratingFromRow } from '../store/hall-store.js';
import { RecordTimer } from '../records/record-support.js';
import type { BadRatingCaseDTO, EvidenceItemDTO } from '../api/bad-rating-cases-dto.js';
import { caseDeadlines, stageState } from './deadlines.js';
import { evidenceOf } from './evidence.js';

export const BAD_LEVELS: ReadonlySet<string> = new Set<BadRatingLevel>(['dissatisfied', 'very_dissatisfied']);

export interface CaseRow {
  id: string;
  code: string;
  rating_id: string;
  ticket_id: string;
  ticket_number: string | null;
  service_day: string;
  matter_id: string;
  counter_id: string;
  staff_id: string | null;
  level: BadRatingLevel;
  source: string;
  rated_at: number;
  real_name: number;
  reason_tags: string;
  status: BadRatingCaseStatus;
  revisit_due_at: number;
  rectify_due_at: number;
  assignee_staff_id: string | null;
  contact_sealed: Buffer | null;
  contact_purge_after: number | null;
  revisit_staff_id: string | null;
  revisit_method: RevisitMethod | null;
  revisit_note: string | null;
  revisited_at: number | null;
  resolution: 'rectified' | 'explained' | null;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: number | null;
  appeal_from: BadRatingCaseStatus | null;
  appeal_reason: string | null;
  appeal_evidence: string | null;
  appealed_by: string | null;
  appealed_at: number | null;
  appeal_decision_note: string | null;
  outcome: 'resolved' | 'appeal_upheld' | null;
  review_note: string | null;
  closed_by: string | null;
  closed_at: number | null;
  revisit_warned_at: number | null;
  revisit_escalated_at: number | null;
  rectify_warned_at: number | null;
  rectify_escalated_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface BadRatingCaseBookOptions {
  settings: BadRatingCasesConfig;
  calendar: HallCalendar | null;
  dayRule: DayRule;
  /** realName.retentionDays: the contact is deleted with the ticket's identity. */
  retentionDays: number;
  /** The reason tags offered now: central's published indicators for bad levels, else the hall's setting. */
  reasonTags(): { code: string; label: string }[];
  matterName(id: string): string;
  counterNumber(id: string): number | null;
  staffName(id: string): string | null;
}

const HOUR = 3_600_000;

export class BadRatingCaseBook {
  private readonly timer: RecordTimer;

  constructor(
    private readonly db: Db,
    private readonly runtime: HallRuntime,
    private readonly sealer: IdentitySealer,
    private readonly options: BadRatingCaseBookOptions,
  ) {
    this.timer = new RecordTimer(runtime.timers, () => this.nextStageDue(), () => this.stampDue());
  }

  /** Opens cases for bad ratings that have none (a crash between the rating and its case), purges contacts, arms the timer. */
  start(): void {
    const missing = this.db
      .prepare(`SELECT r.id FROM ratings r LEFT JOIN bad_rating_cases c ON c.rating_id = r.id WHERE r.outcome IN ('dissatisfied', 'very_dissatisfied') AND c.id IS NULL`)
      .pluck()
      .all() as string[];
    for (const ratingId of missing) this.openForRating(ratingId);
    this.purgeContacts();
    this.timer.fire();
  }

  stop(): void {
    this.timer.stop();
  }

  private now(): number {
    return this.runtime.timers.now();
  }

  private warnMs(): number {
    return this.options.settings.warnBeforeHours * HOUR;
  }

  row(id: string): CaseRow {
    const row = this.db.prepare('SELECT * FROM bad_rating_cases WHERE id = ?').get(id) as CaseRow | undefined;
    if (!row) throw new ApiError(404, 'not_found', `no 差评 case "${id}"`);
    return row;
  }

  get(id: string): BadRatingCaseDTO {
    return this.toDto(this.row(id));
  }

  /** Open cases, and those closed since `closedSince`, newest first. */
  list(closedSince: number): BadRatingCaseDTO[] {
    const rows = this.db.prepare("SELECT * FROM bad_rating_cases WHERE status <> 'closed' OR closed_at >= ? ORDER BY rated_at DESC").all(closedSince) as CaseRow[];
    return rows.map((r) => this.toDto(r));
  }

  /** The case of a rating, or null. */
  ofRating(ratingId: string): CaseRow | null {
    return (this.db.prepare('SELECT * FROM bad_rating_cases WHERE rating_id = ?').get(ratingId) as CaseRow | undefined) ?? null;
  }

  /**
   * Opens the case of a bad rating (idempotent: an existing case is returned as is). Null when the
   * rating is not bad (or not recorded). The deadlines are the hall's settings at this moment.
   */
  openForRating(ratingId: string, reasonTags: string[] = []): CaseRow | null {
    const existing = this.ofRating(ratingId);
    if (existing) return existing;
    const row = this.db.prepare('SELECT * FROM ratings WHERE id = ?').get(ratingId) as (Parameters<typeof ratingFromRow>[0] & { service_day: string }) | undefined;
    if (!row) return null;
    const r = ratingFromRow(row);
    const ratedAt = r.ratedAt;
    if (!r.outcome || !BAD_LEVELS.has(r.outcome) || ratedAt === null) return null;
    const serviceDay = row.service_day;
    const ticket = this.db.prepare('SELECT number FROM tickets WHERE id = ?').pluck().get(r.ticketId) as string | undefined;
    const realName = (this.db.prepare('SELECT COUNT(*) FROM ticket_identities WHERE ticket_id = ?').pluck().get(r.ticketId) as number) > 0;
    const { revisitDueAt, rectifyDueAt } = caseDeadlines(ratedAt, realName, this.options.settings, this.options.calendar, this.options.dayRule);
    const id = this.runtime.newId();
    const code = this.nextCode(serviceDay);
    const now = this.now();
    const level = r.outcome as BadRatingLevel;
    const event: BadRatingCaseEvent = {
      type: 'bad_rating_case_opened',
      caseId: id,
      code,
      ratingId,
      ticketId: r.ticketId,
      number: ticket ?? null,
      matterId: r.matterId,
      counterId: r.counterId,
      staffId: r.staffId,
      level,
      ratedAt,
      realName,
      reasonTags,
      revisitDueAt,
      rectifyDueAt,
    };
    this.runtime.recordWith([event], () => {
      this.db
        .prepare(
          `INSERT INTO bad_rating_cases (id, code, rating_id, ticket_id, ticket_number, service_day, matter_id, counter_id, staff_id, level, source, rated_at, real_name, reason_tags, status, revisit_due_at, rectify_due_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'opened', ?, ?, ?, ?)`,
        )
        .run(id, code, ratingId, r.ticketId, ticket ?? null, serviceDay, r.matterId, r.counterId, r.staffId, level, r.source ?? 'unknown', ratedAt, realName ? 1 : 0, JSON.stringify(reasonTags), revisitDueAt, rectifyDueAt, now, now);
    });
    this.timer.rearm();
    return this.ofRating(ratingId);
  }

  /** "B261207-003": the service day and the case's rank that day. */
  private nextCode(serviceDay: string): string {
    const day = serviceDay.slice(2).replace(/-/g, '');
    const count = this.db.prepare('SELECT COUNT(*) FROM bad_rating_cases WHERE code LIKE ?').pluck().get(`B${day}-%`) as number;
    return `B${day}-${String(count + 1).padStart(3, '0')}`;
  }

  /**
   * The visitor's reason tags (and optional phone) after a bad rating, within the tag window.
   * Unknown tag codes are refused (409 unknown_tag), nothing stored.
   */
  tag(ratingId: string, tags: string[], phone: string | undefined): BadRatingCaseDTO {
    const known = new Set(this.options.reasonTags().map((t) => t.code));
    const unknown = tags.find((t) => !known.has(t));
    if (unknown !== undefined) throw new ApiError(409, 'unknown_tag', `"${unknown}" is not one of the hall's reason tags`);
    const row = this.ofRating(ratingId) ?? this.openForRating(ratingId);
    if (!row) throw new ApiError(409, 'not_bad_rating', 'reason tags are asked only after a bad rating');
    if (this.now() > row.rated_at + this.options.settings.tagWindowSeconds * 1000) throw new ApiError(409, 'tag_window_passed', 'the time to give reasons for this rating has passed');
    const merged = [...new Set([...(JSON.parse(row.reason_tags) as string[]), ...tags])];
    this.runtime.recordWith([{ type: 'bad_rating_case_tagged', caseId: row.id, ratingId, reasonTags: merged }], () => {
      this.db.prepare('UPDATE bad_rating_cases SET reason_tags = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(merged), this.now(), row.id);
      if (phone) this.storeContact(row, phone);
    });
    return this.get(row.id);
  }

  private storeContact(row: CaseRow, phone: string): void {
    const purgeAfter = serviceDayStart(addDays(row.service_day, this.options.retentionDays + 1), this.options.dayRule);
    this.db.prepare('UPDATE bad_rating_cases SET contact_sealed = ?, contact_purge_after = ? WHERE id = ?').run(this.sealer.seal(JSON.stringify({ phone })), purgeAfter, row.id);
  }

  private notClosed(row: CaseRow): void {
    if (row.status === 'closed') throw new ApiError(409, 'case_closed', `case ${row.code} is closed`);
  }

  private expect(row: CaseRow, allowed: BadRatingCaseStatus[], what: string): void {
    this.notClosed(row);
    if (!allowed.includes(row.status)) throw new ApiError(409, 'wrong_state', `case ${row.code} is ${row.status}: ${what}`, { status: row.status });
  }

  private change(row: CaseRow, events: BadRatingCaseEvent[], sql: string, ...args: unknown[]): BadRatingCaseDTO {
    this.runtime.recordWith(events, () => {
      this.db.prepare(`UPDATE bad_rating_cases SET ${sql}, updated_at = ? WHERE id = ?`).run(...args, this.now(), row.id);
    });
    this.timer.rearm();
    return this.get(row.id);
  }

  /** The manager names who does the 回访 (optionally with a phone for it). */
  assign(id: string, managerId: string, staffId: string, phone: string | undefined): BadRatingCaseDTO {
    const row = this.row(id);
    this.notClosed(row);
    if (this.options.staffName(staffId) === null) throw new ApiError(404, 'not_found', `no staff member "${staffId}"`);
    this.runtime.recordWith([{ type: 'bad_rating_case_assigned', caseId: id, staffId, assignedBy: managerId }], () => {
      this.db.prepare('UPDATE bad_rating_cases SET assignee_staff_id = ?, updated_at = ? WHERE id = ?').run(staffId, this.now(), id);
      if (phone) this.storeContact(row, phone);
    });
    return this.get(id);
  }

  /** The visitor's phone, for the staff member named for the 回访 only (403 for anyone else). */
  contact(id: string, staffId: string): { phone: string } {
    const row = this.row(id);
    if (row.assignee_staff_id !== staffId) throw new ApiError(403, 'not_assignee', 'only the staff member named for the 回访 sees the visitor\'s contact');
    if (!row.contact_sealed) throw new ApiError(404, 'no_contact', `case ${row.code} has no contact on file`);
    return JSON.parse(this.sealer.open(row.contact_sealed)) as { phone: string };
  }

  /** 回访核实 recorded: who, how, what the visitor said. Only the named staff member when one is named. */
  recordRevisit(id: string, staffId: string, method: RevisitMethod, visitorSaid: string): BadRatingCaseDTO {
    const row = this.row(id);
    this.expect(row, ['opened'], 'the 回访 is recorded once, before 整改');
    if (row.assignee_staff_id !== null && row.assignee_staff_id !== staffId) throw new ApiError(403, 'not_assignee', 'the 回访 of this case is named to another staff member');
    const now = this.now();
    const late = now > row.revisit_due_at;
    return this.change(row, [{ type: 'bad_rating_case_revisited', caseId: id, staffId, method, late }], "status = 'revisited', revisit_staff_id = ?, revisit_method = ?, revisit_note = ?, revisited_at = ?", staffId, method, visitorSaid, now);
  }

  /** 整改 done, or 解释说明 of an unreasonable claim, after the 回访. */
  resolve(id: string, staffId: string, kind: 'rectified' | 'explained', note: string): BadRatingCaseDTO {
    const row = this.row(id);
    this.expect(row, ['revisited'], 'record the 回访 first');
    return this.change(row, [{ type: 'bad_rating_case_resolved', caseId: id, staffId, resolution: kind }], 'status = ?, resolution = ?, resolution_note = ?, resolved_by = ?, resolved_at = ?', kind, kind, note, staffId, this.now());
  }

  /** The manager's review: approved closes the case (its contact deleted); not approved returns it to revisited. */
  review(id: string, managerId: string, approve: boolean, note: string): BadRatingCaseDTO {
    const row = this.row(id);
    this.expect(row, ['rectified', 'explained'], 'a case is reviewed after its 整改 or 解释说明');
    if (!approve) {
      return this.change(row, [{ type: 'bad_rating_case_returned', caseId: id, staffId: managerId }], "status = 'revisited', review_note = ?, resolution = NULL, resolution_note = NULL, resolved_by = NULL, resolved_at = NULL", note);
    }
    return this.close(row, managerId, 'resolved', note);
  }

  private close(row: CaseRow, managerId: string, outcome: 'resolved' | 'appeal_upheld', note: string, before: BadRatingCaseEvent[] = []): BadRatingCaseDTO {
    const now = this.now();
    const closed: BadRatingCaseEvent = { type: 'bad_rating_case_closed', caseId: row.id, ratingId: row.rating_id, staffId: managerId, outcome, late: now > row.rectify_due_at };
    const noteColumn = outcome === 'resolved' ? 'review_note' : 'appeal_decision_note';
    return this.change(row, [...before, closed], `status = 'closed', outcome = ?, ${noteColumn} = ?, closed_by = ?, closed_at = ?, contact_sealed = NULL, contact_purge_after = NULL`, outcome, note, managerId, now);
  }

  /** 申诉复核: the rated counter disputes the rating; the hall's own record of the service is kept as evidence. */
  appeal(id: string, counterId: string, staffId: string | null, reason: string): BadRatingCaseDTO {
    const row = this.row(id);
    this.expect(row, ['opened', 'revisited'], 'an appeal is made before 整改');
    if (row.counter_id !== counterId) throw new ApiError(403, 'not_rated_counter', `only counter ${this.options.counterNumber(row.counter_id) ?? row.counter_id}, the one rated, may appeal case ${row.code}`);
    const evidence: EvidenceItemDTO[] = evidenceOf(this.db, row.ticket_id, row.rating_id, row.service_day);
    return this.change(
      row,
      [{ type: 'bad_rating_case_appealed', caseId: id, counterId, staffId }],
      "status = 'appealed', appeal_from = ?, appeal_reason = ?, appeal_evidence = ?, appealed_by = ?, appealed_at = ?",
      row.status,
      reason,
      JSON.stringify(evidence),
      staffId,
      this.now(),
    );
  }

  /** The manager decides the appeal: upheld closes the case (the rating excluded), rejected resumes where it was. */
  decideAppeal(id: string, managerId: string, upheld: boolean, note: string): BadRatingCaseDTO {
    const row = this.row(id);
    this.expect(row, ['appealed'], 'no appeal is waiting');
    const decided: BadRatingCaseEvent = { type: 'bad_rating_case_appeal_decided', caseId: id, staffId: managerId, upheld };
    if (upheld) return this.close(row, managerId, 'appeal_upheld', note, [decided]);
    return this.change(row, [decided], 'status = ?, appeal_decision_note = ?', row.appeal_from ?? 'opened', note);
  }

  /** Deletes contacts past the identity's retention (securely: the hall's connection has secure_delete on). */
  purgeContacts(): number {
    return this.db.prepare('UPDATE bad_rating_cases SET contact_sealed = NULL, contact_purge_after = NULL WHERE contact_purge_after IS NOT NULL AND contact_purge_after <= ?').run(this.now()).changes;
  }

  // ---- warnings and escalations ----

  /** The stamps still due per running stage: revisit runs until the 回访, rectify until closure. */
  private pendingStamps(row: CaseRow): { stage: BadRatingStage; kind: 'warned' | 'escalated'; at: number; dueAt: number }[] {
    const out: { stage: BadRatingStage; kind: 'warned' | 'escalated'; at: number; dueAt: number }[] = [];
    const stages: [BadRatingStage, number, boolean, number | null, number | null][] = [
      ['revisit', row.revisit_due_at, row.revisited_at === null, row.revisit_warned_at, row.revisit_escalated_at],
      ['rectify', row.rectify_due_at, true, row.rectify_warned_at, row.rectify_escalated_at],
    ];
    for (const [stage, dueAt, running, warned, escalated] of stages) {
      if (!running) continue;
      if (warned === null && escalated === null) out.push({ stage, kind: 'warned', at: dueAt - this.warnMs(), dueAt });
      if (escalated === null) out.push({ stage, kind: 'escalated', at: dueAt, dueAt });
    }
    return out;
  }

  private openRows(): CaseRow[] {
    return this.db.prepare("SELECT * FROM bad_rating_cases WHERE status <> 'closed'").all() as CaseRow[];
  }

  private nextStageDue(): number | null {
    let next: number | null = null;
    for (const row of this.openRows()) for (const s of this.pendingStamps(row)) if (next === null || s.at < next) next = s.at;
    return next;
  }

  /** Stamps every warning and escalation now due, one event each. A stage found past its deadline is escalated without a warning. */
  private stampDue(): void {
    const now = this.now();
    for (const row of this.openRows()) {
      const due = this.pendingStamps(row).filter((s) => s.at <= now);
      const escalated = new Set(due.filter((s) => s.kind === 'escalated').map((s) => s.stage));
      const events: BadRatingCaseEvent[] = [];
      const sets: string[] = [];
      for (const s of due) {
        if (s.kind === 'warned' && escalated.has(s.stage)) continue;
        events.push({ type: s.kind === 'warned' ? 'bad_rating_case_warned' : 'bad_rating_case_escalated', caseId: row.id, stage: s.stage, dueAt: s.dueAt });
        sets.push(`${s.stage}_${s.kind}_at = ${now}`);
      }
      if (events.length === 0) continue;
      this.runtime.recordWith(events, () => {
        this.db.prepare(`UPDATE bad_rating_cases SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(now, row.id);
      });
    }
  }

  // ---- views ----

  toDto(r: CaseRow): BadRatingCaseDTO {
    const now = this.now();
    const labels = new Map(this.options.reasonTags().map((t) => [t.code, t.label]));
    const o = this.options;
    return {
      id: r.id,
      code: r.code,
      ratingId: r.rating_id,
      ticketId: r.ticket_id,
      ticketNumber: r.ticket_number,
      serviceDay: r.service_day,
      matterId: r.matter_id,
      matterName: o.matterName(r.matter_id),
      counterId: r.counter_id,
      counterNumber: o.counterNumber(r.counter_id),
      staffId: r.staff_id,
      staffName: r.staff_id ? o.staffName(r.staff_id) : null,
      level: r.level,
      source: r.source,
      ratedAt: r.rated_at,
      realName: r.real_name === 1,
      reasonTags: (JSON.parse(r.reason_tags) as string[]).map((code) => ({ code, label: labels.get(code) ?? code })),
      status: r.status,
      revisitDueAt: r.revisit_due_at,
      rectifyDueAt: r.rectify_due_at,
      // An upheld appeal ends the case without a 回访: its revisit stage ends with the closure.
      revisitState: stageState(r.revisit_due_at, r.revisited_at ?? (r.outcome === 'appeal_upheld' ? r.closed_at : null), now, this.warnMs()),
      rectifyState: stageState(r.rectify_due_at, r.closed_at, now, this.warnMs()),
      assigneeStaffId: r.assignee_staff_id,
      assigneeName: r.assignee_staff_id ? o.staffName(r.assignee_staff_id) : null,
      hasContact: r.contact_sealed !== null,
      revisit:
        r.revisited_at !== null
          ? { staffId: r.revisit_staff_id!, staffName: o.staffName(r.revisit_staff_id!), method: r.revisit_method!, visitorSaid: r.revisit_note ?? '', at: r.revisited_at }
          : null,
      resolution: r.resolution !== null && r.resolved_at !== null ? { kind: r.resolution, note: r.resolution_note ?? '', staffId: r.resolved_by!, at: r.resolved_at } : null,
      appeal:
        r.appealed_at !== null
          ? { reason: r.appeal_reason ?? '', counterId: r.counter_id, staffId: r.appealed_by, at: r.appealed_at, evidence: JSON.parse(r.appeal_evidence ?? '[]') as EvidenceItemDTO[], decisionNote: r.appeal_decision_note }
          : null,
      closure: r.closed_at !== null ? { outcome: r.outcome!, note: (r.outcome === 'resolved' ? r.review_note : r.appeal_decision_note) ?? '', staffId: r.closed_by!, at: r.closed_at } : null,
      escalated: { revisit: r.revisit_escalated_at !== null, rectify: r.rectify_escalated_at !== null },
    };
  }
}
