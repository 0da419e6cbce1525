// Channel codes through central (review finding): a hall with
// ratingUpload.channelCodes overrides (one province: 6 SMS, 7 system default)
// uploads national bodies to central, which decodes them with its own code
// path and forwards them to the province with ITS channel table (a setting).
// Every channel must arrive as itself, whatever the hall's overrides.
import { describe, expect, it } from 'vitest';
import { decodeNational, nationalProfile, NATIONAL_CHANNEL_NAMES } from '../../../protocol/central/ratings/profiles/national.js';
import { provincialProfile } from '../../../protocol/central/ratings/profiles/provincial.js';
import { RATING_CHANNELS, type RatingChannel, type RatingRecord } from '../../../protocol/central/ratings/profiles/types.js';

const CN = 480;
const OVERRIDES = { sms: '6', system_default: '7' } as const;

function record(channel: RatingChannel): RatingRecord {
  return {
    ratingId: `r-${channel}`,
    hallId: 'hall-1',
    caseNumber: `t-${channel}`,
    assessNumber: 1,
    level: 'satisfied',
    ratedAt: Date.UTC(2026, 10, 21, 2, 30),
    channel,
    areaCode: '150602',
    deptCode: '11150602MB1234567X',
    matterCode: 'M-001',
    matterName: '不动产登记',
    comment: null,
  };
}

describe('national body channels, hall overrides {"sms":"6","system_default":"7"}', () => {
  it.each(RATING_CHANNELS)('%s arrives at central as itself', (channel) => {
    const body = nationalProfile.encode(record(channel), { utcOffsetMinutes: CN, channelCodes: OVERRIDES });
    // As central does it: the JSON body, decoded without knowing the hall's settings.
    const decoded = decodeNational(JSON.parse(JSON.stringify(body)), CN);
    expect(decoded.ok && decoded.record.channel).toBe(channel);
    expect(body.channel).toBe(NATIONAL_CHANNEL_NAMES[channel]);
  });

  it('names are distinct, so no two channels can be confused', () => {
    expect(new Set(Object.values(NATIONAL_CHANNEL_NAMES)).size).toBe(RATING_CHANNELS.length);
  });

  it("central forwards with its own channel table (setting): sms → 6, system_default → 7 for that province", () => {
    for (const channel of ['sms', 'system_default', 'phone'] as const) {
      const body = nationalProfile.encode(record(channel), { utcOffsetMinutes: CN, channelCodes: OVERRIDES });
      const decoded = decodeNational(body, CN);
      if (!decoded.ok) throw new Error(decoded.reason);
      const forwarded = provincialProfile.encode(decoded.record, { utcOffsetMinutes: CN, channelCodes: OVERRIDES });
      expect(forwarded.pf).toBe({ sms: '6', system_default: '7', phone: '6' }[channel]);
    }
  });
});
