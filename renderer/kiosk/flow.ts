// The kiosk's screen flow as a pure reducer: state + action → state. KioskApp renders the
// state and performs the requests the reducer asks for (`outbox`); nothing here touches
// React, the network or timers, so every screen rule is tested under Node
// (tests/unit/renderer/kioskFlow.test.ts).
//
// Contracts:
// - One way to issue a ticket: `pick_matter` (and a guide's corrected credentials) build the
//   request from the state as it is — green channel, identity — and queue an `issue` request.
//   Its failure is classified once (issueFailure) and applied once (`issue_failed`).
// - A request is queued only when none of its kind is in flight: a double tap issues once.
// - Going home (a touch, the idle timeout, a cancel) drops everything personal; if the hall
//   may still hold a card read here, a `forget_card` request tells it to forget.
// - A print outcome changes only the ticket it is about, and only while that ticket is shown.
import type { CheckInRequest, CheckInResponse, IssueTicketRequest, IssueTicketResponse, PrintOutcomeDTO } from '../../hall/api/dto';
import type { MessageKey } from '../shared/i18n';
import type { LiveSignal } from '../shared/live/liveConnection';
import { ApiError, describeError } from '../shared/api/errors';
import { greenCredentialErrors, issueErrors } from './outcomes';
import { admissionPhrase, checkInPhrase, factsOf, type RulesPhrase } from './kioskRules';
import { NO_IDENTITY, afterIssue, applyCardSignal, identityRequest, realNameErrors, screenAfterCard, type RealNameState } from './realName';

export type Screen =
  | { name: 'start' }
  | { name: 'departments' }
  | { name: 'matters'; departmentId: string }
  | { name: 'ticket'; issued: IssueTicketResponse }
  | { name: 'error'; message: MessageKey; back: Screen }
  | { name: 'guide-departments' }
  | { name: 'guide-matters'; departmentId: string }
  | { name: 'guide'; matterId: string; back: Screen }
  | { name: 'green-staff'; error: MessageKey | null }
  | { name: 'green-category' }
  | { name: 'manual-id'; error: MessageKey | null }
  | { name: 'check-in'; error: RulesPhrase | null }
  | { name: 'checked-in'; result: CheckInResponse }
  | { name: 'refused'; phrase: RulesPhrase; back: Screen; /** The matter refused: the daily-cap offers are asked for it. */ matterId?: string };

export interface GreenChannel {
  staffNo: string;
  pin: string;
  category: { id: string; label: string } | null;
  /** A matter already picked when the hall refused the credentials: issue it after re-entry. */
  retryMatterId: string | null;
}

/** What the kiosk asks of the hall; KioskApp performs each once (by id) and reports back. */
export type Request =
  | { id: number; kind: 'issue'; body: IssueTicketRequest; green: GreenChannel | null; from: Screen }
  | { id: number; kind: 'check-in'; body: CheckInRequest }
  | { id: number; kind: 'forget_card' };

export interface KioskFlow {
  screen: Screen;
  /** The search text on the departments screen. */
  query: string;
  green: GreenChannel | null;
  realName: RealNameState;
  /** A request of this kind is in flight (the "issuing…" overlay; further taps are dropped). */
  busy: 'issue' | 'check-in' | null;
  /** Requests not yet taken by KioskApp, oldest first. */
  outbox: Request[];
  nextId: number;
  /**
   * A print outcome that arrived on the live feed before the issue (or check-in) reply it
   * belongs to: the agent can print faster than the reply reaches the page. Applied when that
   * reply arrives, so the screen never stays on 正在打印 for a ticket already printed.
   */
  earlyOutcome: { ticketId: string; print: PrintOutcomeDTO } | null;
}

export const INITIAL_FLOW: KioskFlow = { screen: { name: 'start' }, query: '', green: null, realName: NO_IDENTITY, busy: null, outbox: [], nextId: 1, earlyOutcome: null };

/** The early outcome for this ticket, if one arrived before its reply. */
function earlyPrint(s: KioskFlow, ticketId: string): { print: PrintOutcomeDTO } | Record<string, never> {
  return s.earlyOutcome?.ticketId === ticketId ? { print: s.earlyOutcome.print } : {};
}

/** An issue attempt's failure, classified once from the hall's error. */
export type IssueFailure =
  /** A typed ID number the hall refused: back to the keypad. */
  | { kind: 'invalid_id' }
  /** The card read vanished (timed out, taken): the hall holds nothing here any more. */
  | { kind: 'no_card' }
  /** Refused by the hall's rules (cap, cut-off, calendar): plain words, then the way back. */
  | { kind: 'refused'; phrase: RulesPhrase }
  /** The guide's staff number or PIN was not accepted. */
  | { kind: 'green_credentials'; message: MessageKey }
  | { kind: 'other'; message: MessageKey };

const issueAndIdentityErrors: Record<string, MessageKey> = { ...issueErrors, ...realNameErrors };

/** `noTime`: the words for "see the hall's notice" when a refusal names no time. */
export function issueFailure(err: unknown, withGreenChannel: boolean, noTime: string): IssueFailure {
  if (err instanceof ApiError) {
    if (err.code === 'invalid_id_number') return { kind: 'invalid_id' };
    if (err.code === 'no_card') return { kind: 'no_card' };
    const phrase = admissionPhrase(err.code, factsOf(err), noTime);
    if (phrase) return { kind: 'refused', phrase };
    const credential = withGreenChannel ? greenCredentialErrors[err.code] : undefined;
    if (credential) return { kind: 'green_credentials', message: credential };
  }
  return { kind: 'other', message: describeError(err, issueAndIdentityErrors) };
}

/** A check-in's failure: its plain words, and whether the hall no longer holds a card read here. */
export function checkInFailure(err: unknown, noTime: string): { phrase: RulesPhrase; cardGone: boolean } {
  return { phrase: checkInPhrase(err, noTime), cardGone: err instanceof ApiError && err.code === 'no_card' };
}

export type KioskAction =
  /** Plain navigation (guide pages, back buttons, start-screen entries). */
  | { type: 'show'; screen: Screen }
  /** Home: the start screen with nothing personal kept (a touch, a cancel, the idle timeout). */
  | { type: 'home' }
  | { type: 'query'; query: string }
  /** Back from the departments screen: to the category while in the green channel, else home. */
  | { type: 'departments_back' }
  | { type: 'pick_matter'; matterId: string }
  | { type: 'green_start' }
  | { type: 'green_credentials'; staffNo: string; pin: string }
  | { type: 'green_category'; category: { id: string; label: string } }
  | { type: 'manual_id'; idNumber: string }
  | { type: 'skip_id' }
  | { type: 'check_in'; body: CheckInRequest }
  | { type: 'signal'; signal: LiveSignal }
  | { type: 'card_error_shown' }
  /** KioskApp took these requests out of the outbox (it performs them now). */
  | { type: 'taken'; upTo: number }
  /** A request the submit guard dropped (a repeat within its cooldown): nothing in flight. */
  | { type: 'dropped'; kind: 'issue' | 'check-in' }
  | { type: 'issued'; issued: IssueTicketResponse }
  | { type: 'issue_failed'; request: Extract<Request, { kind: 'issue' }>; failure: IssueFailure }
  | { type: 'checked_in'; result: CheckInResponse }
  | { type: 'check_in_failed'; phrase: RulesPhrase; cardGone: boolean };

/** The screen with a ticket's print outcome applied, when that ticket is the one shown. */
export function withPrintOutcome(screen: Screen, ticketId: string, print: PrintOutcomeDTO): Screen {
  if (screen.name === 'ticket' && screen.issued.ticket.id === ticketId) return { ...screen, issued: { ...screen.issued, print } };
  if (screen.name === 'checked-in' && screen.result.ticket.id === ticketId) return { ...screen, result: { ...screen.result, print } };
  return screen;
}

/** Whether the idle timeout should bring the kiosk home (anything but an untouched start screen). */
export function idleArmed(s: KioskFlow): boolean {
  return s.screen.name !== 'start' || s.query !== '' || s.green !== null || s.realName.identity.kind !== 'none' || s.realName.cardError !== null;
}

type Unsent<R> = R extends Request ? Omit<R, 'id'> : never;
type RequestBody = Unsent<Request>;

function send(s: KioskFlow, request: RequestBody): KioskFlow {
  return { ...s, outbox: [...s.outbox, { ...request, id: s.nextId } as Request], nextId: s.nextId + 1 };
}

/** Everything personal dropped; the hall told to forget a card read it may still hold. */
function forgetIdentity(s: KioskFlow): KioskFlow {
  const forgotten = { ...s, realName: NO_IDENTITY };
  return s.realName.cardHeld ? send(forgotten, { kind: 'forget_card' }) : forgotten;
}

/** The one way to issue: the request built from the state (green channel, identity) at the moment of the tap. */
function issue(s: KioskFlow, matterId: string, green: GreenChannel | null, from: Screen): KioskFlow {
  if (s.busy) return s;
  const body: IssueTicketRequest = { matterId };
  if (green?.category) body.greenChannel = { categoryId: green.category.id, staffNo: green.staffNo, pin: green.pin };
  const identity = identityRequest(s.realName.identity);
  if (identity) body.identity = identity;
  return send({ ...s, busy: 'issue' }, { kind: 'issue', body, green: green?.category ? green : null, from });
}

function checkIn(s: KioskFlow, body: CheckInRequest): KioskFlow {
  if (s.busy) return s;
  return send({ ...s, busy: 'check-in' }, { kind: 'check-in', body });
}

function issueFailed(s: KioskFlow, request: Extract<Request, { kind: 'issue' }>, failure: IssueFailure): KioskFlow {
  const done = { ...s, busy: null };
  switch (failure.kind) {
    case 'invalid_id':
      return { ...done, realName: { ...done.realName, identity: { kind: 'none' } }, screen: { name: 'manual-id', error: 'kiosk.error.invalidId' } };
    case 'no_card':
      return { ...done, realName: NO_IDENTITY, screen: { name: 'error', message: 'kiosk.error.noCard', back: request.from } };
    case 'refused':
      return { ...done, screen: { name: 'refused', phrase: failure.phrase, back: request.from, matterId: request.body.matterId } };
    case 'green_credentials':
      if (request.green) {
        return { ...done, green: { ...request.green, pin: '', retryMatterId: request.body.matterId }, screen: { name: 'green-staff', error: failure.message } };
      }
      return { ...done, screen: { name: 'error', message: failure.message, back: request.from } };
    case 'other':
      return { ...done, screen: { name: 'error', message: failure.message, back: request.from } };
  }
}

function onSignal(s: KioskFlow, signal: LiveSignal): KioskFlow {
  switch (signal.type) {
    case 'devices':
    case 'help': // 呼叫工作人员 updates: the help button listens to them itself (screens/HelpButton.tsx)
      return s;
    case 'print_outcome': {
      // A late outcome for a ticket no longer shown changes nothing; one arriving while an
      // issue or check-in is in flight may be for the ticket about to be shown: kept for it.
      const screen = withPrintOutcome(s.screen, signal.ticketId, signal.print);
      if (screen !== s.screen) return { ...s, screen };
      return s.busy ? { ...s, earlyOutcome: { ticketId: signal.ticketId, print: signal.print } } : s;
    }
    case 'card_read': {
      const next = { ...s, realName: applyCardSignal(s.realName, signal) };
      // On the check-in screen a card is the visitor's way to check in.
      if (s.screen.name === 'check-in') return checkIn(next, { method: 'card' });
      return screenAfterCard(s.screen.name) === 'stay' ? next : { ...next, screen: { name: 'departments' } };
    }
    case 'card_error':
      return { ...s, realName: applyCardSignal(s.realName, signal) };
  }
}

export function kioskFlow(s: KioskFlow, action: KioskAction): KioskFlow {
  switch (action.type) {
    case 'show':
      return { ...s, screen: action.screen };
    case 'home':
      return forgetIdentity({ ...s, screen: { name: 'start' }, query: '', green: null });
    case 'query':
      return { ...s, query: action.query };
    case 'departments_back':
      return s.green ? { ...s, query: '', screen: { name: 'green-category' } } : kioskFlow(s, { type: 'home' });
    case 'pick_matter':
      return issue(s, action.matterId, s.green, s.screen);
    case 'green_start':
      return { ...s, green: null, screen: { name: 'green-staff', error: null } };
    case 'green_credentials': {
      const green: GreenChannel = { staffNo: action.staffNo, pin: action.pin, category: s.green?.category ?? null, retryMatterId: s.green?.retryMatterId ?? null };
      // Credentials corrected after a refusal: the matter already picked is issued at once.
      if (green.category && green.retryMatterId && !s.busy) return issue({ ...s, green }, green.retryMatterId, green, { name: 'departments' });
      return { ...s, green, screen: { name: 'green-category' } };
    }
    case 'green_category':
      return { ...s, green: s.green ? { ...s.green, category: action.category } : s.green, screen: { name: 'departments' } };
    case 'manual_id': {
      const cardHeld = s.realName.cardHeld || s.realName.identity.kind === 'card';
      return { ...s, realName: { identity: { kind: 'manual', idNumber: action.idNumber }, cardError: null, cardHeld }, screen: { name: 'departments' } };
    }
    case 'skip_id':
      return { ...forgetIdentity(s), screen: { name: 'departments' } };
    case 'check_in':
      return checkIn(s, action.body);
    case 'signal':
      return onSignal(s, action.signal);
    case 'card_error_shown':
      return { ...s, realName: { ...s.realName, cardError: null } };
    case 'taken':
      return { ...s, outbox: s.outbox.filter((r) => r.id > action.upTo) };
    case 'dropped':
      return s.busy === action.kind ? { ...s, busy: null } : s;
    case 'issued':
      return { ...s, busy: null, query: '', green: null, realName: afterIssue(s.realName), earlyOutcome: null, screen: { name: 'ticket', issued: { ...action.issued, ...earlyPrint(s, action.issued.ticket.id) } } };
    case 'issue_failed':
      return issueFailed(s, action.request, action.failure);
    case 'checked_in':
      return { ...s, busy: null, realName: afterIssue(s.realName), earlyOutcome: null, screen: { name: 'checked-in', result: { ...action.result, ...earlyPrint(s, action.result.ticket.id) } } };
    case 'check_in_failed': {
      const realName = action.cardGone ? { ...s.realName, cardHeld: false } : s.realName;
      return { ...s, busy: null, realName, screen: { name: 'check-in', error: action.phrase } };
    }
  }
}
