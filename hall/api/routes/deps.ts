// Everything a route needs, handed over once by the service wiring.
import type { HallConfig } from '../../config/schema.js';
import type { Ticket } from '../../domain/index.js';
import type { HallRuntime } from '../../runtime/hall-runtime.js';
import type { HallDevices } from '../../devices/hall-devices.js';
import type { AccessDeps } from '../access.js';
import type { HallViews } from '../views.js';
import type { RealNameTickets } from '../../identity/real-name.js';
import type { KioskCards } from '../../identity/kiosk-cards.js';
import type { ServiceNotices } from '../../service-desk/notices.js';

export interface ApiDeps extends AccessDeps {
  config: HallConfig;
  runtime: HallRuntime;
  views: HallViews;
  devices: HallDevices;
  /** The hall's public address (hall.publicUrl, else its listening address): what tickets' QR codes open. */
  publicUrl(): string;
  realName: RealNameTickets;
  cards: KioskCards;
  /** A ticket of an earlier service day, from the store. */
  ticketFromStore(id: string): Ticket | null;
  /** Announced pauses and early closings (hall/service-desk/notices.ts): a closed queue issues no numbers. */
  notices: ServiceNotices;
}
