// Remote tickets (线上取号) end to end: a phone takes a number on the real central (PostgreSQL), central
// relays it through the phone inbox to the real hall service, the visitor checks in at the kiosk (kiosk
// API) and is called; the phone's ticket view shows the counter. A remote ticket never checked in
// expires on the hall's clock (jumped forward: injected timers) and counts as a no-show at central,
// which then refuses the identity. Waits poll for a state (`until`), never for a time.
// Mutations tried: central's no-show count reading state 'checked_in' instead of 'expired' (the
// expiry test fails); markCheckedIn removed from the check-in transaction (the page never shows
// checked_in: the check-in test fails). The expiry sweep's poke of the link removed still passes: the
// link's idle round (due after the jumped clock) reports the expiry too.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import { startCentralHarness, type CentralHarness } from '../../helpers/central-harness.js';
import { until } from '../../helpers/hall-with-central.js';
import { call } from '../central/helpers.js';
import { computeCheckDigit } from '../../../drivers/idcard/id-number.js';
import { findInboxMessage } from '../../../central/phone/inbox.js';
import type { Timers } from '../../../hall/runtime/timers.js';
import type { RemoteCheckInResponse } from '../../../hall/api/remote-tickets-dto.js';
import { hallIdentityKey, identityHash, tokenHashOf, type RemoteIssueAnswer, type RemoteOptionsView, type RemoteTicketPage } from '../../../protocol/central/remote-tickets.js';
import type { PublicTicketView } from '../../../protocol/central/phone.js';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };

/** Real timers whose clock the test can move forward: due timers then fire at once. */
class JumpTimers implements Timers {
  private offset = 0;
  private readonly pending = new Set<{ at: number; fn: () => void; handle: NodeJS.Timeout | null }>();
  now = () => Date.now() + this.offset;
  at(at: number, fn: () => void) {
    const t = { at, fn, handle: null as NodeJS.Timeout | null };
    this.arm(t);
    this.pending.add(t);
    return { cancel: () => (clearTimeout(t.handle!), this.pending.delete(t)) };
  }
  private arm(t: { at: number; fn: () => void; handle: NodeJS.Timeout | null }) {
    t.handle = setTimeout(() => (this.pending.delete(t), t.fn()), Math.min(2 ** 31 - 1, Math.max(0, t.at - this.now())));
    t.handle.unref?.();
  }
  jump(ms: number) {
    this.offset += ms;
    for (const t of this.pending) {
      clearTimeout(t.handle!);
      this.arm(t);
    }
  }
}

const idNumber = (first17: string) => first17 + computeCheckDigit(first17);
const VISITOR = idNumber('11010519800101001');
const OTHER = idNumber('11010519850202002');

let central: CentralHarness;
let h: Harness;
let pool: pg.Pool;
const timers = new JumpTimers();
let counter: { terminal: string; session: string };

beforeAll(async () => {
  central = await startCentralHarness({ hallId: demoHall.hall.id, hallName: demoHall.hall.name, areaCode: demoHall.hall.areaCode, phone: { publicRateLimit: false } });
  const configPath = demoConfigWith((c) => {
    c.calendar = null;
    c.sync = central.syncSection({ backoff: { baseMs: 20, capMs: 300 }, idlePollSeconds: 1, requestTimeoutSeconds: 5 });
    c.phone = { heartbeatSeconds: 5, pushDebounceMs: 100, inboxWaitSeconds: 2 };
    // Set through the configuration file a hall writes (docs/remote-tickets.md).
    c.remoteTickets = { enabled: true, placement: 'check_in_time', perIdentityPerDay: 3, noShowLimit: 1, checkInWithinMinutes: 60 };
  });
  h = await startHarness({ configPath, dataDir: central.hallDataDir(), timers });
  pool = new pg.Pool({ connectionString: central.databaseUrl, max: 2 });
  counter = { terminal: 'counter-3', session: (await h.signIn('c03', '1003')).sessionToken };
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await h?.close();
  await central?.close();
});

const take = (idNo: string, matterId = 'bdc-01') => call<RemoteIssueAnswer & { error?: { code: string; message: string } }>(central.url, 'POST', `/v1/public/halls/${central.hallId}/remote-tickets`, { body: { matterId, idNumber: idNo } });
const page = (t: { remoteTicketId: string; accessKey: string }) => call<RemoteTicketPage>(central.url, 'GET', `/v1/public/remote-tickets/${t.remoteTicketId}?key=${encodeURIComponent(t.accessKey)}`);
const relayed = async (t: { remoteTicketId: string }) => (await findInboxMessage(pool, `remote:${t.remoteTicketId}`))?.outcome === 'applied';

describe('remote tickets: phone → central → hall kiosk → counter → phone', () => {
  let first: RemoteIssueAnswer;

  it('central learns what the hall offers, and issues a remote ticket with a code and a window', async () => {
    await until(async () => (await call<RemoteOptionsView>(central.url, 'GET', `/v1/public/halls/${central.hallId}/remote-tickets/options`)).status === 200, 'the hall’s remote-ticket settings on central');
    const options = await call<RemoteOptionsView>(central.url, 'GET', `/v1/public/halls/${central.hallId}/remote-tickets/options`);
    expect(options.body.matters).toContainEqual({ matterId: 'bdc-01', name: '不动产转移登记（二手房买卖）', queueId: 'A', available: true });
    const r = await take(VISITOR);
    expect(r.status).toBe(201);
    first = r.body;
    expect(first).toMatchObject({ state: 'issued', matterName: '不动产转移登记（二手房买卖）', qrContent: `servicehall:remote:${first.code}` });
    expect(first.checkInUntil - first.issuedAt).toBe(60 * 60_000);
    expect(JSON.stringify(first)).not.toContain(VISITOR);
    // Central keeps only keyed hashes of the ID number.
    const stored = await pool.query('SELECT * FROM remote_tickets');
    expect(JSON.stringify(stored.rows)).not.toContain(VISITOR);
  });

  it('a code the hall does not hold (not relayed yet) is said plainly, offering a normal ticket', async () => {
    const r = await h.api<{ error: { code: string; message: string } }>('POST', '/api/v1/kiosk/remote-check-in', { terminal: 'kiosk-1', body: { method: 'code', code: 'ZZZZ2222' } });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('unknown_remote_ticket');
    expect(r.body.error.message).toMatch(/may not have arrived yet.*normal ticket/);
  });

  it('checked in at the kiosk by its QR, called at the counter: the phone shows the counter', async () => {
    await until(() => relayed(first), 'the remote ticket relayed to the hall');
    const r = await h.api<RemoteCheckInResponse>('POST', '/api/v1/kiosk/remote-check-in', { terminal: 'kiosk-1', body: { method: 'qr', text: first.qrContent } });
    expect(r.status).toBe(201);
    expect(r.body.remote).toMatchObject({ code: first.code, placement: 'check_in_time' });
    const again = await h.api<{ error: { code: string; details: { number: string } } }>('POST', '/api/v1/kiosk/remote-check-in', { terminal: 'kiosk-1', body: { method: 'code', code: first.code.toLowerCase() } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_checked_in', details: { number: r.body.ticket.number } });

    // Call everyone ahead until this ticket is called at counter 3.
    for (let i = 0; i < 50; i++) {
      const called = await h.api<{ current: { id: string } | null }>('POST', '/api/v1/counters/c03/actions/call-next', { ...counter, body: {} });
      expect(called.status).toBe(200);
      if (called.body.current?.id === r.body.ticket.id) break;
      await h.api('POST', '/api/v1/counters/c03/actions/start', { ...counter, body: {} });
      await h.api('POST', '/api/v1/counters/c03/actions/finish', { ...counter, body: {} });
    }
    const key = new URL(r.body.ticket.progressUrl, 'http://hall').searchParams.get('key')!;
    await until(async () => {
      const v = await call<PublicTicketView>(central.url, 'GET', `/v1/public/halls/${central.hallId}/tickets/${r.body.ticket.id}?key=${encodeURIComponent(key)}`);
      return v.status === 200 && v.body.ticket.counterNumber === 3 && v.body.ticket.status === 'called';
    }, 'the phone’s ticket view showing counter 3');
    await until(async () => {
      const p = await page(first);
      return p.body.state === 'checked_in' && p.body.ticketNumber === r.body.ticket.number && p.body.ticket?.counterNumber === 3;
    }, 'the remote-ticket page showing the checked-in ticket at counter 3');
  });

  it('refuses an identity over its daily limit with a clear message; another identity is not affected', async () => {
    expect((await take(OTHER)).status).toBe(201);
    expect((await take(OTHER)).status).toBe(201);
    expect((await take(OTHER)).status).toBe(201);
    const over = await take(OTHER);
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'identity_limit' });
    expect(over.body.error!.message).toContain('at most 3');
    const bad = await take('110105198001010010');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_id_number' });
  });

  it('never checked in: expires on the hall’s clock, counts as a no-show, and central then refuses the identity', async () => {
    const second = (await take(VISITOR)).body;
    await until(() => relayed(second), 'the second remote ticket relayed');
    // Card check-in rests on both sides computing the same keyed hash from the hall token, without the number.
    const sent = await pool.query<{ hall_identity_hash: string; identity_hash: string }>('SELECT hall_identity_hash, identity_hash FROM remote_tickets WHERE remote_ticket_id = $1', [second.remoteTicketId]);
    expect(sent.rows[0]!.hall_identity_hash).toBe(identityHash(hallIdentityKey(tokenHashOf(central.token)), VISITOR));
    expect(sent.rows[0]!.identity_hash).not.toBe(sent.rows[0]!.hall_identity_hash);
    timers.jump(61 * 60_000);
    await until(async () => (await page(second)).body.state === 'expired', 'the expiry reported to central');
    expect((await pool.query('SELECT hall_identity_hash FROM remote_tickets WHERE remote_ticket_id = $1', [second.remoteTicketId])).rows[0]).toEqual({ hall_identity_hash: null });
    const refused = await take(VISITOR);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'no_show_limit' });
    // At the kiosk the expired code is refused with its state.
    const late = await h.api<{ error: { code: string; details: { status: string } } }>('POST', '/api/v1/kiosk/remote-check-in', { terminal: 'kiosk-1', body: { method: 'code', code: second.code } });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'remote_not_pending', details: { status: 'expired' } });
  });
});
