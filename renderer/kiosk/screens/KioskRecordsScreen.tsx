// The kiosk's 投诉 / 上门服务 screen (opened from KioskRecordsButton; loaded when first opened,
// lazyScreens.tsx): a visitor files an on-site complaint (现场投诉, 004 第二十七条(一)) or asks
// for a home visit for someone who cannot come (上门服务, 000 第二十九条(二)). The hall answers
// with the code and, for a complaint, the date of the reply.
import { useState } from 'react';
import type { HallInfoDTO } from '../../../hall/api/dto';
import type { PageConnection } from '../../shared/page/connection';
import { useT } from '../../shared/i18n';
import { useLocalName } from '../../shared/i18n/names';
import { ApiError } from '../../shared/api/errors';
import { ComplaintForm, HomeVisitForm, lastDay } from '../../shared/records/RecordForms';
import '../../shared/records/records.css';
import './records-screen.css';

type Tab = 'complaint' | 'visit';

export interface KioskRecordsScreenProps {
  client: PageConnection['client'];
  matters: HallInfoDTO['matters'];
  onClose: () => void;
}

export function KioskRecordsScreen({ client, matters, onClose }: KioskRecordsScreenProps) {
  const t = useT();
  const localName = useLocalName();
  const [tab, setTab] = useState<Tab>('complaint');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async (request: () => Promise<string>) => {
    try {
      setResult({ ok: true, text: await request() });
    } catch (err) {
      setResult({ ok: false, text: t('records.failed', { message: err instanceof ApiError ? err.message : String(err) }) });
    }
  };
  const show = (next: Tab) => {
    setTab(next);
    setResult(null);
  };
  return (
    <div className="kiosk-overlay kiosk-records-screen" role="dialog" aria-modal="true" aria-label={t('kioskRecords.open')} data-testid="kiosk-records">
      <div className="records-actions">
        <button type="button" aria-pressed={tab === 'complaint'} onClick={() => show('complaint')} data-testid="kiosk-records-complaint">
          {t('complaint.title')}
        </button>
        <button type="button" aria-pressed={tab === 'visit'} onClick={() => show('visit')} data-testid="kiosk-records-visit">
          {t('homeVisit.title')}
        </button>
        <button type="button" onClick={onClose} data-testid="kiosk-records-close">
          {t('kioskRecords.back')}
        </button>
      </div>
      {result ? (
        <p role="status" className={result.ok ? 'counter-feedback-ok' : 'counter-feedback-error'} data-testid="kiosk-records-result" data-ok={String(result.ok)}>
          {result.text}
        </p>
      ) : tab === 'complaint' ? (
        <ComplaintForm
          testId="kiosk-complaint-form"
          onSubmit={(body) =>
            void send(async () => {
              const r = await client.call('kioskComplaint', { body });
              return t('complaint.done', { code: r.code, date: lastDay(r.replyDueAt) });
            })
          }
        />
      ) : (
        <HomeVisitForm matters={matters.map((m) => ({ id: m.id, name: localName(m.name, m.names) }))} testId="kiosk-visit-form" onSubmit={(body) => void send(async () => t('homeVisit.done', { code: (await client.call('kioskHomeVisit', { body })).code }))} />
      )}
    </div>
  );
}
