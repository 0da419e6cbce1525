import { useT, type MessageKey } from '../../shared/i18n';
import { ErrorMessage } from '../../shared/components/ErrorMessage';
import { NavBar } from './NavBar';

/** Issuing failed: what happened in plain words, and the way back. */
export function IssueErrorScreen({ message, onBack, onHome }: { message: MessageKey; onBack: () => void; onHome: () => void }) {
  const t = useT();
  return (
    <main className="kiosk-screen kiosk-issue-error" data-testid="kiosk-error">
      <h1 className="kiosk-title">{t('kiosk.error.title')}</h1>
      <ErrorMessage message={message} testId="kiosk-error-message" />
      <NavBar onBack={onBack} onHome={onHome} />
    </main>
  );
}
