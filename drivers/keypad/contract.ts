// What the hall depends on when staff press keys on a caller keypad (叫号器).
// One CallerKeypad serves one serial line (often an RS-485 bus with several
// keypads); each keypad has an address, and the installation maps each
// address to the counter it sits at. The hall sees only counter actions.
import type { DeviceError, DeviceHealth } from '../contract.js';

/** Names follow the domain glossary: 叫号 call next, 重呼 recall, 过号 no-show, 完成 finish, 开始办理 start, 转窗 transfer, 暂停 pause. */
export const KEYPAD_ACTIONS = ['call_next', 'recall', 'no_show', 'finish', 'start', 'transfer', 'pause'] as const;
export type KeypadAction = (typeof KEYPAD_ACTIONS)[number];

export interface KeypadActionEvent {
  /** Bus address of the keypad that sent the key (0–255). */
  address: number;
  /** The counter this keypad belongs to, from the installation's address map. */
  counterNumber: number;
  action: KeypadAction;
  /** Clock time (epoch ms) when the key frame arrived. */
  at: number;
}

/** Stable codes of DeviceErrors a keypad reports; none of them is ever an action. */
export const KEYPAD_ERROR_CODES = [
  'garbage', // bytes outside any frame
  'bad_length', // the two length bytes differ or are out of range
  'bad_checksum',
  'bad_trailer', // the frame does not end with 16
  'truncated_frame', // a partial frame went quiet longer than interByteTimeoutMs
  'unknown_address', // a well-formed frame from an address the installation does not map
  'unknown_key', // a well-formed frame whose command/data the key map does not know
  'not_supported', // e.g. showNumber on a profile without a display command
  'invalid_request',
  'disconnected',
  'encode_failed',
  'decode_failed',
] as const;

/** DeviceHealth codes, shared with the rating pad: ok, not_open, closed, open_failed, disconnected, permission_denied. */
export interface CallerKeypadDriver {
  /** Starts supervising the line. Resolves after the first attempt; a missing port shows in health. */
  open(): Promise<void>;
  close(): Promise<void>;
  /**
   * Shows text (the called ticket number) on a keypad with a display.
   * Rejects 'not_supported', 'invalid_request' (unknown counter) or 'disconnected'.
   */
  showNumber(counterNumber: number, text: string): Promise<void>;
  readonly health: DeviceHealth;
  /** One event per key press; repeats of the same key within debounceMs (bounce, retransmission) are dropped. */
  onAction(listener: (event: KeypadActionEvent) => void): () => void;
  onHealth(listener: (health: DeviceHealth) => void): () => void;
  onError(listener: (error: DeviceError) => void): () => void;
}
