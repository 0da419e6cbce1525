// The honest empty state of the 办事指南: the hall has not received this matter's guide
// from the central platform yet (404 guide_not_available — an offline-only hall, or a
// catalog still on its way), or does not offer the matter. It says so and sends the
// visitor to the enquiry counter (综合咨询), naming it; nothing is guessed or invented.
import type { ReactNode } from 'react';
import type { HallInfoDTO, MatterDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { BookIcon } from '../../shared/components/Icons';
import { enquiryCounters } from './GuidePages';
import { NavBar } from './NavBar';

export interface GuideUnavailableProps {
  hall: HallInfoDTO;
  matter: MatterDTO;
  /** The hall does not offer the matter at all (404 unknown_matter). */
  unknown: boolean;
  /** 取号办理 for the matter, when it makes sense to offer it. */
  takeNumber?: ReactNode;
  onBack: () => void;
  onHome: () => void;
}

export function GuideUnavailable({ hall, matter, unknown, takeNumber, onBack, onHome }: GuideUnavailableProps) {
  const t = useT();
  const counters = enquiryCounters(hall.counters)
    .map((c) => (c.area.trim() ? t('kiosk.guide.counterWithArea', { area: c.area.trim(), number: c.number, name: c.name }) : t('kiosk.guide.counter', { number: c.number, name: c.name })))
    .join('、');
  return (
    <main className="kiosk-screen kiosk-guide-unavailable" data-testid="guide-unavailable" data-matter-id={matter.id} data-reason={unknown ? 'unknown_matter' : 'guide_not_available'}>
      <BookIcon className="kiosk-guide-unavailable-icon" />
      <h1 className="kiosk-title">{matter.name}</h1>
      <section className="kiosk-guide-unavailable-notice" role="status">
        <h2>{t('kiosk.guide.unavailable.title')}</h2>
        <p className="kiosk-guide-unavailable-text" data-testid="guide-unavailable-text">
          {unknown ? t('kiosk.guide.unknownMatter') : t('kiosk.guide.unavailable.text')}
        </p>
        {counters ? (
          <p className="kiosk-guide-unavailable-where" data-testid="guide-enquiry-counter">
            {t('kiosk.guide.unavailable.where', { counters })}
          </p>
        ) : null}
      </section>
      {!unknown ? <div className="kiosk-guide-actions">{takeNumber}</div> : null}
      <NavBar onBack={onBack} onHome={onHome} />
    </main>
  );
}
