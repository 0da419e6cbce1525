// Counter rules on the page, pure: whether an action is usable right now (the recall
// cooldown runs out on the page's hall clock, without waiting for the hall to push a
// change), why not in words with their numbers, refusals with the facts the hall sent,
// and "why this ticket" as plain Chinese.
// Contract: the hall has the last word — a button enabled here may still be refused
// (409) and the page then shows the hall's reason and refreshes.
import type { CallWhyDTO, CounterAction, CounterViewDTO, TicketClass } from '../../hall/api/dto';
import type { MessageKey, MessageParams, Translate } from '../shared/i18n';
import { actionErrorKey, callReasonKey, reasonKey } from './labels';
import { formatHm } from '../shared/format/time';

export interface Availability {
  enabled: boolean;
  /** Why not, translated with `params`; null when enabled. */
  reason: MessageKey | null;
  params?: MessageParams;
}

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));

export function liveAvailability(view: CounterViewDTO, action: CounterAction, now: number): Availability {
  const a = view.actions[action] ?? { enabled: false, reason: null };
  const recall = view.recall;
  if (action === 'recall' && recall) {
    if (a.reason === 'recall_cooldown' && recall.readyAt !== null) {
      return now >= recall.readyAt ? { enabled: true, reason: null } : { enabled: false, reason: 'reason.recall_cooldown', params: { seconds: secondsUntil(recall.readyAt, now) } };
    }
    if (a.reason === 'recall_limit') return { enabled: false, reason: 'reason.recall_limit', params: { max: recall.max } };
  }
  if (action === 'no_show' && recall && a.reason === 'recalls_required') {
    return { enabled: false, reason: 'reason.recalls_required', params: { count: recall.stillNeeded } };
  }
  return a.enabled ? { enabled: true, reason: null } : { enabled: false, reason: reasonKey(a.reason) };
}

export interface Refusal {
  key: MessageKey | null;
  params: MessageParams;
}

/** A refused action's message and its numbers, from the code and facts the hall sent (RefusalErrorBody). */
export function refusalMessage(code: string, facts: Record<string, string | number>, now: number): Refusal {
  const num = (k: string) => (typeof facts[k] === 'number' ? (facts[k] as number) : Number(facts[k] ?? 0));
  switch (code) {
    case 'recall_cooldown':
      return { key: 'counterError.recall_cooldown', params: { seconds: secondsUntil(num('readyAt'), now) } };
    case 'recalls_required':
      return { key: 'counterError.recalls_required', params: { count: Math.max(1, num('needed') - num('done')) } };
    case 'counter_kind_not_callable':
      // The calendar lets only some counter kinds call now (午间不间断: general counters at lunch).
      return { key: 'staffCounter.kindNotCallable', params: { until: formatHm(num('until')) } };
    case 'unknown_ticket':
      return facts.number ? { key: 'counterError.unknown_ticket_number', params: { number: String(facts.number) } } : { key: 'counterError.unknown_ticket', params: {} };
    default:
      return { key: actionErrorKey(code), params: { ...facts } };
  }
}

const classKey: Record<TicketClass, MessageKey> = { green: 'ticketClass.green', appointment: 'ticketClass.appointment', walk_in: 'ticketClass.walk_in' };

/** "Why this ticket" in plain words: the reason, then the ratio position or the staff's reason, then the policy. */
export function explainWhy(why: CallWhyDTO, t: Translate): string[] {
  const lines = [t(callReasonKey(why.reason), { class: t(classKey[why.ticketClass]) })];
  if (why.reason === 'overdue' && why.maxWaitMinutes !== null) lines.push(t('counterPage.whyOverdue', { minutes: why.maxWaitMinutes }));
  if (why.reason === 'deadline') lines.push(why.maxWaitMinutes !== null ? t('counterPage.whyDeadline', { minutes: why.maxWaitMinutes }) : t('counterPage.whyDeadlineNoCap'));
  if (why.position) {
    const { side, index, ratio } = why.position;
    lines.push(t(side === 'priority' ? 'counterPage.whyPosition.priority' : 'counterPage.whyPosition.walk_in', { priority: ratio.priority, walkIn: ratio.walkIn, index }));
  }
  if (why.specialReason) lines.push(t('counterPage.specialReasonLabel', { reason: why.specialReason }));
  lines.push(t('counterPage.whyPolicy', { name: why.policyName }));
  return lines;
}
