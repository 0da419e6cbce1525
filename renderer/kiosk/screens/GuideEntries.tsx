// One page of a 办事指南 on the kiosk: the entries GuidePages.tsx put on it, in large type.
// Materials carry their number across pages, what to bring (originals, copies), whether
// they are mandatory or when they are needed, and who produces them. A heading is shown
// above the first entry of its kind on each page, so a page read on its own makes sense.
import type { ReactNode } from 'react';
import type { GuideDTO, GuideTimeLimitDTO } from '../../../hall/api/dto';
import { useT, type MessageKey, type Translate } from '../../shared/i18n';
import type { GuideEntry, GuidePage } from './GuidePages';

const sourceKey: Record<string, MessageKey> = {
  applicant: 'kiosk.guide.material.source.applicant',
  government: 'kiosk.guide.material.source.government',
  intermediary: 'kiosk.guide.material.source.intermediary',
  shared: 'kiosk.guide.material.source.shared',
};
const formatKey: Record<string, MessageKey> = {
  paper: 'kiosk.guide.material.format.paper',
  electronic: 'kiosk.guide.material.format.electronic',
  paper_or_electronic: 'kiosk.guide.material.format.paper_or_electronic',
};

export function timeLimitPhrase(t: Translate, limit: GuideTimeLimitDTO): string {
  if (limit.unit === 'immediate' || limit.value === 0) return t('kiosk.guide.time.immediate');
  const key: MessageKey = limit.unit === 'working_days' ? 'kiosk.guide.time.working_days' : limit.unit === 'natural_days' ? 'kiosk.guide.time.natural_days' : 'kiosk.guide.time.hours';
  return t(key, { value: limit.value });
}

export function GuidePageView({ page }: { page: GuidePage }) {
  const t = useT();
  return (
    <section className={`kiosk-guide-page kiosk-guide-${page.section}`} data-testid="guide-page" data-section={page.section}>
      {page.entries.map((entry, i) => (
        <Entry key={i} entry={entry} previous={page.entries[i - 1]} t={t} />
      ))}
    </section>
  );
}

function Entry({ entry: e, previous, t }: { entry: GuideEntry; previous: GuideEntry | undefined; t: Translate }): ReactNode {
  const firstOfKind = previous?.kind !== e.kind;
  switch (e.kind) {
    case 'applicants':
      return (
        <Block title={t('kiosk.guide.applicants')} testId="guide-applicants">
          <p>{e.objects.map((o) => t(o === 'person' ? 'kiosk.guide.object.person' : 'kiosk.guide.object.legal_person')).join('、')}</p>
        </Block>
      );
    case 'condition':
      return (
        <>
          {firstOfKind ? <h2 className="kiosk-guide-heading">{t('kiosk.guide.conditions')}</h2> : null}
          <p className="kiosk-guide-condition" data-testid="guide-condition">
            {e.text}
          </p>
        </>
      );
    case 'caseType':
      return (
        <Block title={t('kiosk.guide.caseType')}>
          <p>{t(e.caseType === 'immediate' ? 'kiosk.guide.caseType.immediate' : 'kiosk.guide.caseType.promised')}</p>
        </Block>
      );
    case 'materialsSummary':
      return (
        <p className="kiosk-guide-summary" data-testid="guide-materials-summary" data-total={e.total} data-required={e.required}>
          {t('kiosk.guide.materials.summary', { total: e.total, required: e.required })}
        </p>
      );
    case 'material': {
      const m = e.material;
      const counts = [m.originals > 0 ? t('kiosk.guide.material.originals', { count: m.originals }) : null, m.copies > 0 ? t('kiosk.guide.material.copies', { count: m.copies }) : null]
        .filter(Boolean)
        .join('、');
      const detail = [counts, t(sourceKey[m.source] ?? 'kiosk.guide.material.source.applicant'), t(formatKey[m.format] ?? 'kiosk.guide.material.format.paper'), m.spec ? t('kiosk.guide.material.spec', { spec: m.spec }) : null]
        .filter(Boolean)
        .join(' · ');
      return (
        <div className={`kiosk-guide-material ${m.required ? 'kiosk-guide-material-required' : 'kiosk-guide-material-optional'}`} data-testid="guide-material" data-number={e.number} data-required={String(m.required)}>
          <span className="kiosk-guide-material-number">{e.number}</span>
          <div className="kiosk-guide-material-body">
            <p className="kiosk-guide-material-name">
              <span data-testid="guide-material-name">{m.name}</span>
              <span className="kiosk-guide-material-badge">{t(m.required ? 'kiosk.guide.material.required' : 'kiosk.guide.material.optional')}</span>
            </p>
            <p className="kiosk-guide-material-detail">{detail}</p>
            {!m.required && m.condition ? <p className="kiosk-guide-material-when">{t('kiosk.guide.material.when', { condition: m.condition })}</p> : null}
            {m.notes ? <p className="kiosk-guide-material-detail">{t('kiosk.guide.material.notes', { notes: m.notes })}</p> : null}
          </div>
        </div>
      );
    }
    case 'acceptPending':
      return <p className="kiosk-guide-note">{t('kiosk.guide.acceptPending', { names: e.names.join('、') })}</p>;
    case 'timeLimits':
      return (
        <dl className="kiosk-guide-facts" data-testid="guide-time-limits">
          <dt>{t('kiosk.guide.timeLimits.statutory')}</dt>
          <dd>{timeLimitPhrase(t, e.timeLimits.statutory)}</dd>
          <dt>{t('kiosk.guide.timeLimits.promised')}</dt>
          <dd>{timeLimitPhrase(t, e.timeLimits.promised)}</dd>
        </dl>
      );
    case 'fees':
      return <Fees fees={e.fees} t={t} />;
    case 'place':
      return (
        <Block title={t(e.which === 'location' ? 'kiosk.guide.location' : 'kiosk.guide.hours')} testId={`guide-${e.which}`}>
          <p>{e.text}</p>
        </Block>
      );
    case 'phone':
      return (
        <Block title={t(e.which === 'enquiry' ? 'kiosk.guide.enquiry' : 'kiosk.guide.complaint')} testId={`guide-${e.which}`}>
          <p className="kiosk-guide-phone">{e.phone}</p>
          {e.other ? <p>{t('kiosk.guide.otherWay', { text: e.other })}</p> : null}
        </Block>
      );
  }
}

function Fees({ fees, t }: { fees: GuideDTO['fees']; t: Translate }) {
  return (
    <Block title={t('kiosk.guide.fees')} testId="guide-fees">
      {fees.charged && fees.items?.length ? (
        fees.items.map((f, i) => (
          <div key={i}>
            <p>{t('kiosk.guide.fees.item', { name: f.name, standard: f.standard })}</p>
            <p className="kiosk-guide-material-detail">{t('kiosk.guide.fees.basis', { basis: f.basis })}</p>
          </div>
        ))
      ) : (
        <p>{t('kiosk.guide.fees.free')}</p>
      )}
    </Block>
  );
}

function Block({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className="kiosk-guide-block" data-testid={testId}>
      <h2 className="kiosk-guide-heading">{title}</h2>
      {children}
    </div>
  );
}
