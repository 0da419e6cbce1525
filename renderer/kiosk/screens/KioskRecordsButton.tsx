// 投诉 / 上门服务 at the kiosk (docs/service-records.md): one touch in the header opens a screen
// where a visitor files an on-site complaint (现场投诉, 004 第二十七条(一)) or asks for a home
// visit for someone who cannot come (上门服务, 000 第二十九条(二)). The hall answers with the code
// and, for a complaint, the date of the reply. The kiosk remounts it (a new key) per visitor.
import { useState } from 'react';
import type { HallInfoDTO } from '../../../hall/api/dto';
import type { PageConnection } from '../../shared/page/connection';
import { useT } from '../../shared/i18n';
import { ApiError } from '../../shared/api/errors';
import { ComplaintForm, HomeVisitForm, lastDay } from '../../shared/records/RecordForms';
import '../../shared/records/records.css';

type Tab = 'complaint' | 'visit';

export function KioskRecordsButton({ connection, matters }: { connection: PageConnection; matters: HallInfoDTO['matters'] }) {
  const t = useT();
  const { client } = connection;
  const [tab, setTab] = useState<Tab | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async (request: () => Promise<string>) => {
    try {
      setResult({ ok: true, text: await request() });
    } catch (err) {
      setResult({ ok: false, text: t('records.failed', { message: err instanceof ApiError ? err.message : String(err) }) });
    }
  };
  const close = () => {
    setTab(null);
    setResult(null);
  };
  return (
    <>
      <button type="button" className="kiosk-tool" onClick={() => setTab('complaint')} data-testid="kiosk-records-open">
        {t('kioskRecords.open')}
      </button>
      {tab ? (
        <div className="kiosk-overlay" role="dialog" aria-modal="true" data-testid="kiosk-records" style={{ position: 'fixed', inset: 0, background: '#fff', zIndex: 50, padding: '2rem', overflow: 'auto' }}>
          <div className="records-actions">
            <button type="button" aria-pressed={tab === 'complaint'} onClick={() => (setTab('complaint'), setResult(null))} data-testid="kiosk-records-complaint">
              {t('complaint.title')}
            </button>
            <button type="button" aria-pressed={tab === 'visit'} onClick={() => (setTab('visit'), setResult(null))} data-testid="kiosk-records-visit">
              {t('homeVisit.title')}
            </button>
            <button type="button" onClick={close} data-testid="kiosk-records-close">
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
            <HomeVisitForm matters={matters} testId="kiosk-visit-form" onSubmit={(body) => void send(async () => t('homeVisit.done', { code: (await client.call('kioskHomeVisit', { body })).code }))} />
          )}
        </div>
      ) : null}
    </>
  );
}
