import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnnouncementError } from '../../../renderer/shared/announcer/errors';
import { chineseNumeralClips, planAnnouncement } from '../../../renderer/shared/announcer/plan';
import type { ClipId } from '../../../renderer/shared/announcer/types';

const HANZI: Record<ClipId, string> = {
  'digit-0': '零', 'digit-1': '一', 'digit-2': '二', 'digit-3': '三', 'digit-4': '四',
  'digit-5': '五', 'digit-6': '六', 'digit-7': '七', 'digit-8': '八', 'digit-9': '九',
  ten: '十', hundred: '百',
};
const spoken = (clips: ClipId[]) => clips.map((id) => HANZI[id] ?? `?${id}`).join('');

/** Independent reading of a Chinese numeral 1–999, to check the planner by round trip. */
function valueOf(numeral: string): number {
  const digit = (ch: string | undefined) => '零一二三四五六七八九'.indexOf(ch ?? '');
  let rest = numeral;
  let value = 0;
  const hundredAt = rest.indexOf('百');
  if (hundredAt >= 0) {
    value += digit(rest[hundredAt - 1]) * 100;
    rest = rest.slice(hundredAt + 1);
  }
  const tenAt = rest.indexOf('十');
  if (tenAt >= 0) {
    value += (tenAt === 0 ? 1 : digit(rest[tenAt - 1])) * 10;
    rest = rest.slice(tenAt + 1);
  }
  rest = rest.replace(/^零/, '');
  if (rest) value += digit(rest);
  return value;
}

describe('planAnnouncement (zh-CN)', () => {
  it('says ticket A012 to counter 3 as the hall hears it: chime, 请 A 零 一 二 号 到 三 号窗口办理', () => {
    expect(planAnnouncement({ ticketNumber: 'A012', counterNumber: 3 }, 'zh-CN')).toEqual([
      'chime', 'please', 'letter-a', 'digit-0', 'digit-1', 'digit-2', 'ticket-suffix', 'go-to', 'digit-3', 'counter-suffix',
    ]);
  });

  it.each([
    ['B7', ['letter-b', 'digit-7']],
    ['GB0099', ['letter-g', 'letter-b', 'digit-0', 'digit-0', 'digit-9', 'digit-9']],
    ['Z000', ['letter-z', 'digit-0', 'digit-0', 'digit-0']],
    ['C111', ['letter-c', 'digit-1', 'digit-1', 'digit-1']],
  ])('reads ticket %s character by character', (ticketNumber, ticket) => {
    const clips = planAnnouncement({ ticketNumber, counterNumber: 1 }, 'zh-CN');
    expect(clips.slice(2, 2 + ticket.length)).toEqual(ticket);
    expect(clips[2 + ticket.length]).toBe('ticket-suffix');
  });

  it('repeats the sentence after a pause when the hall says it twice or three times; the chime sounds once', () => {
    const once = planAnnouncement({ ticketNumber: 'A1', counterNumber: 2 }, 'zh-CN');
    const sentence = once.slice(1);
    expect(planAnnouncement({ ticketNumber: 'A1', counterNumber: 2 }, 'zh-CN', { times: 2 })).toEqual(['chime', ...sentence, 'pause', ...sentence]);
    expect(planAnnouncement({ ticketNumber: 'A1', counterNumber: 2 }, 'zh-CN', { times: 3 })).toEqual([
      'chime', ...sentence, 'pause', ...sentence, 'pause', ...sentence,
    ]);
  });
});

describe('counter numbers as Chinese numerals', () => {
  it.each([
    [1, '一'], [3, '三'], [10, '十'], [11, '十一'], [12, '十二'], [19, '十九'], [20, '二十'], [21, '二十一'],
    [99, '九十九'], [100, '一百'], [101, '一百零一'], [105, '一百零五'], [110, '一百一十'], [111, '一百一十一'],
    [200, '二百'], [210, '二百一十'], [305, '三百零五'], [999, '九百九十九'],
  ])('counter %i is read %s', (counter, reading) => {
    expect(spoken(chineseNumeralClips(counter))).toBe(reading);
    const clips = planAnnouncement({ ticketNumber: 'A1', counterNumber: counter }, 'zh-CN');
    expect(spoken(clips.slice(clips.indexOf('go-to') + 1, -1))).toBe(reading);
  });

  it('every counter 1–999 reads back as its own number', () => {
    for (let n = 1; n <= 999; n++) expect(valueOf(spoken(chineseNumeralClips(n))), `counter ${n}`).toBe(n);
  });
});

describe('input the voice cannot say is an error, never a silent or partial announcement', () => {
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof AnnouncementError) return error.code;
      throw error;
    }
    return 'no error';
  };

  it.each(['a012', 'A', '012', 'ABC1', 'A-1', 'A 1', ' A1', 'A1 ', 'Ａ1', 'A１', 'É1', 'A1234567', ''])('ticket %j', (ticketNumber) => {
    expect(codeOf(() => planAnnouncement({ ticketNumber, counterNumber: 3 }, 'zh-CN'))).toBe('invalid-ticket-number');
  });

  it.each([0, -1, 1000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('counter %d', (counterNumber) => {
    expect(codeOf(() => planAnnouncement({ ticketNumber: 'A1', counterNumber }, 'zh-CN'))).toBe('invalid-counter-number');
  });

  it('values of the wrong type, as arriving from untyped JSON', () => {
    const call = (ticketNumber: unknown, counterNumber: unknown) => ({ ticketNumber, counterNumber }) as never;
    expect(codeOf(() => planAnnouncement(call(12, 3), 'zh-CN'))).toBe('invalid-ticket-number');
    expect(codeOf(() => planAnnouncement(call('A1', '3'), 'zh-CN'))).toBe('invalid-counter-number');
    expect(codeOf(() => planAnnouncement(call(undefined, undefined), 'zh-CN'))).toBe('invalid-ticket-number');
  });

  it('unsupported locale and repeat counts outside 1–3', () => {
    expect(codeOf(() => planAnnouncement({ ticketNumber: 'A1', counterNumber: 1 }, 'en'))).toBe('unsupported-locale');
    for (const times of [0, 4, 1.5]) {
      expect(codeOf(() => planAnnouncement({ ticketNumber: 'A1', counterNumber: 1 }, 'zh-CN', { times }))).toBe('invalid-times');
    }
  });

  it('any string either plans one clip per character or throws AnnouncementError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Z]{1,2}[0-9]{1,6}$/)), fc.integer({ min: -5, max: 1005 }), (ticketNumber, counterNumber) => {
        let clips: ClipId[];
        try {
          clips = planAnnouncement({ ticketNumber, counterNumber }, 'zh-CN');
        } catch (error) {
          expect(error).toBeInstanceOf(AnnouncementError);
          return;
        }
        expect(clips.indexOf('ticket-suffix') - clips.indexOf('please') - 1).toBe(ticketNumber.length);
        expect(clips.at(-1)).toBe('counter-suffix');
      }),
    );
  });
});
