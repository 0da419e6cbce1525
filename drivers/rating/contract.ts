// What the hall depends on when it talks to a rating pad (评价器).
// Every pad — serial frames, TCP frames, HID reports, a keyboard-mode evdev
// device — is driven through RatingPadDriver; only the profile and the
// transport differ. The hall never sees vendor bytes or vendor level codes.
import type { DeviceError, DeviceHealth } from '../contract.js';

/**
 * The five 好差评 levels (国办发〔2019〕51号), neutral internal names.
 * Map to a destination's numeric code at upload time: the national data
 * standard uses 1 = 非常满意, several provincial APIs use 5 = 非常满意.
 */
export type RatingLevel = 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied';

/** In pad order, best first. Same strings as hall/domain RATING_LEVELS. */
export const RATING_LEVELS: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'];

export const RATING_LEVEL_LABELS_ZH: Readonly<Record<RatingLevel, string>> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};

export interface StartRatingRequest {
  /** The hall's id of this rating request; echoed in every outcome. */
  ratingId: string;
  /** Counter number as shown and announced ("3号窗口"), 1–65535. */
  counterNumber: number;
  /** Shown on pads with a display. Control characters are stripped before sending. */
  staffName: string;
  /** Display number of the ticket, e.g. "A012". */
  ticketNumber: string;
  /** Overrides the profile's timeout for this request (the hall's ratingSeconds setting). */
  timeoutMs?: number;
}

export interface RatingEvent {
  ratingId: string;
  level: RatingLevel;
  /** Clock time (epoch ms) when the accepted key press arrived. */
  at: number;
}

export interface RatingTimeoutEvent {
  ratingId: string;
  at: number;
}

/**
 * host: cancel() was called; superseded: startRating() was called while this
 * request was open; closed: the driver was closed.
 */
export type RatingCancelReason = 'host' | 'superseded' | 'closed';

export interface RatingCancelledEvent {
  ratingId: string;
  reason: RatingCancelReason;
  at: number;
}

/**
 * Every key press the pad reports, accepted or not: for the technician's
 * "press each key" check and for logs. Never a rating by itself.
 * accepted: became the rating of the open request; no_rating: no request was
 * open (pressed before start or after the rating); bounce: within debounceMs
 * of the previous press.
 */
export interface KeyPressEvent {
  level: RatingLevel;
  outcome: 'accepted' | 'no_rating' | 'bounce';
  at: number;
}

/**
 * Stable codes of DeviceErrors a rating pad reports through onError or a
 * rejected promise. Input errors never crash the driver and never make a rating.
 */
export const RATING_ERROR_CODES = [
  'invalid_request', // startRating arguments out of range; nothing sent
  'disconnected', // the pad is not connected; fall back to the on-screen rating
  'not_supported', // the profile has no such command (e.g. prompt on a keyboard-mode pad)
  'encode_failed', // a command did not fit the frame (too long, contains the delimiter)
  'garbage', // bytes outside any frame were skipped
  'bad_checksum',
  'bad_length',
  'bad_trailer',
  'frame_too_long',
  'truncated_frame', // a partial frame went quiet longer than interByteTimeoutMs
  'unknown_key', // a well-formed frame, report or key that the key map does not know
  'bad_report', // a HID report too short or with an unexpected report id
  'bad_event', // an evdev record with an unknown type
  'decode_failed', // a decoder bug caught at the boundary; the chunk is dropped
] as const;
export type RatingErrorCode = (typeof RATING_ERROR_CODES)[number];

/**
 * Health codes (DeviceHealth.code) a rating pad reports. See docs/devices/rating-pad.md.
 */
export const RATING_HEALTH_CODES = [
  'ok',
  'not_open', // open() not called yet
  'closed', // close() was called
  'open_failed', // could not open: unplugged, wrong path, port busy; retrying with backoff
  'disconnected', // the link was lost; retrying with backoff
  'not_found', // HID: no device with the profile's vendor/product/usage
  'permission_denied', // the OS refused access (udev rule missing)
  'unavailable', // a native module (node-hid / libusb) is missing: this pad cannot work here
  'grab_failed', // evdev: exclusive grab refused, keys would reach the focused page
  'no_ack', // warning: the pad did not acknowledge the last start command
] as const;

export interface RatingPadDriver {
  /** Starts supervising the link. Resolves after the first attempt; a missing pad shows in health, never as a rejection. */
  open(): Promise<void>;
  /** Stops reconnecting, ends an open request with cancelled('closed'), closes the transport. */
  close(): Promise<void>;
  /**
   * Opens a rating request and sends the start command (if the profile has one).
   * Exactly one of onRating, onTimeout, onCancelled follows for this ratingId.
   * An open request is superseded (onCancelled 'superseded').
   * Rejects with DeviceError 'disconnected' (no request is opened: use the screen)
   * or 'invalid_request' / 'encode_failed'.
   */
  startRating(request: StartRatingRequest): Promise<void>;
  /** Ends the open request (if ratingId is given, only when it matches) and sends the cancel command. */
  cancel(ratingId?: string): Promise<void>;
  /** Sends a named prompt from the profile (LED / voice), e.g. "please_rate". Rejects 'not_supported' if absent. */
  prompt(name: string): Promise<void>;
  readonly health: DeviceHealth;
  readonly activeRatingId: string | null;
  onRating(listener: (event: RatingEvent) => void): () => void;
  onTimeout(listener: (event: RatingTimeoutEvent) => void): () => void;
  onCancelled(listener: (event: RatingCancelledEvent) => void): () => void;
  onKeyPress(listener: (event: KeyPressEvent) => void): () => void;
  onHealth(listener: (health: DeviceHealth) => void): () => void;
  onError(listener: (error: DeviceError) => void): () => void;
}
