// Wait estimates shown to visitors as a range ("约 10–20 分钟"): an honest range reads
// better than a false-precise minute. Pure: returns the message key and its params.
import type { WaitEstimateDTO } from '../../../hall/api/dto';
import type { MessageKey, MessageParams } from '../i18n';

export interface Phrase {
  key: MessageKey;
  params?: MessageParams;
}

/** Rounds to steps people use when talking about waits: 1 min up to 10, then 5 min. */
function roundDown(m: number): number {
  return m <= 10 ? Math.floor(m) : Math.floor(m / 5) * 5;
}
function roundUp(m: number): number {
  return m <= 10 ? Math.ceil(m) : Math.ceil(m / 5) * 5;
}

export function waitRangePhrase(estimate: WaitEstimateDTO): Phrase {
  const lo = Math.max(0, Number.isFinite(estimate.minMinutes) ? estimate.minMinutes : 0);
  const hi = Math.max(lo, Number.isFinite(estimate.maxMinutes) ? estimate.maxMinutes : lo);
  if (hi <= 0) return { key: 'wait.none' };
  if (hi >= 120) {
    const minH = Math.max(1, Math.floor(lo / 60));
    const maxH = Math.max(minH + 1, Math.ceil(hi / 60));
    return { key: 'wait.hours', params: { min: minH, max: maxH } };
  }
  const min = roundDown(lo);
  const max = Math.max(roundUp(hi), 1);
  if (min <= 0) return { key: 'wait.lessThan', params: { max } };
  if (min === max) return { key: 'wait.exact', params: { min } };
  return { key: 'wait.minutes', params: { min, max } };
}

/** Whole minutes between two instants, never negative. */
export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 60_000));
}
