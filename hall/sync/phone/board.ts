// The hall's public board for phones (protocol/central/phone.ts), built from the same read models
// as the LAN /ticket/ progress page (hall/api/views.ts: HallViews.progress, .queue, .progressKey) —
// never a second computation of positions or estimates.
// Contract: pure reads; every ticket of the service day is listed (a phone may follow any of them,
// and a finished one may still be rated); keyHash = sha256 of the ticket's QR progress key, so
// central can check a phone's key without ever holding it. No identity data: views.progress
// carries none, and nothing else is added.
// Dangers: this is published to the internet through central — add a field only if
// protocol/central/phone.ts allows it and it identifies nobody.
import { createHash } from 'node:crypto';
import type { BoardPush, BoardQueue, BoardTicket } from '../../../protocol/central/phone.js';
import type { HallViews } from '../../api/views.js';
import { kioskModeAtOrOpen } from '../../api/kiosk-views.js';
import type { HallConfig } from '../../config/schema.js';
import type { HallRuntime } from '../../runtime/hall-runtime.js';
import { phoneReasonTags } from './handlers/phone-rating.js';

export type BoardContent = Pick<BoardPush, 'serviceDay' | 'hall' | 'queues' | 'tickets'>;

export interface BoardSource {
  views: HallViews;
  runtime: HallRuntime;
  config: HallConfig;
}

export const keyHashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** The wire bounds an estimate to a day (protocol/central/phone.ts); a longer queue's estimate says "a day or more". */
const MAX_ESTIMATE_MINUTES = 24 * 60;
const bounded = <E extends { minMinutes: number; maxMinutes: number }>(e: E): E => ({ ...e, minMinutes: Math.min(e.minMinutes, MAX_ESTIMATE_MINUTES), maxMinutes: Math.min(e.maxMinutes, MAX_ESTIMATE_MINUTES) });

/** open / closed / self_service / booked_only / weekend_service, as the hall-zone kiosk shows it. */
function hallMode({ runtime }: BoardSource): string {
  const screen = kioskModeAtOrOpen(runtime.setup, runtime.timers.now(), 'hall')?.screen ?? 'service';
  return screen === 'service' ? 'open' : screen;
}

export function buildBoard(src: BoardSource): BoardContent {
  const { views, runtime, config } = src;
  const matterNames = new Map(config.matters.map((m) => [m.id, m.names]));
  const queues: BoardQueue[] = config.queues.map((q) => {
    const dto = views.queue(q.id);
    return { queueId: q.id, name: dto.name, ...(dto.names ? { names: dto.names } : {}), waiting: dto.waiting, estimate: dto.waiting > 0 ? bounded(dto.estimate) : null };
  });
  const tickets: BoardTicket[] = [];
  for (const t of runtime.state.tickets.values()) {
    const p = views.progress(t);
    const names = matterNames.get(t.matterId);
    tickets.push({
      ticketId: t.id,
      keyHash: keyHashOf(views.progressKey(t.id)),
      number: p.number,
      status: p.status,
      matterName: p.matterName,
      ...(names ? { matterNames: names } : {}),
      queueId: t.queueId,
      peopleAhead: p.peopleAhead,
      estimate: p.status === 'waiting' ? bounded(p.estimate) : null,
      counterNumber: p.counterNumber,
      calledAt: t.calledAt,
      rating: p.rating,
      ...(t.remoteTicketId ? { remoteTicketId: t.remoteTicketId } : {}),
    });
  }
  return {
    serviceDay: runtime.state.serviceDay,
    hall: { name: config.hall.name, mode: hallMode(src), missedRejoinMinutes: config.visitRules.maxRejoins > 0 ? config.visitRules.rejoinWithinMinutes : 0, languages: config.languages.kiosk, reasonTags: phoneReasonTags(runtime, config) },
    queues,
    tickets,
  };
}
