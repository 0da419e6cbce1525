import { useT } from '../../shared/i18n';
import { BackIcon, HomeIcon } from '../../shared/components/Icons';

/** Back and home, always at the same place at the bottom of every inner screen. */
export function NavBar({ onBack, onHome }: { onBack?: () => void; onHome: () => void }) {
  const t = useT();
  return (
    <nav className="kiosk-nav">
      {onBack ? (
        <button type="button" className="big-button secondary kiosk-nav-button" onClick={onBack} data-testid="kiosk-back">
          <BackIcon width="1.2em" height="1.2em" /> {t('action.back')}
        </button>
      ) : (
        <span />
      )}
      <button type="button" className="big-button secondary kiosk-nav-button" onClick={onHome} data-testid="kiosk-home">
        <HomeIcon width="1.2em" height="1.2em" /> {t('action.home')}
      </button>
    </nav>
  );
}
