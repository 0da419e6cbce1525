// Who the ticket will be for: "已识别身份证" with the masked name and number the hall sent
// (or the masked form of a number typed by hand), the elderly green-channel badge, and a
// cancel that forgets it all.
import { useT } from '../../shared/i18n';
import { maskIdNumber } from '../../shared/identity/idNumber';
import { PriorityIcon } from '../../shared/components/Icons';
import type { Identity } from '../realName';

export function IdentityBanner({ identity, onCancel }: { identity: Identity; onCancel: () => void }) {
  const t = useT();
  if (identity.kind === 'none') return null;
  const card = identity.kind === 'card' ? identity.card : null;
  return (
    <section
      className="kiosk-identity"
      data-testid={card ? 'card-identity' : 'manual-identity'}
      data-green={card ? String(card.greenChannel) : 'false'}
      aria-live="polite"
    >
      <div className="kiosk-identity-text">
        <p className="kiosk-identity-title">{card ? t('kiosk.card.recognized') : t('kiosk.manual.entered')}</p>
        {card ? (
          <p>
            <span className="kiosk-identity-label">{t('kiosk.card.name')}</span> <strong data-testid="card-identity-name">{card.maskedName}</strong>
          </p>
        ) : null}
        <p>
          <span className="kiosk-identity-label">{t('kiosk.card.number')}</span>{' '}
          <strong className="number" data-testid="identity-number">
            {card ? card.maskedIdNumber : maskIdNumber(identity.kind === 'manual' ? identity.idNumber : '')}
          </strong>
        </p>
      </div>
      {card?.greenChannel ? (
        <p className="kiosk-badge kiosk-badge-green kiosk-identity-green" data-testid="card-green">
          <PriorityIcon width="1.2em" height="1.2em" /> {t('kiosk.card.elderly')}
          <span className="kiosk-identity-green-hint">{t('kiosk.card.elderlyHint')}</span>
        </p>
      ) : null}
      <button type="button" className="big-button secondary kiosk-identity-cancel" onClick={onCancel} data-testid="identity-cancel">
        {t('kiosk.card.cancel')}
      </button>
    </section>
  );
}
