// What the kiosk's first load leaves out (issue 14: cold load to a touchable 取号 under 0.5 s):
// every screen but the start screen comes from a chunk of its own, fetched when first shown.
// The main path's chunk (screens/steps.ts) is also fetched as soon as the start screen is up
// and the browser is idle, so 取号 → departments never waits on the network; the guide, the
// records screen and the hall-closed screens are fetched when a visitor asks for them.
// Danger: a chunk that cannot be fetched (the hall went away between two touches) must not
// blank the kiosk — LazyScreen says so in plain words and reloads the page after a pause.
import { Suspense, lazy, type ComponentType, type ReactNode } from 'react';
import { useT } from '../shared/i18n';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { ReloadingBoundary } from '../shared/page/mount';

/** One fetch per chunk, shared by every screen it holds and by the prefetch. */
function chunk<M>(load: () => Promise<M>): () => Promise<M> {
  let pending: Promise<M> | null = null;
  return () => (pending ??= load());
}

function screen<P extends object>(pick: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await pick() }));
}

const steps = chunk(() => import('./screens/steps'));
const guide = chunk(() => import('./screens/guide'));

export const DepartmentScreen = screen(() => steps().then((m) => m.DepartmentScreen));
export const MattersScreen = screen(() => steps().then((m) => m.MattersScreen));
export const TicketScreen = screen(() => steps().then((m) => m.TicketScreen));
export const CheckInScreen = screen(() => steps().then((m) => m.CheckInScreen));
export const ManualIdScreen = screen(() => steps().then((m) => m.ManualIdScreen));
export const GreenStaffScreen = screen(() => steps().then((m) => m.GreenStaffScreen));
export const GreenCategoryScreen = screen(() => steps().then((m) => m.GreenCategoryScreen));
export const IssueErrorScreen = screen(() => steps().then((m) => m.IssueErrorScreen));
export const CapOfferPanel = screen(() => steps().then((m) => m.CapOfferPanel));
export const GuideScreen = screen(() => guide().then((m) => m.GuideScreen));
export const GuideDepartmentScreen = screen(() => guide().then((m) => m.GuideDepartmentScreen));
export const GuideMattersScreen = screen(() => guide().then((m) => m.GuideMattersScreen));
export const ModeScreen = screen(() => import('./screens/ModeScreen').then((m) => m.ModeScreen));
export const KioskRecordsScreen = screen(() => import('./screens/KioskRecordsScreen').then((m) => m.KioskRecordsScreen));

/** Fetch the main path's screens once the browser has nothing better to do. */
export function prefetchMainPath(): () => void {
  const run = () => void steps().catch(() => undefined); // a failure shows when the screen is asked for
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(run, { timeout: 300 });
    return () => window.cancelIdleCallback(id);
  }
  const timer = setTimeout(run, 200);
  return () => clearTimeout(timer);
}

/** How long a screen that failed to load is explained before the page reloads itself. */
const RELOAD_MS = 5000;

function Loading() {
  const t = useT();
  return <p className="loading">{t('app.loading')}</p>;
}

/** Where a lazy screen is shown: a loading line (or `fallback`) while it comes, plain words if it cannot. */
export function LazyScreen({ children, fallback = <Loading /> }: { children: ReactNode; fallback?: ReactNode }) {
  return (
    <ReloadingBoundary
      reloadMs={RELOAD_MS}
      fallback={
        <main className="kiosk-screen">
          <ErrorMessage message="error.unreachable" onRetry={() => window.location.reload()} testId="kiosk-screen-failed" />
        </main>
      }
    >
      <Suspense fallback={fallback}>{children}</Suspense>
    </ReloadingBoundary>
  );
}
