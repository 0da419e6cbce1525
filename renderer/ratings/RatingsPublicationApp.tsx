// The public 评价公示 page (/ratings/?from=YYYY-MM-DD&to=YYYY-MM-DD; default this month): the
// hall's satisfaction for the period per counter, per matter and for the self-service zone,
// from the hall's one computation (hall/ratings/publication.ts) — the same figures as the hall
// display's strip and the manager's reports. Public: no token, no personal data.
import { useEffect, useState } from 'react';
import type { RatingPublicationDTO } from '../../hall/api/dto';
import type { ApiClient } from '../shared/api/client';
import { describeError } from '../shared/api/errors';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { LargeTypeToggle } from '../shared/components/LargeTypeToggle';
import { formatHm } from '../shared/format/time';
import { useT } from '../shared/i18n';
import { publicationRows, type PublicationGroup, type ShownRow } from '../shared/rating/publicationRows';
import { RowFigures, RowName } from '../shared/rating/PublicationRow';

export function readPeriod(search: string): { from?: string; to?: string } {
  const params = new URLSearchParams(search);
  const period: { from?: string; to?: string } = {};
  const from = params.get('from');
  const to = params.get('to');
  if (from) period.from = from;
  if (to) period.to = to;
  return period;
}

const GROUPS: readonly { group: PublicationGroup; title: 'publication.hall' | 'publication.counters' | 'publication.selfService' | 'publication.matters' }[] = [
  { group: 'hall', title: 'publication.hall' },
  { group: 'counters', title: 'publication.counters' },
  { group: 'selfService', title: 'publication.selfService' },
  { group: 'matters', title: 'publication.matters' },
];

export function RatingsPublicationApp({ client, search }: { client: ApiClient; search: string }) {
  const t = useT();
  const [state, setState] = useState<{ data: RatingPublicationDTO | null; error: unknown }>({ data: null, error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    client
      .call('ratingPublication', { signal: abort.signal, query: readPeriod(search) })
      .then((data) => setState({ data, error: null }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState((prev) => ({ ...prev, error }));
      });
    return () => abort.abort();
  }, [client, search, attempt]);

  const { data, error } = state;
  const rows = data ? publicationRows(data) : [];
  return (
    <div className="pub">
      <header className="pub-header">
        <span>
          {data?.hallName ?? ''} {t('publication.title')}
        </span>
        <LargeTypeToggle />
      </header>
      <main className="pub-main" data-testid="publication">
        {error && !data ? <ErrorMessage message={describeError(error)} onRetry={() => setAttempt((n) => n + 1)} testId="publication-error" /> : null}
        {!data && !error ? <p className="loading">{t('app.loading')}</p> : null}
        {data ? (
          <>
            <p className="pub-period" data-testid="publication-period">
              {t('publication.period', { from: data.from, to: data.to })} · {t('publication.updated', { time: formatHm(data.at) })}
            </p>
            {data.hall.rated + data.hall.notRated === 0 ? <p>{t('publication.empty')}</p> : null}
            {GROUPS.map(({ group, title }) => {
              const inGroup = rows.filter((r) => r.group === group);
              return inGroup.length ? (
                <section key={group} className="pub-group" data-testid={`publication-${group}`}>
                  <h2>{t(title)}</h2>
                  <ul>
                    {inGroup.map((shown) => (
                      <Row key={shown.row.id} shown={shown} />
                    ))}
                  </ul>
                </section>
              ) : null;
            })}
            <p className="pub-rule">{t('publication.rule')}</p>
          </>
        ) : null}
      </main>
    </div>
  );
}

function Row({ shown }: { shown: ShownRow }) {
  return (
    <li className="pub-row" data-testid="publication-row" data-id={shown.row.id}>
      <span className="pub-name">
        <RowName shown={shown} />
      </span>
      <RowFigures shown={shown} />
    </li>
  );
}
