import { describe, expect, test } from 'vitest';
import { translate } from '../../../renderer/shared/i18n';
import { minutesBetween, waitRangePhrase } from '../../../renderer/shared/format/wait';
import { formatHm, wallClock } from '../../../renderer/shared/format/time';

const say = (minMinutes: number, maxMinutes: number) => {
  const p = waitRangePhrase({ minMinutes, maxMinutes, basis: 'typical' });
  return translate('zh-CN', p.key, p.params);
};

describe('wait estimates shown as a range', () => {
  test('a typical estimate reads "约 10–20 分钟"', () => {
    expect(say(10, 20)).toBe('约 10–20 分钟');
  });
  test('long waits round to five minutes, outward', () => {
    expect(say(12, 23)).toBe('约 10–25 分钟');
  });
  test('short waits keep single minutes', () => {
    expect(say(2, 6)).toBe('约 2–6 分钟');
  });
  test('nothing to wait says so', () => {
    expect(say(0, 0)).toBe('无需等待');
  });
  test('a lower bound of zero becomes "within"', () => {
    expect(say(0, 5)).toBe('约 5 分钟以内');
  });
  test('equal bounds give one figure', () => {
    expect(say(15, 15)).toBe('约 15 分钟');
  });
  test('two hours and more are said in hours', () => {
    expect(say(100, 170)).toBe('约 1–3 小时');
  });
  test('bad input never shows NaN or a negative wait', () => {
    expect(say(Number.NaN, -3)).toBe('无需等待');
    expect(say(20, 10)).toBe('约 20 分钟');
  });
  test('waited minutes are whole and never negative', () => {
    expect(minutesBetween(0, 125_000)).toBe(2);
    expect(minutesBetween(10_000, 0)).toBe(0);
  });
});

describe('hall-local time', () => {
  test('formats in China time whatever the terminal zone', () => {
    const utcMidnight = Date.UTC(2025, 10, 21, 0, 5);
    expect(formatHm(utcMidnight, 480)).toBe('08:05');
    expect(wallClock(Date.UTC(2025, 10, 21, 17, 0), 480)).toMatchObject({ day: 22, hours: 1, weekday: 6 });
  });
});
