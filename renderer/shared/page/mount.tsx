// Starts a page: applies the persisted large-type mode and the document language, then
// renders inside an error boundary that shows plain words (and reloads itself) instead of
// a blank screen or a stack trace.
import { Component, StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { getLocale, t, type MessageKey } from '../i18n';
import { applyLargeTypeClass } from '../i18n/largeType';
import { ErrorMessage } from '../components/ErrorMessage';
import '../styles/base.css';

interface BoundaryState {
  failed: boolean;
}

/** A render crash: show the fault in words and reload after a pause (kiosks run unattended). */
class PageErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('page crashed', error);
    this.timer = setTimeout(() => window.location.reload(), 10_000);
  }

  override componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <div className="page-crash">
          <ErrorMessage message="error.internal" onRetry={() => window.location.reload()} />
        </div>
      );
    }
    return this.props.children;
  }
}

export function mountPage(titleKey: MessageKey, app: ReactNode): void {
  applyLargeTypeClass();
  document.documentElement.lang = getLocale();
  document.title = t(titleKey);
  const root = document.getElementById('root');
  if (!root) throw new Error('page has no #root element');
  createRoot(root).render(
    <StrictMode>
      <PageErrorBoundary>{app}</PageErrorBoundary>
    </StrictMode>,
  );
}
