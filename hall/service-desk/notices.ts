// Announced pauses (000 第十七条: no refusing service during published hours without notice):
// a counter pausing, or a queue closing early, posted in advance with a reason category
// (serviceDesk.pauseReasons) and the time service resumes. The hall display and the kiosks
// show every notice from the moment it is posted until it ends; while a queue's closure runs,
// the kiosk gives out no numbers for it and offers what the hall configures instead (cap
// offers), never a bare "no".
// Contract: a notice ends in the future, resumes after it starts and lasts at most
// MAX_NOTICE_HOURS; exactly one of counterId and queueId. Notices are the outbox's events
// (service_notice_*), read back for NOTICE_DAYS service days.
import { addDays } from '../domain/calendar/index.js';
import { DomainError, localParts } from '../domain/index.js';
import type { HallConfig } from '../config/schema.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { KioskAvailabilityDTO } from '../api/dto.js';
import { readEvents } from './event-reader.js';
import { ApiError } from '../api/http.js';

export const MAX_NOTICE_HOURS = 72;
const NOTICE_DAYS = 4;

export interface ServiceNotice {
  noticeId: string;
  counterId: string | null;
  queueId: string | null;
  reasonId: string;
  startsAt: number;
  resumesAt: number;
  postedAt: number;
}

export interface NoticeInput {
  counterId: string | null;
  queueId: string | null;
  reasonId: string;
  startsAt: number;
  resumesAt: number;
}

export class ServiceNotices {
  constructor(
    private readonly config: HallConfig,
    private readonly runtime: HallRuntime,
  ) {}

  post(input: NoticeInput, staffId: string | null): ServiceNotice {
    const now = this.runtime.timers.now();
    if ((input.counterId === null) === (input.queueId === null)) throw new ApiError(400, 'invalid_request', 'name exactly one of counterId (a counter pausing) and queueId (a queue closing early)');
    if (input.counterId !== null && !this.config.counters.some((c) => c.id === input.counterId)) throw new ApiError(400, 'invalid_request', `no counter "${input.counterId}"`);
    if (input.queueId !== null && !this.config.queues.some((q) => q.id === input.queueId)) throw new ApiError(400, 'invalid_request', `no queue "${input.queueId}"`);
    if (!this.config.serviceDesk.pauseReasons.some((r) => r.id === input.reasonId)) {
      throw new ApiError(400, 'invalid_request', `no pause reason "${input.reasonId}" (serviceDesk.pauseReasons: ${this.config.serviceDesk.pauseReasons.map((r) => r.id).join(', ')})`);
    }
    if (!(input.resumesAt > input.startsAt)) throw new ApiError(400, 'invalid_request', 'service must resume after the pause starts');
    if (input.resumesAt <= now) throw new ApiError(400, 'invalid_request', 'this pause would already be over');
    if (input.resumesAt - input.startsAt > MAX_NOTICE_HOURS * 3_600_000) throw new ApiError(400, 'invalid_request', `a pause notice lasts at most ${MAX_NOTICE_HOURS} hours`);
    const noticeId = this.runtime.newId();
    this.runtime.recordWith([{ type: 'service_notice_posted', noticeId, ...input, staffId }], () => {});
    return this.current().find((n) => n.noticeId === noticeId)!;
  }

  withdraw(noticeId: string, staffId: string | null): void {
    if (!this.current().some((n) => n.noticeId === noticeId)) throw new ApiError(404, 'not_found', `no current notice "${noticeId}"`);
    this.runtime.recordWith([{ type: 'service_notice_withdrawn', noticeId, staffId }], () => {});
  }

  /** Notices not yet over and not withdrawn, the soonest first: what displays and kiosks show. */
  current(): ServiceNotice[] {
    const now = this.runtime.timers.now();
    const notices = new Map<string, ServiceNotice>();
    for (const e of readEvents(this.runtime, ['service_notice_posted', 'service_notice_withdrawn'], addDays(this.runtime.state.serviceDay, -NOTICE_DAYS))) {
      if (e.type === 'service_notice_withdrawn') notices.delete(e.payload.noticeId);
      else {
        const { staffId: _staff, ...p } = e.payload;
        notices.set(p.noticeId, { ...p, postedAt: e.at });
      }
    }
    return [...notices.values()].filter((n) => n.resumesAt > now).sort((a, b) => a.startsAt - b.startsAt);
  }

  /** The closure running now for a queue, if any. */
  closureOf(queueId: string): ServiceNotice | null {
    const now = this.runtime.timers.now();
    return this.current().find((n) => n.queueId === queueId && n.startsAt <= now) ?? null;
  }

  /** Throws queue_closed_early (409, with the reason and the time it resumes) while the matter's queue is closed by a notice. */
  assertQueueOpen(matterId: string): void {
    const queueId = this.config.matters.find((m) => m.id === matterId)?.queueId;
    const closure = queueId ? this.closureOf(queueId) : null;
    if (!closure) return;
    throw new DomainError('queue_closed_early', `queue ${queueId} has closed early (${closure.reasonId}) until ${new Date(closure.resumesAt).toISOString()}`, {
      reasonId: closure.reasonId,
      resumesAt: closure.resumesAt,
      opensAtText: localParts(closure.resumesAt, this.config.hall.utcOffsetMinutes).text,
    });
  }
}

/** The kiosk's availability with the queues closed early by a notice marked unavailable (reason queue_closed_early). */
export function withClosures(availability: KioskAvailabilityDTO, config: HallConfig, notices: ServiceNotices): KioskAvailabilityDTO {
  const closures = new Map(config.queues.map((q) => [q.id, notices.closureOf(q.id)]));
  const queueOf = new Map(config.matters.map((m) => [m.id, m.queueId]));
  return {
    ...availability,
    matters: availability.matters.map((m) => {
      const closure = closures.get(queueOf.get(m.matterId) ?? '');
      if (!m.available || !closure) return m;
      return { ...m, available: false, reason: 'queue_closed_early', facts: { reasonId: closure.reasonId, resumesAt: closure.resumesAt } };
    }),
  };
}
