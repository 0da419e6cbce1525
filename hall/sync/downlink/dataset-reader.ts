// Read access to the datasets the hall serves (the last good data from
// central, dataset_items). Contract: reads only committed, verified data — a
// delta or snapshot in progress is never visible (it lives in its own
// transaction or in the shadow table). Values are returned as published.
// Dangers: appointments are personal data (masked name, keyed hash): return
// them to staff terminals only, never log them. Home-visit contacts are stored
// sealed (sealed-items.ts): homeVisitRequests() opens them, for the book only.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../store/db.js';
import type { IdentitySealer } from '../../identity/sealer.js';
import { ItemSealing } from './sealed-items.js';
import type { DayRule } from '../../domain/index.js';
import type { Appointment, CounterItem, DatasetName, GreenRule, Guide, HomeVisitRequestItem, Notice, RatingIndicator, StaffItem } from '../../../protocol/central/downlink/schemas.js';

export class DatasetReader {
  private readonly statements = new Map<string, Statement>();
  private readonly items: ItemSealing;

  /** Without `sealer`, homeVisitRequests() throws (the contacts cannot be opened). */
  constructor(
    private readonly db: Db,
    private readonly dayRule: DayRule,
    sealer: IdentitySealer | null = null,
  ) {
    this.items = new ItemSealing(sealer);
  }

  /** Prepared once per SQL text (preparing costs more than a lookup). */
  private sql(text: string): Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  /** Every matter's guide, ordered by matter code. */
  catalog(): Guide[] {
    return this.all<Guide>('catalog');
  }

  guideOf(matterCode: string): Guide | null {
    return this.one<Guide>('catalog', matterCode);
  }

  /** Appointments whose slot starts within the service day (hall local time, day boundary per the day rule). */
  appointmentsOn(serviceDay: string): Appointment[] {
    const [from, to] = serviceDayBounds(serviceDay, this.dayRule);
    const rows = this.sql(
      `SELECT value FROM dataset_items
        WHERE dataset = 'appointments' AND json_extract(value, '$.slotStart') >= ? AND json_extract(value, '$.slotStart') < ?
        ORDER BY json_extract(value, '$.slotStart'), key`,
    )
      .pluck()
      .all(from, to) as string[];
    return rows.map((v) => JSON.parse(v) as Appointment);
  }

  appointmentByCode(code: string): Appointment | null {
    const v = this.sql(`SELECT value FROM dataset_items WHERE dataset = 'appointments' AND json_extract(value, '$.appointmentCode') = ? LIMIT 1`)
      .pluck()
      .get(code) as string | undefined;
    return v === undefined ? null : (JSON.parse(v) as Appointment);
  }

  /** Notices in force at `now` (all of them when now is omitted), highest priority first. */
  notices(now?: number): Notice[] {
    const all = this.all<Notice>('notices');
    const live = now === undefined ? all : all.filter((n) => (n.from === undefined || n.from <= now) && (n.until === undefined || now < n.until));
    return live.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0));
  }

  greenRules(): GreenRule[] {
    return this.all<GreenRule>('green_rules');
  }

  /** The rating reason tags; only the active ones unless asked for all. */
  ratingIndicators(includeInactive = false): RatingIndicator[] {
    const all = this.all<RatingIndicator>('rating_indicators');
    return includeInactive ? all : all.filter((i) => i.active);
  }

  counters(): CounterItem[] {
    return this.all<CounterItem>('counters');
  }

  staff(): StaffItem[] {
    return this.all<StaffItem>('staff');
  }

  /** 上门服务 requests filed on central for this hall (contacts opened, in clear: hand them to the home-visit book only). */
  homeVisitRequests(): HomeVisitRequestItem[] {
    const rows = this.sql("SELECT value FROM dataset_items WHERE dataset = 'home_visits' ORDER BY key").pluck().all() as string[];
    return rows.map((v) => JSON.parse(this.items.published('home_visits', v)) as HomeVisitRequestItem);
  }

  /** The version the hall serves and when it was last applied (null: never synced). */
  versionOf(dataset: DatasetName): { version: number; syncedAt: number | null } {
    const r = this.sql('SELECT version, synced_at AS syncedAt FROM dataset_state WHERE dataset = ?').get(dataset) as
      | { version: number; syncedAt: number | null }
      | undefined;
    return r ?? { version: 0, syncedAt: null };
  }

  private all<T>(dataset: DatasetName): T[] {
    const rows = this.sql('SELECT value FROM dataset_items WHERE dataset = ? ORDER BY key').pluck().all(dataset) as string[];
    return rows.map((v) => JSON.parse(v) as T);
  }

  private one<T>(dataset: DatasetName, key: string): T | null {
    const v = this.sql('SELECT value FROM dataset_items WHERE dataset = ? AND key = ?').pluck().get(dataset, key) as string | undefined;
    return v === undefined ? null : (JSON.parse(v) as T);
  }
}

/** [start, end) in epoch ms of a service day "YYYY-MM-DD". */
export function serviceDayBounds(serviceDay: string, rule: DayRule): [number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(serviceDay);
  if (!m) throw new Error(`"${serviceDay}" is not a service day (YYYY-MM-DD)`);
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), rule.dayStartsAtHour) - rule.utcOffsetMinutes * 60_000;
  return [start, start + 24 * 3600_000];
}
