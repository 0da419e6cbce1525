// The printer contract the hall service depends on. The real driver
// (TicketPrinter over serial, TCP or USB) and test doubles implement it.
// Nothing here depends on how bytes travel.
import type { DeviceHealth } from '../contract.js';

/** What the kiosk wants printed on one ticket. Strings are shown as given (already localised). */
export interface TicketPrintJob {
  hallName: string;
  /** Ticket number, e.g. "A012". */
  number: string;
  matterName: string;
  queueName: string;
  peopleAhead: number;
  /** Estimated wait range in minutes, or null when unknown (the line is left out). */
  waitMinutes: { min: number; max: number } | null;
  /** Issue time as it should read, e.g. "2026-03-02 09:41". */
  issuedAtText: string;
  /** Printed as a QR code: the ticket's progress page URL. */
  qrContent: string;
  /** Short notice lines, e.g. the 过号 rule. */
  notice: string[];
  /** Green-channel category label (e.g. "老年人"), only for green-channel tickets. */
  greenCategoryLabel?: string;
  /**
   * Masked identity for real-name tickets, e.g. "150602********1234".
   * Danger: must already be masked; a value with a long digit run is refused (code unmasked_identity).
   */
  maskedIdentity?: string;
  /** Where to go, e.g. "二楼 B 区". */
  counterArea?: string;
}

/** Status read from the printer, normalised across models by the profile. */
export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  cutterError: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
  paperJam: boolean;
  /** Print head over temperature or lifted (SNBC kiosk models). */
  headError: boolean;
  feedButton: boolean;
  /** Generic "an error occurred" bit (DLE EOT 2 bit 6). */
  error: boolean;
  /** Where this status came from. */
  source: 'realtime' | 'asb';
}

/** Stable failure codes of a print. */
export type PrintFailureCode =
  | 'disconnected'
  | 'offline'
  | 'paper_out'
  | 'cover_open'
  | 'paper_jam'
  | 'cutter_error'
  | 'head_error'
  | 'unrecoverable_error'
  | 'auto_recoverable_error'
  | 'invalid_ticket'
  | 'unmasked_identity';

export interface PrintWarning {
  /**
   * glyph_placeholder: a character printed as '□'; font_unavailable: no outline font for the raster
   * fallback; status_unavailable: status cannot be read (readsStatus false, or a one-way link found by
   * readsStatus 'auto'), so nothing was checked; print_unconfirmed: the printer reports no fault but
   * did not answer the confirmation (GS r) within confirmTimeoutMs.
   */
  code: 'glyph_placeholder' | 'font_unavailable' | 'status_unavailable' | 'print_unconfirmed';
  message: string;
}

export type PrintOutcome =
  | {
      ok: true;
      bytes: number;
      /**
       * true only when the printer answered GS r after the job (it processed the whole job, paper
       * present). false: "printed, not confirmed" — the bytes were sent and no fault was seen, but
       * nothing proves the ticket came out (confirmation off, unanswered, or a one-way link).
       */
      confirmed: boolean;
      warnings: PrintWarning[];
    }
  | {
      ok: false;
      code: PrintFailureCode;
      message: string;
      /** none: nothing was sent, safe to print elsewhere; unknown: the ticket may be partly printed. */
      printed: 'none' | 'unknown';
    };

/** The printer as the hall's device agent sees it. */
export interface TicketPrinterDevice {
  /** Starts connecting (and reconnecting after loss, with backoff). Idempotent. */
  start(): void;
  /** Stops polling and reconnecting and closes the transport. */
  stop(): Promise<void>;
  /** Current health; "disconnected" until the first connection succeeds. */
  health(): DeviceHealth;
  /** Last status read from the printer, or null when none yet. */
  status(): PrinterStatus | null;
  /** Called on every change of health state or code. Returns an unsubscribe function. */
  onHealth(listener: (health: DeviceHealth) => void): () => void;
  /** Prints one ticket; never throws: every failure is an outcome with a stable code. */
  printTicket(job: TicketPrintJob): Promise<PrintOutcome>;
  /** Sends prepared ESC/POS bytes (test tickets) with the same status checks. */
  printRaw(bytes: Uint8Array): Promise<PrintOutcome>;
}
