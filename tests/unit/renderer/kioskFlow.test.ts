// The kiosk's screen flow (renderer/kiosk/flow.ts), as a pure reducer under Node.
// Mutations checked (each fails at least one test below): `pick_matter` ignoring `busy` (double
// tap issues twice); `home` not queueing forget_card; withPrintOutcome applied to any ticket;
// a card read on the check-in screen going to departments instead of checking in; the green
// credentials retry not re-issuing the refused matter; `issue_failed` for credentials keeping
// the PIN; `dropped` leaving `busy` set; idleArmed ignoring a typed ID number.
import { describe, expect, it } from 'vitest';
import type { CardReadDTO, IssueTicketResponse, PrintOutcomeDTO } from '../../../hall/api/dto';
import { ApiError, NetworkError } from '../../../renderer/shared/api/errors';
import { INITIAL_FLOW, checkInFailure, idleArmed, issueFailure, kioskFlow, type KioskAction, type KioskFlow, type Request } from '../../../renderer/kiosk/flow';

const run = (actions: KioskAction[], from: KioskFlow = INITIAL_FLOW) => actions.reduce(kioskFlow, from);
const card = { idNumberMasked: '110105********002X', name: '张*' } as unknown as CardReadDTO;
const issued = (id: string): IssueTicketResponse => ({ ticket: { id, number: 'A001' }, print: { status: 'sending' } }) as unknown as IssueTicketResponse;
const printed = { status: 'printed' } as PrintOutcomeDTO;
const lastIssue = (s: KioskFlow) => s.outbox.filter((r): r is Extract<Request, { kind: 'issue' }> => r.kind === 'issue').at(-1)!;
const GREEN = { id: 'elderly', label: '老年人' };

describe('issuing a ticket', () => {
  it('a touch on a matter queues one issue request built from the state; a double tap issues once', () => {
    const s = run([{ type: 'show', screen: { name: 'departments' } }, { type: 'pick_matter', matterId: 'gjj-01' }, { type: 'pick_matter', matterId: 'gjj-01' }]);
    expect(s.busy).toBe('issue');
    expect(s.outbox).toHaveLength(1);
    expect(s.outbox[0]).toMatchObject({ kind: 'issue', body: { matterId: 'gjj-01' }, green: null, from: { name: 'departments' } });
  });

  it('the issued ticket is shown, the search, green channel and typed number are dropped', () => {
    let s = run([{ type: 'manual_id', idNumber: '11010519491231002X' }, { type: 'query', query: '公积金' }, { type: 'pick_matter', matterId: 'gjj-01' }]);
    expect(lastIssue(s).body.identity).toEqual({ source: 'manual', idNumber: '11010519491231002X' });
    s = kioskFlow(s, { type: 'issued', issued: issued('t1') });
    expect(s).toMatchObject({ busy: null, query: '', green: null, screen: { name: 'ticket' } });
    expect(s.realName.identity).toEqual({ kind: 'none' });
  });

  it('a request the submit guard dropped leaves nothing in flight', () => {
    const s = run([{ type: 'pick_matter', matterId: 'm' }, { type: 'dropped', kind: 'issue' }, { type: 'pick_matter', matterId: 'm' }]);
    expect(s.busy).toBe('issue');
    expect(s.outbox).toHaveLength(2);
    expect(run([{ type: 'taken', upTo: 2 }], s).outbox).toEqual([]);
  });

  it('refusals: rules → plain words with the way back; invalid typed ID → keypad; vanished card → error, identity gone', () => {
    const start = run([{ type: 'show', screen: { name: 'matters', departmentId: 'd1' } }, { type: 'pick_matter', matterId: 'm' }]);
    const request = lastIssue(start);
    const refused = kioskFlow(start, { type: 'issue_failed', request, failure: issueFailure(new ApiError(409, 'daily_cap_reached', 'cap', [], { cap: 200 }), false, '—') });
    expect(refused.screen).toMatchObject({ name: 'refused', back: { name: 'matters', departmentId: 'd1' } });
    expect(refused.busy).toBeNull();
    const invalid = kioskFlow(start, { type: 'issue_failed', request, failure: issueFailure(new ApiError(400, 'invalid_id_number', 'bad'), false, '—') });
    expect(invalid.screen).toEqual({ name: 'manual-id', error: 'kiosk.error.invalidId' });
    const withCard = run([{ type: 'signal', signal: { type: 'card_read', card } }], start);
    const gone = kioskFlow(withCard, { type: 'issue_failed', request, failure: issueFailure(new ApiError(409, 'no_card', 'gone'), false, '—') });
    expect(gone.screen).toMatchObject({ name: 'error', message: 'kiosk.error.noCard' });
    expect(gone.realName).toEqual({ identity: { kind: 'none' }, cardError: null, cardHeld: false });
    expect(issueFailure(new NetworkError('down'), false, '—')).toEqual({ kind: 'other', message: 'error.unreachable' });
  });
});

describe('green channel', () => {
  const inGreen = run([{ type: 'green_start' }, { type: 'green_credentials', staffNo: '2001', pin: '1234' }, { type: 'green_category', category: GREEN }]);

  it('staff credentials, then a category, then a matter: a priority ticket request', () => {
    expect(inGreen.screen).toEqual({ name: 'departments' });
    const s = kioskFlow(inGreen, { type: 'pick_matter', matterId: 'gjj-01' });
    expect(lastIssue(s).body.greenChannel).toEqual({ categoryId: 'elderly', staffNo: '2001', pin: '1234' });
    expect(kioskFlow(inGreen, { type: 'departments_back' }).screen).toEqual({ name: 'green-category' });
  });

  it('refused credentials: back to the staff screen without the PIN; the corrected ones re-issue the same matter at once', () => {
    let s = kioskFlow(inGreen, { type: 'pick_matter', matterId: 'gjj-01' });
    s = kioskFlow(s, { type: 'issue_failed', request: lastIssue(s), failure: issueFailure(new ApiError(401, 'bad_credentials', 'no'), true, '—') });
    expect(s.screen).toEqual({ name: 'green-staff', error: 'kiosk.green.badCredentials' });
    expect(s.green).toMatchObject({ staffNo: '2001', pin: '', retryMatterId: 'gjj-01', category: GREEN });
    s = kioskFlow(s, { type: 'green_credentials', staffNo: '2001', pin: '4321' });
    expect(s.busy).toBe('issue');
    expect(lastIssue(s)).toMatchObject({ body: { matterId: 'gjj-01', greenChannel: { categoryId: 'elderly', staffNo: '2001', pin: '4321' } }, from: { name: 'departments' } });
  });

  it('the same credential code outside the green channel is a plain error', () => {
    expect(issueFailure(new ApiError(403, 'forbidden', 'no'), false, '—').kind).toBe('other');
  });
});

describe('live feed: print outcomes and card reads', () => {
  it('a print outcome changes only the ticket shown; a late one for another ticket changes nothing', () => {
    const shown = run([{ type: 'issued', issued: issued('t1') }]);
    const s = kioskFlow(shown, { type: 'signal', signal: { type: 'print_outcome', ticketId: 't1', print: printed } });
    expect(s.screen).toMatchObject({ name: 'ticket', issued: { print: printed } });
    expect(kioskFlow(shown, { type: 'signal', signal: { type: 'print_outcome', ticketId: 't0', print: printed } })).toBe(shown);
    const home = run([{ type: 'home' }, { type: 'signal', signal: { type: 'print_outcome', ticketId: 't1', print: printed } }], shown);
    expect(home.screen).toEqual({ name: 'start' });
  });

  it('an outcome that beats the issue reply (the agent printed first) is applied when the reply arrives', () => {
    // Mutation checked: dropping the outcome while the issue is in flight (the old behaviour)
    // leaves the screen on 'sending' for a ticket already printed.
    const inFlight = run([{ type: 'show', screen: { name: 'departments' } }, { type: 'pick_matter', matterId: 'gjj-01' }, { type: 'signal', signal: { type: 'print_outcome', ticketId: 't1', print: printed } }]);
    const shown = kioskFlow(inFlight, { type: 'issued', issued: issued('t1') });
    expect(shown.screen).toMatchObject({ name: 'ticket', issued: { print: printed } });
    expect(shown.earlyOutcome).toBeNull();
    // An early outcome for another ticket is not applied to this one.
    const other = run([{ type: 'pick_matter', matterId: 'gjj-01' }, { type: 'signal', signal: { type: 'print_outcome', ticketId: 't0', print: printed } }, { type: 'issued', issued: issued('t1') }]);
    expect(other.screen).toMatchObject({ name: 'ticket', issued: { print: { status: 'sending' } } });
  });

  it('a card read on the start screen leads to departments; on the matters screen it stays', () => {
    expect(run([{ type: 'signal', signal: { type: 'card_read', card } }]).screen).toEqual({ name: 'departments' });
    const matters = run([{ type: 'show', screen: { name: 'matters', departmentId: 'd' } }, { type: 'signal', signal: { type: 'card_read', card } }]);
    expect(matters.screen).toEqual({ name: 'matters', departmentId: 'd' });
    expect(matters.realName).toMatchObject({ identity: { kind: 'card' }, cardHeld: true });
  });

  it('a card read on the check-in screen checks in by card; a failure says why and forgets a vanished card', () => {
    let s = run([{ type: 'show', screen: { name: 'check-in', error: null } }, { type: 'signal', signal: { type: 'card_read', card } }]);
    expect(s.screen.name).toBe('check-in');
    expect(s.outbox.at(-1)).toMatchObject({ kind: 'check-in', body: { method: 'card' } });
    expect(s.busy).toBe('check-in');
    const failure = checkInFailure(new ApiError(409, 'no_card', 'gone'), '—');
    expect(failure.cardGone).toBe(true);
    s = kioskFlow(s, { type: 'check_in_failed', ...failure });
    expect(s).toMatchObject({ busy: null, screen: { name: 'check-in', error: failure.phrase } });
    expect(s.realName.cardHeld).toBe(false);
  });

  it('a read failure is shown, then cleared', () => {
    const s = run([{ type: 'signal', signal: { type: 'card_error', code: 'unknown_card_type', message: '' } }]);
    expect(s.realName.cardError).toBe('kiosk.card.unsupported');
    expect(idleArmed(s)).toBe(true);
    expect(kioskFlow(s, { type: 'card_error_shown' }).realName.cardError).toBeNull();
  });
});

describe('going home and idle', () => {
  it('home drops the search, the staff credentials and the identity, and asks the hall to forget a held card', () => {
    const s = run([{ type: 'signal', signal: { type: 'card_read', card } }, { type: 'query', query: 'x' }, { type: 'green_start' }, { type: 'home' }]);
    expect(s).toMatchObject({ screen: { name: 'start' }, query: '', green: null, realName: { identity: { kind: 'none' }, cardHeld: false } });
    expect(s.outbox.map((r) => r.kind)).toEqual(['forget_card']);
    expect(idleArmed(s)).toBe(false);
    // Nothing held: nothing to forget.
    expect(run([{ type: 'home' }]).outbox).toEqual([]);
  });

  it('a typed ID number arms the idle timeout; skipping it forgets the held card and goes on', () => {
    expect(idleArmed(run([{ type: 'manual_id', idNumber: '11010519491231002X' }, { type: 'show', screen: { name: 'start' } }]))).toBe(true);
    const s = run([{ type: 'signal', signal: { type: 'card_read', card } }, { type: 'skip_id' }]);
    expect(s.screen).toEqual({ name: 'departments' });
    expect(s.outbox.map((r) => r.kind)).toEqual(['forget_card']);
  });

  it('a card then a typed number: the card stays held, so going home still tells the hall', () => {
    const s = run([{ type: 'signal', signal: { type: 'card_read', card } }, { type: 'manual_id', idNumber: '11010519491231002X' }]);
    expect(s.realName).toMatchObject({ identity: { kind: 'manual' }, cardHeld: true });
    expect(run([{ type: 'home' }], s).outbox.map((r) => r.kind)).toEqual(['forget_card']);
  });
});
