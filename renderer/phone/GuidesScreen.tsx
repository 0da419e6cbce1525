// A hall's 办事指南 on the phone, from the catalog central publishes to the hall
// (central/phone/guide-routes.ts): find a matter by name, then read its whole guide on one
// scrolling page — the same entries as the kiosk and the LAN /guide/ page (GuidePageView).
// Contract: shows only what central answers; a matter without a guide is said plainly.
import { useEffect, useMemo, useState } from 'react';
import type { GuideDTO, MatterGuideDTO } from '../../hall/api/dto';
import { useT, type MessageKey } from '../shared/i18n';
import { GuidePageView } from '../kiosk/screens/GuideEntries';
import { guidePages } from '../kiosk/screens/GuidePages';
import { CentralError, centralApi, type GuideMatch } from './central-api';

type Load<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'failed'; message: MessageKey };

/** Central's catalog item in the shape the guide views read (materials: mandatory ones first, as printed). */
export function asMatterGuide(code: string, version: number, guide: GuideDTO): MatterGuideDTO {
  const materials = [...guide.materials].sort((a, b) => Number(b.required) - Number(a.required));
  return { matterId: code, matterCode: code, catalogVersion: version, syncedAt: null, materials, guide };
}

function GuideDetail({ hallId, code, back }: { hallId: string; code: string; back(): void }) {
  const t = useT();
  const [load, setLoad] = useState<Load<MatterGuideDTO>>({ state: 'loading' });
  useEffect(() => {
    // Mounted once per matter (key={code}): the first state is already 'loading'.
    const abort = new AbortController();
    centralApi.guide(hallId, code, abort.signal).then(
      (r) => setLoad({ state: 'ok', value: asMatterGuide(r.code, r.version, r.guide as GuideDTO) }),
      (err: unknown) => {
        if (!abort.signal.aborted) setLoad({ state: 'failed', message: err instanceof CentralError && err.status === 404 ? 'phone.guides.notFound' : 'phone.unreachable' });
      },
    );
    return () => abort.abort();
  }, [hallId, code]);
  const pages = useMemo(() => (load.state === 'ok' ? guidePages(load.value, Number.MAX_SAFE_INTEGER) : []), [load]);
  return (
    <section className="tp-card ph-guide" data-testid="phone-guide" data-state={load.state}>
      <button type="button" className="ph-secondary" onClick={back} data-testid="phone-guide-back">
        {t('phone.guides.back')}
      </button>
      {load.state === 'loading' ? <p>{t('phone.loading')}</p> : null}
      {load.state === 'failed' ? <p role="alert">{t(load.message)}</p> : null}
      {load.state === 'ok' ? (
        <>
          <h2 data-testid="phone-guide-title">{load.value.guide.name}</h2>
          <p className="ph-meta">{t('kiosk.guide.meta', { code: load.value.matterCode, version: load.value.catalogVersion })}</p>
          {pages.map((page) => (
            <div key={page.section} className="ph-guide-section">
              <h3>{t(`kiosk.guide.section.${page.section}` as MessageKey)}</h3>
              <GuidePageView page={page} />
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}

export function GuidesScreen({ hallId, initialCode }: { hallId: string; initialCode: string | null }) {
  const t = useT();
  const [code, setCode] = useState<string | null>(initialCode);
  const [q, setQ] = useState('');
  const [list, setList] = useState<Load<GuideMatch[]>>({ state: 'loading' });

  useEffect(() => {
    if (code) return undefined;
    const abort = new AbortController();
    // A pause after typing so each keystroke over a slow link does not cost a request.
    const timer = setTimeout(() => {
      centralApi.guides(hallId, q.trim(), abort.signal).then(
        (r) => setList({ state: 'ok', value: r.matters }),
        () => {
          if (!abort.signal.aborted) setList({ state: 'failed', message: 'phone.unreachable' });
        },
      );
    }, q ? 400 : 0);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [hallId, q, code]);

  if (code) return <GuideDetail key={code} hallId={hallId} code={code} back={() => setCode(null)} />;
  return (
    <section className="tp-card ph-guides" data-testid="phone-guides">
      <h2>{t('phone.guides.title')}</h2>
      <input className="ph-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('phone.guides.search')} aria-label={t('phone.guides.search')} data-testid="phone-guide-search" />
      {list.state === 'loading' ? <p>{t('phone.loading')}</p> : null}
      {list.state === 'failed' ? <p role="alert">{t(list.message)}</p> : null}
      {list.state === 'ok' && list.value.length === 0 ? <p>{t(q ? 'phone.guides.none' : 'phone.guides.empty')}</p> : null}
      {list.state === 'ok' ? (
        <ul className="ph-guide-list">
          {list.value.map((m) => (
            <li key={m.code}>
              <button type="button" onClick={() => setCode(m.code)} data-testid="phone-guide-item" data-code={m.code}>
                {m.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
