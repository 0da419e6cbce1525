// The route table types both ends: a wrong body, a missing path parameter or a wrong reply
// type is a compile error, on the client and in a handler. Each `@ts-expect-error` below is a
// test for `npx tsc --noEmit`: if the table stopped typing that call (e.g. BodyOf became
// `unknown`), the directive would be unused and tsc would fail. Mutation tried: declaring
// issueTicket as route<unknown, …> makes tsc report the first directive as unused.
// At run time, the calls go through a fake fetch and check the method and path sent.
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../renderer/shared/api/client';
import { Router } from '../../../hall/api/router.js';
import type { AccessDeps } from '../../../hall/api/access.js';
import type { HallInfoDTO, TicketDTO } from '../../../hall/api/dto.js';

function client() {
  const sent: { url: string; method: string | undefined; body: unknown }[] = [];
  const c = new ApiClient({
    getToken: () => 'tok',
    retryDelaysMs: [],
    fetchImpl: (async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method, body: init.body });
      return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof fetch,
  });
  return { c, sent };
}

describe('typed routes', () => {
  it('the client takes only declared bodies, parameters and replies', async () => {
    const { c, sent } = client();
    // @ts-expect-error matterId is a string in IssueTicketRequest
    await c.call('issueTicket', { body: { matterId: 1 } });
    // @ts-expect-error counterView needs its counterId (and at run time the call throws before sending)
    expect(() => c.call('counterView')).toThrow(/path parameter "counterId"/);
    // @ts-expect-error a GET route takes no body
    await c.call('hall', { body: { matterId: 'm' } });
    // @ts-expect-error the reply of /hall is HallInfoDTO, not a ticket
    const wrong: TicketDTO = await c.call('hall');
    const right: HallInfoDTO = await c.call('hall');
    // @ts-expect-error no such query parameter on /events
    await c.call('events', { query: { day: '2026-01-01' } });
    await c.call('counterAction', { params: { counterId: 'c01', action: 'transfer' }, body: { toQueueId: 'q1' } });
    expect([wrong, right]).toHaveLength(2);
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /api/v1/tickets',
      'GET /api/v1/hall',
      'GET /api/v1/hall',
      'GET /api/v1/hall',
      'GET /api/v1/events?day=2026-01-01',
      'POST /api/v1/counters/c01/actions/transfer',
    ]);
    expect(sent.at(-1)!.body).toBe('{"toQueueId":"q1"}');
  });

  it('a handler gets the declared parameters and must answer the declared reply', () => {
    const router = new Router({} as AccessDeps);
    // @ts-expect-error issueTicket answers IssueTicketResponse, not { ok: true }
    router.route('issueTicket', () => ({ ok: true }));
    router.route('counterView', (ctx) => {
      // @ts-expect-error counterView's path has :counterId only
      void ctx.params.ticketId;
      return null as never;
    });
    router.route('rate', async (ctx) => {
      const body = await ctx.body();
      // @ts-expect-error a rating body has a level, no staff number
      void body.staffNo;
      return null as never;
    });
    expect(router.names()).toEqual(['issueTicket', 'counterView', 'rate']);
  });
});
