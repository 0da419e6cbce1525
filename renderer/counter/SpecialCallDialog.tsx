// 特呼: pick a waiting ticket (type its number to filter, ↑/↓ to move, or a digit when the
// list has focus) and give a reason — required, logged with the call. Enter in the number
// field moves to the reason; Enter in the reason calls.
import { useMemo, useRef, useState } from 'react';
import type { CallableTicketDTO } from '../../hall/api/dto';
import { useT, type MessageKey } from '../shared/i18n';
import { ClassBadge } from './CurrentTicket';
import { CounterDialog, digitPick } from './CounterDialog';

export interface SpecialCallDialogProps {
  callable: CallableTicketDTO[];
  onSubmit: (ref: { ticketId: string } | { number: string }, reason: string) => void;
  onCancel: () => void;
}

const PRESETS: MessageKey[] = ['counterDialog.specialPreset.1', 'counterDialog.specialPreset.2', 'counterDialog.specialPreset.3'];

/** "a12" / "A012" / "A 12" → comparable form; matching by prefix while typing. */
export function matchesNumber(ticketNumber: string, typed: string): boolean {
  const q = typed.trim().toUpperCase().replace(/\s+/g, '');
  if (!q) return true;
  if (ticketNumber.toUpperCase().startsWith(q)) return true;
  const m = /^([A-Z]+)(\d+)$/.exec(q);
  const n = /^([A-Z]+)(\d+)$/.exec(ticketNumber.toUpperCase());
  return Boolean(m && n && m[1] === n[1] && Number(m[2]) === Number(n[2]));
}

export function SpecialCallDialog({ callable, onSubmit, onCancel }: SpecialCallDialogProps) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [index, setIndex] = useState(0);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const shown = useMemo(() => callable.filter((c) => matchesNumber(c.number, typed)), [callable, typed]);
  const selected = shown[Math.min(index, shown.length - 1)] ?? null;

  const submit = () => {
    if (reason.trim().length < 2) {
      setProblem('counterDialog.reasonTooShort');
      reasonRef.current?.focus();
      return;
    }
    if (selected) onSubmit({ ticketId: selected.id }, reason.trim());
    else if (typed.trim()) onSubmit({ number: typed.trim() }, reason.trim());
  };

  return (
    <CounterDialog
      title={t('counterDialog.specialTitle')}
      testId="special-call-dialog"
      onCancel={onCancel}
      onKey={(e) => {
        const pick = digitPick(e, shown.length);
        if (pick === null) return false;
        setIndex(pick);
        reasonRef.current?.focus();
        return true;
      }}
    >
      <label className="counter-field">
        <span>{t('counterDialog.number')}</span>
        <input
          autoFocus
          value={typed}
          placeholder={t('counterDialog.numberPlaceholder')}
          data-testid="special-call-number"
          onChange={(e) => {
            setTyped(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setIndex((i) => Math.max(0, Math.min(shown.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              reasonRef.current?.focus();
            }
          }}
        />
      </label>
      <p className="counter-muted">{t('counterDialog.specialList')}</p>
      {shown.length ? (
        <ol className="counter-transfer-list counter-pick-list" data-testid="special-call-list">
          {shown.slice(0, 9).map((c, i) => (
            <li key={c.id}>
              <button
                type="button"
                aria-pressed={selected?.id === c.id}
                className={selected?.id === c.id ? 'selected' : ''}
                data-testid="special-call-ticket"
                data-number={c.number}
                onClick={() => {
                  setIndex(i);
                  reasonRef.current?.focus();
                }}
              >
                <kbd>{i + 1}</kbd>
                <span className="number">{c.number}</span>
                <span className="counter-pick-text">{c.matterName}</span>
                {c.ticketClass !== 'walk_in' ? <ClassBadge ticket={c} /> : null}
                {c.directedHere ? <span className="counter-pick-tag">{t('counterPage.directedHere')}</span> : null}
                <span className="counter-muted">{t('wait.minutesWaited', { count: c.waitedMinutes })}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p data-testid="special-call-empty">{typed.trim() ? t('counterDialog.specialNoMatch', { number: typed.trim() }) : t('counterDialog.specialNone')}</p>
      )}
      <ReasonField inputRef={reasonRef} value={reason} onChange={(v) => {
          setReason(v);
          setProblem(null);
        }} presets={PRESETS} onEnter={submit} testId="special-call-reason" />
      {problem ? <p className="counter-feedback counter-feedback-error">{t(problem)}</p> : null}
      <button type="button" className="big-button" onClick={submit} disabled={!selected && !typed.trim()} data-testid="special-call-submit">
        {t('counterDialog.specialSubmit')}
        {selected ? ` ${selected.number}` : ''}
      </button>
    </CounterDialog>
  );
}

export interface ReasonFieldProps {
  inputRef: React.RefObject<HTMLInputElement | null>;
  value: string;
  onChange: (value: string) => void;
  presets: MessageKey[];
  onEnter: () => void;
  testId: string;
}

/** A reason (2–100 characters) with presets one click away; Enter submits. */
export function ReasonField({ inputRef, value, onChange, presets, onEnter, testId }: ReasonFieldProps) {
  const t = useT();
  return (
    <div className="counter-reason">
      <label className="counter-field">
        <span>{t('counterDialog.reason')}</span>
        <input
          ref={inputRef}
          value={value}
          maxLength={100}
          data-testid={testId}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onEnter();
            }
          }}
        />
      </label>
      <div className="counter-presets" aria-label={t('counterDialog.presets')}>
        {presets.map((key) => (
          <button
            key={key}
            type="button"
            className="counter-preset"
            data-testid={`${testId}-preset`}
            onClick={() => {
              onChange(t(key));
              inputRef.current?.focus();
            }}
          >
            {t(key)}
          </button>
        ))}
      </div>
    </div>
  );
}
