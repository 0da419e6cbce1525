// 差评 follow-up through the API (real hall, real SQLite, simulated days): a bad rating opens a
// case with its ticket, matter, counter, staff member, time; reason tags from the rating screen;
// the 回访 named to a staff member who alone sees the sealed contact; 回访 → 整改 / 解释说明 →
// the manager's review (returned once) → closed; 申诉复核 with the hall's own record, rejected
// then upheld; warnings and escalations once each; a real-name rating's one-working-day 回访;
// contacts purged with identities; every step one event, accepted by central's schemas.
// Mutations tried (each fails a named test here): the listener opening cases for any rating
// (the "only bad ratings" test); contact() without its assignee check (the contact test);
// review() closing without the manager check in the route (the review test); stampDue ignoring
// the escalated stamp (the escalation test: a second escalated event); openForRating without its
// existing-case check (the "one case per rating" test after a restart); purgeContacts doing
// nothing (the purge test); forgetIdentities leaving 差评 contacts (the forget-identities test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { startHarness, tempDataDir, type Harness } from '../../helpers/hall-harness.js';
import { counterSessions, helpHallConfig, eventsOf } from '../../helpers/service-records.js';
import { computeCheckDigit } from '../../../drivers/idcard/index.js';
import { forgetIdentities, sealedRows } from '../../../hall/identity/sealer.js';
import type { ApiErrorBody, CounterDisplayDTO, IssueTicketResponse, RatingDTO } from '../../../hall/api/dto.js';
import type { BadRatingCaseDTO, BadRatingCasesDTO, CaseContactDTO, ReasonTagsDTO } from '../../../hall/api/bad-rating-cases-dto.js';

const HOUR = 3_600_000;
/** Monday 2026-11-23 09:00 in the hall (UTC+8). */
const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
const localMidnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * HOUR;
const ID_BASE = '15060219900101456';

const timers = new ManualTimers(MONDAY_9AM);
let h: Harness;
const sessions = new Map<string, string>();

beforeAll(async () => {
  h = await startHarness({
    timers,
    configPath: helpHallConfig((c) => {
      // A second admin-page user who is not the manager: does 回访 work, may not review.
      const staff = c.staff as Record<string, unknown>[];
      staff.push({ ...staff.find((s) => s.id === 's10'), id: 's11', staffNo: '9002', name: '李强', roles: ['admin'] });
      c.badRatingCases = { warnBeforeHours: 12, tagWindowSeconds: 90 };
    }),
  });
});
afterAll(() => h?.close());

async function adminAs<T>(staffNo: string, method: string, route: string, body?: unknown) {
  const signIn = async () => {
    const res = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo, pin: '1234' } });
    sessions.set(staffNo, res.body.sessionToken);
  };
  if (!sessions.has(staffNo)) await signIn();
  const call = () => h.api<T & ApiErrorBody>(method, route, { terminal: 'admin', session: sessions.get(staffNo)!, ...(body === undefined ? {} : { body }) });
  const first = await call();
  if (first.status !== 401) return first;
  await signIn();
  return call();
}
const manager = <T>(method: string, route: string, body?: unknown) => adminAs<T>('9001', method, route, body);
const clerk = <T>(method: string, route: string, body?: unknown) => adminAs<T>('9002', method, route, body);

const counterSession = counterSessions(() => h);

/** A ticket served to the end at a counter and rated on its counter display; the rating's id. */
async function rated(level: string, o: { counterId?: string; staffNo?: string; matterId?: string; idNumber?: string } = {}): Promise<{ ratingId: string; ticketId: string; number: string }> {
  const counterId = o.counterId ?? 'c03';
  const n = Number(counterId.slice(1));
  const identity = o.idNumber ? { identity: { source: 'manual', idNumber: o.idNumber } } : {};
  const issued = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: o.matterId ?? 'bdc-01', ...identity } });
  if (issued.status !== 201) throw new Error(`issue failed: ${JSON.stringify(issued.body)}`);
  const at = await counterSession(counterId, o.staffNo ?? '1003');
  for (const action of ['call-next', 'start', 'finish']) await h.api('POST', `/api/v1/counters/${counterId}/actions/${action}`, { ...at, body: {} });
  const display = await h.api<CounterDisplayDTO>('GET', `/api/v1/counters/${counterId}/display`, { terminal: `counter-display-${n}` });
  const ratingId = display.body.pendingRating!.id;
  const res = await h.api<RatingDTO>('POST', `/api/v1/ratings/${ratingId}`, { terminal: `counter-display-${n}`, body: { level } });
  expect(res.status).toBe(200);
  // The case opens right after the rating's transaction (a microtask): let it run.
  await new Promise((r) => setImmediate(r));
  return { ratingId, ticketId: issued.body.ticket.id, number: issued.body.ticket.number };
}

const caseOf = async (ratingId: string) => (await manager<BadRatingCasesDTO>('GET', '/api/v1/admin/bad-rating-cases')).body.cases.find((c) => c.ratingId === ratingId);
const caseEvents = (caseId: string) => eventsOf(h, h.hall.runtime.log.readSince(0, 100_000).map((e) => e.type).filter((t) => t.startsWith('bad_rating_case_'))).filter((e) => e.payload.caseId === caseId);

describe('差评 follow-up, a closed loop', () => {
  let first: { ratingId: string; ticketId: string; number: string };
  let caseId = '';

  it('opens a case for a bad rating only, with its ticket, matter, counter, staff member, time and deadlines', async () => {
    const fine = await rated('basic');
    expect(await caseOf(fine.ratingId)).toBeUndefined();
    first = await rated('very_dissatisfied');
    const c = (await caseOf(first.ratingId))!;
    expect(c).toMatchObject({ status: 'opened', ticketId: first.ticketId, ticketNumber: first.number, matterId: 'bdc-01', counterId: 'c03', counterNumber: 3, staffId: 's03', level: 'very_dissatisfied', source: 'screen', realName: false, revisitState: 'ok' });
    expect(c.ratedAt).toBe(MONDAY_9AM);
    // 001 第三十六条: 回访 within 48 hours, 整改 within 15 natural days (the close of 12-08).
    expect([c.revisitDueAt, c.rectifyDueAt]).toEqual([MONDAY_9AM + 48 * HOUR, localMidnight(2026, 12, 9)]);
    caseId = c.id;
  });

  it('takes reason tags from the rating screen of that counter only, within the window; unknown tags change nothing', async () => {
    const offered = await h.api<ReasonTagsDTO>('GET', `/api/v1/ratings/${first.ratingId}/reason-tags`, { terminal: 'counter-display-3' });
    expect(offered.body.ratingId).toBe(first.ratingId);
    expect(offered.body.tags.map((t) => t.label)).toEqual(expect.arrayContaining(['服务态度', '服务效率', '服务水平', '其他']));
    expect((await h.api('GET', `/api/v1/ratings/${first.ratingId}/reason-tags`, { terminal: 'counter-display-4' })).status).toBe(403);
    const bad = await h.api<ApiErrorBody>('POST', `/api/v1/ratings/${first.ratingId}/reason-tags`, { terminal: 'counter-display-3', body: { tags: ['service_attitude', 'made_up'] } });
    expect([bad.status, bad.body.error.code]).toEqual([409, 'unknown_tag']);
    const tagged = await h.api<BadRatingCaseDTO>('POST', `/api/v1/ratings/${first.ratingId}/reason-tags`, { terminal: 'counter-display-3', body: { tags: ['service_attitude', 'service_efficiency'], phone: '13812345678' } });
    expect(tagged.body.reasonTags).toEqual([{ code: 'service_attitude', label: '服务态度' }, { code: 'service_efficiency', label: '服务效率' }]);
    expect(tagged.body.hasContact).toBe(true);
    const raw = h.hall.runtime.db.prepare('SELECT contact_sealed FROM bad_rating_cases WHERE id = ?').pluck().get(caseId) as Buffer;
    expect(raw.toString('utf8')).not.toContain('13812345678');
    timers.advance(91_000);
    const late = await h.api<ApiErrorBody>('POST', `/api/v1/ratings/${first.ratingId}/reason-tags`, { terminal: 'counter-display-3', body: { tags: ['other'] } });
    expect([late.status, late.body.error.code]).toEqual([409, 'tag_window_passed']);
    expect((await caseOf(first.ratingId))!.reasonTags.map((t) => t.code)).toEqual(['service_attitude', 'service_efficiency']);
  });

  it('shows the contact only to the staff member named for the 回访', async () => {
    expect((await clerk('POST', `/api/v1/admin/bad-rating-cases/${caseId}/assign`, { staffId: 's11' })).status).toBe(403);
    const assigned = await manager<BadRatingCaseDTO>('POST', `/api/v1/admin/bad-rating-cases/${caseId}/assign`, { staffId: 's11' });
    expect(assigned.body).toMatchObject({ assigneeStaffId: 's11', assigneeName: '李强', hasContact: true });
    expect(JSON.stringify(assigned.body)).not.toContain('13812345678');
    const refused = await manager<CaseContactDTO>('GET', `/api/v1/admin/bad-rating-cases/${caseId}/contact`);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'not_assignee']);
    expect((await clerk<CaseContactDTO>('GET', `/api/v1/admin/bad-rating-cases/${caseId}/contact`)).body).toEqual({ phone: '13812345678' });
  });

  it('goes 回访 → 整改 → returned by the manager → 解释说明 → reviewed and closed; the contact is deleted at closure', async () => {
    const early = await clerk('POST', `/api/v1/admin/bad-rating-cases/${caseId}/resolve`, { kind: 'rectified', note: '已约谈窗口人员并整改' });
    expect([early.status, early.body.error.code]).toEqual([409, 'wrong_state']);
    expect((await manager('POST', `/api/v1/admin/bad-rating-cases/${caseId}/revisit`, { method: 'phone', visitorSaid: '等了很久' })).status).toBe(403);
    timers.advance(3 * HOUR);
    const revisited = await clerk<BadRatingCaseDTO>('POST', `/api/v1/admin/bad-rating-cases/${caseId}/revisit`, { method: 'phone', visitorSaid: '窗口人员解释不清，来回跑了两次' });
    expect(revisited.body).toMatchObject({ status: 'revisited', revisitState: 'done', revisit: { staffId: 's11', method: 'phone', visitorSaid: '窗口人员解释不清，来回跑了两次' } });
    expect((await clerk<BadRatingCaseDTO>('POST', `/api/v1/admin/bad-rating-cases/${caseId}/resolve`, { kind: 'rectified', note: '已约谈窗口人员，一次性告知材料清单' })).body.status).toBe('rectified');
    expect((await clerk('POST', `/api/v1/admin/bad-rating-cases/${caseId}/review`, { approve: true, note: '同意' })).status).toBe(403);
    const returned = await manager<BadRatingCaseDTO>('POST', `/api/v1/admin/bad-rating-cases/${caseId}/review`, { approve: false, note: '整改措施不具体' });
    expect(returned.body).toMatchObject({ status: 'revisited', resolution: null });
    await clerk('POST', `/api/v1/admin/bad-rating-cases/${caseId}/resolve`, { kind: 'explained', note: '该事项依法须本人到场，已向群众解释说明依据' });
    const closed = await manager<BadRatingCaseDTO>('POST', `/api/v1/admin/bad-rating-cases/${caseId}/review`, { approve: true, note: '解释说明充分，同意办结' });
    expect(closed.body).toMatchObject({ status: 'closed', rectifyState: 'done', hasContact: false, resolution: { kind: 'explained' }, closure: { outcome: 'resolved', staffId: 's10' } });
    expect(h.hall.runtime.db.prepare('SELECT contact_sealed FROM bad_rating_cases WHERE id = ?').pluck().get(caseId)).toBeNull();
    const again = await manager('POST', `/api/v1/admin/bad-rating-cases/${caseId}/revisit`, { method: 'phone', visitorSaid: '再次回访' });
    expect([again.status, again.body.error.code]).toEqual([409, 'case_closed']);
  });

  it('records every step as one event, accepted by central, carrying no contact and no free text', () => {
    const events = caseEvents(caseId);
    expect(events.map((e) => e.type)).toEqual([
      'bad_rating_case_opened',
      'bad_rating_case_tagged',
      'bad_rating_case_assigned',
      'bad_rating_case_revisited',
      'bad_rating_case_resolved',
      'bad_rating_case_returned',
      'bad_rating_case_resolved',
      'bad_rating_case_closed',
    ]);
    expect(events.at(-1)!.payload).toMatchObject({ ratingId: first.ratingId, outcome: 'resolved', late: false });
    const text = JSON.stringify(events);
    for (const secret of ['13812345678', '来回跑', '解释说明依据', '整改措施不具体']) expect(text).not.toContain(secret);
  });
});

describe('申诉复核 (the counter disputes the rating)', () => {
  it('keeps the hall’s own record as evidence; a rejected appeal resumes the case, an upheld one closes it', async () => {
    const r = await rated('dissatisfied');
    const c = (await caseOf(r.ratingId))!;
    const other = await h.api<ApiErrorBody>('POST', `/api/v1/counters/c04/bad-rating-cases/${c.id}/appeal`, { ...(await counterSession('c04', '1004')), body: { reason: '不是本窗口办理的业务' } });
    expect([other.status, other.body.error.code]).toEqual([403, 'not_rated_counter']);
    const at3 = await counterSession('c03', '1003');
    const mine = await h.api<BadRatingCasesDTO>('GET', '/api/v1/counters/c03/bad-rating-cases', at3);
    expect(mine.body.cases.map((x) => x.id)).toContain(c.id);
    const appealed = await h.api<BadRatingCaseDTO>('POST', `/api/v1/counters/c03/bad-rating-cases/${c.id}/appeal`, { ...at3, body: { reason: '办理全程 5 分钟，群众误触评价器' } });
    expect(appealed.body.status).toBe('appealed');
    expect(appealed.body.appeal!.evidence.map((e) => e.what)).toEqual(['issued', 'called', 'started', 'finished', 'rating_requested', 'rated']);
    expect(appealed.body.appeal!.evidence.at(-1)).toMatchObject({ detail: 'dissatisfied/screen', counterId: 'c03' });
    const rejected = await manager<BadRatingCaseDTO>('POST', `/api/v1/admin/bad-rating-cases/${c.id}/appeal-decision`, { upheld: false, note: '证据不足' });
    expect(rejected.body).toMatchObject({ status: 'opened', appeal: { decisionNote: '证据不足' } });
    await h.api('POST', `/api/v1/counters/c03/bad-rating-cases/${c.id}/appeal`, { ...at3, body: { reason: '补充：评价时群众已离开窗口' } });
    const upheld = await manager<BadRatingCaseDTO>('POST', `/api/v1/admin/bad-rating-cases/${c.id}/appeal-decision`, { upheld: true, note: '调取记录属实，差评不计' });
    expect(upheld.body).toMatchObject({ status: 'closed', closure: { outcome: 'appeal_upheld' }, revisitState: 'done' });
    expect(caseEvents(c.id).map((e) => e.type)).toEqual(['bad_rating_case_opened', 'bad_rating_case_appealed', 'bad_rating_case_appeal_decided', 'bad_rating_case_appealed', 'bad_rating_case_appeal_decided', 'bad_rating_case_closed']);
  });
});

describe('deadlines: real-name, warnings, escalations, purge', () => {
  it('gives a real-name rating one working day for the 回访 (002 第三十二条)', async () => {
    const r = await rated('dissatisfied', { counterId: 'c06', staffNo: '1006', matterId: 'gjj-01', idNumber: `${ID_BASE}${computeCheckDigit(ID_BASE)}` });
    const c = (await caseOf(r.ratingId))!;
    expect(c.realName).toBe(true);
    expect(c.revisitDueAt).toBe(localMidnight(2026, 11, 25)); // the close of Tuesday 11-24
  });

  it('warns before and escalates after each deadline, once each, and purges the contact with the identity', async () => {
    const r = await rated('dissatisfied');
    await h.api('POST', `/api/v1/ratings/${r.ratingId}/reason-tags`, { terminal: 'counter-display-3', body: { tags: ['other'], phone: '13900001111' } });
    const c = (await caseOf(r.ratingId))!;
    const types = () => caseEvents(c.id).map((e) => `${e.type}:${String(e.payload.stage ?? '')}`);
    timers.advance(c.revisitDueAt - 12 * HOUR - timers.now());
    expect(types()).toContain('bad_rating_case_warned:revisit');
    expect((await caseOf(r.ratingId))!.revisitState).toBe('warning');
    timers.advance(12 * HOUR);
    timers.advance(HOUR);
    expect((await caseOf(r.ratingId))!).toMatchObject({ revisitState: 'overdue', escalated: { revisit: true, rectify: false } });
    timers.advance(c.rectifyDueAt + HOUR - timers.now());
    expect(types().filter((t) => t !== 'bad_rating_case_opened:' && t !== 'bad_rating_case_tagged:')).toEqual([
      'bad_rating_case_warned:revisit',
      'bad_rating_case_escalated:revisit',
      'bad_rating_case_warned:rectify',
      'bad_rating_case_escalated:rectify',
    ]);
    // 15 days on: past realName.retentionDays (7), the contact is gone (purged after a day close's microtask); the case stays, overdue.
    await new Promise((r) => setImmediate(r));
    expect(h.hall.runtime.db.prepare('SELECT contact_sealed FROM bad_rating_cases WHERE id = ?').pluck().get(c.id)).toBeNull();
    expect((await caseOf(r.ratingId))!).toMatchObject({ status: 'opened', hasContact: false, rectifyState: 'overdue' });
  });

  it('counts a sealed contact among the rows that need identity.key, and forget-identities deletes it', async () => {
    const r = await rated('dissatisfied');
    await h.api('POST', `/api/v1/ratings/${r.ratingId}/reason-tags`, { terminal: 'counter-display-3', body: { tags: ['other'], phone: '13900002222' } });
    const db = h.hall.runtime.db;
    const before = sealedRows(db);
    db.prepare("UPDATE bad_rating_cases SET contact_sealed = NULL WHERE rating_id = ?").run(r.ratingId);
    expect(sealedRows(db)).toBe(before - 1);
    await manager('POST', `/api/v1/admin/bad-rating-cases/${(await caseOf(r.ratingId))!.id}/assign`, { staffId: 's11', phone: '13900002222' });
    expect(sealedRows(db)).toBe(before);
    forgetIdentities(db, tempDataDir(), timers.now());
    expect(db.prepare('SELECT COUNT(*) FROM bad_rating_cases WHERE contact_sealed IS NOT NULL').pluck().get()).toBe(0);
  });

  it('opens one case per rating, also across a restart', async () => {
    await h.restart();
    sessions.clear();
    const rows = h.hall.runtime.db.prepare('SELECT rating_id, COUNT(*) AS n FROM bad_rating_cases GROUP BY rating_id HAVING n > 1').all();
    expect(rows).toEqual([]);
    const bad = h.hall.runtime.db.prepare("SELECT COUNT(*) FROM ratings WHERE outcome IN ('dissatisfied', 'very_dissatisfied')").pluck().get();
    expect(h.hall.runtime.db.prepare('SELECT COUNT(*) FROM bad_rating_cases').pluck().get()).toBe(bad);
  });
});
