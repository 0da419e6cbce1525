// The phone link end to end: the real hall service (board publisher, inbox poller) talking to the
// real central (PostgreSQL) through a real HTTP proxy the test can cut, and a phone reading
// central's public JSON. Real time: waits poll for a state (`until`), never for a time; the
// call → phone delay is printed, not asserted.
// Mutation tried: the applied-id check in InboxPoller.apply removed (the message re-delivered
// after the cursor reset is applied again: the test fails). Not caught here: kick() made a no-op —
// the 5 s heartbeat still brings the call within the long-poll loop (the delay printed grows);
// postResultsUnlessRefused rethrowing every failure (a refused results post blocks the inbox: the
// second message is never applied).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Harness } from '../../helpers/hall-harness.js';
import { startHallWithCentral, until, type HallWithCentral } from '../../helpers/hall-with-central.js';
import { startHttpProxy, type HttpProxy } from '../../helpers/http-proxy.js';
import type { CentralHarness } from '../../helpers/central-harness.js';
import { call } from '../central/helpers.js';
import { appendInboxMessage, findInboxMessage } from '../../../central/phone/inbox.js';
import { registerInboxHandler } from '../../../hall/sync/phone/inbox-handlers.js';
import { DomainError } from '../../../hall/domain/errors.js';
import type { IssueTicketResponse } from '../../../hall/api/dto.js';
import type { PublicTicketView } from '../../../protocol/central/phone.js';

let hall: HallWithCentral;
let central: CentralHarness;
let h: Harness;
let proxy: HttpProxy;
let counter: { terminal: string; session: string };

beforeAll(async () => {
  proxy = await startHttpProxy();
  hall = await startHallWithCentral(
    (c) => {
      const sync = c.sync as { centralUrl: string };
      proxy.target = sync.centralUrl;
      sync.centralUrl = proxy.url;
      c.phone = { heartbeatSeconds: 5, pushDebounceMs: 200, inboxWaitSeconds: 2 };
    },
    { phone: { staleAfterSeconds: 8 } },
  );
  ({ central, h } = hall);
  counter = { terminal: 'counter-3', session: (await h.signIn('c03', '1003')).sessionToken };
}, 120_000);

afterAll(async () => {
  await hall?.close();
  await proxy?.close();
});

async function issue(): Promise<{ id: string; key: string; number: string }> {
  const r = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
  expect(r.status).toBe(201);
  const key = new URL(r.body.ticket.progressUrl, 'http://hall').searchParams.get('key')!;
  return { id: r.body.ticket.id, key, number: r.body.ticket.number };
}

const view = (t: { id: string; key: string }, q = '') => call<PublicTicketView>(central.url, 'GET', `/v1/public/halls/${central.hallId}/tickets/${t.id}?key=${encodeURIComponent(t.key)}${q}`);
const act = (action: string) => h.api('POST', `/api/v1/counters/c03/actions/${action}`, { ...counter, body: {} });

let first: { id: string; key: string; number: string };

describe('board: hall → central → phone', () => {
  it('shows a call at a counter on the phone’s ticket view (the delay is printed)', async () => {
    first = await issue();
    let seen: PublicTicketView | null = null;
    await until(async () => {
      const r = await view(first);
      seen = r.status === 200 ? r.body : null;
      return seen !== null;
    }, 'the ticket on central');
    expect(seen!).toMatchObject({ ticket: { number: first.number, status: 'waiting', counterNumber: null }, stale: false });

    // A phone long-polls on the version it holds; the counter calls.
    let version = seen!.version;
    const calledAt = Date.now();
    expect((await act('call-next')).status).toBe(200);
    let shown: PublicTicketView | null = null;
    for (let i = 0; i < 20 && !shown; i++) {
      const r = await view(first, `&since=${version}&waitSeconds=20`);
      version = r.body.version;
      if (r.body.ticket.counterNumber !== null) shown = r.body;
    }
    console.log(`phone-link: call at the counter → phone view updated in ${Date.now() - calledAt} ms (long-poll through central)`);
    expect(shown).toMatchObject({ ticket: { status: 'called', counterNumber: 3, peopleAhead: 0 } });
  });

  it('answers a wrong key exactly like an unknown ticket', async () => {
    const wrong = await view({ id: first.id, key: 'AAAAAAAAAAAAAAAA' });
    const unknown = await view({ id: 'no-such-ticket', key: first.key });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('cut off from central, the hall serves on and the phone says stale; back, the board catches up', async () => {
    proxy.down = true;
    const second = await issue();
    expect((await act('start')).status).toBe(200);
    expect((await act('finish')).status).toBe(200);
    await until(async () => (await view(first)).body.stale === true, 'the phone view to turn stale');
    const stale = (await view(first)).body;
    expect(stale.ticket.status).toBe('called'); // what central last heard, with its age
    expect(stale.hallSeenAt).toBeLessThan(Date.now() - 8000);
    expect((await view(second)).status).toBe(404);

    proxy.down = false;
    await until(async () => (await view(second)).status === 200 && (await view(first)).body.ticket.status === 'finished', 'the board to catch up');
    expect((await view(first)).body).toMatchObject({ stale: false, ticket: { status: 'finished' } });
  });
});

describe('inbox: central → hall, once', () => {
  const effects = () => h.hall.runtime.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'test_inbox_effects'").pluck().get() ? (h.hall.runtime.db.prepare('SELECT count(*) FROM test_inbox_effects').pluck().get() as number) : 0;
  const applied = (id: string) => h.hall.runtime.db.prepare('SELECT outcome, reason, acked_at FROM phone_inbox_applied WHERE message_id = ?').get(id) as { outcome: string; reason: string | null; acked_at: number | null } | undefined;
  const answer = async (id: string) => findInboxMessage(central.central!.pool, id);

  it('applies a message once across a restart between apply and result post, answers every kind', async () => {
    const unregister = registerInboxHandler('test_count', z.object({ n: z.number().int(), fail: z.enum(['domain', 'crash']).optional() }).strict(), (body, ctx) => {
      ctx.db.exec('CREATE TABLE IF NOT EXISTS test_inbox_effects (message_id TEXT NOT NULL, n INTEGER NOT NULL) STRICT');
      ctx.db.prepare('INSERT INTO test_inbox_effects (message_id, n) VALUES (?, ?)').run(ctx.message.id, body.n);
      if (body.fail === 'domain') throw new DomainError('rating_closed', 'closed');
      if (body.fail === 'crash') throw new Error('boom');
      return { outcome: 'applied', detail: { n: body.n } };
    });
    try {
      proxy.drop = (req) => (req.url ?? '').includes('/inbox/results');
      const m = await appendInboxMessage(central.central!.pool, central.hallId, 'test_count', { n: 7 }, { at: Date.now() });
      await until(async () => applied(m.id) !== undefined && proxy.dropped > 0, 'the hall to apply the message and fail to post its result');
      expect((await answer(m.id))?.outcome).toBeNull();

      await h.restart();
      // The cursor is lost as well: central delivers the message again; the recorded id keeps it from a second apply.
      h.hall.runtime.db.prepare('UPDATE phone_inbox_cursor SET after_seq = 0').run();
      proxy.drop = () => false;
      await until(async () => (await answer(m.id))?.outcome === 'applied', 'the result at central');
      expect(await answer(m.id)).toMatchObject({ outcome: 'applied', detail: { n: 7 } });
      expect(effects()).toBe(1);
      await until(async () => applied(m.id)?.acked_at != null, 'the hall to record the acknowledgement');

      const odd = await appendInboxMessage(central.central!.pool, central.hallId, 'no_such_kind', {}, { at: Date.now() });
      const bad = await appendInboxMessage(central.central!.pool, central.hallId, 'test_count', { n: 'seven' }, { at: Date.now() });
      const refused = await appendInboxMessage(central.central!.pool, central.hallId, 'test_count', { n: 8, fail: 'domain' }, { at: Date.now() });
      const crashed = await appendInboxMessage(central.central!.pool, central.hallId, 'test_count', { n: 9, fail: 'crash' }, { at: Date.now() });
      const after = await appendInboxMessage(central.central!.pool, central.hallId, 'test_count', { n: 10 }, { at: Date.now() });
      await until(async () => (await answer(after.id))?.outcome != null, 'the last result');
      expect((await answer(odd.id))?.outcome).toBe('unsupported');
      expect(await answer(bad.id)).toMatchObject({ outcome: 'refused', reason: 'invalid_body' });
      expect((await answer(bad.id))?.detail?.message).toMatch(/^n: /);
      expect(await answer(refused.id)).toMatchObject({ outcome: 'refused', reason: 'rating_closed' });
      expect(await answer(crashed.id)).toMatchObject({ outcome: 'refused', reason: 'hall_error' });
      expect((await answer(after.id))?.outcome).toBe('applied');
      // The throwing handlers' writes rolled back: 7 and 10 only.
      expect(h.hall.runtime.db.prepare('SELECT n FROM test_inbox_effects ORDER BY n').pluck().all()).toEqual([7, 10]);
    } finally {
      unregister();
    }
  }, 90_000);

  it('goes on applying messages while central refuses its results, and posts them once it takes them', async () => {
    proxy.drop = (req) => ((req.url ?? '').includes('/inbox/results') ? 422 : false);
    const first = await appendInboxMessage(central.central!.pool, central.hallId, 'refused_results_a', {}, { at: Date.now() });
    await until(async () => applied(first.id) !== undefined && proxy.dropped > 0, 'the first message applied, its result refused');
    const second = await appendInboxMessage(central.central!.pool, central.hallId, 'refused_results_b', {}, { at: Date.now() });
    await until(async () => applied(second.id) !== undefined, 'the second message applied although the results are refused');
    proxy.drop = () => false;
    await until(async () => (await answer(first.id))?.outcome === 'unsupported' && (await answer(second.id))?.outcome === 'unsupported', 'both results at central');
  }, 60_000);
});
