// Issue 10, defect 10: POST /ratings/:id checks the counter display's right before the
// rating's state, so another counter's display cannot learn whether a rating is open.
// Mutation tried: the old order (409 rating_closed first, then ownCounter's 403) answers 403
// for another counter's open rating and 409 for its closed one: both assertions below fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { CounterDisplayDTO, IssueTicketResponse } from '../../../hall/api/dto.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const rate = (ratingId: string, terminal: string) => h.api('POST', `/api/v1/ratings/${ratingId}`, { terminal, body: { level: 'satisfied' } });

describe('rating a service from a counter display', () => {
  it('answers another counter’s rating, open or closed, exactly like one that does not exist', async () => {
    const issued = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    expect(issued.status).toBe(201);
    const staff = await h.signIn('c03', '1003');
    const s = { terminal: 'counter-3', session: staff.sessionToken };
    for (const action of ['call-next', 'start', 'finish']) expect((await h.api('POST', `/api/v1/counters/c03/actions/${action}`, s)).status).toBe(200);
    const pad = await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c03/display', { terminal: 'counter-display-3' });
    const ratingId = pad.body.pendingRating!.id;

    const unknown = await rate('no-such-rating', 'counter-display-4');
    expect(unknown.status).toBe(404);
    const foreignOpen = await rate(ratingId, 'counter-display-4');
    expect(foreignOpen).toEqual(unknown);

    expect((await rate(ratingId, 'counter-display-3')).status).toBe(200);
    const foreignClosed = await rate(ratingId, 'counter-display-4');
    expect(foreignClosed).toEqual(unknown);
    // Its own counter's display still learns that the rating is closed.
    const ownClosed = await rate(ratingId, 'counter-display-3');
    expect(ownClosed).toMatchObject({ status: 409, body: { error: { code: 'rating_closed' } } });
  });

  it('still refuses terminals of other roles before anything else', async () => {
    expect((await rate('no-such-rating', 'kiosk-1')).status).toBe(403);
  });
});
