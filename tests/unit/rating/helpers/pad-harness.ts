// A RatingPad on the reference serial profile over a MemoryTransport and a
// ManualClock, with every event it emits recorded in order.
import type { DeviceError, DeviceHealth } from '../../../../drivers/contract.js';
import type { KeyPressEvent, RatingCancelledEvent, RatingEvent, RatingTimeoutEvent } from '../../../../drivers/rating/contract.js';
import type { RatingProfile } from '../../../../drivers/rating/profile.js';
import { shippedRatingProfile } from '../../../../drivers/rating/profiles/index.js';
import { RatingPad } from '../../../../drivers/rating/rating-pad.js';
import { ManualClock } from './manual-clock.js';
import { hex, MemoryTransport } from './memory-transport.js';

export const KEY_FRAME = {
  very_satisfied: hex('02 02 4B 01 48 03'),
  satisfied: hex('02 02 4B 02 4B 03'),
  basic: hex('02 02 4B 03 4A 03'),
  dissatisfied: hex('02 02 4B 04 4D 03'),
  very_dissatisfied: hex('02 02 4B 05 4C 03'),
} as const;
export const PAD_ACK = hex('02 01 06 07 03');
export const CANCEL_FRAME = '02 01 32 33 03';
export const KEY_ACK_FRAME = '02 01 06 07 03';

export function padHarness(profile: RatingProfile = shippedRatingProfile('servicehall-reference-serial-v1')) {
  const clock = new ManualClock();
  const transport = new MemoryTransport();
  const pad = new RatingPad({ profile, transport, clock });
  const ratings: RatingEvent[] = [];
  const timeouts: RatingTimeoutEvent[] = [];
  const cancels: RatingCancelledEvent[] = [];
  const presses: KeyPressEvent[] = [];
  const health: DeviceHealth[] = [];
  const errors: DeviceError[] = [];
  pad.onRating((e) => ratings.push(e));
  pad.onTimeout((e) => timeouts.push(e));
  pad.onCancelled((e) => cancels.push(e));
  pad.onKeyPress((e) => presses.push(e));
  pad.onHealth((h) => health.push(h));
  pad.onError((e) => errors.push(e));
  const request = (ratingId = 'r-1') => ({ ratingId, counterNumber: 3, staffName: '张三', ticketNumber: 'A012' });
  return { clock, transport, pad, ratings, timeouts, cancels, presses, health, errors, request };
}
