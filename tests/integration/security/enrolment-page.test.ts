// The page side of enrolment (renderer/shared/api/token.ts) against a real hall: the
// #enrol= code is read from the fragment, exchanged for the token, and a used-up or expired
// code maps to its own plain Chinese message.
// Mutation checked: mapping every refusal to 'wrong' fails the used/expired cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeEnrolmentCode, enrolmentMessage, readEnrolmentFromFragment } from '../../../renderer/shared/api/token.js';
import { translate } from '../../../renderer/shared/i18n/index.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { MONDAY_9AM } from '../../helpers/hall-setup.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';

let h: Harness;
const timers = new ManualTimers(MONDAY_9AM);
beforeAll(async () => {
  h = await startHarness({ timers });
});
afterAll(() => h.close());

const exchange = (terminalId: string | null, code: string) => exchangeEnrolmentCode(fetch, terminalId, code, h.url);

describe('enrolment from a page address', () => {
  it('reads the code from the fragment and keeps the rest', () => {
    expect(readEnrolmentFromFragment('#enrol=ABCD-EFGH')).toEqual({ code: 'ABCD-EFGH', rest: '' });
    expect(readEnrolmentFromFragment('#x=1&enrol=ABCD-EFGH')).toEqual({ code: 'ABCD-EFGH', rest: 'x=1' });
    expect(readEnrolmentFromFragment('#token=abc')).toEqual({ code: null, rest: 'token=abc' });
  });

  it('exchanges the printed address\'s code for the token, then says it is used up', async () => {
    const { url } = h.hall.enrolmentCode('counter-2');
    const address = new URL(url);
    const terminalId = address.searchParams.get('terminal');
    const { code } = readEnrolmentFromFragment(address.hash);
    expect(await exchange(terminalId, code!)).toEqual({ ok: true, token: h.token('counter-2') });
    const again = await exchange(terminalId, code!);
    expect(again).toEqual({ ok: false, problem: 'used' });
    expect(translate('zh-CN', enrolmentMessage.used)).toContain('已经用过');
  });

  it('says an expired code is expired, and a code for another terminal is wrong', async () => {
    const { code } = h.hall.enrolmentCode('kiosk-1');
    expect(await exchange('kiosk-24h', code)).toEqual({ ok: false, problem: 'wrong' });
    timers.advance(31 * 60_000);
    expect(await exchange('kiosk-1', code)).toEqual({ ok: false, problem: 'expired' });
    expect(translate('zh-CN', enrolmentMessage.expired)).toContain('已过期');
  });

  it('says the hall is unreachable when it is', async () => {
    expect(await exchangeEnrolmentCode(fetch, 'kiosk-1', 'ABCD-EFGH', 'http://127.0.0.1:9')).toEqual({ ok: false, problem: 'unreachable' });
  });
});
