// Pick one ticket from a short list, or type its number: 恢复挂起 (F10) and 过号重排 (F12).
// Digits pick from the list when the focus is not in the number field; Enter in the field
// submits what was typed (the hall finds the ticket by number and refuses with its reason).
import { useState, type ReactNode } from 'react';
import { useT } from '../shared/i18n';
import { CounterDialog, digitPick } from './CounterDialog';

export interface PickItem {
  id: string;
  number: string;
  text: ReactNode;
}

export interface TicketPickDialogProps {
  title: string;
  testId: string;
  hint?: string;
  listLabel: string;
  empty: string;
  items: PickItem[];
  /** Allow typing a number (rejoin); without it only the list is offered (resume). */
  typing: boolean;
  submitLabel: string;
  initialNumber?: string;
  onPick: (item: { id: string } | { number: string }) => void;
  onCancel: () => void;
}

export function TicketPickDialog(props: TicketPickDialogProps) {
  const { title, testId, hint, listLabel, empty, items, typing, submitLabel, initialNumber, onPick, onCancel } = props;
  const t = useT();
  const [typed, setTyped] = useState(initialNumber ?? '');
  return (
    <CounterDialog
      title={title}
      testId={testId}
      onCancel={onCancel}
      onKey={(e) => {
        const pick = digitPick(e, items.length);
        if (pick === null) return false;
        onPick({ id: items[pick]!.id });
        return true;
      }}
    >
      {hint ? <p>{hint}</p> : null}
      {typing ? (
        <div className="counter-number-row">
          <label className="counter-field">
            <span>{t('counterDialog.number')}</span>
            <input
              autoFocus
              value={typed}
              placeholder={t('counterDialog.numberPlaceholder')}
              data-testid={`${testId}-number`}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && typed.trim()) {
                  e.preventDefault();
                  onPick({ number: typed.trim() });
                }
              }}
            />
          </label>
          <button type="button" className="big-button" disabled={!typed.trim()} onClick={() => onPick({ number: typed.trim() })} data-testid={`${testId}-submit`}>
            {submitLabel}
          </button>
        </div>
      ) : null}
      <p className="counter-muted">{listLabel}</p>
      {items.length ? (
        <ol className="counter-transfer-list counter-pick-list">
          {items.slice(0, 9).map((item, i) => (
            <li key={item.id}>
              <button type="button" autoFocus={!typing && i === 0} onClick={() => onPick({ id: item.id })} data-testid={`${testId}-item`} data-number={item.number}>
                <kbd>{i + 1}</kbd>
                <span className="number">{item.number}</span>
                <span className="counter-pick-text">{item.text}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p>{empty}</p>
      )}
    </CounterDialog>
  );
}
