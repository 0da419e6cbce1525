// One-touch chips for the matters taken most often (MatterDTO.popularity over the last 30
// days; the hall's order while nothing has been taken): a visitor who came for 社保卡 or
// 身份证 touches it without typing. A chip does what a touch on the matter's row does.
import { useMemo } from 'react';
import type { MatterDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { commonMatters } from '../../shared/search/matterSearch';

export function MatterChips({ matters, count, onPick, disabled }: { matters: readonly MatterDTO[]; count: number; onPick: (m: MatterDTO) => void; disabled?: boolean }) {
  const t = useT();
  const chips = useMemo(() => commonMatters(matters, count), [matters, count]);
  if (!chips.length) return null;
  return (
    <section className="kiosk-chips" aria-label={t('kiosk.chips.title')} data-testid="matter-chips">
      <p className="kiosk-chips-title">{t('kiosk.chips.title')}</p>
      <div className="kiosk-chips-list">
        {chips.map((m) => (
          <button type="button" key={m.id} className="kiosk-chip" onClick={() => onPick(m)} disabled={disabled} data-testid="matter-chip" data-matter-id={m.id}>
            {m.name}
          </button>
        ))}
      </div>
    </section>
  );
}
