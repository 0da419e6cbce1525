// 绿色通道, step one: a guide or staff member confirms with staff number and PIN. The
// hall checks them when the ticket is issued (IssueTicketRequest.greenChannel).
import { useState, type FormEvent } from 'react';
import { useT, type MessageKey } from '../../shared/i18n';
import { ErrorMessage } from '../../shared/components/ErrorMessage';
import { NavBar } from './NavBar';
import { OnScreenKeyboard } from './OnScreenKeyboard';

export interface GreenStaffScreenProps {
  error: MessageKey | null;
  initialStaffNo: string;
  onSubmit: (staffNo: string, pin: string) => void;
  onHome: () => void;
}

export function GreenStaffScreen({ error, initialStaffNo, onSubmit, onHome }: GreenStaffScreenProps) {
  const t = useT();
  const [staffNo, setStaffNo] = useState(initialStaffNo);
  const [pin, setPin] = useState('');
  const [field, setField] = useState<'staffNo' | 'pin'>(initialStaffNo ? 'pin' : 'staffNo');
  const [missing, setMissing] = useState(false);

  const edit = (fn: (v: string) => string) => (field === 'staffNo' ? setStaffNo(fn) : setPin(fn));
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!staffNo.trim() || !pin) {
      setMissing(true);
      setField(staffNo.trim() ? 'pin' : 'staffNo');
      return;
    }
    onSubmit(staffNo.trim(), pin);
  };

  return (
    <main className="kiosk-screen kiosk-green-staff" data-testid="green-staff">
      <h1 className="kiosk-title kiosk-title-green">{t('kiosk.green.title')}</h1>
      <p className="kiosk-hint">{t('kiosk.green.staffStep')}</p>
      <form className="kiosk-green-form" onSubmit={submit}>
        <label className={field === 'staffNo' ? 'active' : ''}>
          <span>{t('signIn.staffNo')}</span>
          <input
            value={staffNo}
            onChange={(e) => setStaffNo(e.target.value)}
            onFocus={() => setField('staffNo')}
            inputMode="none"
            autoComplete="off"
            data-testid="green-staff-no"
          />
        </label>
        <label className={field === 'pin' ? 'active' : ''}>
          <span>{t('signIn.pin')}</span>
          <input
            type="password"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            onFocus={() => setField('pin')}
            inputMode="none"
            autoComplete="off"
            data-testid="green-pin"
          />
        </label>
        {missing ? <ErrorMessage message="signIn.missing" testId="green-error" /> : error ? <ErrorMessage message={error} testId="green-error" /> : null}
        <button type="submit" className="big-button green" data-testid="green-next">
          {t('action.next')}
        </button>
      </form>
      <OnScreenKeyboard
        layout={field === 'pin' ? 'digits' : 'letters'}
        onKey={(ch) => edit((v) => v + ch.toUpperCase())}
        onDelete={() => edit((v) => v.slice(0, -1))}
        onClear={() => edit(() => '')}
      />
      <NavBar onHome={onHome} />
    </main>
  );
}
