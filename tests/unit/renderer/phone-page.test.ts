// The phone page's pure parts (renderer/phone): reading its address, and when it must say
// 最后更新于 with which time (freshness.ts). Mutations checked: phoneStaleness ignoring `online`
// fails "offline in the browser"; taking the later of the two times fails "the earlier time".
import { describe, expect, it } from 'vitest';
import { readPhoneAddress } from '../../../renderer/phone/address';
import { phoneStaleness } from '../../../renderer/phone/freshness';

describe('the phone page address', () => {
  it('reads hall, ticket and key; a ticket without its key is no ticket', () => {
    expect(readPhoneAddress('?hall=dongsheng&id=t-1&key=abc&view=queues')).toEqual({ hallId: 'dongsheng', ticket: { id: 't-1', key: 'abc' }, view: 'queues', matter: null });
    expect(readPhoneAddress('?hall=dongsheng&id=t-1').ticket).toBeNull();
    expect(readPhoneAddress('?hall=../x&id=t-1&key=k').hallId).toBeNull();
  });
});

describe('最后更新于: when the phone page is behind', () => {
  const PERIOD = 35_000;
  const fresh = { stale: false, hallSeenAt: 1_000 };
  it('is current while central answers and the hall pushes', () => {
    expect(phoneStaleness(fresh, 10_000, false, true, 20_000, PERIOD)).toBeNull();
  });
  it('offline in the browser: the time of the last good answer', () => {
    expect(phoneStaleness(fresh, 10_000, false, false, 11_000, PERIOD)).toEqual({ since: 10_000, why: 'offline' });
  });
  it('a failed request, or none answered for two periods', () => {
    expect(phoneStaleness(fresh, 10_000, true, true, 11_000, PERIOD)).toEqual({ since: 10_000, why: 'offline' });
    expect(phoneStaleness(fresh, 10_000, false, true, 10_000 + 2 * PERIOD + 1, PERIOD)).toEqual({ since: 10_000, why: 'offline' });
  });
  it('the hall silent: the time of its last push', () => {
    expect(phoneStaleness({ stale: true, hallSeenAt: 4_000 }, 10_000, false, true, 11_000, PERIOD)).toEqual({ since: 4_000, why: 'hall' });
  });
  it('both: the earlier time, nothing on screen is newer', () => {
    expect(phoneStaleness({ stale: true, hallSeenAt: 4_000 }, 10_000, true, true, 11_000, PERIOD)).toEqual({ since: 4_000, why: 'hall' });
    expect(phoneStaleness({ stale: true, hallSeenAt: 12_000 }, 10_000, true, true, 13_000, PERIOD)).toEqual({ since: 10_000, why: 'offline' });
  });
});
