// Staff sign-in form (counter and admin). Keyboard first: focus starts in the staff number,
// Enter submits. Errors in plain words; the PIN is cleared after a failure.
import { useState, type FormEvent } from 'react';
import { useT, type MessageKey } from '../i18n';
import { describeError } from '../api/errors';
import { ErrorMessage } from './ErrorMessage';

export interface StaffSignInProps {
  title: string;
  onSignIn: (staffNo: string, pin: string) => Promise<void>;
  /** Shown before the first attempt, e.g. "登录已过期". */
  notice?: MessageKey | null;
}

export const signInErrors: Record<string, MessageKey> = {
  bad_credentials: 'signIn.badCredentials',
  locked: 'signIn.locked',
  forbidden: 'signIn.notAllowed',
  invalid_request: 'signIn.missing',
};

export function StaffSignIn({ title, onSignIn, notice }: StaffSignInProps) {
  const t = useT();
  const [staffNo, setStaffNo] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(notice ?? null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!staffNo.trim() || !pin) {
      setError('signIn.missing');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSignIn(staffNo.trim(), pin);
    } catch (err) {
      setError(describeError(err, signInErrors));
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="staff-sign-in" onSubmit={submit} data-testid="sign-in-form">
      <h1>{title}</h1>
      <label>
        <span>{t('signIn.staffNo')}</span>
        <input
          name="staffNo"
          autoComplete="username"
          inputMode="numeric"
          autoFocus
          value={staffNo}
          onChange={(e) => setStaffNo(e.target.value)}
          data-testid="sign-in-staff-no"
        />
      </label>
      <label>
        <span>{t('signIn.pin')}</span>
        <input
          name="pin"
          type="password"
          autoComplete="current-password"
          inputMode="numeric"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          data-testid="sign-in-pin"
        />
      </label>
      {error ? <ErrorMessage message={error} testId="sign-in-error" /> : null}
      <button type="submit" className="big-button" disabled={busy} data-testid="sign-in-submit">
        {busy ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}
