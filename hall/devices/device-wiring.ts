// Connects the terminals' device agents to the hall:
//   agent connects   → welcome (its default devices), devices online, open print jobs asked again
//   devices report   → registry (health to every terminal and the admin page)
//   card read        → held for that kiosk (KioskCards), shown masked on that kiosk only
//   rating press     → record_rating (source "pad") for a rating of this terminal's counter
//   keypad key       → the counter's action, for a counter this terminal's keypad serves
//   rating requested → the counter terminal's pad asks; a rating recorded elsewhere cancels it
// Contracts: every input is checked against the link's own terminal (never a
// terminal named in the message), applied once (ids), and dropped when older
// than its bound (a card read that arrives after the agent was cut off must not
// land on the next visitor's ticket). A device problem never stops the hall;
// logs carry codes, never ID numbers.
import { counterCommand, DomainError, isElderly, localParts, type HallCommand, type CounterActionName } from '../domain/index.js';
import type { HallConfig } from '../config/schema.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { KioskCards } from '../identity/kiosk-cards.js';
import { maskName } from '../identity/real-name.js';
import type { LiveHub } from '../api/live.js';
import { asLocalDevice } from '../../protocol/devices.js';
import type { AgentInput, AgentToHall } from '../../protocol/agent.js';
import { ageOn, maskIdNumber } from '../../drivers/idcard/index.js';
import type { AgentHub, AgentLink } from './agent-hub.js';
import type { DeviceRegistry } from './device-registry.js';
import type { PrintJobs } from './print-jobs.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('devices');

export interface WiringDeps {
  config: HallConfig;
  runtime: HallRuntime;
  hub: AgentHub;
  registry: DeviceRegistry;
  printJobs: PrintJobs;
  cards: KioskCards;
  live: LiveHub;
}

const KEYPAD_ACTIONS = new Set<string>(['call_next', 'recall', 'start', 'finish', 'no_show', 'pause', 'resume']);

/** Remembers the last input ids so a re-sent input takes effect once. */
class SeenIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max: number) {}
  /** True the first time an id is offered. */
  first(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}

export function wireDevices({ config, runtime, hub, registry, printJobs, cards, live }: WiringDeps): () => void {
  const offs: (() => void)[] = [];
  const seen = new SeenIds(20_000);
  const counterByNumber = new Map(config.counters.map((c) => [c.number, c]));
  const counterById = new Map(config.counters.map((c) => [c.id, c]));
  const terminalById = new Map(config.terminals.map((t) => [t.id, t]));
  const counterTerminal = new Map(config.terminals.filter((t) => t.role === 'counter').map((t) => [t.counterId!, t.id]));
  const staffName = new Map(config.staff.map((s) => [s.id, s.name]));
  const settings = config.deviceAgents;
  const run = (cmd: HallCommand, what: string) => {
    try {
      return runtime.execute(cmd);
    } catch (err) {
      if (err instanceof DomainError) log.warn(`${what}: ${err.code}`);
      else log.error(`${what} failed`, { err });
      return null;
    }
  };

  /** Counters a terminal's keypad may act for: its own counter, and those the hall configuration maps its keypads to. */
  const keypadCounters = (terminalId: string): Set<number> => {
    const own = terminalById.get(terminalId)?.counterId;
    const numbers = new Set<number>(own && counterById.get(own) ? [counterById.get(own)!.number] : []);
    for (const d of config.devices) if (d.terminalId === terminalId && d.kind === 'keypad') for (const a of d.keypadAddresses ?? []) numbers.add(a.counterNumber);
    return numbers;
  };

  const applyInput = (link: AgentLink, deviceId: string, reportedAgeMs: number, readAtHall: number | undefined, input: AgentInput): { code: string; message: string } | null => {
    // The larger of the agent's read → send time and the read's age in our own clock (a stalled link shows in the latter).
    const ageMs = Math.max(reportedAgeMs, readAtHall === undefined ? 0 : hub.monotonicNow() - readAtHall);
    const terminal = link.terminal;
    const device = registry.device(terminal.id, deviceId);
    const expected = input.kind === 'card' || input.kind === 'card_error' ? 'id_reader' : input.kind === 'rating' ? 'rating_pad' : 'keypad';
    if (!device || device.kind !== expected) return { code: 'not_your_device', message: `terminal ${terminal.id} has no ${expected} "${deviceId}"` };
    switch (input.kind) {
      case 'card': {
        if (terminal.role !== 'kiosk') return { code: 'not_a_kiosk', message: 'card reads are taken only from kiosks' };
        if (ageMs > settings.cardMaxAgeSeconds * 1000) return { code: 'stale', message: `card read ${Math.round(ageMs / 1000)} s old: dropped (the visitor may have left)` };
        const now = runtime.timers.now();
        const { idNumber, cardType, name, birthDate } = input.card;
        const age = ageOn(birthDate, localParts(now, config.hall.utcOffsetMinutes).date);
        cards.put(terminal.id, { idNumber, cardType: cardType as never, source: 'card', name, birthDate, readAt: now });
        live.sendToTerminal(terminal.id, {
          type: 'card_read',
          card: { maskedName: maskName(name), maskedIdNumber: maskIdNumber(idNumber), cardType, age, greenChannel: isElderly(age, config.realName) },
        });
        return null;
      }
      case 'card_error':
        if (ageMs <= settings.cardMaxAgeSeconds * 1000) live.sendToTerminal(terminal.id, { type: 'card_error', code: input.code, message: input.message });
        return null;
      case 'rating': {
        const rating = runtime.state.openRatings.get(input.ratingId);
        const own = terminal.counterId;
        if (rating && rating.counterId !== own) return { code: 'not_your_counter', message: `rating ${input.ratingId} belongs to another counter` };
        run({ type: 'record_rating', ratingId: input.ratingId, outcome: input.level, source: 'pad' }, `rating pad ${terminal.id}/${deviceId}`);
        return null;
      }
      case 'keypad': {
        if (!keypadCounters(terminal.id).has(input.counterNumber)) return { code: 'not_your_counter', message: `terminal ${terminal.id}'s keypads do not serve counter number ${input.counterNumber}` };
        if (ageMs > settings.keypadMaxAgeSeconds * 1000) return { code: 'stale', message: `keypad key ${Math.round(ageMs / 1000)} s old: dropped` };
        const counter = counterByNumber.get(input.counterNumber);
        if (!counter) return { code: 'no_counter', message: `no counter number ${input.counterNumber}` };
        // transfer needs a target queue: only the counter page can say which.
        if (!KEYPAD_ACTIONS.has(input.action)) return { code: 'needs_counter_page', message: `${input.action} needs the counter page` };
        const stored = run(counterCommand(input.action as CounterActionName, counter.id, runtime.newId()), `keypad ${terminal.id}/${deviceId} ${input.action}`);
        const called = stored?.find((e) => e.type === 'ticket_called');
        if (called) link.send({ type: 'keypad_show', deviceId, counterNumber: input.counterNumber, text: called.payload.number });
        return null;
      }
    }
  };

  hub.setHandlers({
    connected(link) {
      link.send({ type: 'clock', hallNow: hub.monotonicNow() });
      const t = terminalById.get(link.terminal.id);
      link.send({
        type: 'welcome',
        terminalId: link.terminal.id,
        role: link.terminal.role,
        counterId: link.terminal.counterId,
        hallId: config.hall.id,
        defaultDevices: config.devices.filter((d) => d.terminalId === t?.id).map(asLocalDevice),
        printerProfiles: config.printerProfiles,
      });
      registry.online(link.terminal.id);
      printJobs.relink(link.terminal.id);
    },
    disconnected(link) {
      registry.offline(link.terminal.id);
    },
    message(link, message: AgentToHall) {
      switch (message.type) {
        case 'devices':
          return registry.report(link.terminal.id, message.devices, message.agent ?? null);
        case 'print_result':
          return printJobs.result(link.terminal.id, message.jobId, message.result);
        case 'input': {
          // A card read carries the full ID number and name: the logger masks them (drivers/log/redact.ts).
          log.debug(`device agent ${link.terminal.id}: ${message.input.kind} input`, { deviceId: message.deviceId, ageMs: message.ageMs, input: message.input });
          const problem = seen.first(`${link.terminal.id}/${message.id}`) ? applyInput(link, message.deviceId, message.ageMs, message.readAtHall, message.input) : null;
          link.send({ type: 'ack', ids: [message.id] });
          if (problem) {
            log.warn(`device agent ${link.terminal.id}: ${message.input.kind} input refused: ${problem.code}`);
            link.send({ type: 'refused', id: message.id, ...problem });
          }
          return;
        }
        case 'command_result':
          return; // answered inside the hub
      }
    },
  });

  offs.push(registry.onChange((list) => live.broadcastMessage({ type: 'devices', devices: list })));
  offs.push(
    printJobs.onOutcome((terminalId, _jobId, meta, outcome) => {
      if (meta.kind === 'ticket' && meta.ticketId) live.sendToTerminal(terminalId, { type: 'print_outcome', ticketId: meta.ticketId, print: outcome });
    }),
  );

  offs.push(
    runtime.onEvents((events) => {
      for (const e of events) {
        if (e.type !== 'rating_requested' && e.type !== 'rating_recorded') continue;
        const terminalId = counterTerminal.get(e.payload.counterId);
        const link = terminalId ? hub.link(terminalId) : undefined;
        const pad = terminalId ? registry.devicesOf(terminalId, 'rating_pad')[0] : undefined;
        // A pad that is away leaves the on-screen rating on the counter display to do the job.
        if (!link || !pad) continue;
        const ratingId = e.payload.ratingId;
        if (e.type === 'rating_requested') {
          link.send({
            type: 'rating_start',
            deviceId: pad.id,
            ratingId,
            counterNumber: counterById.get(e.payload.counterId)!.number,
            staffName: (e.payload.staffId && staffName.get(e.payload.staffId)) ?? '',
            ticketNumber: e.payload.number,
            timeoutMs: Math.max(1000, e.payload.expiresAt - runtime.timers.now()),
          });
        } else if (e.payload.source !== 'pad') {
          link.send({ type: 'rating_cancel', deviceId: pad.id, ratingId });
        }
      }
    }),
  );
  return () => offs.forEach((off) => off());
}
