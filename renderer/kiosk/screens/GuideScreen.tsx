// 办事指南 of one matter on the kiosk: who may apply and the conditions, the complete
// materials list, time limits and fees, place, hours and phones — in pages with big
// buttons (GuidePages.tsx), in large type when 大字 is on. Then 取号办理 (a ticket for
// this matter, when the hall issues walk-in tickets for it now) and 打印一次性告知 (the
// materials list on this kiosk's ticket printer, when it has a healthy one).
// Contract: shows only what the hall answers (GET /matters/{id}/guide). A 404
// guide_not_available or unknown_matter becomes the honest GuideUnavailable screen —
// never a made-up guide. Guides stay readable when tickets are not issued (closed hall,
// 24-hour zone): only the 取号办理 button says why it cannot be used.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DepartmentDTO, DeviceDTO, HallInfoDTO, MatterDTO, MatterGuideDTO } from '../../../hall/api/dto';
import type { ApiClient } from '../../shared/api/client';
import { ApiError, describeError } from '../../shared/api/errors';
import { useT, type MessageKey } from '../../shared/i18n';
import { useLargeType } from '../../shared/i18n/largeType';
import { BigButton } from '../../shared/components/BigButton';
import { ErrorMessage } from '../../shared/components/ErrorMessage';
import { TicketIcon, WarningIcon } from '../../shared/components/Icons';
import { ownDevice, usable } from '../../shared/devices/devices';
import { useAvailability, useMatterAvailability } from '../availabilityContext';
import { matterReasonKey } from '../kioskRules';
import { useRulesT } from '../rulesText';
import { usePortrait } from '../useKioskLayout';
import { GuidePageView } from './GuideEntries';
import { guidePages, pageCapacity, sectionStarts } from './GuidePages';
import { GuideUnavailable } from './GuideUnavailable';
import { NavBar } from './NavBar';
import { QrCode } from './QrCode';
import '../guide-layout.css';
import { Pager } from './Pager';

export interface GuideScreenProps {
  client: ApiClient;
  hall: HallInfoDTO;
  matter: MatterDTO;
  department: DepartmentDTO | undefined;
  devices: readonly DeviceDTO[];
  terminalId: string | null;
  onTakeNumber: (matter: MatterDTO) => void;
  onBack: () => void;
  onHome: () => void;
  busy: boolean;
}

type Load = { state: 'loading' } | { state: 'ok'; dto: MatterGuideDTO } | { state: 'unavailable'; code: string } | { state: 'error'; error: unknown };
type Print = { state: 'idle' } | { state: 'printing' } | { state: 'printed' } | { state: 'failed'; message: MessageKey };

const printErrors: Record<string, MessageKey> = {
  no_printer: 'kiosk.guide.print.no_printer',
  printer_unavailable: 'kiosk.guide.print.unavailable',
  print_failed: 'kiosk.guide.print.failed',
  print_busy: 'kiosk.guide.print.busy',
};

export function GuideScreen({ client, hall, matter, department, devices, terminalId, onTakeNumber, onBack, onHome, busy }: GuideScreenProps) {
  const t = useT();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // Mounted per matter (KioskApp keys it by matter id); a retry sets 'loading' itself.
    const abort = new AbortController();
    client
      .call('matterGuide', { params: { matterId: matter.id }, signal: abort.signal })
      .then((dto) => setLoad({ state: 'ok', dto }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiError && (error.code === 'guide_not_available' || error.code === 'unknown_matter')) setLoad({ state: 'unavailable', code: error.code });
        else setLoad({ state: 'error', error });
      });
    return () => abort.abort();
  }, [client, matter.id, attempt]);

  const takeNumber = <TakeNumberButton matter={matter} onTakeNumber={onTakeNumber} busy={busy} />;

  if (load.state === 'unavailable') {
    return <GuideUnavailable hall={hall} matter={matter} unknown={load.code === 'unknown_matter'} takeNumber={takeNumber} onBack={onBack} onHome={onHome} />;
  }
  return (
    <main className="kiosk-screen kiosk-guide" data-testid="kiosk-guide-screen" data-matter-id={matter.id} data-state={load.state} data-origin={load.state === 'ok' ? (load.dto.origin ?? 'central') : undefined}>
      <h1 className="kiosk-title" data-testid="guide-title">
        {load.state === 'ok' ? load.dto.guide.name : matter.name}
      </h1>
      {load.state === 'loading' ? <p className="loading">{t('kiosk.guide.loading')}</p> : null}
      {load.state === 'error' ? <ErrorMessage message={describeError(load.error)} onRetry={() => {
            setLoad({ state: 'loading' });
            setAttempt((n) => n + 1);
          }} /> : null}
      {load.state === 'ok' ? (
        <GuideBody dto={load.dto} department={department} takeNumber={takeNumber} print={<PrintButton client={client} matter={matter} devices={devices} terminalId={terminalId} />} />
      ) : null}
      <NavBar onBack={onBack} onHome={onHome} />
    </main>
  );
}

function GuideBody({ dto, department, takeNumber, print }: { dto: MatterGuideDTO; department: DepartmentDTO | undefined; takeNumber: ReactNode; print: ReactNode }) {
  const t = useT();
  const [largeType] = useLargeType();
  const portrait = usePortrait();
  const pages = useMemo(() => guidePages(dto, pageCapacity(largeType, portrait)), [dto, largeType, portrait]);
  const [pageIndex, setPageIndex] = useState(0);
  const page = Math.min(pageIndex, pages.length - 1);
  const current = pages[page]!;
  const starts = sectionStarts(pages);
  return (
    <>
      <p className="kiosk-hint kiosk-guide-meta" data-testid="guide-meta">
        {department ? `${department.name} · ` : ''}
        {t('kiosk.guide.meta', { code: dto.matterCode, version: dto.catalogVersion })}
      </p>
      <nav className="kiosk-guide-tabs" aria-label={t('kiosk.guide.sections')}>
        {starts.map((s) => (
          <button
            key={s.section}
            type="button"
            className="kiosk-guide-tab"
            aria-current={current.section === s.section ? 'true' : undefined}
            onClick={() => setPageIndex(s.page)}
            data-testid="guide-tab"
            data-section={s.section}
          >
            {t(`kiosk.guide.section.${s.section}` as MessageKey)}
          </button>
        ))}
      </nav>
      <GuidePageView page={current} />
      <Pager page={page} pages={pages.length} onPage={setPageIndex} />
      <div className="kiosk-guide-actions">
        {takeNumber}
        {print}
        {dto.phoneUrl ? <QrCode url={dto.phoneUrl} label={t('kiosk.guide.qr')} className="kiosk-guide-qr" testId="guide-qr" /> : null}
      </div>
    </>
  );
}

/** 取号办理: one touch issues the ticket (no confirmation for a walk-in); disabled with the reason when the hall would refuse. */
function TakeNumberButton({ matter, onTakeNumber, busy }: { matter: MatterDTO; onTakeNumber: (m: MatterDTO) => void; busy: boolean }) {
  const t = useT();
  const rt = useRulesT();
  const availability = useMatterAvailability(matter.id);
  const mode = useAvailability()?.mode;
  const refused = (availability !== undefined && !availability.available) || mode?.walkInTickets === false;
  const reason = availability && !availability.available ? rt(matterReasonKey(availability)) : rt('kioskRules.matter.hall_closed');
  return (
    <BigButton
      className="kiosk-guide-take"
      icon={<TicketIcon />}
      label={t('kiosk.guide.takeNumber')}
      sub={t('kiosk.guide.takeNumberHint')}
      disabled={refused || busy}
      disabledReason={refused ? reason : undefined}
      onClick={() => onTakeNumber(matter)}
      testId="guide-take-number"
      dataAttrs={{ 'data-available': String(!refused) }}
    />
  );
}

/** 打印一次性告知 on this kiosk's printer; says plainly when it cannot, before and after trying. */
function PrintButton({ client, matter, devices, terminalId }: { client: ApiClient; matter: MatterDTO; devices: readonly DeviceDTO[]; terminalId: string | null }) {
  const t = useT();
  const [print, setPrint] = useState<Print>({ state: 'idle' });
  const printer = ownDevice(devices, terminalId, 'printer');
  const cannot: MessageKey | null = !printer ? 'kiosk.guide.print.no_printer' : !usable(printer) ? 'kiosk.guide.print.unavailable' : null;

  async function doPrint() {
    setPrint({ state: 'printing' });
    try {
      await client.call('guidePrint', { body: { matterId: matter.id } });
      setPrint({ state: 'printed' });
    } catch (err) {
      setPrint({ state: 'failed', message: err instanceof ApiError && printErrors[err.code] ? printErrors[err.code]! : describeError(err) });
    }
  }

  const message = cannot ?? (print.state === 'failed' ? print.message : print.state === 'printed' ? 'kiosk.guide.printed' : print.state === 'printing' ? 'kiosk.guide.printing' : null);
  const problem = cannot !== null || print.state === 'failed';
  return (
    <div className="kiosk-guide-print">
      <BigButton
        variant="secondary"
        icon={<PrinterIcon />}
        label={t('kiosk.guide.print')}
        sub={t('kiosk.guide.printHint')}
        disabled={cannot !== null || print.state === 'printing'}
        onClick={() => void doPrint()}
        testId="guide-print"
        dataAttrs={{ 'data-can-print': String(cannot === null) }}
      />
      {message ? (
        <p className={`kiosk-guide-print-status ${problem ? 'kiosk-guide-print-problem' : ''}`} role={problem ? 'alert' : 'status'} data-testid="guide-print-status" data-state={cannot ? 'cannot' : print.state} data-key={message}>
          {problem ? <WarningIcon width="1.2em" height="1.2em" /> : null} {t(message)}
        </p>
      ) : null}
    </div>
  );
}

function PrinterIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1.6em" height="1.6em" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 9V3h12v6" />
      <rect x="3" y="9" width="18" height="8" rx="2" />
      <path d="M7 14h10v7H7z" />
    </svg>
  );
}
