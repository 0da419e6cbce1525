// The counter page's rule helpers: live availability on the page's hall clock (the recall
// cooldown counts down without the hall pushing anything), refusals explained with the
// facts the hall sent, and "why this ticket" in plain Chinese from the zh-CN catalog.
import { describe, expect, test } from 'vitest';
import type { CallWhyDTO, CounterViewDTO } from '../../../hall/api/dto';
import { translate, type MessageKey, type MessageParams } from '../../../renderer/shared/i18n';
import { explainWhy, liveAvailability, refusalMessage } from '../../../renderer/counter/rules';
import { matchesNumber } from '../../../renderer/counter/SpecialCallDialog';
import { minuteChoices } from '../../../renderer/counter/SuspendDialog';

const t = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const CALLED_AT = 1_000_000;

function viewWith(parts: Partial<CounterViewDTO>): CounterViewDTO {
  const off = { enabled: false, reason: 'no_current_ticket' };
  return {
    actions: { call_next: off, recall: off, start: off, finish: off, no_show: off, transfer: off, pause: off, resume: off, call_specific: off, suspend: off, resume_suspended: off, rejoin: { enabled: true, reason: null } },
    recall: null,
    ...parts,
  } as CounterViewDTO;
}

describe('given a ticket just called, with a 30 s recall cooldown and one recall needed before 过号', () => {
  const view = viewWith({
    actions: { ...viewWith({}).actions, recall: { enabled: false, reason: 'recall_cooldown' }, no_show: { enabled: false, reason: 'recalls_required' } },
    recall: { count: 0, max: 2, cooldownSeconds: 30, readyAt: CALLED_AT + 30_000, neededBeforeNoShow: 1, stillNeeded: 1, autoNoShowAt: null },
  });

  test('recall says how many seconds are left, counting down on the page clock', () => {
    const early = liveAvailability(view, 'recall', CALLED_AT + 12_300);
    expect(early).toEqual({ enabled: false, reason: 'reason.recall_cooldown', params: { seconds: 18 } });
    expect(t(early.reason!, early.params)).toBe('18 秒后可重呼');
    expect(liveAvailability(view, 'recall', CALLED_AT + 29_001).params).toEqual({ seconds: 1 });
  });

  test('recall enables itself when the cooldown has passed', () => {
    expect(liveAvailability(view, 'recall', CALLED_AT + 30_000)).toEqual({ enabled: true, reason: null });
  });

  test('过号 says how many recalls are still needed', () => {
    const a = liveAvailability(view, 'no_show', CALLED_AT + 60_000);
    expect(t(a.reason!, a.params)).toBe('需先重呼 1 次');
  });

  test('at the recall limit, recall says so with the number', () => {
    const limit = viewWith({ actions: { ...view.actions, recall: { enabled: false, reason: 'recall_limit' } }, recall: { ...view.recall!, count: 2, readyAt: null } });
    const a = liveAvailability(limit, 'recall', CALLED_AT + 90_000);
    expect(t(a.reason!, a.params)).toBe('已重呼 2 次，不能再重呼');
  });

  test('other actions keep the hall’s reason', () => {
    expect(liveAvailability(view, 'suspend', 0)).toEqual({ enabled: false, reason: 'reason.no_current_ticket' });
  });
});

describe('refusals carry the facts the hall sent', () => {
  test('cooldown: seconds from readyAt', () => {
    const r = refusalMessage('recall_cooldown', { readyAt: 50_000 }, 41_500);
    expect(t(r.key!, r.params)).toBe('刚叫过，9 秒后才能重呼。');
  });
  test('recalls required: needed minus done', () => {
    const r = refusalMessage('recalls_required', { needed: 2, done: 1 }, 0);
    expect(t(r.key!, r.params)).toBe('记为过号前需先重呼 1 次。');
  });
  test('rejoin limits and deadlines name their numbers', () => {
    expect(t(refusalMessage('rejoin_too_late', { minutes: 60 }, 0).key!, refusalMessage('rejoin_too_late', { minutes: 60 }, 0).params)).toContain('60 分钟');
    const limit = refusalMessage('rejoin_limit', { max: 1 }, 0);
    expect(t(limit.key!, limit.params)).toContain('1 次');
  });
  test('an unknown number is quoted back; an unknown id is not', () => {
    const byNumber = refusalMessage('unknown_ticket', { number: 'A099' }, 0);
    expect(t(byNumber.key!, byNumber.params)).toBe('今天没有 A099 这个号，请核对号票。');
    expect(refusalMessage('unknown_ticket', {}, 0).key).toBe('counterError.unknown_ticket');
  });
  test('codes the page does not know give no key (the caller falls back to a generic message)', () => {
    expect(refusalMessage('something_new', {}, 0).key).toBeNull();
  });
});

describe('why this ticket, in plain words', () => {
  const base: CallWhyDTO = { reason: 'class_first', ticketClass: 'green', specialReason: null, policyName: '默认：绿色通道优先，防饿死', policyMode: 'ratio', maxWaitMinutes: 45, position: null };

  test('a ratio call names its place in the cycle', () => {
    const lines = explainWhy({ ...base, position: { side: 'priority', index: 1, of: 2, ratio: { priority: 2, walkIn: 1 } } }, t);
    expect(lines).toEqual(['绿色通道的号优先', '优先号和现场号按 2 比 1 轮流叫，这是这一轮的第 1 个优先号', '叫号规则：默认：绿色通道优先，防饿死']);
    const walkIn = explainWhy({ ...base, reason: 'ratio_turn', ticketClass: 'walk_in', position: { side: 'walk_in', index: 2, of: 2, ratio: { priority: 3, walkIn: 2 } } }, t);
    expect(walkIn.slice(0, 2)).toEqual(['按比例轮到现场取号的号', '优先号和现场号按 3 比 2 轮流叫，这是这一轮的第 2 个现场号']);
  });

  test('a special call shows the staff member’s reason; an overdue one the limit', () => {
    expect(explainWhy({ ...base, reason: 'special_call', specialReason: '群众带着婴儿' }, t)).toContain('特呼原因：群众带着婴儿');
    expect(explainWhy({ ...base, reason: 'overdue' }, t)[1]).toBe('已等候超过 45 分钟');
  });

  test('every reason the engine gives has its own words', () => {
    const reasons = ['transferred_here', 'overdue', 'class_first', 'ratio_turn', 'in_order', 'special_call', 'resumed'];
    const firsts = reasons.map((reason) => explainWhy({ ...base, reason }, t)[0]);
    expect(new Set(firsts).size).toBe(reasons.length);
    expect(firsts).not.toContain(t('callReason.unknown'));
  });
});

describe('dialog helpers', () => {
  test('a typed number matches with or without zeros and case', () => {
    expect(matchesNumber('A012', 'a12')).toBe(true);
    expect(matchesNumber('A012', 'A0')).toBe(true);
    expect(matchesNumber('A012', 'A13')).toBe(false);
    expect(matchesNumber('B012', 'A12')).toBe(false);
  });
  test('suspend minutes stop at the hall maximum and include its default', () => {
    expect(minuteChoices(60, 240)).toEqual([15, 30, 60, 120, 240]);
    expect(minuteChoices(45, 90)).toEqual([15, 30, 45, 60]);
  });
});
