// 取号机. Screens: start → departments (or search) → matters → ticket; green channel
// (staff confirmation → category → departments → matters → priority ticket); appointment
// check-in (code, QR or ID card → ticket); 办事指南 (departments → matter → guide, with
// 取号办理 and 打印一次性告知; GuideScreen.tsx). A walk-in is never asked to confirm: one
// touch on a matter issues the ticket.
// The hall calendar decides the mode (GET /kiosk/availability): closed or self-service
// outside hours, check-in only in the flex windows, listed matters at weekends; matters
// whose numbers are gone say so before anything is printed. The page reloads its mode at
// the calendar's next change.
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { HallInfoDTO, KioskAvailabilityDTO } from '../../hall/api/dto';
import { useT } from '../shared/i18n';
import { describeError, isUnreachable } from '../shared/api/errors';
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
import { AvailabilityContext } from './availabilityContext';
import { msUntilChange } from './kioskRules';
import { useRulesT } from './rulesText';
import { CheckInScreen } from './screens/CheckInScreen';
import { ModeScreen } from './screens/ModeScreen';
import { FaultNotice } from './screens/FaultNotice';
import { INITIAL_FLOW, checkInFailure, idleArmed, issueFailure, kioskFlow, type KioskAction, type Request, type Screen } from './flow';

/** How long a failed card read is explained on screen. */
const CARD_ERROR_MS = 15_000;

/** This kiosk's terminal id (`?terminal=`): which devices in the hall's list are its own. */
function terminalFromAddress(): string | null {
  const id = new URLSearchParams(window.location.search).get('terminal');
  return id && id.trim() ? id.trim() : null;
}

export function KioskApp({ connection }: { connection: PageConnection }) {
  const t = useT();
  const rt = useRulesT();
  const { client, live } = connection;
  const [flow, dispatch] = useReducer(kioskFlow, INITIAL_FLOW);
  const { screen, query, green, realName } = flow;
  const guard = useRef(createSubmitGuard({ cooldownMs: 1500 }));
  const liveStatus = useLiveStatus(live);
  const [terminalId] = useState(terminalFromAddress);

  const view = useHallView<HallInfoDTO>(
    async (signal) => {
      const hall = await client.call('hall', { signal });
      syncHallClock(hall.now);
      setHallUtcOffset((hall.hall as { utcOffsetMinutes?: number }).utcOffsetMinutes);
      return hall;
    },
    { live, key: 'hall', enabled: connection.token !== null },
  );
  const hall = view.data;
  const devices = useDevices(live, hall?.devices);

  // What this kiosk offers now and per matter (refreshed by live events and at the calendar's next change).
  const availabilityView = useHallView<KioskAvailabilityDTO>((signal) => client.call('kioskAvailability', { signal }), {
    live,
    key: 'availability',
    enabled: connection.token !== null,
  });
  const availability = availabilityView.data;
  const mode = availability?.mode ?? null;
  const noTime = rt('kioskRules.error.noTime');

  // The views' reloads, current for the effects below (they are new functions each render).
  const reloads = useRef({ hall: view.reload, availability: availabilityView.reload });
  useEffect(() => {
    reloads.current = { hall: view.reload, availability: availabilityView.reload };
  });
  // Reload at the calendar's next change; re-armed with each new availability.
  useEffect(() => {
    const ms = msUntilChange(availability, hallNow());
    if (ms === null) return undefined;
    const timer = setTimeout(() => {
      reloads.current.availability();
      reloads.current.hall();
    }, ms);
    return () => clearTimeout(timer);
  }, [availability]);

  const show = (next: Screen) => dispatch({ type: 'show', screen: next });
  const goHome = () => dispatch({ type: 'home' });

  // Card reads, read failures and print outcomes on this kiosk's own devices.
  useEffect(() => {
    if (!live) return undefined;
    return live.onSignal((signal) => dispatch({ type: 'signal', signal }));
  }, [live]);

  // A read failure is explained for a while, then the line goes away by itself.
  const cardError = realName.cardError;
  useEffect(() => {
    if (!cardError) return undefined;
    const timer = setTimeout(() => dispatch({ type: 'card_error_shown' }), CARD_ERROR_MS);
    return () => clearTimeout(timer);
  }, [cardError]);

  // Idle: back to start, clearing the search, any staff credentials and the visitor's identity.
  useIdle(hall?.settings.kioskIdleSeconds ?? 60, idleArmed(flow), goHome);

  /** Performs one request the flow asked for and reports its outcome back to the flow. */
  const perform = async (request: Request, report: (action: KioskAction) => void) => {
    switch (request.kind) {
      case 'forget_card':
        await client.call('clearCard').catch(() => undefined);
        return;
      case 'issue': {
        const ran = await guarded(guard.current, 'issue', async () => {
          try {
            // One key per visitor action: the client's retries after a lost reply get the same ticket.
            const issued = await client.call('issueTicket', { body: request.body, idempotencyKey: newIdempotencyKey() });
            report({ type: 'issued', issued });
            reloads.current.hall();
          } catch (err) {
            const failure = issueFailure(err, request.body.greenChannel !== undefined, noTime);
            if (failure.kind === 'refused') reloads.current.availability();
            report({ type: 'issue_failed', request, failure });
          }
          return true;
        });
        if (!ran) report({ type: 'dropped', kind: 'issue' });
        return;
      }
      case 'check-in': {
        // Keyed by what is submitted: a double tap is dropped, a corrected code goes through at once.
        const body = request.body;
        const what = body.method === 'code' ? body.code : body.method === 'qr' ? body.text : 'card';
        const ran = await guarded(guard.current, `check-in:${what}`, async () => {
          try {
            const result = await client.call('checkIn', { body });
            report({ type: 'checked_in', result });
            reloads.current.hall();
            reloads.current.availability();
          } catch (err) {
            report({ type: 'check_in_failed', ...checkInFailure(err, noTime) });
          }
          return true;
        });
        if (!ran) report({ type: 'dropped', kind: 'check-in' });
        return;
      }
    }
  };
  const performRef = useRef(perform);
  useEffect(() => {
    performRef.current = perform;
  });
  // Each request once, in order (the id guards against an effect run twice).
  const lastTaken = useRef(0);
  const outbox = flow.outbox;
  useEffect(() => {
    const fresh = outbox.filter((r) => r.id > lastTaken.current);
    if (outbox.length) dispatch({ type: 'taken', upTo: outbox[outbox.length - 1]!.id });
    for (const request of fresh) {
      lastTaken.current = request.id;
      void performRef.current(request, dispatch);
    }
  }, [outbox]);

  const departments = useMemo(() => new Map((hall?.departments ?? []).map((d) => [d.id, d])), [hall?.departments]);
  const issuing = flow.busy === 'issue';
  const pickMatter = (m: { id: string }) => dispatch({ type: 'pick_matter', matterId: m.id });

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
              onGuide={() => show({ name: 'guide-departments' })}
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
                onManualId={() => show({ name: 'manual-id', error: null })}
                onTakeNumber={() => show({ name: 'departments' })}
                onAppointment={() => show({ name: 'check-in', error: null })}
                onGuide={() => show({ name: 'guide-departments' })}
                onGreen={() => dispatch({ type: 'green_start' })}
              />
            </>
          );
        break;
      case 'check-in':
        body = (
          <CheckInScreen
            error={screen.error}
            busy={flow.busy === 'check-in'}
            idReader={showIdHint(devices, terminalId)}
            onSubmit={(text) => dispatch({ type: 'check_in', body: text.includes(':') ? { method: 'qr', text } : { method: 'code', code: text } })}
            onTakeNumber={() => show({ name: 'departments' })}
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
            <NavBar onBack={() => show(screen.back)} onHome={goHome} />
          </main>
        );
        break;
      case 'departments':
        body = (
          <DepartmentScreen
            hall={hall}
            query={query}
            onQuery={(q) => dispatch({ type: 'query', query: q })}
            onDepartment={(d) => show({ name: 'matters', departmentId: d.id })}
            onMatter={pickMatter}
            onBack={() => dispatch({ type: 'departments_back' })}
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
            onMatter={pickMatter}
            onBack={() => show({ name: 'departments' })}
            onHome={goHome}
            banner={banner}
            busy={issuing}
          />
        ) : (
          <IssueErrorScreen message="error.notFound" onBack={() => show({ name: 'departments' })} onHome={goHome} />
        );
        break;
      }
      case 'ticket':
        body = <TicketScreen issued={screen.issued} counters={hall.counters} seconds={hall.settings.ticketScreenSeconds} onDone={goHome} />;
        break;
      case 'error':
        body = <IssueErrorScreen message={screen.message} onBack={() => show(screen.back)} onHome={goHome} />;
        break;
      case 'guide-departments':
        body = (
          <GuideDepartmentScreen
            hall={hall}
            query={query}
            onQuery={(q) => dispatch({ type: 'query', query: q })}
            onDepartment={(d) => show({ name: 'guide-matters', departmentId: d.id })}
            onMatter={(m) => show({ name: 'guide', matterId: m.id, back: screen })}
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
            onMatter={(m) => show({ name: 'guide', matterId: m.id, back: screen })}
            onBack={() => show({ name: 'guide-departments' })}
            onHome={goHome}
          />
        ) : (
          <IssueErrorScreen message="error.notFound" onBack={() => show({ name: 'guide-departments' })} onHome={goHome} />
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
            onTakeNumber={pickMatter}
            onBack={() => show(screen.back)}
            onHome={goHome}
            busy={issuing}
          />
        ) : (
          <IssueErrorScreen message="error.notFound" onBack={() => show({ name: 'guide-departments' })} onHome={goHome} />
        );
        break;
      }
      case 'green-staff':
        body = <GreenStaffScreen error={screen.error} initialStaffNo={green?.staffNo ?? ''} onSubmit={(staffNo, pin) => dispatch({ type: 'green_credentials', staffNo, pin })} onHome={goHome} />;
        break;
      case 'manual-id':
        body = (
          <ManualIdScreen
            key={screen.error ?? 'fresh'}
            error={screen.error}
            onSubmit={(idNumber) => dispatch({ type: 'manual_id', idNumber })}
            onSkip={() => dispatch({ type: 'skip_id' })}
            onHome={goHome}
          />
        );
        break;
      case 'green-category':
        body = (
          <GreenCategoryScreen
            hall={hall}
            onPick={(category) => dispatch({ type: 'green_category', category })}
            onBack={() => show({ name: 'green-staff', error: null })}
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
        {flow.busy ? (
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
