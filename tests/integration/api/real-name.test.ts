// Real-name tickets: checked ID numbers, elderly visitors in the green channel,
// a daily limit per identity, encryption at rest, masking, and deletion after retention.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckDigit } from '../../../drivers/idcard/index.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { ApiErrorBody, IssueTicketResponse } from '../../../hall/api/dto.js';

/** A synthetic resident number (Dongsheng district, given birth date) with a correct check digit. */
const idNumber = (birth: string, seq = '123') => `150602${birth}${seq}${computeCheckDigit(`150602${birth}${seq}`)}`;
const ELDER = idNumber('19500314');
const ADULT = idNumber('19900101', '456');

const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
const timers = new ManualTimers(MONDAY_9AM);
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timers });
});
afterAll(() => h.close());

const issue = (body: object) => h.api<IssueTicketResponse & ApiErrorBody>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body });

describe('real-name tickets', () => {
  it('binds a typed-in ID number to the ticket and shows it only masked', async () => {
    const res = await issue({ matterId: 'gjj-01', identity: { source: 'manual', idNumber: ADULT } });
    expect(res.status).toBe(201);
    expect(res.body.ticket).toMatchObject({ ticketClass: 'walk_in', maskedIdentity: `150602********${ADULT.slice(-4)}` });
    expect(JSON.stringify(res.body)).not.toContain(ADULT);
  });

  it('puts a visitor aged 60 or more in the green channel by the age on the ID number', async () => {
    const res = await issue({ matterId: 'gjj-01', identity: { source: 'manual', idNumber: ELDER } });
    expect(res.body.ticket).toMatchObject({ ticketClass: 'green', greenCategory: 'elderly', greenCategoryLabel: '老年人' });
  });

  it('refuses a number whose check digit is wrong, saying why', async () => {
    const wrong = ADULT.slice(0, 17) + (ADULT.endsWith('0') ? '1' : '0');
    const res = await issue({ matterId: 'gjj-01', identity: { source: 'manual', idNumber: wrong } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_id_number', details: [{ path: 'identity.idNumber', message: 'bad_check_digit' }] });
  });

  it('limits tickets per identity per matter per day (ticket touts)', async () => {
    expect((await issue({ matterId: 'gjj-01', identity: { source: 'manual', idNumber: ADULT } })).status).toBe(201);
    const third = await issue({ matterId: 'gjj-01', identity: { source: 'manual', idNumber: ADULT } });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('identity_limit');
    // The limit is the refusal's one fact (hall/domain/identity-rules.ts; docs/api.md).
    expect(third.body.error.details).toEqual({ limit: 2 });
    expect((await issue({ matterId: 'gjj-02', identity: { source: 'manual', idNumber: ADULT } })).status).toBe(201);
  });

  it('needs a card just read on this kiosk for a card ticket', async () => {
    const res = await issue({ matterId: 'gjj-01', identity: { source: 'card' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no_card');
  });

  it('stores the number encrypted and deletes it after the retention period', async () => {
    const file = path.join(h.dataDir, 'hall.sqlite');
    const read = () => {
      const db = new Database(file, { readonly: true });
      const rows = db.prepare('SELECT id_cipher, masked FROM ticket_identities').all() as { id_cipher: Buffer; masked: string }[];
      const all = db.prepare('SELECT * FROM ticket_identities').all();
      db.close();
      return { rows, dump: JSON.stringify(all) + rows.map((r) => r.id_cipher.toString('latin1')).join('') };
    };
    const before = read();
    expect(before.rows.length).toBe(4);
    expect(before.dump).not.toContain(ADULT);
    expect(before.dump).not.toContain(ELDER);
    timers.advance(8 * 86_400_000); // the day timer closes each day; retention is 7 days
    expect(read().rows.length).toBe(0);
  });
});
