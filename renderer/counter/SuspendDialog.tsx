// 挂起 (容缺受理 / waiting for a document): a reason (required, logged) and how long the
// ticket is kept — presets up to the hall's maximum, the hall's default preselected.
// Enter in the reason sets the ticket aside.
import { useRef, useState } from 'react';
import { useT, type MessageKey } from '../shared/i18n';
import { CounterDialog } from './CounterDialog';
import { ReasonField } from './SpecialCallDialog';

export interface SuspendDialogProps {
  number: string;
  defaultMinutes: number;
  maxMinutes: number;
  onSubmit: (reason: string, minutes: number) => void;
  onCancel: () => void;
}

const PRESETS: MessageKey[] = ['counterDialog.suspendPreset.1', 'counterDialog.suspendPreset.2', 'counterDialog.suspendPreset.3'];

/** Minute choices: common ones up to the hall's maximum, with the hall's default among them. */
export function minuteChoices(defaultMinutes: number, maxMinutes: number): number[] {
  const set = new Set([15, 30, 60, 120, 240].filter((m) => m <= maxMinutes));
  set.add(Math.min(defaultMinutes, maxMinutes));
  return [...set].sort((a, b) => a - b);
}

export function SuspendDialog({ number, defaultMinutes, maxMinutes, onSubmit, onCancel }: SuspendDialogProps) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(Math.min(defaultMinutes, maxMinutes));
  const [problem, setProblem] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);
  const submit = () => {
    if (reason.trim().length < 2) {
      setProblem(true);
      reasonRef.current?.focus();
      return;
    }
    onSubmit(reason.trim(), minutes);
  };
  return (
    <CounterDialog title={t('counterDialog.suspendTitle', { number })} testId="suspend-dialog" onCancel={onCancel}>
      <ReasonField
        inputRef={reasonRef}
        value={reason}
        onChange={(v) => {
          setReason(v);
          setProblem(false);
        }}
        presets={PRESETS}
        onEnter={submit}
        testId="suspend-reason"
      />
      <fieldset className="counter-minutes">
        <legend>{t('counterDialog.suspendMinutes')}</legend>
        {minuteChoices(defaultMinutes, maxMinutes).map((m) => (
          <button key={m} type="button" aria-pressed={m === minutes} className={m === minutes ? 'selected' : ''} data-testid="suspend-minutes" data-minutes={m} onClick={() => setMinutes(m)}>
            {t('counterDialog.minutes', { count: m })}
          </button>
        ))}
      </fieldset>
      <p className="counter-muted">{t('counterDialog.suspendHint')}</p>
      {problem ? <p className="counter-feedback counter-feedback-error">{t('counterDialog.reasonTooShort')}</p> : null}
      <button type="button" className="big-button" onClick={submit} data-testid="suspend-submit">
        {t('counterDialog.suspendSubmit')}
      </button>
    </CounterDialog>
  );
}
