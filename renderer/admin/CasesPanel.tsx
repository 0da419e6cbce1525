// 差评回访整改 on the admin page (docs/bad-rating-cases.md): every open 差评 case with its
// deadlines (回访, 整改) and their state, the step it waits for, and the form of that step —
// name the 回访 staff member, record the 回访, 整改 or 解释说明, the manager's review, the decision
// on a counter's appeal with the hall's own record. The visitor's contact is fetched on demand
// and shown only to the staff member named for the 回访 (the hall refuses anyone else).
import { useState } from 'react';
import type { ReplyOf } from '../../hall/api/contract';
import { useT, type MessageKey } from '../shared/i18n';
import { describeError } from '../shared/api/errors';
import { useRecordAction } from '../shared/records/useRecordAction';
import { useHallView } from '../shared/hooks/useHallView';
import { formatHm, wallClock } from '../shared/format/time';
import type { PageConnection } from '../shared/page/connection';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { Choice, Field, FormFrame } from '../shared/records/RecordForms';
import '../shared/records/records.css';
import './cases.css';

type Cases = ReplyOf<'adminBadRatingCases'>;
type BadRatingCaseDTO = Cases['cases'][number];

/** "12-08 17:00" in the hall's time; a deadline at midnight reads as the end of the day before ("12-22 24:00"). */
function dayTime(at: number): string {
  const midnight = formatHm(at) === '00:00';
  const w = wallClock(midnight ? at - 1 : at);
  return `${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')} ${midnight ? '24:00' : formatHm(at)}`;
}

export function CasesPanel({ connection, sessionToken, staffId }: { connection: PageConnection; sessionToken: string; staffId: string }) {
  const t = useT();
  const { client, live } = connection;
  const view = useHallView<Cases>((signal) => client.call('adminBadRatingCases', { signal }), {
    live,
    key: `bad-cases:${sessionToken}`,
    accept: (n) => n.kind === 'resync' || n.event.type.startsWith('bad_rating_case_'),
    pollMs: 60_000,
  });
  const { problem, act } = useRecordAction(view.reload);
  const data = view.data;
  if (!data) return <section className="admin-card">{view.error ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : <p className="admin-muted">{t('app.loading')}</p>}</section>;
  const open = data.cases.filter((c) => c.status !== 'closed').length;
  return (
    <section className="admin-card bad-cases" data-testid="admin-bad-cases" aria-labelledby="bad-cases-title">
      <h2 id="bad-cases-title">
        {t('badCases.title')} <span className="bad-cases-count">{t('badCases.open', { count: open })}</span>
      </h2>
      <p className="admin-muted">{t('badCases.intro')}</p>
      {problem ? (
        <p role="alert" className="admin-bad" data-testid="bad-cases-problem">
          {problem}
        </p>
      ) : null}
      {data.cases.length === 0 ? <p className="admin-muted">{t('badCases.none')}</p> : null}
      <ul className="bad-cases-list">
        {data.cases.map((c) => (
          <CaseCard key={c.id} c={c} staff={data.staff} me={staffId} act={act} connection={connection} />
        ))}
      </ul>
    </section>
  );
}

function StageBadge({ label, state, testId }: { label: string; state: BadRatingCaseDTO['revisitState']; testId: string }) {
  const t = useT();
  return (
    <span className={`bad-cases-stage bad-cases-stage-${state}`} data-testid={testId} data-state={state}>
      {label} · {t(`badCases.stage.${state}` as MessageKey)}
    </span>
  );
}

function CaseCard({ c, staff, me, act, connection }: { c: BadRatingCaseDTO; staff: { id: string; name: string }[]; me: string; act: (r: () => Promise<unknown>) => Promise<void>; connection: PageConnection }) {
  const t = useT();
  const { client } = connection;
  const params = { caseId: c.id };
  const [phone, setPhone] = useState<string | null>(null);
  return (
    <li className={`bad-case bad-case-${c.status}`} data-testid="bad-case" data-code={c.code} data-status={c.status} data-rating-id={c.ratingId}>
      <div className="bad-case-head">
        <strong>{t('badCases.code', { code: c.code })}</strong>
        <span className="bad-case-level">{t(`badCases.level.${c.level}` as MessageKey)}</span>
        <span className="bad-case-status" data-testid="bad-case-status">
          {t(`badCases.status.${c.status}` as MessageKey)}
        </span>
        {c.escalated.revisit || c.escalated.rectify ? <span className="bad-cases-stage bad-cases-stage-overdue">{t('badCases.escalated')}</span> : null}
      </div>
      <div className="bad-case-facts">
        {c.ticketNumber ? <span>{t('badCases.ticket', { number: c.ticketNumber })}</span> : null}
        <span>{c.matterName}</span>
        {c.counterNumber !== null ? <span>{t('badCases.counter', { number: c.counterNumber })}</span> : null}
        {c.staffName ? <span>{t('badCases.staff', { name: c.staffName })}</span> : null}
        <span>{t('badCases.ratedAt', { time: dayTime(c.ratedAt) })}</span>
        {c.realName ? <span>{t('badCases.realName')}</span> : null}
        <span>{c.reasonTags.length ? t('badCases.tags', { tags: c.reasonTags.map((x) => x.label).join('、') }) : t('badCases.noTags')}</span>
      </div>
      <div className="bad-case-facts">
        <StageBadge label={t('badCases.revisitDue', { time: dayTime(c.revisitDueAt) })} state={c.revisitState} testId="bad-case-revisit-state" />
        <StageBadge label={t('badCases.rectifyDue', { time: dayTime(c.rectifyDueAt) })} state={c.rectifyState} testId="bad-case-rectify-state" />
        {c.assigneeName ? <span>{t('badCases.assignee', { name: c.assigneeName })}</span> : null}
        {c.hasContact ? <span>{t('badCases.hasContact')}</span> : null}
        {c.hasContact && c.assigneeStaffId === me ? (
          phone ? (
            <span data-testid="bad-case-contact">{t('badCases.contact', { phone })}</span>
          ) : (
            <button type="button" data-testid="bad-case-show-contact" onClick={() => void act(async () => setPhone((await client.call('badRatingCaseContact', { params })).phone))}>
              {t('badCases.showContact')}
            </button>
          )
        ) : null}
      </div>
      {c.revisit ? <p className="bad-case-line">{t('badCases.revisited', { name: c.revisit.staffName ?? c.revisit.staffId, time: dayTime(c.revisit.at), method: t(`badCases.method.${c.revisit.method}` as MessageKey), said: c.revisit.visitorSaid })}</p> : null}
      {c.resolution ? <p className="bad-case-line">{t(`badCases.resolution.${c.resolution.kind}` as MessageKey, { note: c.resolution.note })}</p> : null}
      {c.appeal ? <Appeal c={c} /> : null}
      {c.closure ? <p className="bad-case-line" data-testid="bad-case-closure">{t(`badCases.closure.${c.closure.outcome}` as MessageKey, { time: dayTime(c.closure.at), note: c.closure.note })}</p> : null}

      {c.status !== 'closed' ? <AssignForm staff={staff} onAssign={(staffId, tel) => void act(() => client.call('assignBadRatingCase', { params, body: { staffId, ...(tel ? { phone: tel } : {}) } }))} /> : null}
      {c.status === 'opened' ? <RevisitForm onRevisit={(method, visitorSaid) => void act(() => client.call('revisitBadRatingCase', { params, body: { method, visitorSaid } }))} /> : null}
      {c.status === 'revisited' ? <ResolveForm onResolve={(kind, note) => void act(() => client.call('resolveBadRatingCase', { params, body: { kind, note } }))} /> : null}
      {c.status === 'rectified' || c.status === 'explained' ? (
        <DecisionForm title={t('badCases.review')} noteLabel={t('badCases.reviewNote')} yes={t('badCases.approve')} no={t('badCases.return')} testId="bad-case-review" onDecide={(approve, note) => void act(() => client.call('reviewBadRatingCase', { params, body: { approve, note } }))} />
      ) : null}
      {c.status === 'appealed' ? (
        <DecisionForm title={t('badCases.decide')} noteLabel={t('badCases.decisionNote')} yes={t('badCases.uphold')} no={t('badCases.reject')} testId="bad-case-appeal" onDecide={(upheld, note) => void act(() => client.call('decideBadRatingAppeal', { params, body: { upheld, note } }))} />
      ) : null}
    </li>
  );
}

function Appeal({ c }: { c: BadRatingCaseDTO }) {
  const t = useT();
  const a = c.appeal!;
  return (
    <div className="bad-case-appeal">
      <p className="bad-case-line">{t('badCases.appealReason', { reason: a.reason })}</p>
      <p className="bad-case-line">{t('badCases.evidence')}</p>
      <ol className="bad-case-evidence" data-testid="bad-case-evidence">
        {a.evidence.map((e, i) => (
          <li key={i}>
            {formatHm(e.at)} {t(`badCases.evidence.${e.what}` as MessageKey)}
          </li>
        ))}
      </ol>
    </div>
  );
}

function AssignForm({ staff, onAssign }: { staff: { id: string; name: string }[]; onAssign: (staffId: string, phone: string) => void }) {
  const t = useT();
  const [staffId, setStaffId] = useState('');
  const [phone, setPhone] = useState('');
  return (
    <FormFrame className="records-actions bad-case-form" testId="bad-case-assign" onSend={() => onAssign(staffId, phone.trim())}>
      <Choice label={t('badCases.assignStaff')} value={staffId} onValue={setStaffId} options={staff.map((s) => ({ id: s.id, label: s.name }))} testId="bad-case-assign-staff" blank />
      <Field label={t('badCases.phone')} value={phone} onValue={setPhone} inputMode="tel" testId="bad-case-assign-phone" />
      <button type="submit" data-testid="bad-case-assign-submit">
        {t('badCases.assign')}
      </button>
    </FormFrame>
  );
}

function RevisitForm({ onRevisit }: { onRevisit: (method: 'phone' | 'sms' | 'in_person' | 'visit', said: string) => void }) {
  const t = useT();
  const [method, setMethod] = useState<'phone' | 'sms' | 'in_person' | 'visit'>('phone');
  const [said, setSaid] = useState('');
  const methods = (['phone', 'sms', 'in_person', 'visit'] as const).map((m) => ({ id: m, label: t(`badCases.method.${m}`) }));
  return (
    <FormFrame className="records-actions bad-case-form" testId="bad-case-revisit" onSend={() => onRevisit(method, said.trim())}>
      <Choice label={t('badCases.method')} value={method} onValue={(v) => setMethod(v as typeof method)} options={methods} testId="bad-case-revisit-method" />
      <Field label={t('badCases.visitorSaid')} value={said} onValue={setSaid} minLength={2} required testId="bad-case-revisit-said" />
      <button type="submit" data-testid="bad-case-revisit-submit">
        {t('badCases.revisit')}
      </button>
    </FormFrame>
  );
}

function ResolveForm({ onResolve }: { onResolve: (kind: 'rectified' | 'explained', note: string) => void }) {
  const t = useT();
  const [kind, setKind] = useState<'rectified' | 'explained'>('rectified');
  const [note, setNote] = useState('');
  const kinds = (['rectified', 'explained'] as const).map((k) => ({ id: k, label: t(`badCases.kind.${k}`) }));
  return (
    <FormFrame className="records-actions bad-case-form" testId="bad-case-resolve" onSend={() => onResolve(kind, note.trim())}>
      <Choice label={t('badCases.kind')} value={kind} onValue={(v) => setKind(v as typeof kind)} options={kinds} testId="bad-case-resolve-kind" />
      <Field label={t('badCases.resolutionNote')} value={note} onValue={setNote} minLength={5} required testId="bad-case-resolve-note" />
      <button type="submit" data-testid="bad-case-resolve-submit">
        {t('badCases.resolve')}
      </button>
    </FormFrame>
  );
}

function DecisionForm(p: { title: string; noteLabel: string; yes: string; no: string; testId: string; onDecide: (yes: boolean, note: string) => void }) {
  const [note, setNote] = useState('');
  const [yes, setYes] = useState(true);
  return (
    <FormFrame className="records-actions bad-case-form" testId={p.testId} onSend={() => p.onDecide(yes, note.trim())}>
      <strong className="bad-case-form-title">{p.title}</strong>
      <Field label={p.noteLabel} value={note} onValue={setNote} minLength={2} required testId={`${p.testId}-note`} />
      <button type="submit" data-testid={`${p.testId}-yes`} onClick={() => setYes(true)}>
        {p.yes}
      </button>
      <button type="submit" className="bad-case-secondary" data-testid={`${p.testId}-no`} onClick={() => setYes(false)}>
        {p.no}
      </button>
    </FormFrame>
  );
}
