// 预约签到 and 办事指南 come in later issues. Until then the kiosk says so honestly and
// sends the visitor to the enquiry counter (no fake flow), and offers to take a number.
import { useT } from '../../shared/i18n';
import { BookIcon, CalendarCheckIcon, TicketIcon } from '../../shared/components/Icons';
import { BigButton } from '../../shared/components/BigButton';
import { NavBar } from './NavBar';

export function ComingSoonScreen({ which, onTakeNumber, onHome }: { which: 'appointment' | 'guide'; onTakeNumber: () => void; onHome: () => void }) {
  const t = useT();
  return (
    <main className="kiosk-screen kiosk-soon" data-testid="kiosk-coming-soon" data-service={which}>
      {which === 'appointment' ? <CalendarCheckIcon className="kiosk-soon-icon" /> : <BookIcon className="kiosk-soon-icon" />}
      <h1 className="kiosk-title">{which === 'appointment' ? t('kiosk.soon.appointment') : t('kiosk.soon.guide')}</h1>
      <p className="kiosk-soon-text">{t('kiosk.soon.whatToDo')}</p>
      <BigButton className="kiosk-soon-take" icon={<TicketIcon />} label={t('kiosk.start.takeNumber')} onClick={onTakeNumber} testId="kiosk-soon-take-number" />
      <NavBar onHome={onHome} />
    </main>
  );
}
