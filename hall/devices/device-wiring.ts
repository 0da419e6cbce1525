// Connects device events to the hall:
//   ID reader card   → held for that kiosk (KioskCards) and shown, masked, on that kiosk only
//   rating requested → the counter's rating pad asks; its press records the rating (source "pad");
//                      a rating recorded elsewhere (screen, timeout) cancels the pad's prompt
//   caller keypad    → the counter's actions, as the staff member signed in there
// Contract: a device problem never stops the hall; failures are logged with codes, never ID numbers.
import { counterCommand, DomainError, localParts, type HallCommand, type RatingLevel } from '../domain/index.js';
import type { HallConfig } from '../config/schema.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { KioskCards } from '../identity/kiosk-cards.js';
import { maskName } from '../identity/real-name.js';
import type { LiveHub } from '../api/live.js';
import type { DeviceManager } from './device-manager.js';
import { ageOn } from '../../drivers/idcard/index.js';

export interface WiringDeps {
  config: HallConfig;
  runtime: HallRuntime;
  devices: DeviceManager;
  cards: KioskCards;
  live: LiveHub;
}

export function wireDevices({ config, runtime, devices, cards, live }: WiringDeps): () => void {
  const offs: (() => void)[] = [];
  const counterByNumber = new Map(config.counters.map((c) => [c.number, c]));
  const counterTerminal = new Map(config.terminals.filter((t) => t.role === 'counter').map((t) => [t.counterId!, t.id]));
  const staffName = new Map(config.staff.map((s) => [s.id, s.name]));
  const run = (cmd: HallCommand, what: string) => {
    try {
      return runtime.execute(cmd);
    } catch (err) {
      if (err instanceof DomainError) console.warn(`${what}: ${err.code}`);
      else console.error(`${what} failed:`, err);
      return null;
    }
  };

  offs.push(devices.onChange((list) => live.broadcastMessage({ type: 'devices', devices: list })));

  for (const h of devices.handles) {
    if (h.kind === 'id_reader') {
      const kioskId = h.config.terminalId;
      offs.push(
        h.reader.onCard((record) => {
          const now = runtime.timers.now();
          const age = ageOn(record.birthDate, localParts(now, config.hall.utcOffsetMinutes).date);
          cards.put(kioskId, { idNumber: record.idNumber, cardType: record.cardType, source: 'card', name: record.name, birthDate: record.birthDate, readAt: now });
          live.sendToTerminal(kioskId, {
            type: 'card_read',
            card: { maskedName: maskName(record.name), maskedIdNumber: record.maskedIdNumber, cardType: record.cardType, age, greenChannel: age >= config.realName.elderlyAge },
          });
        }),
        h.reader.onReadFailed((err) => live.sendToTerminal(kioskId, { type: 'card_error', code: err.code, message: err.message })),
      );
    }
    if (h.kind === 'rating_pad') {
      offs.push(
        h.pad.onRating(({ ratingId, level }) => void run({ type: 'record_rating', ratingId, outcome: level as RatingLevel, source: 'pad' }, `rating pad ${h.config.id}`)),
      );
    }
    if (h.kind === 'keypad') {
      offs.push(
        h.keypad.onAction(({ counterNumber, action }) => {
          const counter = counterByNumber.get(counterNumber);
          if (!counter) return console.warn(`keypad ${h.config.id}: no counter number ${counterNumber}`);
          // transfer needs a target queue: only the counter page can say which.
          if (action === 'transfer') return console.warn(`keypad ${h.config.id}: transfer needs the counter page`);
          const cmd = counterCommand(action, counter.id, runtime.newId());
          const stored = run(cmd, `keypad ${h.config.id} ${action}`);
          const called = stored?.find((e) => e.type === 'ticket_called');
          if (called) void h.keypad.showNumber(counterNumber, String(called.payload.number)).catch(() => undefined);
        }),
      );
    }
  }

  offs.push(
    runtime.onEvents((events) => {
      for (const e of events) {
        if (e.type !== 'rating_requested' && e.type !== 'rating_recorded') continue;
        const terminalId = counterTerminal.get(e.payload.counterId as string);
        const pad = terminalId ? devices.of('rating_pad', terminalId) : undefined;
        if (!pad) continue;
        const ratingId = e.payload.ratingId as string;
        if (e.type === 'rating_requested') {
          // A pad that is unplugged or failing leaves the on-screen rating on the counter display to do the job.
          void pad.pad
            .startRating({
              ratingId,
              counterNumber: config.counters.find((c) => c.id === e.payload.counterId)!.number,
              staffName: staffName.get(e.payload.staffId as string) ?? '',
              ticketNumber: e.payload.number as string,
              timeoutMs: Math.max(1000, (e.payload.expiresAt as number) - runtime.timers.now()),
            })
            .catch((err: { code?: string }) => console.warn(`rating pad ${pad.config.id} could not ask: ${err.code ?? err}`));
        } else if (e.payload.source !== 'pad') {
          void pad.pad.cancel(ratingId).catch(() => undefined);
        }
      }
    }),
  );
  return () => offs.forEach((off) => off());
}
