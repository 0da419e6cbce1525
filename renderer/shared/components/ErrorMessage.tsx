import type { ReactNode } from 'react';
import { useT, type MessageKey, type MessageParams } from '../i18n';
import { WarningIcon } from './Icons';

export interface ErrorMessageProps {
  message: MessageKey;
  params?: MessageParams;
  title?: MessageKey;
  onRetry?: () => void;
  testId?: string;
  children?: ReactNode;
}

/** A fault in plain words with what to do next; never a code or a stack trace. */
export function ErrorMessage({ message, params, title, onRetry, testId = 'error-message', children }: ErrorMessageProps) {
  const t = useT();
  return (
    <div className="error-message" role="alert" data-testid={testId} data-message-key={message}>
      <WarningIcon />
      <div>
        {title ? <p className="error-title">{t(title)}</p> : null}
        <p>{t(message, params)}</p>
        {children}
        {onRetry ? (
          <button type="button" className="big-button secondary" onClick={onRetry}>
            {t('error.retry')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
