// Many counters pressing "call next" at the same instant never get the same ticket.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { CounterViewDTO } from '../../../hall/api/dto.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('concurrent calls', () => {
  it('hands every ticket to exactly one counter when eight counters call at once, over and over', async () => {
    // 120 walk-ins for the general counters' queues.
    const matters = ['bdc-01', 'scjg-01', 'rsj-01', 'ybj-01', 'gjj-01', 'gaj-01', 'sw-01', 'zh-02'];
    await Promise.all(Array.from({ length: 120 }, (_, i) => h.api('POST', '/api/v1/tickets', { terminal: i % 2 ? 'kiosk-1' : 'kiosk-24h', body: { matterId: matters[i % 8] } })));
    const counters = ['c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08'];
    const sessions = await Promise.all(counters.map((c, i) => h.signIn(c, String(1001 + i))));
    const calledBy = new Map<string, string>();
    for (let round = 0; round < 20; round++) {
      const results = await Promise.all(
        counters.map(async (c, i) => {
          const s = { terminal: `counter-${i + 1}`, session: sessions[i]!.sessionToken };
          const res = await h.api<CounterViewDTO>('POST', `/api/v1/counters/${c}/actions/call-next`, s);
          if (res.status === 200) await h.api('POST', `/api/v1/counters/${c}/actions/finish`, s);
          return { c, res };
        }),
      );
      for (const { c, res } of results) {
        if (res.status !== 200) {
          expect(res.status).toBe(409); // nothing left for this counter: fine
          continue;
        }
        const number = res.body.current!.number;
        expect(calledBy.get(number), `${number} called by ${calledBy.get(number)} and ${c}`).toBeUndefined();
        calledBy.set(number, c);
      }
    }
    expect(calledBy.size).toBe(120);
    // The durable record agrees: one ticket_called per ticket.
    const db = new Database(path.join(h.dataDir, 'hall.sqlite'), { readonly: true });
    const dupes = db.prepare(`SELECT json_extract(payload, '$.ticketId') AS t, COUNT(*) AS n FROM events WHERE type = 'ticket_called' GROUP BY t HAVING n > 1`).all();
    db.close();
    expect(dupes).toEqual([]);
  });

  it('refuses a second hall service on the same data folder', async () => {
    const { startHallService } = await import('../../../hall/service.js');
    await expect(startHallService({ port: 0, dataDir: h.dataDir })).rejects.toThrow(/in use by another hall service/);
  });
});
