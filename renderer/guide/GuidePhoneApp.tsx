// A matter's 办事指南 on a visitor's phone, opened from the QR code on the kiosk's guide
// screen (/guide/?matter=…): the same guide the kiosk shows (GET /public/matters/{id}/guide),
// every section on one scrolling page, so the visitor takes the materials list home.
// Contract: shows only what the hall answers — an unknown matter or a guide the hall does
// not have is said plainly, never guessed.
import { useEffect, useMemo, useState } from 'react';
import type { MatterGuideDTO } from '../../hall/api/dto';
import { useT, type MessageKey } from '../shared/i18n';
import type { ApiClient } from '../shared/api/client';
import { ApiError } from '../shared/api/errors';
import { LargeTypeToggle } from '../shared/components/LargeTypeToggle';
import { GuidePageView } from '../kiosk/screens/GuideEntries';
import { guidePages } from '../kiosk/screens/GuidePages';

export function readGuideAddress(search: string): string | null {
  return new URLSearchParams(search).get('matter')?.trim() || null;
}

type Load = { state: 'loading' } | { state: 'ok'; dto: MatterGuideDTO } | { state: 'failed'; message: MessageKey };

export function GuidePhoneApp({ client, matterId }: { client: ApiClient; matterId: string | null }) {
  const t = useT();
  const [load, setLoad] = useState<Load>(matterId ? { state: 'loading' } : { state: 'failed', message: 'guidePage.missingMatter' });

  useEffect(() => {
    if (!matterId) return undefined;
    const abort = new AbortController();
    client
      .call('phoneGuide', { params: { matterId }, signal: abort.signal })
      .then((dto) => setLoad({ state: 'ok', dto }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        const notFound = error instanceof ApiError && (error.code === 'guide_not_available' || error.code === 'unknown_matter');
        setLoad({ state: 'failed', message: notFound ? 'guidePage.notFound' : 'guidePage.unreachable' });
      });
    return () => abort.abort();
  }, [client, matterId]);

  // One page for everything: a phone scrolls.
  const pages = useMemo(() => (load.state === 'ok' ? guidePages(load.dto, Number.MAX_SAFE_INTEGER) : []), [load]);

  return (
    <main className="guide-phone" data-testid="guide-phone" data-state={load.state}>
      <header className="guide-phone-header">
        <p className="guide-phone-kicker">{t('guidePage.title')}</p>
        <LargeTypeToggle />
      </header>
      {load.state === 'loading' ? <p>{t('guidePage.loading')}</p> : null}
      {load.state === 'failed' ? (
        <p className="guide-phone-problem" role="alert" data-testid="guide-phone-problem">
          {t(load.message)}
        </p>
      ) : null}
      {load.state === 'ok' ? (
        <>
          <h1 data-testid="guide-title">{load.dto.guide.name}</h1>
          <p className="guide-phone-meta">{t('kiosk.guide.meta', { code: load.dto.matterCode, version: load.dto.catalogVersion })}</p>
          {load.dto.origin === 'hall' ? <p className="guide-phone-meta">{t('guidePage.origin.hall')}</p> : null}
          {pages.map((page) => (
            <div key={page.section} className="guide-phone-section">
              <h2>{t(`kiosk.guide.section.${page.section}` as MessageKey)}</h2>
              <GuidePageView page={page} />
            </div>
          ))}
        </>
      ) : null}
    </main>
  );
}
