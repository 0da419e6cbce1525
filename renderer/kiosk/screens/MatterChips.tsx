// One-touch chips for the matters taken most often (MatterDTO.popularity over the last 30
// days; one per department among equals): a visitor who came for 社保卡 or 身份证 touches it
// without typing. A chip says the matter's common name (chipLabel) and carries its full name
// for screen readers (after the visible words); it does what a touch on the matter's row does. `inline`: one row without
// a heading, for the search row of a landscape kiosk (no extra height).
import { useMemo } from 'react';
import type { MatterDTO } from '../../../hall/api/dto';
import { useT } from '../../shared/i18n';
import { chipLabel, commonMatters } from '../../shared/search/matterSearch';

export interface MatterChipsProps {
  matters: readonly MatterDTO[];
  count: number;
  onPick: (m: MatterDTO) => void;
  disabled?: boolean | undefined;
  inline?: boolean;
}

export function MatterChips({ matters, count, onPick, disabled, inline = false }: MatterChipsProps) {
  const t = useT();
  const chips = useMemo(() => commonMatters(matters, count), [matters, count]);
  if (!chips.length) return null;
  return (
    <section className={`kiosk-chips ${inline ? 'kiosk-chips-inline' : ''}`} aria-label={t('kiosk.chips.title')} data-testid="matter-chips">
      {inline ? null : <p className="kiosk-chips-title">{t('kiosk.chips.title')}</p>}
      <div className="kiosk-chips-list">
        {chips.map((m) => (
          <button type="button" key={m.id} className="kiosk-chip" onClick={() => onPick(m)} disabled={disabled} title={m.name} data-testid="matter-chip" data-matter-id={m.id}>
            {chipLabel(m, matters)}
            {/* The accessible name starts with the visible words (WCAG 2.5.3), then the full name. */}
            {chipLabel(m, matters) === m.name ? null : <span className="visually-hidden">（{m.name}）</span>}
          </button>
        ))}
      </div>
    </section>
  );
}
