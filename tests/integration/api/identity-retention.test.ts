// Issue 10, defect 10: a real-name ticket's identity is kept through the ticket's service day
// plus realName.retentionDays (docs/privacy.md), counted in service days across the day
// boundary (03:00 in the demo hall), and deleted so that its bytes are gone from the database
// file and the WAL. Time is injected (ManualTimers); the hall is real, on a real SQLite file.
// Mutations tried:
//   - the old rule (purge_after = issue time + retentionDays × 24 h): the restart at
//     2026-11-30 20:00 deletes the row a day early — the first test fails;
//   - without `PRAGMA secure_delete = ON`: the cipher and the blind index stay in the
//     database file's free space after the purge — the second test fails;
//   - without the TRUNCATE checkpoint after the purge: the database file keeps the old page
//     until the next checkpoint — the second test fails.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../../drivers/idcard/index.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { IssueTicketResponse } from '../../../hall/api/dto.js';

const idNumber = (birth: string, seq: string) => `150602${birth}${seq}${computeCheckDigit(`150602${birth}${seq}`)}`;
const HOUR = 3_600_000;
/** Hall local time (UTC+8) as epoch ms. */
const local = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);

let timers: ManualTimers;
let h: Harness;
beforeAll(async () => {
  timers = new ManualTimers(local('2026-11-23', '09:00'));
  h = await startHarness({ timers });
});
afterAll(() => h.close());

const identities = () => h.hall.runtime.db.prepare('SELECT ticket_id, service_day, id_hash, id_cipher, masked FROM ticket_identities').all() as {
  ticket_id: string;
  service_day: string;
  id_hash: string;
  id_cipher: Buffer;
  masked: string;
}[];
const advanceTo = (at: number) => timers.advance(at - timers.now());

async function issue(idNo: string): Promise<string> {
  const res = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-01', identity: { source: 'manual', idNumber: idNo } } });
  expect(res.status).toBe(201);
  return res.body.ticket.id;
}

/** The database file and its WAL, as bytes. */
function fileBytes(): Buffer {
  const file = path.join(h.dataDir, 'hall.sqlite');
  return Buffer.concat([fs.readFileSync(file), fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
}

describe('identity retention', () => {
  it('keeps an identity through its ticket’s day + retentionDays and deletes it after the day boundary', async () => {
    const ticketId = await issue(idNumber('19900101', '456')); // Monday 2026-11-23, 09:00; retention 7 days
    const kept = () => identities().some((r) => r.ticket_id === ticketId);

    // Day 7 after the ticket's: issue time + 7 × 24 h has passed, the doc's retention has not.
    advanceTo(local('2026-11-30', '20:00'));
    await h.restart(); // start-up purges
    expect(kept()).toBe(true);

    // 02:59 on 1 December is still service day 2026-11-30.
    advanceTo(local('2026-12-01', '02:59'));
    await h.restart();
    expect(kept()).toBe(true);

    // 03:00: service day 2026-12-01 begins; the day close purges.
    advanceTo(local('2026-12-01', '03:00') + 1);
    expect(h.hall.runtime.state.serviceDay).toBe('2026-12-01');
    expect(kept()).toBe(false);
  });

  it('leaves no copy of a purged identity’s cipher, blind index or masked number in the database file or WAL', async () => {
    const today = h.hall.runtime.state.serviceDay;
    const ticketIds = [await issue(idNumber('19800202', '731')), await issue(idNumber('19850505', '842'))];
    const rows = identities().filter((r) => ticketIds.includes(r.ticket_id));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.service_day === today)).toBe(true);
    const secrets = rows.flatMap((r) => [r.id_cipher, Buffer.from(r.id_hash), Buffer.from(r.masked)]);
    // The test can fail: before the purge every one of them is in the files.
    const before = fileBytes();
    expect(secrets.filter((s) => before.includes(s))).toHaveLength(secrets.length);

    advanceTo(timers.now() + 8 * 24 * HOUR); // day closes purge after the 7-day retention
    expect(identities().filter((r) => ticketIds.includes(r.ticket_id))).toEqual([]);
    const after = fileBytes();
    expect(secrets.filter((s) => after.includes(s)).map((s) => s.toString('hex').slice(0, 16))).toEqual([]);
  });
});
