import type { ReactNode } from 'react';
import { useT } from '../../shared/i18n';
import { BigButton } from '../../shared/components/BigButton';
import { BookIcon, CalendarCheckIcon, IdCardReaderPicture, KeyboardIcon, PriorityIcon, TicketIcon } from '../../shared/components/Icons';
import { ReachZoneToggle } from './ReachZoneToggle';

export interface StartScreenProps {
  onTakeNumber: () => void;
  onAppointment: () => void;
  onGuide: () => void;
  onGreen: () => void;
  /** This kiosk has a working ID reader: show "请刷身份证"; otherwise only the manual entry. */
  idReader: boolean;
  onManualId: () => void;
  /** Walk-in tickets now (false in the flex windows): the button says why instead. */
  takeNumber?: boolean;
  takeNumberReason?: ReactNode;
  /** The calendar's notice for this mode (flex windows, weekend service), above the choices. */
  notice?: ReactNode;
}

export function StartScreen({ onTakeNumber, onAppointment, onGuide, onGreen, idReader, onManualId, takeNumber = true, takeNumberReason, notice }: StartScreenProps) {
  const t = useT();
  return (
    <main className="kiosk-start" data-testid="kiosk-start">
      <h1 className="kiosk-greeting">{t('kiosk.start.greeting')}</h1>
      {notice}
      <div className="kiosk-start-choices">
        <BigButton
          className="kiosk-choice kiosk-choice-main"
          icon={<TicketIcon />}
          label={t('kiosk.start.takeNumber')}
          sub={t('kiosk.start.takeNumberHint')}
          onClick={onTakeNumber}
          disabled={!takeNumber}
          disabledReason={takeNumberReason}
          testId="kiosk-take-number"
        />
        <BigButton
          className="kiosk-choice"
          variant="secondary"
          icon={<CalendarCheckIcon />}
          label={t('kiosk.start.appointment')}
          sub={t('kiosk.start.appointmentHint')}
          onClick={onAppointment}
          testId="kiosk-appointment"
        />
        <BigButton
          className="kiosk-choice"
          variant="secondary"
          icon={<BookIcon />}
          label={t('kiosk.start.guide')}
          sub={t('kiosk.start.guideHint')}
          onClick={onGuide}
          testId="kiosk-guide"
        />
      </div>
      {idReader ? (
        <div className="kiosk-id-hint" data-testid="kiosk-id-hint">
          <IdCardReaderPicture className="kiosk-id-picture" />
          <div>
            <p className="kiosk-id-hint-main">
              {t('kiosk.start.idHint')} <span lang="en">/ {t('kiosk.start.idHintSecondary')}</span>
            </p>
            <p className="kiosk-id-hint-where">{t('kiosk.start.idHintWhere')}</p>
            <button type="button" className="kiosk-manual-link" onClick={onManualId} data-testid="manual-id-entry">
              <KeyboardIcon width="1.1em" height="1.1em" /> {t('kiosk.manual.entry')}
            </button>
          </div>
        </div>
      ) : (
        <BigButton
          className="kiosk-manual-entry"
          variant="secondary"
          icon={<KeyboardIcon />}
          label={t('kiosk.manual.entry')}
          sub={t('kiosk.manual.entryHint')}
          onClick={onManualId}
          testId="manual-id-entry"
        />
      )}
      <BigButton
        className="kiosk-green-entry"
        variant="green"
        icon={<PriorityIcon />}
        label={t('kiosk.start.green')}
        sub={t('kiosk.start.greenHint')}
        onClick={onGreen}
        testId="kiosk-green"
      />
      <ReachZoneToggle />
    </main>
  );
}
