// The phone link's figures (docs/phone.md), on a real PostgreSQL, the real central and the real
// hall service, over loopback HTTP:
//   1. call at a counter → the phone's ticket view updated, p50/p99, with 1,000 phones long-polling
//      one central (10 phones on each of 100 tickets; every push wakes all of them);
//   2. central serving 100 halls' boards (300 tickets each): the pushes, then public ticket views
//      requests/s at 100 concurrent clients, and the memory the boards take.
// The load generator runs in the same process as central and the hall (2 shared cores): the
// figures are what this machine does with all three, not central alone.
//   node --import tsx bench/phone-latency.ts [calls=60] [phonesPerTicket=10]
import http from 'node:http';
import { startCentralHarness } from '../tests/helpers/central-harness.js';
import { demoConfigWith, startHarness } from '../tests/helpers/hall-harness.js';
import { boardPush, boardTicket } from '../tests/helpers/phone-board.js';
import type { CounterViewDTO, IssueTicketResponse } from '../hall/api/dto.js';
import type { PublicTicketView } from '../protocol/central/phone.js';
import { mib, percentile } from './stats.js';
import { ticketRoom } from '../central/phone/hub.js';
import { HallViews } from '../hall/api/views.js';
import { RealNameTickets } from '../hall/identity/real-name.js';
import { loadHallConfig } from '../hall/config/load.js';
import { buildBoard } from '../hall/sync/phone/board.js';

const CALLS = Number(process.argv[2] ?? 60);
const PHONES_PER_TICKET = Number(process.argv[3] ?? 10);
const TICKETS = 100;

const agent = new http.Agent({ keepAlive: true, maxSockets: 4000 });
function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as T }));
      })
      .on('error', reject);
  });
}
function postJson(url: string, token: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const central = await startCentralHarness({ hallId: 'dsq-zwfw', hallName: '东胜区政务服务中心', phone: { publicRateLimit: false } });
const configPath = demoConfigWith((c) => {
  c.calendar = null;
  c.sync = central.syncSection({ idlePollSeconds: 5 });
});
const h = await startHarness({ configPath, dataDir: central.hallDataDir() });
let stopPhones = false;
try {
  // ---- 1. call → phone, 1,000 phones ----
  const tickets: { id: string; key: string }[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const r = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    tickets.push({ id: r.body.ticket.id, key: new URL(r.body.ticket.progressUrl, 'http://hall').searchParams.get('key')! });
  }
  const seenAt = new Map<string, number[]>();
  let answers = 0;
  const phone = async (t: { id: string; key: string }) => {
    let version = -1;
    let seen = false;
    while (!stopPhones) {
      const r = await getJson<PublicTicketView>(`${central.url}/v1/public/halls/dsq-zwfw/tickets/${t.id}?key=${t.key}&since=${version}&waitSeconds=25`).catch(() => null);
      answers++;
      if (!r || r.status !== 200) {
        await new Promise((ok) => setTimeout(ok, 200));
        continue;
      }
      version = r.body.version;
      if (!seen && r.body.ticket.status !== 'waiting') {
        seen = true;
        seenAt.set(t.id, [...(seenAt.get(t.id) ?? []), Date.now()]);
      }
    }
  };
  const phones = tickets.flatMap((t) => Array.from({ length: PHONES_PER_TICKET }, () => phone(t)));
  // Wait until the board holds every ticket and all phones are parked on it.
  const parked = () => tickets.reduce((n, t) => n + central.central!.phone.waiters.count(ticketRoom('dsq-zwfw', t.id)), 0);
  for (let i = 0; i < 600 && parked() < phones.length; i++) await new Promise((ok) => setTimeout(ok, 50));
  console.log(`phones long-polling on central: ${parked()}`);

  const session = (await h.signIn('c03', '1003')).sessionToken;
  const counter = { terminal: 'counter-3', session };
  const calledAt = new Map<string, number>();
  for (let i = 0; i < Math.min(CALLS, TICKETS); i++) {
    const t0 = Date.now();
    const r = await h.api<CounterViewDTO>('POST', '/api/v1/counters/c03/actions/call-next', { ...counter, body: {} });
    if (r.body.current) calledAt.set(r.body.current.id, t0);
    await new Promise((ok) => setTimeout(ok, 600));
    await h.api('POST', '/api/v1/counters/c03/actions/start', { ...counter, body: {} });
    await h.api('POST', '/api/v1/counters/c03/actions/finish', { ...counter, body: {} });
  }
  await new Promise((ok) => setTimeout(ok, 2000));
  const delays: number[] = [];
  let missing = 0;
  for (const [id, t0] of calledAt) {
    const seen = seenAt.get(id) ?? [];
    missing += PHONES_PER_TICKET - seen.length;
    for (const s of seen) delays.push(s - t0);
  }
  delays.sort((a, b) => a - b);
  console.log(
    `call → phone view updated, ${phones.length} phones long-polling, ${calledAt.size} calls: p50 ${percentile(delays, 50)} ms, p99 ${percentile(delays, 99)} ms, max ${delays.at(-1)} ms (${delays.length} phone updates, ${missing} missed; ${answers} answers served)`,
  );
  stopPhones = true;
  central.central!.phone.waiters.wakeAll();
  await Promise.all(phones);

  // ---- 1b. building the board in the hall (on its one thread) with 1,500 tickets of the day ----
  for (let i = tickets.length; i < 1500; i++) await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: i % 2 ? 'bdc-01' : 'gjj-01' } });
  const runtime = h.hall.runtime;
  const config = loadHallConfig(configPath);
  const views = new HallViews(config, runtime, 'bench-secret', () => ({ available: true, reason: null }), new RealNameTickets(runtime.db, undefined as never, undefined as never), () => []);
  const builds: number[] = [];
  let count = 0;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    count = buildBoard({ views, runtime, config }).tickets.length;
    builds.push(performance.now() - t0);
  }
  builds.sort((a, b) => a - b);
  console.log(`building the board in the hall, ${count} tickets of the day: p50 ${percentile(builds, 50).toFixed(1)} ms, max ${builds.at(-1)!.toFixed(1)} ms (the hall's thread, once per push)`);

  // ---- 2. 100 halls' boards ----
  const pool = central.central!.pool;
  const heapBefore = process.memoryUsage();
  const halls: { id: string; token: string }[] = [];
  for (let i = 1; i <= 100; i++) halls.push({ id: `hall-${i}`, token: (await central.central!.addHall(`hall-${i}`, `大厅 ${i}`)).token });
  let t = performance.now();
  for (const [n, hall] of halls.entries()) {
    const board = boardPush(n + 1, Array.from({ length: 300 }, (_, k) => boardTicket(`t${k}`, `key-${k}`, { number: `A${String(k).padStart(3, '0')}`, peopleAhead: k })));
    const status = await postJson(`${central.url}/v1/halls/${hall.id}/board`, hall.token, board);
    if (status !== 200) throw new Error(`board push answered ${status}`);
  }
  const pushMs = performance.now() - t;
  global.gc?.();
  const heapAfter = process.memoryUsage();
  console.log(`100 full boards of 300 tickets pushed in ${(pushMs / 1000).toFixed(1)} s (${(pushMs / 100).toFixed(0)} ms each, stored in PostgreSQL and in memory); heap +${mib(heapAfter.heapUsed - heapBefore.heapUsed)}, rss ${mib(heapAfter.rss)}`);

  let served = 0;
  let errors = 0;
  const until = performance.now() + 10_000;
  t = performance.now();
  const client = async () => {
    while (performance.now() < until) {
      const hall = 1 + Math.floor(Math.random() * 100);
      const k = Math.floor(Math.random() * 300);
      const r = await getJson(`${central.url}/v1/public/halls/hall-${hall}/tickets/t${k}?key=key-${k}`).catch(() => null);
      if (r?.status === 200) served++;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: 100 }, client));
  const seconds = (performance.now() - t) / 1000;
  const rows = (await pool.query('SELECT count(*)::int AS n FROM phone_board_tickets')).rows[0].n as number;
  console.log(`public ticket views across 100 halls, 100 concurrent clients: ${Math.round(served / seconds)} requests/s (${errors} errors), ${rows} board tickets held; rss ${mib(process.memoryUsage().rss)}`);
} finally {
  stopPhones = true;
  await h.close();
  await central.close();
  agent.destroy();
}
