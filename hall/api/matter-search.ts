// What the kiosk's matter search needs from the hall (renderer/shared/search/matterSearch.ts):
// each matter's other words — its aliases from the hall configuration and its department's
// name — with their pinyin, and how often the matter is taken (tickets issued over the
// last POPULARITY_DAYS service days, read from the event log and kept current from the
// committed events). Pinyin is computed here, once, so the kiosk never loads pinyin-pro.
// Contract: popularity counts only ticket_issued events; a day closing re-reads the window
// so old days drop out. Dangers: the start-up read scans the window's ticket_issued rows
// (the (service_day, type) index); cheap next to loading the state.
import { pinyin } from 'pinyin-pro';
import type { Db } from '../store/db.js';
import type { StoredEvent } from '../store/event-log.js';
import type { HallConfig, MatterConfig } from '../config/schema.js';
import type { MatterDTO, SearchTermDTO } from './dto.js';

export const POPULARITY_DAYS = 30;

const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Full pinyin and initials, lower case, no tones or spaces (Latin letters and digits kept as typed). */
export function pinyinOf(text: string): { pinyin: string; initials: string } {
  return {
    pinyin: clean(pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('')),
    initials: clean(pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('')),
  };
}

/** A matter's search fields (its name's pinyin, its aliases and department with theirs), for its MatterDTO. */
export function searchFields(matter: Pick<MatterConfig, 'name' | 'departmentId' | 'aliases'>, config: Pick<HallConfig, 'departments'>): Pick<MatterDTO, 'pinyin' | 'pinyinInitials' | 'searchTerms'> {
  const own = pinyinOf(matter.name);
  const term = (text: string, kind: SearchTermDTO['kind']): SearchTermDTO => ({ text, ...pinyinOf(text), kind });
  const department = config.departments.find((d) => d.id === matter.departmentId)?.name;
  return {
    pinyinInitials: own.initials,
    pinyin: own.pinyin,
    searchTerms: [...(matter.aliases ?? []).map((a) => term(a, 'alias')), ...(department ? [term(department, 'department')] : [])],
  };
}

/** "YYYY-MM-DD" n days before a service day. */
function daysBefore(serviceDay: string, n: number): string {
  return new Date(Date.parse(`${serviceDay}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

/** Tickets taken per matter over the last POPULARITY_DAYS service days. */
export class MatterPopularity {
  private counts = new Map<string, number>();

  constructor(private readonly db: Db) {}

  /** Re-reads the window ending at `serviceDay` from the event log. */
  rebuild(serviceDay: string): void {
    const rows = this.db
      .prepare(
        `SELECT json_extract(payload, '$.matterId') AS matterId, count(*) AS n FROM events
          WHERE type = 'ticket_issued' AND service_day > ? AND service_day <= ? GROUP BY matterId`,
      )
      .all(daysBefore(serviceDay, POPULARITY_DAYS), serviceDay) as { matterId: string; n: number }[];
    this.counts = new Map(rows.map((r) => [r.matterId, r.n]));
  }

  observe(event: StoredEvent): void {
    if (event.type === 'ticket_issued') this.counts.set(event.payload.matterId, (this.counts.get(event.payload.matterId) ?? 0) + 1);
    else if (event.type === 'service_day_closed') this.rebuild(event.payload.nextServiceDay);
  }

  of(matterId: string): number {
    return this.counts.get(matterId) ?? 0;
  }

  /** The matters with their popularity, for one answer. */
  apply(matters: readonly MatterDTO[]): MatterDTO[] {
    return matters.map((m) => ({ ...m, popularity: this.of(m.id) }));
  }
}
