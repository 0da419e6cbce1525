// 到号提醒 on the phone page (docs/notifications.md): under the ticket's progress, the visitor may
// ask to be told by SMS (a mobile number) or by a WeChat / 蒙速办 service notice (only inside that
// web view: its openid comes in the page address as `openid=`), and at how many people ahead.
// Shows the consent central holds (number masked: 138****1234) with each message's state, and
// lets the visitor change or withdraw it. Nothing is sent until the visitor turns it on.
// Contract: the texts go out in the page's language at the time of the choice.
// Dangers: the number typed is personal data — it goes to central once, is never kept in the page
// after sending (the field is cleared) and never shown back in full.
import { useCallback, useEffect, useState } from 'react';
import type { PublicTicketView } from '../../../protocol/central/phone';
import type { ConsentView, NotifyChannel } from '../../../protocol/central/notifications';
import { useLocale, useT, type MessageKey } from '../../shared/i18n';
import { CentralError } from '../central-api';
import type { PhoneContext } from '../extensions';
import { notifyApi } from './notify-api';

const THRESHOLDS = [1, 2, 3, 5, 10];
const CLOSED = new Set(['finished', 'withdrawn', 'expired']);
const MOBILE = /^1[3-9]\d{9}$/;
/** How often the block re-reads while a message is queued, sending or sent; and otherwise while on. */
const IN_FLIGHT_REREAD_MS = 5_000;
const ON_REREAD_MS = 15_000;

function openidFromAddress(): string | null {
  const v = new URLSearchParams(window.location.search).get('openid');
  return v && /^[A-Za-z0-9_-]{6,64}$/.test(v) ? v : null;
}

function problemOf(err: unknown): MessageKey {
  if (err instanceof CentralError) {
    if (err.code === 'ticket_closed') return 'phone.notify.closed';
    if (err.code === 'notifications_off' || err.code === 'channel_unavailable') return 'phone.notify.unavailable';
    if (err.status === 400) return 'phone.notify.badPhone';
  }
  return 'phone.notify.unreachable';
}

export function NotifyPanel({ view, ctx }: { view: PublicTicketView; ctx: PhoneContext }) {
  const t = useT();
  const locale = useLocale();
  const [held, setHeld] = useState<ConsentView | null>(null);
  const [editing, setEditing] = useState(false);
  const [channel, setChannel] = useState<NotifyChannel>('sms');
  const [phone, setPhone] = useState('');
  const [threshold, setThreshold] = useState(3);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const openid = openidFromAddress();
  const hallId = ctx.hallId;
  const ticket = ctx.ticket;

  const load = useCallback(() => {
    if (!hallId || !ticket) return;
    notifyApi.view(hallId, ticket).then(setHeld, () => undefined);
  }, [hallId, ticket]);
  // Re-read with every board version: message states follow the ticket's progress; and now and
  // then while reminders are on (a message is decided, and its report arrives, after the push).
  useEffect(load, [load, view.version]);
  const inFlight = held?.messages.some((m) => m.state === 'queued' || m.state === 'sending' || m.state === 'sent') ?? false;
  const on = !!held?.consent && !held.consent.withdrawn;
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(load, inFlight ? IN_FLIGHT_REREAD_MS : ON_REREAD_MS);
    return () => clearInterval(timer);
  }, [on, inFlight, load]);

  if (!hallId || !ticket || !held || held.channels.length === 0) return null;
  const channels = held.channels.filter((c) => c === 'sms' || openid !== null);
  if (channels.length === 0) return null;
  const consent = held.consent && !held.consent.withdrawn ? held.consent : null;
  if (CLOSED.has(view.ticket.status) && !consent) return null;

  const submit = async () => {
    const chosen = channels.includes(channel) ? channel : channels[0]!;
    const number = phone.replace(/[\s-]/g, '');
    if (chosen === 'sms' && !MOBILE.test(number)) return setProblem('phone.notify.badPhone');
    setBusy(true);
    setProblem(null);
    try {
      setHeld(await notifyApi.give(hallId, ticket, { channel: chosen, ...(chosen === 'sms' ? { phone: number } : { openid: openid! }), aheadThreshold: threshold, lang: locale }));
      setPhone('');
      setEditing(false);
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setHeld(await notifyApi.withdraw(hallId, ticket));
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="ph-notify" data-testid="phone-notify" data-state={consent ? 'on' : held.consent?.withdrawn ? 'withdrawn' : 'off'}>
      <h2>{t('phone.notify.title')}</h2>
      {consent && !editing ? (
        <>
          <p data-testid="phone-notify-on">
            {t('phone.notify.on', { channel: t(`phone.notify.${consent.channel}`), address: consent.addressMasked, count: consent.aheadThreshold })}
          </p>
          {held.messages.length > 0 ? (
            <ul className="ph-notify-messages" data-testid="phone-notify-messages">
              {held.messages.map((m) => (
                <li key={`${m.kind}-${m.createdAt}`} data-state={m.state}>
                  {t(`phone.notify.kind.${m.kind}`)}：{t(`phone.notify.state.${m.state}`)}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="ph-actions">
            <button type="button" className="ph-secondary" disabled={busy} onClick={() => setEditing(true)}>
              {t('phone.notify.change')}
            </button>
            <button type="button" className="ph-secondary" disabled={busy} onClick={() => void withdraw()} data-testid="phone-notify-withdraw">
              {t('phone.notify.withdraw')}
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {held.consent?.withdrawn && !editing ? <p data-testid="phone-notify-withdrawn">{t('phone.notify.withdrawn')}</p> : null}
          <p className="ph-meta">{t('phone.notify.intro')}</p>
          {channels.length > 1 ? (
            <fieldset className="ph-notify-channels">
              <legend>{t('phone.notify.channel')}</legend>
              {channels.map((c) => (
                <label key={c}>
                  <input type="radio" name="notify-channel" value={c} checked={channel === c} onChange={() => setChannel(c)} /> {t(`phone.notify.${c}`)}
                </label>
              ))}
            </fieldset>
          ) : null}
          {(channels.length > 1 ? channel : channels[0]) === 'sms' ? (
            <label className="ph-notify-field">
              {t('phone.notify.phone')}
              <input type="tel" inputMode="numeric" autoComplete="tel" maxLength={20} value={phone} onChange={(e) => setPhone(e.target.value)} data-testid="phone-notify-phone" />
              <span className="ph-meta">{t('phone.notify.phoneHint')}</span>
            </label>
          ) : null}
          <label className="ph-notify-field">
            {t('phone.notify.threshold')}
            <select value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} data-testid="phone-notify-threshold">
              {THRESHOLDS.map((n) => (
                <option key={n} value={n}>
                  {t('phone.notify.people', { count: n })}
                </option>
              ))}
            </select>
          </label>
          {problem ? (
            <p className="ph-notify-problem" role="alert" data-testid="phone-notify-problem">
              {t(problem)}
            </p>
          ) : null}
          <div className="ph-actions">
            <button type="submit" className="ph-primary" disabled={busy} data-testid="phone-notify-submit">
              {t(busy ? 'phone.notify.sending' : 'phone.notify.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
