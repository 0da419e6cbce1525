// The rating upload settings: defaults, the provincial profile's needs, clear reasons.
import { describe, expect, it } from 'vitest';
import { ratingUploadSchema } from '../../../hall/config/rating-upload-schema.js';

const base = { destination: { profile: 'national', url: 'http://central.example:8080', credentialsFile: 'central.json' } };

describe('ratingUpload config', () => {
  it('defaults: skip not_rated, pad and screen are the hall pad channel, the QR page 二维码, a self-service terminal 其他终端', () => {
    const c = ratingUploadSchema.parse(base);
    expect(c.notRated).toEqual({ policy: 'skip' });
    expect(c.sourceChannels).toEqual({ pad: 'hall_pad', screen: 'hall_pad', qr: 'qr_code', kiosk: 'hall_terminal' });
    expect(c.destination.id).toBe('central');
  });

  it('the provincial profile needs a department code', () => {
    const r = ratingUploadSchema.safeParse({ destination: { ...base.destination, profile: 'provincial' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join()).toMatch(/department credit code/);
    expect(ratingUploadSchema.safeParse({ destination: { ...base.destination, profile: 'provincial' }, deptCode: '11150602MB1234567X' }).success).toBe(true);
  });

  it('rejects bad codes and URLs with reasons', () => {
    const r = ratingUploadSchema.safeParse({ ...base, deptCode: 'abc', channelCodes: { fax: '9' }, destination: { ...base.destination, url: 'ftp://x' } });
    expect(r.success).toBe(false);
    const text = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(text).toMatch(/deptCode: must be an 18-character/);
    expect(text).toMatch(/destination.url/);
    expect(text).toMatch(/channelCodes/);
  });

  it('system_default policy takes a level and a delay', () => {
    const c = ratingUploadSchema.parse({ ...base, notRated: { policy: 'system_default' } });
    expect(c.notRated).toEqual({ policy: 'system_default', level: 'basic', afterDays: 7 });
  });
});
