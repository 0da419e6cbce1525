// Two workers pushing the same stream at once — through one server and
// through two server processes on one database — must end with one row per
// event, the ack at the end, and every event counted as accepted exactly
// once across all answers (the stream row lock serialises the batches).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentralServer } from '../../../central/server.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { hallClient, range, simple, startCentral, type CentralHall, type UplinkEvent } from './helpers.js';

let pg: TestPostgres;

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

/** A worker: pushes overlapping batches of random size starting at or below the ack it last saw. */
async function worker(h: CentralHall, log: UplinkEvent[], seed: number): Promise<{ accepted: number; batches: number }> {
  let rand = seed;
  const next = () => ((rand = (rand * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let seen = 0;
  let accepted = 0;
  let batches = 0;
  while (seen < log.length) {
    const from = Math.max(0, seen - Math.floor(next() * 20)); // overlap what may already be there
    const size = 1 + Math.floor(next() * 60);
    const r = await h.push(log.slice(from, from + size));
    expect(r.status).toBe(200);
    accepted += r.body.accepted;
    seen = Math.max(seen, r.body.ackSeq);
    batches++;
  }
  return { accepted, batches };
}

describe('concurrent pushes of one stream', () => {
  it('two workers on one server: one row per event, each counted once', async () => {
    const c = await startCentral(pg);
    try {
      const h = await c.hall('hall-c');
      const log = range(1, 400).map((s) => simple(s));
      const results = await Promise.all([worker(h, log, 1), worker(h, log, 2), worker(h, log, 3)]);
      expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(400);
      const rows = await c.central.pool.query('SELECT count(*)::int AS n, count(DISTINCT seq)::int AS seqs, min(seq)::int AS lo, max(seq)::int AS hi FROM events');
      expect(rows.rows[0]).toEqual({ n: 400, seqs: 400, lo: 1, hi: 400 });
      expect((await h.cursor()).body).toMatchObject({ ackSeq: 400 });
    } finally {
      await c.close();
    }
  });

  it('two server processes on one database: the same identical batch pushed at once is stored once', async () => {
    const c = await startCentral(pg);
    const second = await startCentralServer({ databaseUrl: c.databaseUrl, rateLimit: false });
    try {
      const viaA = await c.hall('hall-d');
      const viaB = await hallClient(second.url, 'hall-d', viaA.token, false);
      viaB.stream = viaA.stream;
      const log = range(1, 300).map((s) => simple(s));
      for (let round = 0; round < 6; round++) {
        const batch = log.slice(round * 50, round * 50 + 80); // overlaps the next round
        const batchId = `round-${round}`;
        const answers = await Promise.all([viaA.push(batch, { batchId }), viaB.push(batch, { batchId }), viaB.push(batch), viaA.push(batch)]);
        for (const a of answers) expect(a.status).toBe(200);
        // the two pushes with the same batchId got the same answer
        expect(answers[1]!.body).toEqual(answers[0]!.body);
        // everything new in this round is accepted exactly once across the three distinct batches
        // (the replay echoes the first answer of its batchId, so it is not counted again)
        const fresh = answers[0]!.body.accepted + answers[2]!.body.accepted + answers[3]!.body.accepted;
        const expectedNew = Math.min(300, round * 50 + 80) - (round === 0 ? 0 : Math.min(300, (round - 1) * 50 + 80));
        expect(fresh).toBe(expectedNew);
      }
      const rows = await c.central.pool.query('SELECT count(*)::int AS n, count(DISTINCT seq)::int AS seqs FROM events');
      expect(rows.rows[0]).toEqual({ n: 300, seqs: 300 });
      expect((await viaB.cursor()).body).toMatchObject({ ackSeq: 300 });
    } finally {
      await second.close();
      await c.close();
    }
  });
});
