// 预约签到: type the appointment code (on-screen keys or a keyboard), scan the QR code (the
// scanner types its text and Enter into the field), or put the ID card on the reader — the
// kiosk then checks in by card by itself. Refusals are said in plain words with the next step.
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../shared/i18n';
import { BigButton } from '../../shared/components/BigButton';
import { IdCardReaderPicture, TicketIcon, WarningIcon } from '../../shared/components/Icons';
import { useRulesT } from '../rulesText';
import type { RulesPhrase } from '../kioskRules';
import { OnScreenKeyboard } from './OnScreenKeyboard';
import { NavBar } from './NavBar';

export interface CheckInScreenProps {
  error: RulesPhrase | null;
  busy: boolean;
  /** This kiosk has a working ID card reader. */
  idReader: boolean;
  /** Typed code, or a scanned QR text (contains ":"). */
  onSubmit: (text: string) => void;
  onTakeNumber: () => void;
  onHome: () => void;
}

export function CheckInScreen({ error, busy, idReader, onSubmit, onTakeNumber, onHome }: CheckInScreenProps) {
  const t = useT();
  const rt = useRulesT();
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const submit = () => {
    const value = text.trim();
    if (!value) return setEmpty(true);
    setEmpty(false);
    onSubmit(value);
  };
  const shown = empty ? rt('kioskRules.checkIn.empty') : error ? rt(error.key, error.params) : null;

  return (
    <main className="kiosk-screen kiosk-check-in" data-testid="kiosk-check-in">
      <h1 className="kiosk-title">{rt('kioskRules.checkIn.title')}</h1>
      <p className="kiosk-hint">{rt('kioskRules.checkIn.hint')}</p>
      <form
        className="kiosk-check-in-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="kiosk-check-in-label" htmlFor="check-in-code">
          {rt('kioskRules.checkIn.label')}
        </label>
        <input
          id="check-in-code"
          ref={input}
          className="kiosk-check-in-input number"
          value={text}
          maxLength={60}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setText(e.target.value.includes(':') ? e.target.value : e.target.value.toUpperCase())}
          data-testid="check-in-code"
        />
        <BigButton type="submit" className="kiosk-check-in-submit" label={rt('kioskRules.checkIn.submit')} disabled={busy} testId="check-in-submit" />
      </form>
      {shown ? (
        <p className="kiosk-check-in-error" role="alert" data-testid="check-in-error" data-key={empty ? 'kioskRules.checkIn.empty' : (error?.key ?? '')}>
          <WarningIcon /> {shown}
        </p>
      ) : null}
      <OnScreenKeyboard onKey={(ch) => setText((s) => (s + ch).toUpperCase().slice(0, 16))} onDelete={() => setText((s) => s.slice(0, -1))} onClear={() => setText('')} />
      {idReader ? (
        <div className="kiosk-id-hint kiosk-check-in-card" data-testid="check-in-card-hint">
          <IdCardReaderPicture className="kiosk-id-picture" />
          <p className="kiosk-id-hint-main">{rt('kioskRules.checkIn.cardHint')}</p>
        </div>
      ) : null}
      <BigButton className="kiosk-check-in-walk-in" variant="secondary" icon={<TicketIcon />} label={rt('kioskRules.takeNumberInstead')} onClick={onTakeNumber} testId="check-in-take-number" />
      <NavBar onHome={onHome} />
      {busy ? <p className="visually-hidden">{t('kiosk.issuing')}</p> : null}
    </main>
  );
}
