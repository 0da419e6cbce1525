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

export interface ReloadingBoundaryProps {
  children: ReactNode;
  /** What is shown instead, in plain words (an ErrorMessage whose retry reloads the page). */
  fallback: ReactNode;
  reloadMs: number;
}

/**
 * A render crash below it (or a lazy chunk that cannot be fetched): shows `fallback` and
 * reloads the page after `reloadMs` (kiosks run unattended).
 */
export class ReloadingBoundary extends Component<ReloadingBoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('page crashed', error);
    this.timer = setTimeout(() => window.location.reload(), this.props.reloadMs);
  }

  override componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
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
      <ReloadingBoundary
        reloadMs={10_000}
        fallback={
          <div className="page-crash">
            <ErrorMessage message="error.internal" onRetry={() => window.location.reload()} />
          </div>
        }
      >
        {app}
      </ReloadingBoundary>
    </StrictMode>,
  );
}
