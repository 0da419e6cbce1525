// On-site complaints (现场投诉, 004 第二十七条(一); 002 第三十三条; 000 第四十条(三)): taken at a
// kiosk or a counter, answered by the hall's manager within the hall's deadline
// (serviceRecords.complaints.replyWorkingDays working days), every step an event for central.
// Personal data: the optional contact is sealed with identity.key; screens get it masked.
// The complaint's text stays in the hall (events carry its category, never its words).
import type { Db } from '../store/db.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { DayRule } from '../domain/index.js';
import type { HallCalendar } from '../domain/calendar/index.js';
import { workingDaysDeadline } from '../domain/service-deadlines.js';
import type { ComplaintDTO, ComplaintRequest } from '../api/service-records-dto.js';
import type { IdentitySealer } from '../identity/sealer.js';
import { maskName } from '../identity/real-name.js';
import { ApiError } from '../api/http.js';
import { maskPhone, nextCode } from './record-support.js';

interface ComplaintRow {
  id: string;
  code: string;
  channel: ComplaintDTO['channel'];
  terminal_id: string;
  counter_id: string | null;
  category: ComplaintDTO['category'];
  content: string;
  contact_sealed: Buffer | null;
  received_at: number;
  reply_due_at: number;
  status: ComplaintDTO['status'];
  reply: string | null;
  replied_at: number | null;
  replied_by: string | null;
}

export interface ComplaintBookOptions {
  calendar: HallCalendar | null;
  dayRule: DayRule;
  replyWorkingDays: number;
}

export class ComplaintBook {
  constructor(
    private readonly db: Db,
    private readonly runtime: HallRuntime,
    private readonly sealer: IdentitySealer,
    private readonly options: ComplaintBookOptions,
  ) {}

  receive(where: { channel: ComplaintDTO['channel']; terminalId: string; counterId: string | null }, body: ComplaintRequest): ComplaintDTO {
    const now = this.runtime.timers.now();
    const id = this.runtime.newId();
    const code = nextCode(this.db, 'complaints', this.runtime.state.serviceDay, 'T');
    const replyDueAt = workingDaysDeadline(now, this.options.replyWorkingDays, this.options.calendar, this.options.dayRule);
    const contact = body.contact && (body.contact.name || body.contact.phone) ? this.sealer.seal(JSON.stringify(body.contact)) : null;
    this.runtime.recordWith([{ type: 'complaint_received', complaintId: id, code, channel: where.channel, terminalId: where.terminalId, counterId: where.counterId, category: body.category, replyDueAt }], () => {
      this.db
        .prepare(
          `INSERT INTO complaints (id, code, channel, terminal_id, counter_id, category, content, contact_sealed, received_at, reply_due_at, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
        )
        .run(id, code, where.channel, where.terminalId, where.counterId, body.category, body.content, contact, now, replyDueAt);
    });
    return this.get(id);
  }

  reply(id: string, staffId: string, reply: string): ComplaintDTO {
    const row = this.row(id);
    if (row.status === 'replied') throw new ApiError(409, 'already_replied', `complaint ${row.code} was answered already`);
    const now = this.runtime.timers.now();
    const late = now > row.reply_due_at;
    this.runtime.recordWith([{ type: 'complaint_replied', complaintId: id, code: row.code, staffId, late }], () => {
      this.db.prepare("UPDATE complaints SET status = 'replied', reply = ?, replied_at = ?, replied_by = ? WHERE id = ?").run(reply, now, staffId, id);
    });
    return this.get(id);
  }

  /** Deletes the contact of complaints answered more than `retentionDays` ago (the complaint stays). Returns how many. */
  purgeContacts(now: number, retentionDays: number): number {
    return this.db
      .prepare("UPDATE complaints SET contact_sealed = NULL WHERE status = 'replied' AND replied_at < ? AND contact_sealed IS NOT NULL")
      .run(now - retentionDays * 86_400_000).changes;
  }

  get(id: string): ComplaintDTO {
    return this.toDto(this.row(id));
  }

  /** Open ones (oldest deadline first), then those answered in the last `repliedWithinMs`. */
  list(repliedWithinMs = 30 * 86_400_000): ComplaintDTO[] {
    const since = this.runtime.timers.now() - repliedWithinMs;
    const rows = this.db.prepare("SELECT * FROM complaints WHERE status = 'open' OR replied_at >= ? ORDER BY status = 'replied', reply_due_at").all(since) as ComplaintRow[];
    return rows.map((r) => this.toDto(r));
  }

  private row(id: string): ComplaintRow {
    const row = this.db.prepare('SELECT * FROM complaints WHERE id = ?').get(id) as ComplaintRow | undefined;
    if (!row) throw new ApiError(404, 'not_found', `no complaint "${id}"`);
    return row;
  }

  private toDto(r: ComplaintRow): ComplaintDTO {
    let contact: ComplaintDTO['contact'] = null;
    if (r.contact_sealed) {
      const c = JSON.parse(this.sealer.open(r.contact_sealed)) as { name?: string; phone?: string };
      contact = { name: c.name ? maskName(c.name) : null, phone: c.phone ? maskPhone(c.phone) : null };
    }
    const now = this.runtime.timers.now();
    return {
      id: r.id,
      code: r.code,
      channel: r.channel,
      terminalId: r.terminal_id,
      counterId: r.counter_id,
      category: r.category,
      content: r.content,
      contact,
      receivedAt: r.received_at,
      replyDueAt: r.reply_due_at,
      status: r.status,
      late: r.status === 'open' ? now > r.reply_due_at : (r.replied_at ?? 0) > r.reply_due_at,
      reply: r.reply,
      repliedAt: r.replied_at,
      repliedBy: r.replied_by,
    };
  }
}
