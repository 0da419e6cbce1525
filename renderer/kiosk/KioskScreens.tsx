// The kiosk's screens: one per state of the flow (renderer/kiosk/flow.ts). Everything a
// visitor touches becomes a flow action; nothing here talks to the hall except the guide
// screen's own reads.
import { useMemo, type Dispatch, type ReactNode } from 'react';
import type { DeviceDTO, HallInfoDTO, KioskAvailabilityDTO } from '../../hall/api/dto';
import type { PageConnection } from '../shared/page/connection';
import { useT } from '../shared/i18n';
import { WarningIcon } from '../shared/components/Icons';
import { ownPrinterInFault, showIdHint } from '../shared/devices/devices';
import { StartScreen } from './screens/StartScreen';
import { NavBar } from './screens/NavBar';
import { FaultNotice } from './screens/FaultNotice';
// Every screen but the start screen is fetched when first needed (lazyScreens.tsx).
import {
  CapOfferPanel,
  CheckInScreen,
  DepartmentScreen,
  GreenCategoryScreen,
  GreenStaffScreen,
  GuideDepartmentScreen,
  GuideMattersScreen,
  GuideScreen,
  IssueErrorScreen,
  LazyScreen,
  ManualIdScreen,
  MattersScreen,
  ModeScreen,
  TicketScreen,
} from './lazyScreens';
import { useRulesT } from './rulesText';
import type { KioskAction, KioskFlow, Screen } from './flow';

/** A remote ticket (线上取号) checked in through the check-in screen: its code (remoteCheckIn.ts). */
const remoteCode = (r: object): string | null => ('remote' in r && r.remote && typeof r.remote === 'object' && 'code' in r.remote ? String(r.remote.code) : null);

export interface KioskScreensProps {
  flow: KioskFlow;
  dispatch: Dispatch<KioskAction>;
  hall: HallInfoDTO;
  mode: KioskAvailabilityDTO['mode'] | null;
  devices: readonly DeviceDTO[];
  terminalId: string | null;
  client: PageConnection['client'];
  /** Identity, card error, green channel and printer lines shown above the matter lists. */
  banner: ReactNode;
  cardErrorLine: ReactNode;
  printerBanner: ReactNode;
}

export function KioskScreens({ flow, dispatch, hall, mode, devices, terminalId, client, banner, cardErrorLine, printerBanner }: KioskScreensProps) {
  const rt = useRulesT();
  const t = useT();
  const { screen, query, green } = flow;
  const departments = useMemo(() => new Map(hall.departments.map((d) => [d.id, d])), [hall.departments]);
  const show = (next: Screen) => dispatch({ type: 'show', screen: next });
  const goHome = () => dispatch({ type: 'home' });
  const pickMatter = (m: { id: string }) => dispatch({ type: 'pick_matter', matterId: m.id });
  const issuing = flow.busy === 'issue';

  let body: ReactNode = null;
  switch (screen.name) {
    case 'start':
      body =
        mode && (mode.screen === 'closed' || mode.screen === 'self_service') ? (
          <ModeScreen
            hall={hall}
            mode={mode}
            onGuide={() => show({ name: 'guide-departments' })}
            banner={<FaultNotice devices={devices} terminalId={terminalId} />}
            client={client}
          />
        ) : (
          <>
            {cardErrorLine}
            {/* One notice per fault: the fault notice already says this kiosk's printer is down. */}
            {ownPrinterInFault(devices, terminalId) ? null : printerBanner}
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
          matters={hall.matters}
          issued={result}
          counters={hall.counters}
          seconds={hall.settings.ticketScreenSeconds}
          onDone={goHome}
          notice={
            <p className={`kiosk-check-in-outcome kiosk-check-in-${result.checkIn}`} role="status" data-testid="check-in-outcome" data-outcome={remoteCode(result) ? 'remote' : result.checkIn}>
              {remoteCode(result) ? rt('kioskRules.checkIn.remote', { code: remoteCode(result)! }) : result.checkIn === 'late'
                ? result.ticket.ticketClass === 'appointment' // visitRules.lateAppointment: "appointment_without_slot"
                  ? t('kiosk.checkIn.lateKeptClass', { slot: result.appointment.slotText })
                  : rt('kioskRules.checkIn.late', { slot: result.appointment.slotText })
                : rt('kioskRules.checkIn.onTime')}
              {remoteCode(result) ? null : <span className="kiosk-check-in-slot">{rt('kioskRules.checkIn.slot', { slot: result.appointment.slotText })}</span>}
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
          {screen.matterId ? <CapOfferPanel client={client} matterId={screen.matterId} /> : null}
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
      body = <TicketScreen issued={screen.issued} matters={hall.matters} counters={hall.counters} seconds={hall.settings.ticketScreenSeconds} onDone={goHome} />;
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
  return screen.name === 'start' && !(mode && (mode.screen === 'closed' || mode.screen === 'self_service')) ? body : <LazyScreen key={screen.name}>{body}</LazyScreen>;
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
