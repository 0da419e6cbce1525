// The manager's service desk (issue 13, docs/service-desk.md): configuration warnings (no
// 办不成事反映窗口, no leader on duty), today's leader on duty on site, every 办不成事 case with
// the leader's answer (or a form to record it), today's counts of the kiosk's offers when
// numbers ran out, and the pause notices — posted here in advance with a reason category and
// the time service resumes, shown on the hall display and the kiosks.
import { useState } from 'react';
import type { ServiceDeskDTO, ServiceNoticesDTO, UnresolvedCaseDTO } from '../../hall/api/dto';
import type { PageConnection } from '../shared/page/connection';
import { useT, type MessageKey } from '../shared/i18n';
import { ApiError, describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { hallNow } from '../shared/hooks/hallClock';
import { formatHm } from '../shared/format/time';
import { PauseNoticeFields, noticeTimes, type PauseNoticeValues } from '../shared/components/PauseNoticeFields';
import '../shared/styles/service-desk.css';

const OFFERS = ['unresolved_counter', 'next_day_booking', 'guide_help'] as const;
const DESK_EVENTS = /^(unresolved_case_|cap_offer_taken|service_notice_)/;

export function ServiceDeskPanel({ connection, sessionToken, counters, queues }: { connection: PageConnection; sessionToken: string; counters: { id: string; number: number; name: string }[]; queues: { id: string; name: string }[] }) {
  const t = useT();
  const { client, live } = connection;
  const [failure, setFailure] = useState<string | null>(null);
  const desk = useHallView<ServiceDeskDTO>((signal) => client.call('serviceDesk', { signal }), {
    live,
    key: `service-desk:${sessionToken}`,
    accept: (n) => n.kind === 'resync' || DESK_EVENTS.test(n.event.type),
  });
  const notices = useHallView<ServiceNoticesDTO>((signal) => client.call('serviceNotices', { signal }), {
    live,
    key: `service-notices:${sessionToken}`,
    accept: (n) => n.kind === 'resync' || n.event.type.startsWith('service_notice_'),
  });
  const act = async (request: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await request();
      desk.reload();
      notices.reload();
    } catch (err) {
      setFailure(t('admin.serviceDesk.failed', { message: err instanceof ApiError ? err.message : t(describeError(err)) }));
    }
  };

  const data = desk.data;
  return (
    <section className="admin-card" data-testid="admin-service-desk">
      <h2>{t('admin.serviceDesk')}</h2>
      {failure ? (
        <p role="alert" data-testid="service-desk-failure">
          {failure}
        </p>
      ) : null}
      {data ? (
        <>
          {data.warnings.map((w) => (
            <p key={w.code} className="admin-warning" role="alert" data-testid="service-desk-warning" data-code={w.code}>
              {t(`admin.serviceDesk.warning.${w.code}` as MessageKey)}
            </p>
          ))}
          <p data-testid="service-desk-leader">{data.leaderOnDuty ? t('admin.serviceDesk.leader', { name: data.leaderOnDuty.name, post: data.leaderOnDuty.post }) : t('admin.serviceDesk.noLeader')}</p>
          <h3>{t('admin.serviceDesk.capOffers')}</h3>
          <ul data-testid="service-desk-cap-offers">
            {OFFERS.map((o) => (
              <li key={o} data-offer={o} data-count={data.capOffersToday[o]}>
                {t(`admin.serviceDesk.capOffer.${o}`)}：{data.capOffersToday[o]}
              </li>
            ))}
          </ul>
          <h3>{t('admin.serviceDesk.cases')}</h3>
          {data.cases.length === 0 ? <p className="admin-muted">{t('admin.serviceDesk.noCases')}</p> : null}
          {data.cases.map((c) => (
            <CaseRow key={c.caseId} c={c} onAnswer={(answer) => act(() => client.call('answerUnresolvedCase', { params: { caseId: c.caseId }, body: { answer } }))} />
          ))}
        </>
      ) : null}
      <h3>{t('admin.serviceDesk.notices')}</h3>
      <ul data-testid="service-desk-notices">
        {(notices.data?.notices ?? []).map((n) => (
          <li key={n.noticeId} data-testid="service-desk-notice">
            {n.counterNumber !== null ? t('notices.counter', { counter: n.counterNumber }) : (n.queueName ?? n.queueId)} · {n.reasonLabel} · {formatHm(n.startsAt)}–{formatHm(n.resumesAt)}{' '}
            <button type="button" onClick={() => void act(() => client.call('withdrawServiceNotice', { params: { noticeId: n.noticeId }, body: {} }))}>
              {t('admin.serviceDesk.noticeWithdraw')}
            </button>
          </li>
        ))}
      </ul>
      {notices.data?.notices.length === 0 ? <p className="admin-muted">{t('admin.serviceDesk.noNotices')}</p> : null}
      <NoticeForm
        counters={counters}
        queues={queues}
        reasons={notices.data?.reasons ?? []}
        onPost={(body) => act(() => client.call('postServiceNotice', { body }))}
      />
    </section>
  );
}

function CaseRow({ c, onAnswer }: { c: UnresolvedCaseDTO; onAnswer: (answer: string) => Promise<void> }) {
  const t = useT();
  const [answer, setAnswer] = useState('');
  return (
    <div className="service-desk-case" data-testid="service-desk-case" data-case-id={c.caseId} data-answered={String(c.answer !== null)}>
      <p>{t('admin.serviceDesk.case', { counter: c.counterNumber, time: formatHm(c.recordedAt), staff: c.staffName ?? '' })}</p>
      <p data-testid="service-desk-case-summary">{c.summary}</p>
      {c.matterName ? <p>{t('admin.serviceDesk.caseMatter', { matter: c.matterName })}</p> : null}
      {c.ticketNumber ? <p>{t('admin.serviceDesk.caseTicket', { number: c.ticketNumber })}</p> : null}
      <p>{c.escalatedTo ? t('admin.serviceDesk.escalated', { name: `${c.escalatedTo.name}（${c.escalatedTo.post}）` }) : t('admin.serviceDesk.notEscalated')}</p>
      {c.answer ? (
        <p data-testid="service-desk-case-answer">{t('admin.serviceDesk.answered', { name: c.answer.staffName, time: formatHm(c.answer.at), text: c.answer.text })}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void onAnswer(answer);
          }}
        >
          <label className="admin-field">
            {t('admin.serviceDesk.answer')}
            <textarea value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder={t('admin.serviceDesk.answerPlaceholder')} data-testid="service-desk-answer" />
          </label>
          <button type="submit" data-testid="service-desk-answer-send">
            {t('admin.serviceDesk.answerSend')}
          </button>
        </form>
      )}
    </div>
  );
}

function NoticeForm({
  counters,
  queues,
  reasons,
  onPost,
}: {
  counters: { id: string; number: number; name: string }[];
  queues: { id: string; name: string }[];
  reasons: { id: string; label: string }[];
  onPost: (body: { counterId: string | null; queueId: string | null; reasonId: string; startsAt: number; resumesAt: number }) => Promise<void>;
}) {
  const t = useT();
  const [target, setTarget] = useState('');
  const [values, setValues] = useState<PauseNoticeValues>({ reasonId: '', inMinutes: 30, minutes: 60 });
  const submit = () => {
    const [kind, id] = target.split(':');
    void onPost({ counterId: kind === 'counter' ? id! : null, queueId: kind === 'queue' ? id! : null, reasonId: values.reasonId || reasons[0]?.id || '', ...noticeTimes(values, hallNow()) });
  };
  return (
    <form
      className="service-desk-notice-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label>
        {t('admin.serviceDesk.noticeTarget')}
        <select value={target} onChange={(e) => setTarget(e.target.value)} required data-testid="notice-target">
          <option value="" />
          {counters.map((c) => (
            <option key={c.id} value={`counter:${c.id}`}>
              {t('notices.counter', { counter: c.number })} {c.name}
            </option>
          ))}
          {queues.map((q) => (
            <option key={q.id} value={`queue:${q.id}`}>
              {q.name}
            </option>
          ))}
        </select>
      </label>
      <PauseNoticeFields reasons={reasons} values={values} onChange={setValues} testId="notice" />
      <button type="submit" data-testid="notice-post">
        {t('admin.serviceDesk.noticePost')}
      </button>
    </form>
  );
}
