// One row of the 评价公示: whose (hall, counter, self-service zone, matter), satisfaction, counts.
import type { ShownRow } from './publicationRows';
import { percent } from './publicationRows';
import { useT } from '../i18n';

export function RowName({ shown }: { shown: ShownRow }) {
  const t = useT();
  const { group, row } = shown;
  if (group === 'counters') return <>{t('publication.counter', { number: row.counterNumber ?? 0, name: row.name })}</>;
  if (group === 'selfService') return <>{t('publication.selfService')}</>;
  return <>{row.name}</>;
}

export function RowFigures({ shown }: { shown: ShownRow }) {
  const t = useT();
  const { row } = shown;
  const p = percent(row);
  return (
    <>
      <span className="pub-satisfaction" data-testid="publication-satisfaction">
        {p === null ? t('publication.noRatings') : t('publication.satisfaction', { percent: p })}
      </span>
      <span className="pub-counts">
        {t('publication.rated', { count: row.rated })} · {t('publication.bad', { count: row.bad })} · {t('publication.notRated', { count: row.notRated })}
      </span>
    </>
  );
}
