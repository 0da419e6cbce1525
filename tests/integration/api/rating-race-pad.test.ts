// One rating per service when the counter's real rating pad (an emulated serial pad driven by
// counter-3's device agent), the counter display's screen and the ticket's QR page all answer
// at once (一次一评, 001 第三十七条; docs/regulations.md › Every channel rated, R2b).
// Whichever the hall takes first is the rating; every other answer is refused and the pad's
// prompt is cancelled. Mutation tried: evolve keeping an answered rating open
// (`state.openRatings.delete(r.id)` removed) — a second answer is then recorded and the
// "exactly one rating_recorded" check fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { CounterViewDTO, HallEventDTO, IssueTicketResponse } from '../../../hall/api/dto.js';

let h: Harness;
let admin: { terminal: string; session: string };
beforeAll(async () => {
  h = await startHarness({ devices: 'configured' });
  admin = { terminal: 'admin', session: (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken };
});
afterAll(() => h?.close());

const LEVEL_OF: Record<string, string> = { pad: 'satisfied', screen: 'very_satisfied', qr: 'dissatisfied' };

describe('pad, screen and QR page racing for one service', () => {
  it('records exactly one rating per service, with the level of the channel that won', async () => {
    const s = { terminal: 'counter-3', session: (await h.signIn('c03', '1003')).sessionToken };
    const pad = h.agentDevice('rating_pad', 'counter-3').emulator!;
    const winners = new Set<string>();
    for (let round = 0; round < 5; round++) {
      const issued = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
      const key = new URL(issued.body.ticket.progressUrl, h.url).searchParams.get('key')!;
      await h.api('POST', '/api/v1/counters/c03/actions/call-next', s);
      const starts = pad.received.filter((c) => c.kind === 'start').length;
      const finished = await h.api<CounterViewDTO>('POST', '/api/v1/counters/c03/actions/finish', s);
      const ratingId = finished.body.pendingRating!.id;
      await pad.waitFor('start', starts + 1);
      // All three leave together; the pad's press goes hall → agent → serial pad → agent → hall.
      await Promise.all([
        h.api('POST', '/api/v1/admin/devices/counter-3-rating-pad/emulator', { ...admin, body: { action: 'press', level: LEVEL_OF.pad } }),
        h.api('POST', `/api/v1/ratings/${ratingId}`, { terminal: 'counter-display-3', body: { level: LEVEL_OF.screen } }),
        h.api('POST', `/api/v1/tickets/${issued.body.ticket.id}/rating?key=${key}`, { body: { level: LEVEL_OF.qr } }),
      ]);
      // Give a late pad answer time to arrive: it must be refused, never recorded.
      await new Promise((r) => setTimeout(r, 300));
      const recorded = (await h.api<HallEventDTO[]>('GET', '/api/v1/events?since=0&limit=500', { terminal: 'admin' })).body.filter(
        (e) => e.type === 'rating_recorded' && e.payload.ratingId === ratingId,
      );
      expect(recorded).toHaveLength(1);
      const { source, outcome } = recorded[0]!.payload as { source: string; outcome: string };
      expect(outcome).toBe(LEVEL_OF[source]);
      winners.add(source);
    }
    expect([...winners].every((w) => w in LEVEL_OF)).toBe(true);
  });
});
