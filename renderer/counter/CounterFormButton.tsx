// A counter-page button that opens a small form in a counter dialog and reports the outcome
// under the button (办不成事登记, 预告暂停). `submit` returns the line to show: ok or not; the
// dialog closes only on success, so a refused form keeps what the staff member typed.
import { useState, type ReactNode } from 'react';
import { CounterDialog } from './CounterDialog';
import '../shared/styles/service-desk.css';

export interface Outcome {
  ok: boolean;
  text: string;
}

export interface CounterFormButtonProps {
  /** Test ids are `${testId}-open`, `-result`, `-dialog`, `-submit`. */
  testId: string;
  label: string;
  title: string;
  submitLabel: string;
  onOpen?: () => void;
  submit: () => Promise<Outcome>;
  children: ReactNode;
}

export function CounterFormButton({ testId, label, title, submitLabel, onOpen, submit, children }: CounterFormButtonProps) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<Outcome | null>(null);
  const send = async () => {
    const outcome = await submit();
    setResult(outcome);
    if (outcome.ok) setOpen(false);
  };
  return (
    <div className={testId}>
      <button
        type="button"
        className="big-button secondary"
        onClick={() => {
          setOpen(true);
          onOpen?.();
        }}
        data-testid={`${testId}-open`}
      >
        {label}
      </button>
      {result ? (
        <p className={result.ok ? 'counter-feedback-ok' : 'counter-feedback-error'} role="status" data-testid={`${testId}-result`} data-ok={String(result.ok)}>
          {result.text}
        </p>
      ) : null}
      {open ? (
        <CounterDialog title={title} testId={`${testId}-dialog`} onCancel={() => setOpen(false)}>
          <form
            className="unresolved-form"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            {children}
            <button type="submit" className="big-button" data-testid={`${testId}-submit`}>
              {submitLabel}
            </button>
          </form>
        </CounterDialog>
      ) : null}
    </div>
  );
}
