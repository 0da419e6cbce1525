// 转窗 to a counter against the look-ahead (docs/calling-policy.md): a ticket transferred to a
// counter is called there first even when the counter's line cannot keep every latest call
// time. Its visitor was called already and stands at this counter; the look-ahead is for
// tickets still waiting for their first call.
// Found by tests/e2e/counter-rules.test.ts: four tickets of one queue, one counter serving it,
// the fourth special-called, suspended, resumed elsewhere and transferred back — the counter
// then called A002 ('deadline') instead of A004, because calling A004 first made the line's
// worst lateness a few milliseconds (two places in line) worse.
// Mutation checked: pickAt() sending a transferred-here pick through lookAhead() again makes
// both tests fail (A002 'deadline' called and listed first).
import { describe, expect, it } from 'vitest';
import { previewCalls } from '../../../hall/domain/index.js';
import { EngineDriver } from '../../helpers/engine-driver.js';
import { MONDAY_9AM, freshState, testSetup } from '../../helpers/hall-setup.js';

/** Queue A (10-minute services, 30-minute cap) with more waiting than d2 alone can call on time; A004 transferred to d2. */
function overloadedWithTransfer() {
  const setup = testSetup();
  const d = new EngineDriver(setup, freshState(setup), MONDAY_9AM);
  for (const c of ['g1', 'd2']) d.run({ type: 'sign_in', counterId: c, staffId: `s-${c}` });
  const issued = ['A001', 'A002', 'A003', 'A004'].map(() => {
    d.advance(0.01); // visitors take their tickets a moment apart, as in a real hall
    return d.issue('m-a');
  });
  d.advance(2);
  d.run({ type: 'call_specific', counterId: 'g1', ticketId: issued[3]!.ticketId, reason: '群众带着婴儿' });
  d.run({ type: 'transfer', counterId: 'g1', toQueueId: null, toCounterId: 'd2' });
  // g1 leaves: d2 is the only counter of queue A, so someone will be past the cap whatever it calls.
  d.run({ type: 'sign_out', counterId: 'g1' });
  return { d, transferred: issued[3]!.ticketId };
}

describe('a ticket transferred to a counter and the look-ahead', () => {
  it('is called first at that counter, with reason transferred_here, although the line is past saving', () => {
    const { d, transferred } = overloadedWithTransfer();
    const [called] = d.run({ type: 'call_next', counterId: 'd2' });
    expect(called).toMatchObject({ type: 'ticket_called', ticketId: transferred, number: 'A004', reason: 'transferred_here' });
  });

  it('heads the counter page\'s preview of the next calls the same way', () => {
    const { d } = overloadedWithTransfer();
    const preview = previewCalls(d.state, d.setup, 'd2', d.now, 4).map((c) => `${d.state.tickets.get(c.ticketId)!.number}:${c.reason}`);
    expect(preview[0]).toBe('A004:transferred_here');
    expect(preview.slice(1).map((p) => p.split(':')[0])).toEqual(['A001', 'A002', 'A003']);
  });
});
