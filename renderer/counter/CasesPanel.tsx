// The counter's 办件 panel (docs/service-records.md): 首问登记 (this counter owns the case until
// it hands it over), 容缺受理 with a written promise (what is missing, how many working days;
// the 告知书 prints on a kiosk's printer), the follow-up of any case found by its code or
// ticket number (材料已补齐 at any counter), 办结 and 移交 by the owner, 限时办结 warnings, the
// help the current ticket got (帮办代办, 代为办理), and complaint / 上门服务 intake by phone.
import { useEffect, useState } from 'react';
import { useHallView } from '../shared/hooks/useHallView';
import type { CounterViewDTO, HallInfoDTO } from '../../hall/api/dto';
import type { ReplyOf } from '../../hall/api/contract';
import type { PageConnection } from '../shared/page/connection';
import { useT, type MessageKey } from '../shared/i18n';
import { ApiError } from '../shared/api/errors';
import { CounterDialog } from './CounterDialog';
import { CaseFacts, Choice, ComplaintForm, Field, FormFrame, HomeVisitForm, lastDay } from '../shared/records/RecordForms';
import '../shared/records/records.css';

type CasesReply = ReplyOf<'counterCases'>;
type Case = CasesReply['cases'][number];
type Dialog = { kind: 'open' } | { kind: 'pending'; c: Case } | { kind: 'handover'; c: Case } | { kind: 'complaint' } | { kind: 'visit' };

const RECORD_EVENTS = ['case_', 'ticket_assisted'];

export function CasesPanel({ connection, counterId, data }: { connection: PageConnection; counterId: string; data: CounterViewDTO }) {
  const t = useT();
  const { client, live } = connection;
  const [found, setFound] = useState<Case[] | null>(null);
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [hall, setHall] = useState<HallInfoDTO | null>(null);
  const currentId = data.current?.id ?? null;

  // Reloaded on case events and when the current ticket changes (its help is shown).
  const view = useHallView<CasesReply>((signal) => client.call('counterCases', { params: { counterId }, signal }), {
    live,
    key: `cases:${counterId}:${currentId ?? ''}`,
    accept: (n) => n.kind === 'resync' || RECORD_EVENTS.some((p) => n.event.type.startsWith(p)),
    pollMs: 60_000,
  });
  const mine = view.data;
  const reload = async () => view.reload();

  /** Runs one request; says what happened; reloads the lists. */
  const act = async (request: () => Promise<string | null>) => {
    try {
      const text = await request();
      setMessage(text ? { ok: true, text } : null);
      setDialog(null);
    } catch (err) {
      setMessage({ ok: false, text: t('records.failed', { message: err instanceof ApiError ? err.message : String(err) }) });
    }
    await reload();
    if (query.trim()) setFound((await client.call('counterCases', { params: { counterId }, query: { q: query.trim() } })).cases);
  };
  const caseAction = (c: Case, route: 'caseSupplied' | 'caseAccept' | 'caseComplete') => act(async () => (await client.call(route, { params: { counterId, caseId: c.id }, body: {} }), null));
  const needHall = async () => setHall(hall ?? (await client.call('hall', {})));

  const search = async () => {
    if (!query.trim()) return setFound(null);
    setFound((await client.call('counterCases', { params: { counterId }, query: { q: query.trim() } })).cases);
  };

  const assist = mine?.currentAssist;
  return (
    <section className="records-panel" data-testid="cases-panel">
      <h2>{t('records.title')}</h2>
      <div className="records-actions">
        <button type="button" className="big-button secondary" onClick={() => setDialog({ kind: 'open' })} data-testid="case-open">
          {t('records.open')}
        </button>
        <button type="button" className="big-button secondary" onClick={() => setDialog({ kind: 'complaint' })} data-testid="counter-complaint">
          {t('records.complaint')}
        </button>
        <button type="button" className="big-button secondary" onClick={() => void needHall().then(() => setDialog({ kind: 'visit' }))} data-testid="counter-home-visit">
          {t('records.homeVisit')}
        </button>
        {data.current ? (
          <>
            <button type="button" onClick={() => void act(async () => (await client.call('counterAssist', { params: { counterId }, body: { kind: 'proxy_handle' } }), null))} data-testid="mark-proxy-handle">
              {t('records.markProxy')}
            </button>
            <button type="button" onClick={() => void act(async () => (await client.call('counterAssist', { params: { counterId }, body: { kind: 'proxy_auth' } }), null))} data-testid="mark-proxy-auth">
              {t('records.markAuth')}
            </button>
          </>
        ) : null}
      </div>
      {assist ? (
        <p data-testid="current-assist" data-kinds={assist.kinds.join(',')}>
          {t('records.assist')}：{t('records.assistBy', { name: assist.staffName, kinds: assist.kinds.map((k) => t(`records.assist.${k}` as MessageKey)).join('、') })}
        </p>
      ) : null}
      {message ? (
        <p className={`records-feedback ${message.ok ? 'counter-feedback-ok' : 'counter-feedback-error'}`} role="status" data-testid="cases-message" data-ok={String(message.ok)}>
          {message.text}
        </p>
      ) : null}
      <FormFrame className="records-actions" onSend={() => void search()}>
        <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('records.search')} aria-label={t('records.search')} data-testid="case-search" />
        <button type="submit" data-testid="case-search-submit">
          {t('records.searchButton')}
        </button>
      </FormFrame>
      {found ? <CaseList title={t('records.found')} cases={found} counterId={counterId} onAction={caseAction} onDialog={setDialog} testId="cases-found" empty={t('records.notFound')} /> : null}
      <CaseList title={t('records.mine')} cases={mine?.cases ?? []} counterId={counterId} onAction={caseAction} onDialog={setDialog} testId="cases-mine" empty={t('records.none')} />

      {dialog?.kind === 'open' ? (
        <QuestionDialog onCancel={() => setDialog(null)} onSubmit={(question) => void act(async () => t('records.code', { code: (await client.call('caseOpen', { params: { counterId }, body: { question } })).code }))} />
      ) : null}
      {dialog?.kind === 'pending' ? (
        <PendingDialog
          c={dialog.c}
          onCancel={() => setDialog(null)}
          onSubmit={(missing, workingDays) =>
            void act(async () => {
              const r = await client.call('caseAcceptPending', { params: { counterId, caseId: dialog.c.id }, body: { missing, workingDays } });
              return r.print.status === 'printed' || r.print.status === 'sending' ? t('records.printed', { code: r.case.code, date: lastDay(r.case.materialsDueAt!) }) : t('records.notPrinted', { message: r.print.message ?? r.print.code ?? '' });
            })
          }
        />
      ) : null}
      {dialog?.kind === 'handover' ? <HandOverDialog client={client} c={dialog.c} counterId={counterId} onCancel={() => setDialog(null)} onDone={(p) => void act(p)} /> : null}
      {dialog?.kind === 'complaint' ? (
        <CounterDialog title={t('complaint.title')} testId="complaint-dialog" onCancel={() => setDialog(null)}>
          <ComplaintForm
            testId="counter-complaint-form"
            onSubmit={(body) =>
              void act(async () => {
                const r = await client.call('counterComplaint', { params: { counterId }, body });
                return t('complaint.done', { code: r.code, date: lastDay(r.replyDueAt) });
              })
            }
          />
        </CounterDialog>
      ) : null}
      {dialog?.kind === 'visit' && hall ? (
        <CounterDialog title={t('homeVisit.title')} testId="visit-dialog" onCancel={() => setDialog(null)}>
          <HomeVisitForm matters={hall.matters} testId="counter-visit-form" onSubmit={(body) => void act(async () => t('homeVisit.done', { code: (await client.call('counterHomeVisit', { params: { counterId }, body })).code }))} />
        </CounterDialog>
      ) : null}
    </section>
  );
}

function CaseList(props: { title: string; cases: Case[]; counterId: string; empty: string; testId: string; onAction: (c: Case, route: 'caseSupplied' | 'caseAccept' | 'caseComplete') => void; onDialog: (d: Dialog) => void }) {
  const t = useT();
  const { cases, counterId } = props;
  return (
    <>
      <h3>{props.title}</h3>
      {cases.length === 0 ? <p className="counter-muted">{props.empty}</p> : null}
      <ul className="records-list" data-testid={props.testId}>
        {cases.map((c) => {
          const owner = c.ownerCounterId === counterId;
          return (
            <li key={c.id} data-testid="case-row" data-code={c.code} data-status={c.status} data-limit-state={c.limitState ?? ''} data-owner={c.ownerCounterId}>
              <strong>{t('records.code', { code: c.code })}</strong>
              <CaseFacts c={c} />
              {c.status === 'open' && owner ? (
                <>
                  <button type="button" onClick={() => props.onDialog({ kind: 'pending', c })} data-testid="case-accept-pending">
                    {t('records.acceptPending')}
                  </button>
                  <button type="button" onClick={() => props.onAction(c, 'caseAccept')} data-testid="case-accept">
                    {t('records.accept')}
                  </button>
                </>
              ) : null}
              {c.status === 'pending_materials' ? (
                <button type="button" onClick={() => props.onAction(c, 'caseSupplied')} data-testid="case-supplied">
                  {t('records.supplied')}
                </button>
              ) : null}
              {(c.status === 'accepted' || c.status === 'open') && owner ? (
                <button type="button" onClick={() => props.onAction(c, 'caseComplete')} data-testid="case-complete">
                  {t('records.complete')}
                </button>
              ) : null}
              {c.status !== 'completed' && c.status !== 'withdrawn' && owner ? (
                <button type="button" onClick={() => props.onDialog({ kind: 'handover', c })} data-testid="case-hand-over">
                  {t('records.handOver')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function QuestionDialog({ onSubmit, onCancel }: { onSubmit: (question: string) => void; onCancel: () => void }) {
  const t = useT();
  const [question, setQuestion] = useState('');
  return (
    <CounterDialog title={t('records.openTitle')} testId="case-open-dialog" onCancel={onCancel}>
      <FormFrame onSend={() => onSubmit(question.trim())}>
        <label>
          {t('records.question')}
          <textarea value={question} onChange={(e) => setQuestion(e.target.value)} rows={3} minLength={2} maxLength={300} required data-testid="case-question" />
        </label>
        <button type="submit" className="big-button" data-testid="case-open-submit">
          {t('records.submit')}
        </button>
      </FormFrame>
    </CounterDialog>
  );
}

/** One missing material per non-empty line. */
const missingLines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

function PendingDialog({ c, onSubmit, onCancel }: { c: Case; onSubmit: (missing: string[], workingDays: number) => void; onCancel: () => void }) {
  const t = useT();
  const [missing, setMissing] = useState('');
  const [days, setDays] = useState(5);
  return (
    <CounterDialog title={t('records.acceptPendingTitle')} testId="case-pending-dialog" onCancel={onCancel}>
      <FormFrame onSend={() => onSubmit(missingLines(missing), days)}>
        <p>{t('records.code', { code: c.code })}</p>
        <label>
          {t('records.missing')}
          <textarea value={missing} onChange={(e) => setMissing(e.target.value)} rows={3} required data-testid="case-missing" />
        </label>
        <Field label={t('records.workingDays')} type="number" min={1} max={60} value={days} onValue={(v) => setDays(Number(v))} testId="case-days" />
        <button type="submit" className="big-button" data-testid="case-pending-submit">
          {t('records.submit')}
        </button>
      </FormFrame>
    </CounterDialog>
  );
}

function HandOverDialog(props: { client: PageConnection['client']; c: Case; counterId: string; onCancel: () => void; onDone: (request: () => Promise<string | null>) => void }) {
  const t = useT();
  const [counters, setCounters] = useState<HallInfoDTO['counters']>([]);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    void props.client.call('hall', {}).then((h) => setCounters(h.counters.filter((x) => x.id !== props.counterId)));
  }, [props.client, props.counterId]);
  return (
    <CounterDialog title={t('records.handOverTitle')} testId="case-handover-dialog" onCancel={props.onCancel}>
      <FormFrame onSend={() => props.onDone(async () => (await props.client.call('caseHandOver', { params: { counterId: props.counterId, caseId: props.c.id }, body: { toCounterId: to, note: note.trim() } }), null))}>
        <Choice label={t('records.handOverTo')} value={to} onValue={setTo} options={counters.map((x) => ({ id: x.id, label: `${t('counter.numbered', { number: x.number })} ${x.name}` }))} testId="case-handover-to" blank />
        <Field label={t('records.handOverNote')} value={note} onValue={setNote} minLength={2} maxLength={200} required testId="case-handover-note" />
        <button type="submit" className="big-button" data-testid="case-handover-submit">
          {t('records.submit')}
        </button>
      </FormFrame>
    </CounterDialog>
  );
}
