// Device events: what the hall records about its devices, beside the engine's
// events (events.ts) in the same outbox. The engine never emits them; the hall
// service records them (HallRuntime.recordDeviceEvent) and they travel to
// terminals and to central like every other event.
// Contract: payloads never carry identity data, like every event.
// Danger: the central platform checks these fields (protocol/central/events.ts);
// a field renamed or removed here makes old events unreadable there.
import type { TicketId } from './types.js';

/** The device kinds a kiosk fault can name; must stay equal to protocol/devices.ts's DeviceKind (the compiler checks both ways in hall/api/kiosk-views.ts). */
export type FaultDeviceKind = 'printer' | 'id_reader' | 'rating_pad' | 'keypad';

export type DeviceEvent =
  /** A ticket came out (`confirmed`: the printer said so; false: sent, the printer cannot report). */
  | { type: 'ticket_printed'; ticketId: TicketId; number: string; kioskId: string; jobId: string | null; confirmed: boolean }
  /** A ticket did not come out for sure: `printed` 'unknown' when it may have, 'none' when it did not. */
  | { type: 'print_failed'; ticketId: TicketId; number: string; kioskId: string; jobId: string | null; code: string; printed: 'unknown' | 'none' }
  | {
      type: 'kiosk_device_fault';
      deviceId: string;
      terminalId: string;
      zone: 'hall' | '24h';
      kind: FaultDeviceKind;
      code: string;
      message: string;
      /** The kiosk was running without staff when the fault began. */
      unattended: boolean;
    }
  | { type: 'kiosk_device_recovered'; deviceId: string; terminalId: string };

export type DeviceEventType = DeviceEvent['type'];
