// The hall display's 评价公示 strip (002 第三十二条; 004 第二十八条): this month's satisfaction
// of the hall, each counter, the self-service zone and each matter, one row at a time in turns.
// It lives in the footer: it never covers the calls, the spotlight or the counters' numbers.
// Figures come from the public route (hall/ratings/publication.ts, the one computation),
// refreshed when a rating is recorded.
import { useEffect, useState } from 'react';
import type { RatingPublicationDTO } from '../../hall/api/dto';
import type { PageConnection } from '../shared/page/connection';
import { useHallView } from '../shared/hooks/useHallView';
import { useT } from '../shared/i18n';
import { publicationRows } from '../shared/rating/publicationRows';
import { RowFigures, RowName } from '../shared/rating/PublicationRow';

/** How long each row stays on screen. */
export const PUBLICATION_TURN_MS = 8_000;

export function PublicationPanel({ connection, turnMs = PUBLICATION_TURN_MS }: { connection: PageConnection; turnMs?: number }) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<RatingPublicationDTO>((signal) => client.call('ratingPublication', { signal }), {
    live,
    key: 'publication',
    enabled: connection.token !== null,
    pollMs: 300_000,
    minIntervalMs: 5_000,
    accept: (n) => n.kind === 'resync' || n.event.type === 'rating_recorded',
  });
  const [turn, setTurn] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTurn((n) => n + 1), turnMs);
    return () => clearInterval(timer);
  }, [turnMs]);

  if (!view.data) return null;
  const rows = publicationRows(view.data);
  const shown = rows[turn % rows.length]!;
  return (
    <section className="display-publication" aria-label={t('publication.title')} data-testid="display-publication" data-row={`${shown.group}:${shown.row.id}`}>
      <span className="display-publication-title">
        {t('publication.title')} · {t('publication.period', { from: view.data.from, to: view.data.to })}
      </span>
      <span className="display-publication-name">
        <RowName shown={shown} />
      </span>
      <RowFigures shown={shown} />
    </section>
  );
}
