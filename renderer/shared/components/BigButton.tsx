// A large touch/click target: label first, then an optional hint, the keyboard key, and —
// when disabled — the reason in words (a greyed-out button alone tells nobody anything).
import type { ReactNode } from 'react';

export interface BigButtonProps {
  label: ReactNode;
  sub?: ReactNode;
  icon?: ReactNode;
  keyHint?: ReactNode;
  disabledReason?: ReactNode;
  disabled?: boolean;
  variant?: 'primary' | 'secondary' | 'green' | 'danger';
  className?: string;
  testId?: string;
  onClick?: () => void;
  ariaLabel?: string;
  type?: 'button' | 'submit';
  dataAttrs?: Record<`data-${string}`, string>;
}

export function BigButton(props: BigButtonProps) {
  const { label, sub, icon, keyHint, disabledReason, disabled, variant = 'primary', className, testId, onClick, ariaLabel, type = 'button', dataAttrs } = props;
  const classes = ['big-button', variant === 'primary' ? '' : variant, className ?? ''].filter(Boolean).join(' ');
  return (
    <button
      type={type}
      className={classes}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
      aria-label={ariaLabel}
      {...dataAttrs}
    >
      {icon ? <span className="big-button-icon">{icon}</span> : null}
      <span className="big-button-label">{label}</span>
      {sub ? <span className="big-button-sub">{sub}</span> : null}
      {keyHint ? <kbd className="big-button-key">{keyHint}</kbd> : null}
      {disabled && disabledReason ? <span className="big-button-reason">{disabledReason}</span> : null}
    </button>
  );
}
