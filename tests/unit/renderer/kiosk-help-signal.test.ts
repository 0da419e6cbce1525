// A live `help` message (呼叫工作人员 opened or acknowledged anywhere in the hall) reaches every
// kiosk's flow as a signal: it must leave the kiosk's state as it is. It once fell through the
// flow's switch and returned undefined, which crashed the kiosk page the moment staff were called.
// Mutation checked: deleting `case 'help'` in renderer/kiosk/flow.ts onSignal fails this test.
import { describe, expect, it } from 'vitest';
import { INITIAL_FLOW, kioskFlow } from '../../../renderer/kiosk/flow';

describe('the kiosk flow', () => {
  it('keeps its state on a 呼叫工作人员 update', () => {
    const request = { id: 'help-1', terminalId: 'kiosk-1', terminalName: '一号取号机', at: 1, acknowledgedAt: null, acknowledgedBy: null };
    const after = kioskFlow(INITIAL_FLOW, { type: 'signal', signal: { type: 'help', request } });
    expect(after).toBe(INITIAL_FLOW);
  });
});
