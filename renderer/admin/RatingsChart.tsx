// Level distribution as a small horizontal bar chart in plain SVG. Every bar carries its
// word and its count as text: colour is never the only cue.
import type { RatingOutcome } from '../../hall/api/dto';
import { useT } from '../shared/i18n';
import { OUTCOMES } from './stats';

const colours: Record<RatingOutcome, string> = {
  very_satisfied: '#0a5c33',
  satisfied: '#2b7a17',
  basic: '#8a6d00',
  dissatisfied: '#b34700',
  very_dissatisfied: '#9b1c1c',
  not_rated: '#6b7480',
};

export function RatingsChart({ counts }: { counts: Record<RatingOutcome, number> }) {
  const t = useT();
  const max = Math.max(1, ...OUTCOMES.map((o) => counts[o]));
  const rowH = 34;
  const labelW = 110;
  const barW = 320;
  const height = OUTCOMES.length * rowH + 8;
  return (
    <figure className="admin-chart">
      <figcaption>{t('admin.ratings.chartTitle')}</figcaption>
      <svg viewBox={`0 0 ${labelW + barW + 60} ${height}`} role="img" aria-label={t('admin.ratings.chartLabel')} data-testid="ratings-chart">
        {OUTCOMES.map((o, i) => {
          const y = 4 + i * rowH;
          const w = Math.round((counts[o] / max) * barW);
          return (
            <g key={o} data-testid="ratings-bar" data-outcome={o} data-count={counts[o]}>
              <text x={labelW - 8} y={y + rowH / 2 + 6} textAnchor="end" fontSize="16" fill="#1a1a1a">
                {t(`rating.${o}`)}
              </text>
              <rect x={labelW} y={y + 5} width={Math.max(w, 2)} height={rowH - 12} rx="4" fill={colours[o]} />
              <text x={labelW + Math.max(w, 2) + 8} y={y + rowH / 2 + 6} fontSize="16" fontWeight="700" fill="#1a1a1a">
                {counts[o]}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
