// What a kiosk shows at an instant, by its zone. A hall-zone kiosk outside
// hours shows "closed, opens at …"; a 24h-zone kiosk (004 第十六条) runs in
// self-service mode: self-service matters and guides only, no counter tickets.
// Contract: pure; derived from hallModeAt, so it changes no later than
// hall.nextChangeAt (kiosk.nextChangeAt is the same instant).
// Danger: a walk-in visitor may never be turned away while the hall is open
// (003 §二.4): 'service' and 'weekend_service' with counter matters always
// allow walk-in tickets, whatever the zone.
import { hallModeAt, nextOpening } from './hall-mode.js';
import type { CalendarClock } from './local-time.js';
import type { HallCalendar, HallMode, KioskMode, KioskScreen, KioskZone } from './types.js';

function screenOf(hall: HallMode): KioskScreen {
  switch (hall.period) {
    case 'open':
    case 'lunch':
      return 'service';
    case 'flex_morning':
    case 'flex_evening':
      return 'booked_only';
    case 'weekend_service':
      return 'weekend_service';
    case 'before_open':
    case 'closed':
      return 'closed';
  }
}

export function kioskModeAt(calendar: HallCalendar, now: number, zone: KioskZone, clock: CalendarClock): KioskMode {
  const hall = hallModeAt(calendar, now, clock);
  const zoneOn = zone === '24h' && calendar.selfServiceZone.enabled;
  let screen = screenOf(hall);
  if (zoneOn && (screen === 'closed' || !calendar.selfServiceZone.ticketsDuringHours)) screen = 'self_service';

  const staffed = screen === 'service' || screen === 'booked_only' || screen === 'weekend_service';
  const walkInTickets = staffed && hall.walkInTickets;
  return {
    zone,
    screen,
    walkInTickets,
    checkIns: staffed && hall.checkIns,
    selfServiceMatters: screen !== 'closed',
    // Guides (办事指南) are public information: readable even on a closed kiosk.
    guides: true,
    counterMatters: staffed ? hall.counterMatters : [],
    opensAt: walkInTickets ? null : nextOpening(calendar, now, clock),
    nextChangeAt: hall.nextChangeAt,
    hall,
  };
}
