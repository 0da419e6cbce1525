// 转窗: pick the target queue. Keyboard: digits 1–9 pick, Esc cancels; the first choice has
// focus so Enter works too.
import { useEffect, useRef } from 'react';
import { useT } from '../shared/i18n';

export interface TransferPickerProps {
  number: string;
  targets: { id: string; name: string; prefix: string }[];
  onPick: (queueId: string) => void;
  onCancel: () => void;
}

export function TransferPicker({ number, targets, onPick, onCancel }: TransferPickerProps) {
  const t = useT();
  const first = useRef<HTMLButtonElement>(null);
  const latest = useRef({ targets, onPick, onCancel });
  useEffect(() => {
    latest.current = { targets, onPick, onCancel };
  });

  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      const { targets: list, onPick: pick, onCancel: cancel } = latest.current;
      if (e.key === 'Escape' || e.key === 'F6') {
        e.preventDefault();
        cancel();
        return;
      }
      const n = Number.parseInt(e.key, 10);
      if (Number.isInteger(n) && n >= 1 && n <= list.length) {
        e.preventDefault();
        pick(list[n - 1]!.id);
        return;
      }
      // Other command keys do nothing while the picker is open.
      if (/^F\d+$/.test(e.key) || e.key === ' ') {
        if (e.key !== ' ' || !(document.activeElement instanceof HTMLButtonElement)) e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="counter-modal" role="dialog" aria-modal="true" aria-labelledby="transfer-title" data-testid="transfer-picker">
      <div className="counter-modal-box">
        <h2 id="transfer-title">{t('counterPage.transferTitle', { number })}</h2>
        {targets.length ? (
          <ol className="counter-transfer-list">
            {targets.map((target, i) => (
              <li key={target.id}>
                <button
                  type="button"
                  ref={i === 0 ? first : undefined}
                  onClick={() => onPick(target.id)}
                  data-testid="transfer-target"
                  data-queue-id={target.id}
                >
                  <kbd>{i + 1}</kbd>
                  <span className="number">{target.prefix}</span>
                  <span>{target.name}</span>
                </button>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('counterPage.transferNone')}</p>
        )}
        <p className="counter-muted">{t('counterPage.transferHint')}</p>
        <button type="button" className="big-button secondary" onClick={onCancel} data-testid="transfer-cancel">
          {t('action.cancel')}
        </button>
      </div>
    </div>
  );
}
