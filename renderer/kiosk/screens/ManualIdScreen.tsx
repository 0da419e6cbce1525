// 实名取号 without a card: the visitor types the 18-digit ID number on a big keypad, sees it
// grouped 6-8-4 to check against the card, and the check digit is verified before going on.
// The typed number lives only in this screen's state and the kiosk's until the ticket is
// issued, the visitor goes home, or the kiosk idles.
import { useState, type FormEvent } from 'react';
import { useT, type MessageKey } from '../../shared/i18n';
import { ErrorMessage } from '../../shared/components/ErrorMessage';
import { ID_LENGTH, groupIdNumber, idNumberProblem, typeIdKey } from '../../shared/identity/idNumber';
import { NavBar } from './NavBar';

const keypadRows = ['123', '456', '789', 'X0'];

export interface ManualIdScreenProps {
  /** A reason from the hall (e.g. invalid_id_number) when it refused the number. */
  error: MessageKey | null;
  onSubmit: (idNumber: string) => void;
  onSkip: () => void;
  onHome: () => void;
}

const problemKeys = {
  empty: 'kiosk.manual.empty',
  short: 'kiosk.manual.short',
  format: 'kiosk.manual.format',
  checkDigit: 'kiosk.manual.checkDigit',
} as const satisfies Record<string, MessageKey>;

/** Whatever was typed or pasted, reduced to what an ID number can hold. */
export function normalizeTyped(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, '')) out = typeIdKey(out, ch);
  return out;
}

export function ManualIdScreen({ error, onSubmit, onSkip, onHome }: ManualIdScreenProps) {
  const t = useT();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [hallError, setHallError] = useState(error);

  const change = (next: string) => {
    setValue(next);
    setProblem(null);
    setHallError(null);
  };
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const p = idNumberProblem(value);
    if (p) {
      setProblem(problemKeys[p]);
      return;
    }
    onSubmit(value);
  };
  const message = problem ?? hallError;

  return (
    <main className="kiosk-screen kiosk-manual-id" data-testid="manual-id-screen">
      <h1 className="kiosk-title">{t('kiosk.manual.title')}</h1>
      <p className="kiosk-hint">{t('kiosk.manual.hint')}</p>
      <form className="kiosk-manual-form" onSubmit={submit}>
        <label className="kiosk-manual-field">
          <span>{t('kiosk.manual.label')}</span>
          <input
            className="number"
            value={groupIdNumber(value)}
            onChange={(e) => change(normalizeTyped(e.target.value))}
            inputMode="none"
            autoComplete="off"
            spellCheck={false}
            maxLength={ID_LENGTH + 2}
            aria-invalid={message ? true : undefined}
            data-testid="manual-id-input"
          />
        </label>
        <p className="kiosk-manual-count">{t('kiosk.manual.count', { count: value.length })}</p>
        {message ? <ErrorMessage message={message} params={{ count: value.length }} testId="manual-id-error" /> : null}
        <div className="kiosk-keypad" role="group" aria-label={t('kiosk.manual.label')}>
          {keypadRows.map((row) => (
            <div className="kiosk-keypad-row" key={row}>
              {[...row].map((k) => (
                <button
                  type="button"
                  key={k}
                  className="kiosk-key kiosk-keypad-key"
                  onClick={() => change(typeIdKey(value, k))}
                  disabled={typeIdKey(value, k) === value}
                  data-testid="manual-id-key"
                  data-key={k}
                >
                  {k}
                </button>
              ))}
              {row === 'X0' ? (
                <button type="button" className="kiosk-key kiosk-keypad-key" onClick={() => change(value.slice(0, -1))} data-testid="manual-id-key" data-key="delete">
                  {t('kiosk.keyboard.delete')}
                </button>
              ) : null}
            </div>
          ))}
        </div>
        <div className="kiosk-manual-actions">
          <button type="button" className="big-button secondary" onClick={() => change('')} data-testid="manual-id-clear">
            {t('kiosk.search.clear')}
          </button>
          <button type="submit" className="big-button" data-testid="manual-id-submit">
            {t('kiosk.manual.submit')}
          </button>
        </div>
      </form>
      <button type="button" className="big-button secondary kiosk-manual-skip" onClick={onSkip} data-testid="manual-id-skip">
        {t('kiosk.manual.skip')}
      </button>
      <NavBar onHome={onHome} />
    </main>
  );
}
