// 办件、投诉、上门服务与帮办代办 on the admin page (docs/service-records.md): cases whose promised
// time limit (限时办结) or 容缺 promise date is near or past first; on-site complaints with their
// reply deadline and the manager's reply; 上门服务 requests to schedule, assign and complete;
// today's 帮办代办 counts. Contacts arrive masked from the hall.
import { useState } from 'react';
import type { BodyOf, ReplyOf } from '../../hall/api/contract';
import { useT, type MessageKey } from '../shared/i18n';
import { describeError } from '../shared/api/errors';
import { useHallView } from '../shared/hooks/useHallView';
import { formatHm, wallClock } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { CaseFacts, Choice, Field, FormFrame, lastDay } from '../shared/records/RecordForms';
import { useRecordAction } from '../shared/records/useRecordAction';
import '../shared/records/records.css';
import { DateField } from './forms/DateField';
import { TimeField } from './forms/TimeField';
import { dayOfInstant } from '../shared/format/calendar-day';
import { hallNow } from '../shared/hooks/hallClock';

type Records = { cases: ReplyOf<'adminCases'>; complaints: ReplyOf<'adminComplaints'>; visits: ReplyOf<'adminHomeVisits'>; assists: ReplyOf<'adminAssists'> };
const RECORD_EVENTS = ['case_', 'complaint_', 'home_visit_', 'ticket_assisted'];

export function ServiceRecordsPanel({ connection, sessionToken }: { connection: PageConnection; sessionToken: string }) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<Records>(
    async (signal) => {
      const [cases, complaints, visits, assists] = await Promise.all([
        client.call('adminCases', { signal }),
        client.call('adminComplaints', { signal }),
        client.call('adminHomeVisits', { signal }),
        client.call('adminAssists', { signal }),
      ]);
      return { cases, complaints, visits, assists };
    },
    { live, key: `records:${sessionToken}`, accept: (n) => n.kind === 'resync' || RECORD_EVENTS.some((p) => n.event.type.startsWith(p)), pollMs: 60_000 },
  );
  const { problem, act } = useRecordAction(view.reload);
  const [assisted, setAssisted] = useState<ReplyOf<'guideAssist'> | null>(null);
  const data = view.data;
  if (!data) return <section className="admin-card">{view.error ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : <p className="admin-muted">{t('app.loading')}</p>}</section>;
  const counts = data.assists.counts;
  return (
    <section className="admin-card" data-testid="admin-records">
      <h2>{t('admin.records')}</h2>
      {problem ? (
        <p role="alert" className="admin-bad" data-testid="admin-records-problem">
          {problem}
        </p>
      ) : null}
      <AssistForm onAssist={(body) => act(async () => setAssisted(await client.call('guideAssist', { body })))} />
      {assisted ? (
        <p role="status" data-testid="admin-assisted" data-number={assisted.number} data-kinds={assisted.kinds.join(',')}>
          {t('admin.records.assisted', { number: assisted.number, name: assisted.staffName })}
        </p>
      ) : null}
      <p data-testid="admin-assist-counts" data-accompany={counts.accompany} data-proxy-auth={counts.proxy_auth} data-proxy-handle={counts.proxy_handle}>
        {t('admin.records.assists', counts)}
      </p>

      <h3>{t('admin.records.cases')}</h3>
      <ul className="records-list" data-testid="admin-cases">
        {data.cases.cases.map((c) => (
          <li key={c.id} data-testid="admin-case-row" data-code={c.code} data-status={c.status} data-limit-state={c.limitState ?? ''}>
            <strong>{c.code}</strong>
            <CaseFacts c={c} />
          </li>
        ))}
      </ul>

      <h3>{t('admin.records.complaints')}</h3>
      <ul className="records-list" data-testid="admin-complaints">
        {data.complaints.map((c) => (
          <li key={c.id} data-testid="admin-complaint-row" data-code={c.code} data-status={c.status} data-late={String(c.late)}>
            <strong>{c.code}</strong>
            <span>{t(`complaint.category.${c.category}` as MessageKey)}</span>
            <span>{c.content}</span>
            {c.contact ? <span>{[c.contact.name, c.contact.phone].filter(Boolean).join(' ')}</span> : null}
            <span>{t('admin.records.replyDue', { date: lastDay(c.replyDueAt) })}</span>
            {c.late ? <span className="records-limit-overdue">{t('admin.records.late')}</span> : null}
            {c.status === 'replied' ? <span>{t('admin.records.replied', { reply: c.reply ?? '' })}</span> : <ReplyForm onReply={(reply) => void act(() => client.call('replyComplaint', { params: { complaintId: c.id }, body: { reply } }))} />}
          </li>
        ))}
      </ul>

      <h3>{t('admin.records.visits')}</h3>
      <ul className="records-list" data-testid="admin-visits">
        {data.visits.visits.map((v) => (
          <li key={v.id} data-testid="admin-visit-row" data-code={v.code} data-status={v.status}>
            <strong>{v.code}</strong>
            <span>{v.matterName}</span>
            <span>{v.reason}</span>
            <span>
              {v.contact.name} {v.contact.phone} {v.contact.address}
            </span>
            <span>{t(`admin.records.visit.${v.status}` as MessageKey)}</span>
            {v.scheduledAt ? <span>{`${lastDay(v.scheduledAt + 1)} ${formatHm(v.scheduledAt)} ${v.assignedStaffName ?? ''}`}</span> : null}
            {v.status === 'requested' ? <ScheduleForm staff={data.visits.staff} onSchedule={(at, staffId) => void act(() => client.call('homeVisitAction', { params: { visitId: v.id }, body: { action: 'schedule', at, staffId } }))} /> : null}
            {v.status === 'scheduled' ? <ReplyForm label={t('admin.records.completeVisit')} placeholder={t('admin.records.outcome')} testId="visit-outcome" onReply={(outcome) => void act(() => client.call('homeVisitAction', { params: { visitId: v.id }, body: { action: 'complete', outcome } }))} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 帮办代办 by a guide at this terminal: the guide's number and PIN, the visitor's ticket (or none: a ticket for the help-and-agency counter), 代为认证/代为办理. */
function AssistForm({ onAssist }: { onAssist: (body: BodyOf<'guideAssist'>) => Promise<void> }) {
  const t = useT();
  const [staffNo, setStaffNo] = useState('');
  const [pin, setPin] = useState('');
  const [number, setNumber] = useState('');
  const [proxy, setProxy] = useState('');
  const send = () => {
    const body = { staffNo: staffNo.trim(), pin, ...(number.trim() ? { number: number.trim() } : {}), ...(proxy ? { proxy: proxy as 'proxy_auth' | 'proxy_handle' } : {}) };
    void onAssist(body).then(() => setPin(''));
  };
  const kinds = (['proxy_auth', 'proxy_handle'] as const).map((k) => ({ id: k, label: t(`records.assist.${k}`) }));
  return (
    <FormFrame className="records-actions" testId="assist-form" onSend={send}>
      <Field label={t('admin.records.guideNo')} value={staffNo} onValue={setStaffNo} required testId="assist-staff-no" />
      <Field label={t('admin.records.guidePin')} type="password" value={pin} onValue={setPin} required testId="assist-pin" />
      <Field label={t('admin.records.ticketNumber')} value={number} onValue={setNumber} testId="assist-number" />
      <Choice label={t('records.assist')} value={proxy} onValue={setProxy} options={[{ id: '', label: t('records.assist.accompany') }, ...kinds]} testId="assist-proxy" />
      <button type="submit" data-testid="assist-submit">
        {t('admin.records.assistSubmit')}
      </button>
    </FormFrame>
  );
}

function ReplyForm({ onReply, label, placeholder, testId = 'complaint-reply' }: { onReply: (text: string) => void; label?: string; placeholder?: string; testId?: string }) {
  const t = useT();
  const [text, setText] = useState('');
  return (
    <FormFrame className="records-actions" onSend={() => onReply(text.trim())}>
      <Field label={placeholder ?? t('admin.records.replyPlaceholder')} value={text} onValue={setText} minLength={2} required testId={testId} />
      <button type="submit" data-testid={`${testId}-submit`}>
        {label ?? t('admin.records.reply')}
      </button>
    </FormFrame>
  );
}

/** "2026-11-24T10:00" read in the hall's local time (its UTC offset, as every time on this page), to epoch ms. */
function hallLocalInstant(text: string): number {
  const epoch = wallClock(0); // the hall's wall clock at 1970-01-01T00:00Z gives its offset
  const offsetMinutes = (epoch.day === 1 ? 0 : -1440) + epoch.hours * 60 + epoch.minutes;
  return Date.parse(`${text}:00Z`) - offsetMinutes * 60_000;
}

/** When and who: a Chinese date (from today on) and a 24-hour time, in the hall's local time. */
function ScheduleForm({ staff, onSchedule }: { staff: { id: string; name: string }[]; onSchedule: (at: number, staffId: string) => void }) {
  const t = useT();
  const today = dayOfInstant(hallNow());
  const [day, setDay] = useState(today);
  const [time, setTime] = useState('09:00');
  const [staffId, setStaffId] = useState('');
  return (
    <FormFrame className="records-actions admin-schedule-form" onSend={() => onSchedule(hallLocalInstant(`${day}T${time}`), staffId)}>
      <DateField label={t('forms.visitDay')} value={day} onValue={setDay} min={today} testId="visit-when" />
      <TimeField label={t('admin.records.when')} value={time} onValue={setTime} testId="visit-time" />
      <Choice label={t('admin.records.staff')} value={staffId} onValue={setStaffId} options={staff.map((s) => ({ id: s.id, label: s.name }))} testId="visit-staff" blank />
      <button type="submit" data-testid="visit-schedule">
        {t('admin.records.schedule')}
      </button>
    </FormFrame>
  );
}
