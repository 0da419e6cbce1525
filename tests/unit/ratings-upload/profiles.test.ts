// Destination profiles: the reversed level order, time formats in the hall's
// UTC+8 local time, channel codes and overrides, and the validation reasons.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeNational,
  formatCompact,
  formatDashed,
  nationalProfile,
  parseCompact,
  parseDashed,
  ProfileError,
  provincialProfile,
  provincialRejectReason,
  type RatingRecord,
} from '../../../protocol/central/ratings/profiles/index.js';
import { RATING_LEVELS } from '../../../hall/domain/index.js';

const CN = 480;
// 2026-11-21 10:30:00 in China = 02:30:00 UTC.
const AT = Date.UTC(2026, 10, 21, 2, 30, 0);

const record = (over: Partial<RatingRecord> = {}): RatingRecord => ({
  ratingId: 'r-1',
  hallId: 'hall-1',
  caseNumber: '0190a3b2-0000-7000-8000-000000000001',
  assessNumber: 1,
  level: 'very_satisfied',
  ratedAt: AT,
  channel: 'hall_pad',
  areaCode: '150602',
  deptCode: '11150602MB1234567X',
  matterCode: '000101001000',
  matterName: '不动产登记',
  comment: null,
  ...over,
});

describe('level codes', () => {
  it('national: 1 = 非常满意 … 5 = 非常不满意', () => {
    expect(RATING_LEVELS.map((l) => nationalProfile.levelCode(l))).toEqual([1, 2, 3, 4, 5]);
  });

  it('provincial: reversed, 5 = 非常满意 … 1 = 非常不满意', () => {
    expect(provincialProfile.levelCode('very_satisfied')).toBe(5);
    expect(provincialProfile.levelCode('very_dissatisfied')).toBe(1);
    expect(RATING_LEVELS.map((l) => provincialProfile.levelCode(l))).toEqual([5, 4, 3, 2, 1]);
  });

  it('round-trips every level through each profile, and across them only via the neutral level', () => {
    for (const level of RATING_LEVELS) {
      expect(nationalProfile.levelFromCode(nationalProfile.levelCode(level))).toBe(level);
      expect(provincialProfile.levelFromCode(provincialProfile.levelCode(level))).toBe(level);
      const viaNeutral = provincialProfile.levelCode(nationalProfile.levelFromCode(nationalProfile.levelCode(level))!);
      expect(viaNeutral).toBe(6 - nationalProfile.levelCode(level));
    }
    expect(nationalProfile.levelFromCode(0)).toBeNull();
    expect(provincialProfile.levelFromCode(6)).toBeNull();
  });

  it('a national 非常不满意 (5) is a provincial 1, never a provincial 5', () => {
    const national = decodeNational(nationalProfile.encode(record({ level: 'very_dissatisfied' }), { utcOffsetMinutes: CN }), CN);
    expect(national.ok).toBe(true);
    if (!national.ok) return;
    expect(provincialProfile.encode(national.record, { utcOffsetMinutes: CN }).satisfaction).toBe('1');
  });
});

describe('time formats (hall local time, UTC+8)', () => {
  it('formats YYYYMMDDThhmmss and yyyy-MM-dd HH:mm:ss in local time', () => {
    expect(formatCompact(AT, CN)).toBe('20261121T103000');
    expect(formatDashed(AT, CN)).toBe('2026-11-21 10:30:00');
  });

  it('crosses midnight in local time, not UTC', () => {
    const lateUtc = Date.UTC(2026, 11, 31, 16, 5, 9); // 2027-01-01 00:05:09 in China
    expect(formatCompact(lateUtc, CN)).toBe('20270101T000509');
    expect(formatDashed(lateUtc, CN)).toBe('2027-01-01 00:05:09');
    expect(formatDashed(lateUtc, 0)).toBe('2026-12-31 16:05:09');
  });

  it('parses back to the same instant (whole seconds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 0, 1) / 1000 }), fc.integer({ min: -720, max: 840 }), (sec, offset) => {
        const t = sec * 1000;
        expect(parseCompact(formatCompact(t, offset), offset)).toBe(t);
        expect(parseDashed(formatDashed(t, offset), offset)).toBe(t);
      }),
    );
  });

  it('refuses impossible dates and wrong shapes', () => {
    expect(parseCompact('20260230T100000', CN)).toBeNull();
    expect(parseCompact('2026-11-21 10:30:00', CN)).toBeNull();
    expect(parseCompact('20261121T246000', CN)).toBeNull();
    expect(parseDashed('2026-11-21T10:30:00', CN)).toBeNull();
    expect(parseDashed('2026-13-01 00:00:00', CN)).toBeNull();
    expect(parseDashed('2026-11-21 10:30:00', CN)).toBe(AT);
  });
});

describe('channel codes', () => {
  it('the rating pad is 4 in both tables', () => {
    expect(nationalProfile.channelCode('hall_pad')).toBe('4');
    expect(provincialProfile.channelCode('hall_pad')).toBe('4');
    expect(provincialProfile.channelCode('qr_code')).toBe('3');
  });

  it('overrides from the configuration win', () => {
    const o = { sms: '6', system_default: '7' } as const;
    expect(provincialProfile.channelCode('sms', o)).toBe('6');
    expect(provincialProfile.channelCode('system_default', o)).toBe('7');
    expect(provincialProfile.encode(record({ channel: 'hall_pad' }), { utcOffsetMinutes: CN, channelCodes: { hall_pad: '9' } }).pf).toBe('9');
  });

  it('a channel without a code is a ProfileError naming the setting', () => {
    expect(() => provincialProfile.channelCode('system_default')).toThrow(ProfileError);
    expect(() => provincialProfile.channelCode('system_default')).toThrow(/channelCodes/);
  });
});

describe('provincial body', () => {
  it('carries case number, matter, department, area, code and local time', () => {
    const body = provincialProfile.encode(record({ level: 'satisfied', comment: '很好' }), { utcOffsetMinutes: CN });
    expect(body).toEqual({
      projectNo: '0190a3b2-0000-7000-8000-000000000001',
      assessNumber: 1,
      areaCode: '150602',
      deptCode: '11150602MB1234567X',
      taskCode: '000101001000',
      taskName: '不动产登记',
      pf: '4',
      satisfaction: '4',
      assessTime: '2026-11-21 10:30:00',
      evalContent: '很好',
      evalDetail: [],
      dataSource: '150000',
    });
    expect(provincialRejectReason(body)).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/certKey/);
  });

  it('needs a department code', () => {
    expect(() => provincialProfile.encode(record({ deptCode: null }), { utcOffsetMinutes: CN })).toThrow(/deptCode/);
  });

  it('validation names what is wrong', () => {
    const good = provincialProfile.encode(record(), { utcOffsetMinutes: CN });
    expect(provincialRejectReason({ ...good, satisfaction: '6' })).toMatch(/satisfaction/);
    expect(provincialRejectReason({ ...good, satisfaction: 5 })).toMatch(/satisfaction/);
    expect(provincialRejectReason({ ...good, assessTime: '20261121T103000' })).toMatch(/assessTime must be yyyy-MM-dd HH:mm:ss/);
    expect(provincialRejectReason({ ...good, assessTime: '2026-02-30 10:00:00' })).toMatch(/not a real date/);
    expect(provincialRejectReason({ ...good, assessNumber: 3 })).toMatch(/assessNumber/);
  });
});

describe('national body (POST /v1/ratings)', () => {
  it('encodes table 9 fields and decodes back to the same record', () => {
    const r = record({ level: 'basic', comment: '一般' });
    const body = nationalProfile.encode(r, { utcOffsetMinutes: CN });
    expect(body).toMatchObject({ level: 3, ratedAt: '20261121T103000', channel: '政务大厅平板电脑', assessNumber: 1 });
    const back = decodeNational(JSON.parse(JSON.stringify(body)), CN);
    expect(back).toEqual({ ok: true, record: r });
  });

  it('accepts a default channel code (older halls) as well as a table 9 name', () => {
    const body = { ...nationalProfile.encode(record(), { utcOffsetMinutes: CN }), channel: '3' };
    const d = decodeNational(body, CN);
    expect(d.ok && d.record.channel).toBe('qr_code');
    const named = decodeNational({ ...body, channel: '二维码' }, CN);
    expect(named.ok && named.record.channel).toBe('qr_code');
  });

  it('rejects with reasons: level out of range, time format, unknown channel, extra fields', () => {
    const good = nationalProfile.encode(record(), { utcOffsetMinutes: CN });
    const reason = (raw: unknown) => {
      const d = decodeNational(raw, CN);
      return d.ok ? null : d.reason;
    };
    expect(reason({ ...good, level: 0 })).toMatch(/level code must be 1/);
    expect(reason({ ...good, level: 6 })).toMatch(/level/);
    expect(reason({ ...good, ratedAt: '2026-11-21 10:30:00' })).toMatch(/ratedAt must be YYYYMMDDThhmmss/);
    expect(reason({ ...good, ratedAt: '20261131T103000' })).toMatch(/not a real date/);
    expect(reason({ ...good, channel: '99' })).toMatch(/channel/);
    expect(reason({ ...good, certKey: '150602199001011234' })).toMatch(/certKey/);
    expect(reason(null)).not.toBeNull();
  });
});
