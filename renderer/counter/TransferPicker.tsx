// 转窗: send the current ticket to another queue (any of its counters may call it) or to one
// counter (only that counter calls it, first). Keyboard: Tab switches queue / counter,
// digits 1–9 pick in the active list, Esc cancels; the first choice has focus so Enter works.
import { useEffect, useRef, useState } from 'react';
import type { TransferCounterDTO } from '../../hall/api/dto';
import { useT } from '../shared/i18n';
import { CounterDialog, digitPick } from './CounterDialog';

export type TransferTarget = { toQueueId: string; toCounterId?: null } | { toQueueId: null; toCounterId: string };

export interface TransferPickerProps {
  number: string;
  targets: { id: string; name: string; prefix: string }[];
  counters: TransferCounterDTO[];
  onPick: (target: TransferTarget) => void;
  onCancel: () => void;
}

export function TransferPicker({ number, targets, counters, onPick, onCancel }: TransferPickerProps) {
  const t = useT();
  const [mode, setMode] = useState<'queue' | 'counter'>('queue');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [mode]);
  const count = mode === 'queue' ? targets.length : counters.length;
  // Only a counter that is calling can take a transferred ticket (the hall refuses the others).
  const takes = (c: (typeof counters)[number]) => c.status !== 'signed_out' && c.status !== 'paused';
  const pick = (i: number) => {
    if (mode === 'queue') return onPick({ toQueueId: targets[i]!.id });
    const c = counters[i];
    if (c && takes(c)) onPick({ toQueueId: null, toCounterId: c.id });
  };

  return (
    <CounterDialog
      title={t('counterPage.transferTitle', { number })}
      testId="transfer-picker"
      onCancel={onCancel}
      onKey={(e) => {
        if (e.key === 'F6') {
          onCancel();
          return true;
        }
        if (e.key === 'Tab') {
          setMode((m) => (m === 'queue' ? 'counter' : 'queue'));
          return true;
        }
        const i = digitPick(e, count);
        if (i === null) return false;
        pick(i);
        return true;
      }}
    >
      <div className="counter-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode === 'queue'} className={mode === 'queue' ? 'selected' : ''} onClick={() => setMode('queue')} data-testid="transfer-mode-queue">
          {t('counterPage.transferQueues')}
        </button>
        <button type="button" role="tab" aria-selected={mode === 'counter'} className={mode === 'counter' ? 'selected' : ''} onClick={() => setMode('counter')} data-testid="transfer-mode-counter">
          {t('counterPage.transferCounters')}
        </button>
      </div>
      {mode === 'queue' ? (
        targets.length ? (
          <ol className="counter-transfer-list">
            {targets.slice(0, 9).map((target, i) => (
              <li key={target.id}>
                <button type="button" ref={i === 0 ? first : undefined} onClick={() => pick(i)} data-testid="transfer-target" data-queue-id={target.id}>
                  <kbd>{i + 1}</kbd>
                  <span className="number">{target.prefix}</span>
                  <span>{target.name}</span>
                </button>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('counterPage.transferNone')}</p>
        )
      ) : counters.length ? (
        <ol className="counter-transfer-list">
          {counters.slice(0, 9).map((c, i) => (
            <li key={c.id}>
              <button type="button" ref={i === 0 ? first : undefined} onClick={() => pick(i)} disabled={!takes(c)} data-testid="transfer-counter" data-counter-id={c.id}>
                <kbd>{i + 1}</kbd>
                <span className="number">{t('counter.numbered', { number: c.number })}</span>
                <span>{c.name}</span>
                <span className="counter-muted">{t(`counterStatus.${c.status}`)}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('counterPage.transferCounterNone')}</p>
      )}
      <p className="counter-muted">{t('counterPage.transferHint')}</p>
    </CounterDialog>
  );
}
