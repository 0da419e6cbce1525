// 上门服务 for people who cannot come (000 第二十九条(二); 001 第三十一条(二); 002 第二十七条(三)):
// a request taken at a kiosk, by phone at a counter, or received from central; scheduled with
// a staff member assigned; completed or cancelled with an outcome. Every step is an event.
// Personal data: the contact (name, phone, address) is sealed with identity.key; screens get
// it masked. Requests from central carry central's id (external_id): received once.
import type { Db } from '../store/db.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { HomeVisitActionRequest, HomeVisitDTO, HomeVisitRequest } from '../api/service-records-dto.js';
import type { IdentitySealer } from '../identity/sealer.js';
import { maskName } from '../identity/real-name.js';
import { ApiError } from '../api/http.js';
import { maskAddress, maskPhone, nextCode } from './record-support.js';

interface VisitRow {
  id: string;
  code: string;
  channel: HomeVisitDTO['channel'];
  external_id: string | null;
  matter_id: string;
  reason: string;
  contact_sealed: Buffer;
  requested_at: number;
  status: HomeVisitDTO['status'];
  scheduled_at: number | null;
  assigned_staff_id: string | null;
  completed_at: number | null;
  outcome: string | null;
}

/** The outcome recorded for a request the visitor withdrew on central (shown to the manager as is). */
export const WITHDRAWN_ON_CENTRAL = '申请人已在一体化平台撤回申请';

export interface HomeVisitBookOptions {
  matterName(matterId: string): string;
  staffName(staffId: string): string | null;
}

export class HomeVisitBook {
  constructor(
    private readonly db: Db,
    private readonly runtime: HallRuntime,
    private readonly sealer: IdentitySealer,
    private readonly options: HomeVisitBookOptions,
  ) {}

  /**
   * A new request; with `externalId` (central's), a request already received is returned as it is.
   * `requestedAt`: when it was filed (central's time), else now.
   */
  request(channel: HomeVisitDTO['channel'], body: HomeVisitRequest, externalId: string | null = null, requestedAt?: number): HomeVisitDTO {
    if (externalId) {
      const known = this.db.prepare('SELECT id FROM home_visits WHERE external_id = ?').pluck().get(externalId) as string | undefined;
      if (known) return this.get(known);
    }
    const now = requestedAt ?? this.runtime.timers.now();
    const id = this.runtime.newId();
    const code = nextCode(this.db, 'home_visits', this.runtime.state.serviceDay, 'S');
    this.runtime.recordWith([{ type: 'home_visit_requested', visitId: id, code, channel, matterId: body.matterId }], () => {
      this.db
        .prepare(`INSERT INTO home_visits (id, code, channel, external_id, matter_id, reason, contact_sealed, requested_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'requested')`)
        .run(id, code, channel, externalId, body.matterId, body.reason, this.sealer.seal(JSON.stringify(body.contact)), now);
    });
    return this.get(id);
  }

  act(id: string, body: HomeVisitActionRequest, actingStaffId: string): HomeVisitDTO {
    const row = this.row(id);
    if (row.status === 'completed' || row.status === 'cancelled') throw new ApiError(409, 'visit_closed', `home visit ${row.code} is ${row.status}`);
    const now = this.runtime.timers.now();
    if (body.action === 'schedule') {
      if (this.options.staffName(body.staffId) === null) throw new ApiError(404, 'not_found', `no staff member "${body.staffId}"`);
      if (body.at <= now) throw new ApiError(409, 'visit_in_past', 'a home visit is scheduled for a time still to come');
      this.runtime.recordWith([{ type: 'home_visit_scheduled', visitId: id, code: row.code, scheduledAt: body.at, staffId: body.staffId }], () => {
        this.db.prepare("UPDATE home_visits SET status = 'scheduled', scheduled_at = ?, assigned_staff_id = ? WHERE id = ?").run(body.at, body.staffId, id);
      });
    } else if (body.action === 'complete') {
      if (row.status !== 'scheduled') throw new ApiError(409, 'visit_not_scheduled', `home visit ${row.code} must be scheduled and assigned before it is completed`);
      this.runtime.recordWith([{ type: 'home_visit_completed', visitId: id, code: row.code, staffId: row.assigned_staff_id ?? actingStaffId }], () => {
        this.db.prepare("UPDATE home_visits SET status = 'completed', completed_at = ?, outcome = ? WHERE id = ?").run(now, body.outcome, id);
      });
    } else {
      this.runtime.recordWith([{ type: 'home_visit_cancelled', visitId: id, code: row.code }], () => {
        this.db.prepare("UPDATE home_visits SET status = 'cancelled', completed_at = ?, outcome = ? WHERE id = ?").run(now, body.outcome, id);
      });
    }
    return this.get(id);
  }

  /**
   * Cancels the open visits received from central whose request central no longer holds (withdrawn
   * there); returns their codes. `heldByCentral`: central's ids of every request it still publishes.
   */
  withdrawCentral(heldByCentral: ReadonlySet<string>): string[] {
    const open = this.db.prepare("SELECT * FROM home_visits WHERE channel = 'central' AND status IN ('requested', 'scheduled')").all() as VisitRow[];
    const gone = open.filter((r) => r.external_id !== null && !heldByCentral.has(r.external_id));
    const now = this.runtime.timers.now();
    for (const r of gone) {
      this.runtime.recordWith([{ type: 'home_visit_cancelled', visitId: r.id, code: r.code }], () => {
        this.db.prepare("UPDATE home_visits SET status = 'cancelled', completed_at = ?, outcome = ? WHERE id = ?").run(now, WITHDRAWN_ON_CENTRAL, r.id);
      });
    }
    return gone.map((r) => r.code);
  }

  /**
   * Deletes the contact of visits closed (completed or cancelled) more than `retentionDays` ago;
   * the visit stays, shown with '-' for its contact. Returns how many contacts were deleted.
   */
  purgeContacts(now: number, retentionDays: number): number {
    return this.db
      .prepare("UPDATE home_visits SET contact_sealed = x'' WHERE status IN ('completed', 'cancelled') AND completed_at < ? AND length(contact_sealed) > 0")
      .run(now - retentionDays * 86_400_000).changes;
  }

  get(id: string): HomeVisitDTO {
    return this.toDto(this.row(id));
  }

  /** Open ones by date, then those closed in the last 30 days. */
  list(): HomeVisitDTO[] {
    const since = this.runtime.timers.now() - 30 * 86_400_000;
    const rows = this.db
      .prepare("SELECT * FROM home_visits WHERE status IN ('requested', 'scheduled') OR completed_at >= ? ORDER BY status IN ('completed', 'cancelled'), COALESCE(scheduled_at, requested_at)")
      .all(since) as VisitRow[];
    return rows.map((r) => this.toDto(r));
  }

  private row(id: string): VisitRow {
    const row = this.db.prepare('SELECT * FROM home_visits WHERE id = ?').get(id) as VisitRow | undefined;
    if (!row) throw new ApiError(404, 'not_found', `no home visit "${id}"`);
    return row;
  }

  private toDto(r: VisitRow): HomeVisitDTO {
    // An empty contact: deleted after its retention (purgeContacts) or with a lost identity.key
    // (forget-identities); the visit stays, its contact shown as '-'.
    const c = r.contact_sealed.length ? (JSON.parse(this.sealer.open(r.contact_sealed)) as HomeVisitRequest['contact']) : null;
    return {
      id: r.id,
      code: r.code,
      channel: r.channel,
      matterId: r.matter_id,
      matterName: this.options.matterName(r.matter_id),
      reason: r.reason,
      contact: c ? { name: maskName(c.name), phone: maskPhone(c.phone), address: maskAddress(c.address) } : { name: '-', phone: '-', address: '-' },
      requestedAt: r.requested_at,
      status: r.status,
      scheduledAt: r.scheduled_at,
      assignedStaffId: r.assigned_staff_id,
      assignedStaffName: r.assigned_staff_id ? this.options.staffName(r.assigned_staff_id) : null,
      completedAt: r.completed_at,
      outcome: r.outcome,
    };
  }
}
