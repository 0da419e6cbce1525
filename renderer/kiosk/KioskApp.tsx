// 取号机. Screens: start → departments (or search) → matters → ticket; green channel
// (staff confirmation → category → departments → matters → priority ticket); appointment
// check-in (code, QR or ID card → ticket); 办事指南 (departments → matter → guide, with
// 取号办理 and 打印一次性告知; GuideScreen.tsx). A walk-in is never asked to confirm: one
// touch on a matter issues the ticket.
// The hall calendar decides the mode (GET /kiosk/availability): closed or self-service
// outside hours, check-in only in the flex windows, listed matters at weekends; matters
// whose numbers are gone say so before anything is printed. The page reloads its mode at
// the calendar's next change.
import { useEffect, useReducer, useRef, useState } from 'react';
import type { HallInfoDTO, KioskAvailabilityDTO } from '../../hall/api/dto';
import { availableLocales, configureLocales, hallDefaultLocale, resetLocale, setLocale, useLocale, useT } from '../shared/i18n';
import { localeForCard } from './cardLocale';
import { HelpButton } from './screens/HelpButton';
import { KioskRecordsButton } from './screens/KioskRecordsButton';
import { ReadAloud } from './screens/ReadAloud';
import { describeError, isUnreachable } from '../shared/api/errors';
import { checkInAny } from './remoteCheckIn';
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
import { useReachZoneSetting } from './reachZone';
import { IdentityBanner } from './screens/IdentityBanner';
import { useDevices } from '../shared/devices/useDevices';
import { printerAvailable } from '../shared/devices/devices';
import { AvailabilityContext } from './availabilityContext';
import { msUntilChange } from './kioskRules';
import { useRulesT } from './rulesText';
import { KioskScreens } from './KioskScreens';
import { prefetchMainPath } from './lazyScreens';
import { NO_FIRST_VIEWS, type FirstViews } from './firstViews';
import { ServiceNoticeBar } from '../shared/components/ServiceNoticeBar';
import { INITIAL_FLOW, checkInFailure, idleArmed, issueFailure, kioskFlow, type KioskAction, type Request } from './flow';

/** How long a failed card read is explained on screen. */
const CARD_ERROR_MS = 15_000;

/** This kiosk's terminal id (`?terminal=`): which devices in the hall's list are its own. */
function terminalFromAddress(): string | null {
  const id = new URLSearchParams(window.location.search).get('terminal');
  return id && id.trim() ? id.trim() : null;
}

/** `first`: the reads main.tsx made before React started, shown until the live views have loaded. */
export function KioskApp({ connection, first = NO_FIRST_VIEWS }: { connection: PageConnection; first?: FirstViews }) {
  const t = useT();
  const rt = useRulesT();
  const { client, live } = connection;
  const [flow, dispatch] = useReducer(kioskFlow, INITIAL_FLOW);
  const { screen, green, realName } = flow;
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
  const hall = view.data ?? first.hall;
  const devices = useDevices(live, hall?.devices);
  const locale = useLocale();
  const [cardSwitched, setCardSwitched] = useState(false);
  /** One per visitor: the idle reset remounts the per-visitor tools (the help button's state). */
  const [visit, setVisit] = useState(0);

  // The hall's languages: the first load starts in its default, later refreshes keep the visitor's choice.
  const languagesApplied = useRef(false);
  const languages = hall?.settings.languages;
  useEffect(() => {
    if (!languages) return;
    configureLocales(languages, !languagesApplied.current);
    languagesApplied.current = true;
  }, [languages]);

  // What this kiosk offers now and per matter (refreshed by live events and at the calendar's next change).
  const availabilityView = useHallView<KioskAvailabilityDTO>((signal) => client.call('kioskAvailability', { signal }), {
    live,
    key: 'availability',
    enabled: connection.token !== null,
  });
  const availability = availabilityView.data ?? first.availability;
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

  const goHome = () => dispatch({ type: 'home' });

  // The main path's screens are fetched once the start screen is up (not before: cold load).
  const hallLoaded = hall !== null;
  useEffect(() => (hallLoaded ? prefetchMainPath() : undefined), [hallLoaded]);

  // Card reads, read failures and print outcomes on this kiosk's own devices.
  useEffect(() => {
    if (!live) return undefined;
    return live.onSignal((signal) => {
      if (signal.type === 'card_read') {
        const wanted = localeForCard(signal.card.cardType, availableLocales());
        if (wanted) {
          void setLocale(wanted);
          setCardSwitched(true);
        }
      }
      dispatch({ type: 'signal', signal });
    });
  }, [live]);

  // A read failure is explained for a while, then the line goes away by itself.
  const cardError = realName.cardError;
  useEffect(() => {
    if (!cardError) return undefined;
    const timer = setTimeout(() => dispatch({ type: 'card_error_shown' }), CARD_ERROR_MS);
    return () => clearTimeout(timer);
  }, [cardError]);

  // Idle: back to start, clearing the search, any staff credentials and the visitor's identity.
  // A language other than the hall's default arms it too: the next visitor starts in the default.
  useIdle(hall?.settings.kioskIdleSeconds ?? 60, idleArmed(flow) || locale !== hallDefaultLocale(), () => {
    resetLocale();
    setCardSwitched(false);
    setVisit((v) => v + 1);
    goHome();
  });

  // 低位操作: the hall's setting for this kiosk; a visitor's switch lasts until idle.
  useReachZoneSetting(hall?.settings.reachableZone, hall?.settings.kioskIdleSeconds ?? 60);

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
            const result = await checkInAny(client, body);
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
      {cardSwitched && locale === 'en' ? (
        <p className="kiosk-language-notice" role="status" data-testid="kiosk-language-by-card">
          {t('app.languageChangedByCard')}
        </p>
      ) : null}
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
    body = (
      <KioskScreens
        flow={flow}
        dispatch={dispatch}
        hall={hall}
        mode={mode}
        devices={devices}
        terminalId={terminalId}
        client={client}
        banner={banner}
        cardErrorLine={cardErrorLine}
        printerBanner={printerBanner}
      />
    );
  }

  return (
    <AvailabilityContext.Provider value={availability}>
      <div className="kiosk" data-testid="kiosk" data-screen={screen.name} data-mode={mode?.screen ?? ''}>
        <ConnectionBanner show={offline} />
        <KioskHeader hallName={hall?.hall.name ?? t('app.name')} tools={
            <>
              <ReadAloud screen={screen} />
              <HelpButton key={visit} connection={connection} />
              <KioskRecordsButton key={`records-${visit}`} connection={connection} matters={hall?.matters ?? []} />
            </>
          } />
        {/* After the hall's view: its /notices read must not delay the first touchable 取号. */}
        {hall ? <ServiceNoticeBar connection={connection} className="kiosk-service-notices" /> : null}
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
