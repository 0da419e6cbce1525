// The frame of every counter dialog (特呼, 挂起, 恢复, 过号重排, 转窗): modal, Esc cancels,
// and the workspace's command keys do nothing while it is open (the workspace checks
// that a dialog is open; here F-keys and a stray Space outside fields are swallowed).
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../shared/i18n';
import { isTypingTarget } from './keys';

export interface CounterDialogProps {
  title: string;
  testId: string;
  onCancel: () => void;
  children: ReactNode;
  /** Extra keys (digits picking an item…); return true when handled. */
  onKey?: (e: KeyboardEvent) => boolean;
}

export function CounterDialog({ title, testId, onCancel, children, onKey }: CounterDialogProps) {
  const t = useT();
  const latest = useRef({ onCancel, onKey });
  useEffect(() => {
    latest.current = { onCancel, onKey };
  });
  useEffect(() => {
    const handler = (e: KeyboardEvent) => {
      // The key that opened this dialog reaches this listener too (the workspace handled it
      // in the capture phase and prevented its default): it must not also act in here.
      if (e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        latest.current.onCancel();
        return;
      }
      if (latest.current.onKey?.(e)) {
        e.preventDefault();
        return;
      }
      if (/^F\d+$/.test(e.key)) e.preventDefault();
      else if (e.key === ' ' && !isTypingTarget(e.target as HTMLElement | null) && !(document.activeElement instanceof HTMLButtonElement)) e.preventDefault();
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);
  return (
    <div className="counter-modal" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
      <div className="counter-modal-box">
        <h2>{title}</h2>
        {children}
        <div className="counter-dialog-footer">
          <span className="counter-muted">{t('counterDialog.escHint')}</span>
          <button type="button" className="big-button secondary" onClick={onCancel} data-testid={`${testId}-cancel`}>
            {t('action.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Digit keys 1–9 outside a text field pick the n-th of `count` items. */
export function digitPick(e: KeyboardEvent, count: number): number | null {
  if (isTypingTarget(e.target as HTMLElement | null) || e.ctrlKey || e.altKey || e.metaKey) return null;
  const n = Number.parseInt(e.key, 10);
  return Number.isInteger(n) && n >= 1 && n <= Math.min(9, count) ? n - 1 : null;
}
