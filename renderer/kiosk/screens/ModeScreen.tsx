// The kiosk outside opening hours. Hall zone: "已停止服务，下次开放 …", guides still readable.
// 24-hour zone: self-service mode — a large notice, the self-service matters, guides; no
// counter tickets. Refreshes itself at the calendar's next change (KioskApp).
import { useState, type ReactNode } from 'react';
import type { HallInfoDTO, KioskModeDTO, MatterDTO } from '../../../hall/api/dto';
import type { ApiClient } from '../../shared/api/client';
import { SelfServicePanel } from './SelfServicePanel';
import { BigButton } from '../../shared/components/BigButton';
import { BookIcon } from '../../shared/components/Icons';
import { useT } from '../../shared/i18n';
import { useAvailability } from '../availabilityContext';
import { useRulesT } from '../rulesText';

export interface ModeScreenProps {
  hall: HallInfoDTO;
  mode: KioskModeDTO;
  onGuide: () => void;
  banner?: ReactNode;
  /** The 24-hour zone's terminal does self-service matters, each ending on its rating (SelfServicePanel). */
  client?: ApiClient;
}

export function ModeScreen({ hall, mode, onGuide, banner, client }: ModeScreenProps) {
  const t = useT();
  const rt = useRulesT();
  const availability = useAvailability();
  const when = mode.opensAt ? rt('kioskRules.when', { date: mode.opensAt.localDate, time: mode.opensAt.localTime }) : null;
  const selfService = mode.screen === 'self_service';
  const selfServiceIds = new Set((availability?.matters ?? []).filter((m) => m.selfService).map((m) => m.matterId));
  const matters = selfService && mode.selfServiceMatters ? hall.matters.filter((m) => selfServiceIds.has(m.id)) : [];
  const [doing, setDoing] = useState<MatterDTO | null>(null);

  if (doing && client) {
    return (
      <main className="kiosk-screen kiosk-mode" data-testid="kiosk-mode" data-screen-mode={mode.screen} data-zone={mode.zone}>
        <SelfServicePanel client={client} matter={doing} idleSeconds={hall.settings.kioskIdleSeconds} onDone={() => setDoing(null)} />
      </main>
    );
  }

  return (
    <main className={`kiosk-screen kiosk-mode kiosk-mode-${mode.screen}`} data-testid="kiosk-mode" data-screen-mode={mode.screen} data-zone={mode.zone}>
      {banner}
      <section className="kiosk-mode-notice" role="status" data-testid="kiosk-mode-notice">
        <h1 className="kiosk-mode-title">{selfService ? rt('kioskRules.mode.selfService.title') : rt('kioskRules.mode.closed.title')}</h1>
        {selfService ? <p className="kiosk-mode-text">{rt('kioskRules.mode.selfService.notice')}</p> : null}
        <p className="kiosk-mode-next" data-testid="kiosk-mode-next">
          {when
            ? selfService
              ? rt('kioskRules.mode.selfService.next', { when })
              : rt('kioskRules.mode.closed.next', { when })
            : rt('kioskRules.mode.closed.noNext')}
        </p>
        {!selfService ? <p className="kiosk-mode-text">{rt('kioskRules.mode.closed.guides')}</p> : null}
      </section>
      {selfService ? (
        <section className="kiosk-mode-matters">
          <h2>{rt('kioskRules.mode.selfService.matters')}</h2>
          {matters.length ? (
            <ul data-testid="self-service-matters">
              {matters.map((m) => (
                <li key={m.id} data-testid="self-service-matter" data-matter-id={m.id}>
                  <span className="kiosk-matter-name">{m.name}</span>
                  <span className="kiosk-mode-where">{rt('kioskRules.mode.selfService.where')}</span>
                  {client && mode.zone === '24h' ? (
                    <button type="button" className="kiosk-self-service-start" onClick={() => setDoing(m)} data-testid="self-service-start">
                      {t('selfService.do')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{rt('kioskRules.mode.selfService.none')}</p>
          )}
        </section>
      ) : null}
      {mode.guides ? (
        <BigButton className="kiosk-choice kiosk-mode-guide" variant="secondary" icon={<BookIcon />} label={t('kiosk.start.guide')} sub={t('kiosk.start.guideHint')} onClick={onGuide} testId="kiosk-guide" />
      ) : null}
    </main>
  );
}
