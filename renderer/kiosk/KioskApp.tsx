// 取号机. Screens: start → departments (or search) → matters → ticket; green channel
// (staff confirmation → category → departments → matters → priority ticket); appointment
// check-in (code, QR or ID card → ticket); 办事指南 (departments → matter → guide, with
// 取号办理 and 打印一次性告知; GuideScreen.tsx). A walk-in is never asked to confirm: one
// touch on a matter issues the ticket.
// The hall calendar decides the mode (GET /kiosk/availability): closed or self-service
// outside hours, check-in only in the flex windows, listed matters at weekends; matters
// whose numbers are gone say so before anything is printed. The page reloads its mode at
// the calendar's next change.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CheckInRequest, CheckInResponse, HallInfoDTO, IssueTicketRequest, IssueTicketResponse, KioskAvailabilityDTO, MatterDTO, PrintOutcomeDTO } from '../../hall/api/dto';
import { useT, type MessageKey } from '../shared/i18n';
import { ApiError, describeError, isUnreachable } from '../shared/api/errors';
import { newIdempotencyKey } from '../shared/api/client';
import { useHallView, useLiveStatus } from '../shared/hooks/useHallView';
import { hallNow, syncHallClock } from '../shared/hooks/hallClock';
import { setHallUtcOffset } from '../shared/format/time';
import { createSubmitGuard, guarded } from '../shared/guard/submitGuard';
import type { PageConnection } from '../shared/page/connection';
import { ConnectionBanner } from '../shared/components/ConnectionBanner';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { WarningIcon } from '../shared/components/Icons';
import { KioskHeader } from './KioskHeader';
import { greenCredentialErrors, issueErrors } from './outcomes';
import { useIdle } from './useIdle';
import { StartScreen } from './screens/StartScreen';
import { DepartmentScreen } from './screens/DepartmentScreen';
import { MattersScreen } from './screens/MattersScreen';
import { TicketScreen } from './screens/TicketScreen';
import { GreenStaffScreen } from './screens/GreenStaffScreen';
import { GreenCategoryScreen } from './screens/GreenCategoryScreen';
import { GuideScreen } from './screens/GuideScreen';
import { GuideDepartmentScreen, GuideMattersScreen } from './screens/GuidePickScreens';
import { IssueErrorScreen } from './screens/IssueErrorScreen';
import { NavBar } from './screens/NavBar';
import { ManualIdScreen } from './screens/ManualIdScreen';
import { IdentityBanner } from './screens/IdentityBanner';
import { useDevices } from '../shared/devices/useDevices';
import { printerAvailable, showIdHint } from '../shared/devices/devices';
import { NO_IDENTITY, afterIssue, applyCardSignal, identityRequest, realNameErrors, screenAfterCard, type RealNameState } from './realName';
import { AvailabilityContext } from './availabilityContext';
import { admissionPhrase, checkInPhrase, factsOf, msUntilChange, type RulesPhrase } from './kioskRules';
import { useRulesT } from './rulesText';
import { CheckInScreen } from './screens/CheckInScreen';
import { ModeScreen } from './screens/ModeScreen';
import { FaultNotice } from './screens/FaultNotice';

type Screen =
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
  | { name: 'refused'; phrase: RulesPhrase; back: Screen };

interface GreenChannel {
  staffNo: string;
  pin: string;
  category: { id: string; label: string } | null;
  /** A matter already picked when the hall refused the credentials: issue it after re-entry. */
  retryMatterId: string | null;
}

const START: Screen = { name: 'start' };

/** The screen with a ticket's print outcome applied, when that ticket is the one shown. */
function withPrintOutcome(screen: Screen, ticketId: string, print: PrintOutcomeDTO): Screen {
  if (screen.name === 'ticket' && screen.issued.ticket.id === ticketId) return { ...screen, issued: { ...screen.issued, print } };
  if (screen.name === 'checked-in' && screen.result.ticket.id === ticketId) return { ...screen, result: { ...screen.result, print } };
  return screen;
}

/** How long a failed card read is explained on screen. */
const CARD_ERROR_MS = 15_000;

/** This kiosk's terminal id (`?terminal=`): which devices in the hall's list are its own. */
function terminalFromAddress(): string | null {
  const id = new URLSearchParams(window.location.search).get('terminal');
  return id && id.trim() ? id.trim() : null;
}

const issueAndIdentityErrors: Record<string, MessageKey> = { ...issueErrors, ...realNameErrors };

export function KioskApp({ connection }: { connection: PageConnection }) {
  const t = useT();
  const rt = useRulesT();
  const { client, live } = connection;
  const [screen, setScreen] = useState<Screen>(START);
  const screenName = useRef<Screen['name']>('start');
  screenName.current = screen.name;
  const [checkingIn, setCheckingIn] = useState(false);
  const [query, setQuery] = useState('');
  const [green, setGreen] = useState<GreenChannel | null>(null);
  const [issuing, setIssuing] = useState(false);
  const guard = useRef(createSubmitGuard({ cooldownMs: 1500 }));
  const liveStatus = useLiveStatus(live);
  const [terminalId] = useState(terminalFromAddress);
  const [realName, setRealName] = useState<RealNameState>(NO_IDENTITY);
  const cardHeld = useRef(false);

  const view = useHallView<HallInfoDTO>(
    async (signal) => {
      const hall = await client.get<HallInfoDTO>('/hall', { signal });
      syncHallClock(hall.now);
      setHallUtcOffset((hall.hall as { utcOffsetMinutes?: number }).utcOffsetMinutes);
      return hall;
    },
    { live, key: 'hall', enabled: connection.token !== null },
  );
  const hall = view.data;
  const devices = useDevices(live, hall?.devices);

  // What this kiosk offers now and per matter (refreshed by live events and at the calendar's next change).
  const availabilityView = useHallView<KioskAvailabilityDTO>((signal) => client.get<KioskAvailabilityDTO>('/kiosk/availability', { signal }), {
    live,
    key: 'availability',
    enabled: connection.token !== null,
  });
  const availability = availabilityView.data;
  const reloadAvailability = availabilityView.reload;
  const reloadHall = view.reload;
  const nextChangeAt = availability?.mode.nextChangeAt ?? null;
  useEffect(() => {
    const ms = msUntilChange(availability, hallNow());
    if (ms === null) return undefined;
    const timer = setTimeout(() => {
      reloadAvailability();
      reloadHall();
    }, ms);
    return () => clearTimeout(timer);
    // Re-armed whenever the hall announces another change instant.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nextChangeAt]);
  const mode = availability?.mode ?? null;
  const noTime = rt('kioskRules.error.noTime');

  /** Everything personal off the screen, and the hall told to forget the card read here. */
  const forgetIdentity = () => {
    setRealName(NO_IDENTITY);
    if (cardHeld.current) {
      cardHeld.current = false;
      client.post('/kiosk/card/clear').catch(() => undefined);
    }
  };

  const goHome = () => {
    setScreen(START);
    setQuery('');
    setGreen(null);
    forgetIdentity();
  };

  // Card reads and read failures on this kiosk's own reader.
  useEffect(() => {
    if (!live) return undefined;
    return live.onSignal((signal) => {
      if (signal.type === 'devices') return;
      if (signal.type === 'print_outcome') {
        // The ticket on screen learns how its print went; a late outcome for a ticket no longer shown changes nothing.
        setScreen((current) => withPrintOutcome(current, signal.ticketId, signal.print));
        return;
      }
      if (signal.type === 'card_read') {
        cardHeld.current = true;
        if (screenName.current === 'check-in') {
          void checkInRef.current({ method: 'card' });
        } else {
          setScreen((current) => (screenAfterCard(current.name) === 'stay' ? current : { name: 'departments' }));
        }
      }
      setRealName((state) => applyCardSignal(state, signal));
    });
  }, [live]);

  // A read failure is explained for a while, then the line goes away by itself.
  const cardError = realName.cardError;
  useEffect(() => {
    if (!cardError) return undefined;
    const timer = setTimeout(() => setRealName((s) => ({ ...s, cardError: null })), CARD_ERROR_MS);
    return () => clearTimeout(timer);
  }, [cardError]);

  // Idle: back to start, clearing the search, any staff credentials and the visitor's identity.
  useIdle(
    hall?.settings.kioskIdleSeconds ?? 60,
    screen.name !== 'start' || query !== '' || green !== null || realName.identity.kind !== 'none' || realName.cardError !== null,
    goHome,
  );

  async function checkIn(request: CheckInRequest) {
    // Keyed by what is submitted: a double tap is dropped, a corrected code goes through at once.
    const what = request.method === 'code' ? request.code : request.method === 'qr' ? request.text : 'card';
    await guarded(guard.current, `check-in:${what}`, async () => {
      setCheckingIn(true);
      try {
        const result = await client.post<CheckInResponse>('/kiosk/check-in', request);
        setRealName(afterIssue);
        setScreen({ name: 'checked-in', result });
        view.reload();
        reloadAvailability();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'no_card') cardHeld.current = false;
        setScreen({ name: 'check-in', error: checkInPhrase(err, noTime) });
      } finally {
        setCheckingIn(false);
      }
    });
  }
  const checkInRef = useRef(checkIn);
  useEffect(() => {
    checkInRef.current = checkIn;
  });

  /** A walk-in ticket the hall refused by its rules (cap, cut-off, calendar): plain words, then the way back. */
  function admissionRefused(err: unknown, from: Screen): boolean {
    if (!(err instanceof ApiError)) return false;
    const phrase = admissionPhrase(err.code, factsOf(err), noTime);
    if (!phrase) return false;
    reloadAvailability();
    setScreen({ name: 'refused', phrase, back: from });
    return true;
  }

  const departments = useMemo(() => new Map((hall?.departments ?? []).map((d) => [d.id, d])), [hall?.departments]);

  async function issue(matter: MatterDTO) {
    const request: IssueTicketRequest = { matterId: matter.id };
    if (green?.category) request.greenChannel = { categoryId: green.category.id, staffNo: green.staffNo, pin: green.pin };
    const identity = identityRequest(realName.identity);
    if (identity) request.identity = identity;
    const from = screen;
    await guarded(guard.current, 'issue', async () => {
      setIssuing(true);
      try {
        // One key per visitor action: the client's retries after a lost reply get the same ticket.
        const issued = await client.post<IssueTicketResponse>('/tickets', request, { idempotencyKey: newIdempotencyKey() });
        setQuery('');
        setGreen(null);
        setRealName(afterIssue);
        setScreen({ name: 'ticket', issued });
        view.reload();
      } catch (err) {
        if (identityFailed(err, from)) return;
        if (admissionRefused(err, from)) return;
        if (request.greenChannel) {
          const credential = greenCredentialError(err);
          if (credential) {
            setGreen((g) => (g ? { ...g, pin: '', retryMatterId: matter.id } : g));
            setScreen({ name: 'green-staff', error: credential });
            return;
          }
        }
        setScreen({ name: 'error', message: describeError(err, issueAndIdentityErrors), back: from });
      } finally {
        setIssuing(false);
      }
    });
  }

  /** Real-name refusals: a wrong typed number goes back to the keypad; a vanished card becomes a walk-in choice. */
  function identityFailed(err: unknown, from: Screen): boolean {
    if (!(err instanceof ApiError)) return false;
    if (err.code === 'invalid_id_number') {
      setRealName((s) => ({ ...s, identity: { kind: 'none' } }));
      setScreen({ name: 'manual-id', error: 'kiosk.error.invalidId' });
      return true;
    }
    if (err.code === 'no_card') {
      cardHeld.current = false;
      setRealName(NO_IDENTITY);
      setScreen({ name: 'error', message: 'kiosk.error.noCard', back: from });
      return true;
    }
    return false;
  }

  function greenCredentialsEntered(staffNo: string, pin: string) {
    const next: GreenChannel = { staffNo, pin, category: green?.category ?? null, retryMatterId: green?.retryMatterId ?? null };
    setGreen(next);
    const retry = next.retryMatterId ? hall?.matters.find((m) => m.id === next.retryMatterId) : undefined;
    if (next.category && retry) {
      // Issue straight away with the corrected credentials (state updates are not visible yet).
      void issueWith(retry, next);
    } else {
      setScreen({ name: 'green-category' });
    }
  }

  async function issueWith(matter: MatterDTO, g: GreenChannel) {
    if (!g.category) return;
    await guarded(guard.current, 'issue', async () => {
      setIssuing(true);
      try {
        const identity = identityRequest(realName.identity);
        const issued = await client.post<IssueTicketResponse>('/tickets', {
          matterId: matter.id,
          greenChannel: { categoryId: g.category!.id, staffNo: g.staffNo, pin: g.pin },
          ...(identity ? { identity } : {}),
        } satisfies IssueTicketRequest, { idempotencyKey: newIdempotencyKey() });
        setRealName(afterIssue);
        setGreen(null);
        setQuery('');
        setScreen({ name: 'ticket', issued });
        view.reload();
      } catch (err) {
        if (identityFailed(err, { name: 'departments' })) return;
        if (admissionRefused(err, { name: 'departments' })) return;
        const credential = greenCredentialError(err);
        if (credential) {
          setGreen({ ...g, pin: '' });
          setScreen({ name: 'green-staff', error: credential });
        } else {
          setScreen({ name: 'error', message: describeError(err, issueAndIdentityErrors), back: { name: 'departments' } });
        }
      } finally {
        setIssuing(false);
      }
    });
  }

  if (!connection.token) {
    return (
      <div className="kiosk kiosk-fatal">
        <ErrorMessage message="error.noToken" testId="kiosk-no-token" />
      </div>
    );
  }

  const offline = liveStatus === 'offline' || isUnreachable(view.error);
  const printerBanner =
    hall && !printerAvailable(hall, devices, terminalId) ? (
      <p className="kiosk-printer-banner" role="status" data-testid="kiosk-printer-banner">
        <WarningIcon /> {t('kiosk.printerDown')}
      </p>
    ) : null;
  const greenBanner = green?.category ? (
    <p className="kiosk-badge kiosk-badge-green kiosk-green-banner" data-testid="green-banner">
      {t('kiosk.green.banner', { category: green.category.label })}
    </p>
  ) : null;
  const cardErrorLine = cardError ? (
    <p className="kiosk-card-error" role="alert" data-testid="kiosk-card-error">
      <WarningIcon /> {t(cardError)}
    </p>
  ) : null;
  const banner = (
    <>
      <IdentityBanner identity={realName.identity} onCancel={goHome} />
      {cardErrorLine}
      {greenBanner}
      {printerBanner}
    </>
  );

  let body;
  if (!hall) {
    body = view.error ? (
      <main className="kiosk-screen">
        <ErrorMessage message={describeError(view.error)} onRetry={view.reload} />
      </main>
    ) : (
      <p className="loading">{t('app.loading')}</p>
    );
  } else {
    switch (screen.name) {
      case 'start':
        body =
          mode && (mode.screen === 'closed' || mode.screen === 'self_service') ? (
            <ModeScreen
              hall={hall}
              mode={mode}
              onGuide={() => setScreen({ name: 'guide-departments' })}
              banner={<FaultNotice devices={devices} terminalId={terminalId} />}
            />
          ) : (
            <>
              {cardErrorLine}
              {printerBanner}
              <FaultNotice devices={devices} terminalId={terminalId} />
              <StartScreen
                idReader={showIdHint(devices, terminalId)}
                takeNumber={mode?.walkInTickets ?? true}
                takeNumberReason={mode?.opensAt ? rt('kioskRules.mode.bookedOnly.next', { when: rt('kioskRules.when', { date: mode.opensAt.localDate, time: mode.opensAt.localTime }) }) : undefined}
                notice={<ModeNotice mode={mode} />}
                onManualId={() => setScreen({ name: 'manual-id', error: null })}
                onTakeNumber={() => setScreen({ name: 'departments' })}
                onAppointment={() => setScreen({ name: 'check-in', error: null })}
                onGuide={() => setScreen({ name: 'guide-departments' })}
                onGreen={() => {
                  setGreen(null);
                  setScreen({ name: 'green-staff', error: null });
                }}
              />
            </>
          );
        break;
      case 'check-in':
        body = (
          <CheckInScreen
            error={screen.error}
            busy={checkingIn}
            idReader={showIdHint(devices, terminalId)}
            onSubmit={(text) => void checkIn(text.includes(':') ? { method: 'qr', text } : { method: 'code', code: text })}
            onTakeNumber={() => setScreen({ name: 'departments' })}
            onHome={goHome}
          />
        );
        break;
      case 'checked-in': {
        const { result } = screen;
        body = (
          <TicketScreen
            issued={result}
            counters={hall.counters}
            seconds={hall.settings.ticketScreenSeconds}
            onDone={goHome}
            notice={
              <p className={`kiosk-check-in-outcome kiosk-check-in-${result.checkIn}`} role="status" data-testid="check-in-outcome" data-outcome={result.checkIn}>
                {result.checkIn === 'late' ? rt('kioskRules.checkIn.late', { slot: result.appointment.slotText }) : rt('kioskRules.checkIn.onTime')}
                <span className="kiosk-check-in-slot">{rt('kioskRules.checkIn.slot', { slot: result.appointment.slotText })}</span>
              </p>
            }
          />
        );
        break;
      }
      case 'refused':
        body = (
          <main className="kiosk-screen kiosk-issue-error" data-testid="kiosk-refused">
            <h1 className="kiosk-title">{rt('kioskRules.error.title')}</h1>
            <p className="kiosk-refused-message" role="alert" data-testid="kiosk-refused-message" data-key={screen.phrase.key}>
              <WarningIcon /> {rt(screen.phrase.key, screen.phrase.params)}
            </p>
            <NavBar onBack={() => setScreen(screen.back)} onHome={goHome} />
          </main>
        );
        break;
      case 'departments':
        body = (
          <DepartmentScreen
            hall={hall}
            query={query}
            onQuery={setQuery}
            onDepartment={(d) => setScreen({ name: 'matters', departmentId: d.id })}
            onMatter={(m) => void issue(m)}
            onBack={() => {
              setQuery('');
              if (green) setScreen({ name: 'green-category' });
              else goHome();
            }}
            onHome={goHome}
            banner={banner}
            busy={issuing}
          />
        );
        break;
      case 'matters': {
        const department = departments.get(screen.departmentId);
        body = department ? (
          <MattersScreen
            hall={hall}
            department={department}
            onMatter={(m) => void issue(m)}
            onBack={() => setScreen({ name: 'departments' })}
            onHome={goHome}
            banner={banner}
            busy={issuing}
          />
        ) : (
          <IssueErrorScreen message="error.notFound" onBack={() => setScreen({ name: 'departments' })} onHome={goHome} />
        );
        break;
      }
      case 'ticket':
        body = <TicketScreen issued={screen.issued} counters={hall.counters} seconds={hall.settings.ticketScreenSeconds} onDone={goHome} />;
        break;
      case 'error':
        body = <IssueErrorScreen message={screen.message} onBack={() => setScreen(screen.back)} onHome={goHome} />;
        break;
      case 'guide-departments':
        body = (
          <GuideDepartmentScreen
            hall={hall}
            query={query}
            onQuery={setQuery}
            onDepartment={(d) => setScreen({ name: 'guide-matters', departmentId: d.id })}
            onMatter={(m) => setScreen({ name: 'guide', matterId: m.id, back: screen })}
            onBack={goHome}
            onHome={goHome}
          />
        );
        break;
      case 'guide-matters': {
        const department = departments.get(screen.departmentId);
        body = department ? (
          <GuideMattersScreen
            hall={hall}
            department={department}
            onMatter={(m) => setScreen({ name: 'guide', matterId: m.id, back: screen })}
            onBack={() => setScreen({ name: 'guide-departments' })}
            onHome={goHome}
          />
        ) : (
          <IssueErrorScreen message="error.notFound" onBack={() => setScreen({ name: 'guide-departments' })} onHome={goHome} />
        );
        break;
      }
      case 'guide': {
        const matter = hall.matters.find((m) => m.id === screen.matterId);
        body = matter ? (
          <GuideScreen
            key={matter.id}
            client={client}
            hall={hall}
            matter={matter}
            department={departments.get(matter.departmentId)}
            devices={devices}
            terminalId={terminalId}
            onTakeNumber={(m) => void issue(m)}
            onBack={() => setScreen(screen.back)}
            onHome={goHome}
            busy={issuing}
          />
        ) : (
          <IssueErrorScreen message="error.notFound" onBack={() => setScreen({ name: 'guide-departments' })} onHome={goHome} />
        );
        break;
      }
      case 'green-staff':
        body = <GreenStaffScreen error={screen.error} initialStaffNo={green?.staffNo ?? ''} onSubmit={greenCredentialsEntered} onHome={goHome} />;
        break;
      case 'manual-id':
        body = (
          <ManualIdScreen
            key={screen.error ?? 'fresh'}
            error={screen.error}
            onSubmit={(idNumber) => {
              cardHeld.current = cardHeld.current || realName.identity.kind === 'card';
              setRealName({ identity: { kind: 'manual', idNumber }, cardError: null, cardHeld: cardHeld.current });
              setScreen({ name: 'departments' });
            }}
            onSkip={() => {
              forgetIdentity();
              setScreen({ name: 'departments' });
            }}
            onHome={goHome}
          />
        );
        break;
      case 'green-category':
        body = (
          <GreenCategoryScreen
            hall={hall}
            onPick={(category) => {
              setGreen((g) => (g ? { ...g, category } : g));
              setScreen({ name: 'departments' });
            }}
            onBack={() => setScreen({ name: 'green-staff', error: null })}
            onHome={goHome}
          />
        );
        break;
    }
  }

  return (
    <AvailabilityContext.Provider value={availability}>
      <div className="kiosk" data-testid="kiosk" data-screen={screen.name} data-mode={mode?.screen ?? ''}>
        <ConnectionBanner show={offline} />
        <KioskHeader hallName={hall?.hall.name ?? t('app.name')} />
        {body}
        {issuing || checkingIn ? (
          <div className="kiosk-issuing" role="status" data-testid="kiosk-issuing">
            <p>{t('kiosk.issuing')}</p>
          </div>
        ) : null}
      </div>
    </AvailabilityContext.Provider>
  );
}

/** The calendar's notice on the start screen: flex windows (check-in only), weekend service. */
function ModeNotice({ mode }: { mode: KioskAvailabilityDTO['mode'] | null }) {
  const rt = useRulesT();
  if (!mode || (mode.screen !== 'booked_only' && mode.screen !== 'weekend_service')) return null;
  return (
    <p className="kiosk-mode-banner" role="status" data-testid="kiosk-mode-banner" data-screen-mode={mode.screen}>
      {mode.screen === 'booked_only' ? rt('kioskRules.mode.bookedOnly.notice') : rt('kioskRules.mode.weekend.notice')}
    </p>
  );
}

function greenCredentialError(err: unknown): MessageKey | null {
  if (!(err instanceof ApiError)) return null;
  return greenCredentialErrors[err.code] ?? null;
}
