// 线上取号 on the phone page (docs/remote-tickets.md): pick a matter, give the ID number, take a
// remote ticket; then its page — the code and the QR to scan at the kiosk, the check-in window, its
// state, and once checked in the ticket's number, people ahead and counter (re-read every 5 s).
// The remote ticket's id and key stay in the address (`rt=`, `rk=`), so a reload comes back to it.
// Dangers: the ID number typed is personal data: sent once to central, the field is cleared after,
// never kept in the page or the address.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { useT, type MessageKey } from '../../shared/i18n';
import type { RemoteOptionsView, RemoteTicketPage } from '../../../protocol/central/remote-tickets';
import { CentralError } from '../central-api';
import type { PhoneContext } from '../extensions';
import { remoteApi } from './remote-api';

const REREAD_MS = 5_000;
const hhmm = (ms: number) => new Date(ms).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

function problemOf(err: unknown): MessageKey {
  if (err instanceof CentralError) {
    const known: Record<string, MessageKey> = {
      not_enabled: 'remoteTicket.error.not_enabled', outside_hours: 'remoteTicket.error.outside_hours', unknown_matter: 'remoteTicket.error.unknown_matter',
      identity_limit: 'remoteTicket.error.identity_limit', no_show_limit: 'remoteTicket.error.no_show_limit', hall_limit: 'remoteTicket.error.hall_limit',
      queue_share_full: 'remoteTicket.error.queue_share_full', invalid_id_number: 'remoteTicket.error.invalid_id_number',
    };
    if (known[err.code]) return known[err.code]!;
  }
  return 'remoteTicket.error.unreachable';
}

function held(): { id: string; key: string } | null {
  const p = new URLSearchParams(window.location.search);
  const id = p.get('rt');
  const key = p.get('rk');
  return id && key ? { id, key } : null;
}

function hold(t: { id: string; key: string } | null): void {
  const url = new URL(window.location.href);
  if (t) {
    url.searchParams.set('rt', t.id);
    url.searchParams.set('rk', t.key);
  } else {
    url.searchParams.delete('rt');
    url.searchParams.delete('rk');
  }
  window.history.replaceState(null, '', url);
}

function Qr({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [text]);
  return <figure className="ph-remote-qr" data-testid="remote-qr" data-text={text}>{src ? <img src={src} alt={label} width={220} height={220} /> : null}<figcaption>{label}</figcaption></figure>;
}

function TicketPage({ page, onAgain }: { page: RemoteTicketPage; onAgain: () => void }) {
  const t = useT();
  const state = page.state === 'checked_in' ? t('remoteTicket.state.checked_in', { number: page.ticketNumber ?? '' }) : t(`remoteTicket.state.${page.state}` as MessageKey);
  return (
    <section className="ph-remote" data-testid="remote-ticket" data-state={page.state}>
      <h2>{page.matterName}</h2>
      <p className="ph-remote-state" role="status">{state}</p>
      {page.state === 'issued' ? (
        <>
          <p className="ph-remote-code" data-testid="remote-code">{t('remoteTicket.code', { code: page.code })}</p>
          <p>{t('remoteTicket.until', { time: hhmm(page.checkInUntil) })}</p>
          <Qr text={page.qrContent} label={t('remoteTicket.qrLabel')} />
        </>
      ) : null}
      {page.ticket && page.ticket.counterNumber !== null ? <p className="ph-remote-called" data-testid="remote-counter">{t('remoteTicket.calledTo', { counter: page.ticket.counterNumber })}</p> : null}
      {page.ticket && page.ticket.status === 'waiting' ? <p>{t('remoteTicket.ahead', { count: page.ticket.peopleAhead })}</p> : null}
      {page.stale && page.hallSeenAt !== null ? <p className="ph-stale">{t('remoteTicket.stale', { time: hhmm(page.hallSeenAt) })}</p> : null}
      {page.state === 'expired' || page.state === 'refused' ? <button type="button" onClick={onAgain}>{t('remoteTicket.again')}</button> : null}
    </section>
  );
}

export function RemoteScreen({ ctx }: { ctx: PhoneContext }) {
  const t = useT();
  const hallId = ctx.hallId;
  const [options, setOptions] = useState<RemoteOptionsView | null>(null);
  const [ticket, setTicket] = useState(held);
  const [page, setPage] = useState<RemoteTicketPage | null>(null);
  const [matterId, setMatterId] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  useEffect(() => {
    if (!hallId || ticket) return;
    remoteApi.options(hallId).then(setOptions, (err: unknown) => setProblem(problemOf(err)));
  }, [hallId, ticket]);

  useEffect(() => {
    if (!ticket) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () =>
      remoteApi.page(ticket.id, ticket.key).then(
        (p) => live && (setPage(p), (timer = setTimeout(read, REREAD_MS))),
        () => live && (timer = setTimeout(read, REREAD_MS)),
      );
    void read();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ticket]);

  if (!hallId) return <p className="ph-error">{t('remoteTicket.noHall')}</p>;
  const again = () => (hold(null), setTicket(null), setPage(null));
  if (ticket) return page ? <TicketPage page={page} onAgain={again} /> : null;

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await remoteApi.take(hallId, matterId, idNumber);
      setIdNumber('');
      const held = { id: answer.remoteTicketId, key: answer.accessKey };
      hold(held);
      setPage(answer);
      setTicket(held);
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="ph-remote-form" data-testid="remote-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <h2>{t('remoteTicket.title')}</h2>
      <p>{t('remoteTicket.intro')}</p>
      {options ? <p>{options.checkInUntil ? t('remoteTicket.windowUntil', { minutes: options.checkInWithinMinutes, time: options.checkInUntil }) : t('remoteTicket.window', { minutes: options.checkInWithinMinutes })}</p> : null}
      <label>
        {t('remoteTicket.matter')}
        <select value={matterId} onChange={(e) => setMatterId(e.target.value)} required data-testid="remote-matter">
          <option value="" />
          {(options?.matters ?? []).map((m) => (
            <option key={m.matterId} value={m.matterId} disabled={!m.available}>
              {m.name}
              {m.available ? '' : t('remoteTicket.full')}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('remoteTicket.idNumber')}
        <input value={idNumber} onChange={(e) => setIdNumber(e.target.value)} inputMode="text" autoComplete="off" maxLength={18} required data-testid="remote-id" />
      </label>
      <p className="ph-hint">{t('remoteTicket.idHint')}</p>
      <button type="submit" disabled={busy || !matterId || idNumber.trim().length === 0} data-testid="remote-submit">
        {t(busy ? 'remoteTicket.sending' : 'remoteTicket.submit')}
      </button>
      {problem ? <p className="ph-error" role="alert" data-testid="remote-error" data-key={problem}>{t(problem)}</p> : null}
    </form>
  );
}
