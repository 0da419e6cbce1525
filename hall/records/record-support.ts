// Small parts the service-record books share: a one-shot timer at the next due date, the
// codes visitors keep on paper, and the masks contacts wear on screens.
import type { Db } from '../store/db.js';
import type { Timers } from '../runtime/timers.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('records');
/** After a failed run (disk full, locked), try again this much later rather than spin. */
const RETRY_MS = 5_000;

/**
 * Runs `run` at the time `next()` names (re-asked after each run and at rearm()).
 * Contract: never throws into the timer; a failed run, or one that leaves its deadline due, is retried RETRY_MS later.
 */
export class RecordTimer {
  private armed: { at: number; cancel(): void } | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly next: () => number | null,
    private readonly run: () => void,
  ) {}

  fire(): void {
    this.armed = null;
    let failed = false;
    try {
      this.run();
    } catch (err) {
      failed = true;
      log.error('service-record deadline run failed', { err });
    }
    this.rearm(failed);
  }

  rearm(failed = false): void {
    let at = this.next();
    // Failed, or still due right after a run (nothing moved on): retry later, never in a tight loop.
    if (at !== null && (failed || at <= this.timers.now())) at = Math.max(at, this.timers.now() + RETRY_MS);
    if (this.armed?.at === at) return;
    this.armed?.cancel();
    this.armed = null;
    if (at === null) return;
    const timer = this.timers.at(at, () => this.fire());
    this.armed = { at, cancel: () => timer.cancel() };
  }

  stop(): void {
    this.armed?.cancel();
    this.armed = null;
  }
}

/** "261207-003": the service day (YYMMDD) and the record's rank that day in `table`. */
export function nextCode(db: Db, table: 'cases' | 'complaints' | 'home_visits', serviceDay: string, prefix = ''): string {
  const day = serviceDay.slice(2).replace(/-/g, '');
  const count = db.prepare(`SELECT COUNT(*) FROM ${table} WHERE code LIKE ?`).pluck().get(`${prefix}${day}-%`) as number;
  return `${prefix}${day}-${String(count + 1).padStart(3, '0')}`;
}

/** 138****1234; shorter numbers keep their last 4 digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `****${digits.slice(-4)}`;
}

/** The address up to its district or town (区/县/旗/镇/乡/街道), the rest hidden. */
export function maskAddress(address: string): string {
  const m = /^(.*?(?:区|县|旗|镇|乡|街道))/.exec(address);
  const kept = m ? m[1]! : [...address].slice(0, 4).join('');
  return `${kept}****`;
}
