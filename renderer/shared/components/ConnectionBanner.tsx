import { useT } from '../i18n';
import { WifiOffIcon } from './Icons';

/** Shown while the hall is unreachable; the page keeps retrying and recovers by itself. */
export function ConnectionBanner({ show }: { show: boolean }) {
  const t = useT();
  if (!show) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      <WifiOffIcon />
      <span>
        {t('connection.lost')} <small>{t('connection.lostHint')}</small>
      </span>
    </div>
  );
}
