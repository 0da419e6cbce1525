// The ticket: the number huge, what it is for, how long, where; a QR code to follow it on a
// phone; "请取走您的号票", or — when the printer failed — the fault in plain words with
// the number still on screen. Back to start after the hall's setting or one touch. The QR code's
// address carries the visitor's language, so the phone page opens in it (address-locale.ts).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CounterSummaryDTO, IssueTicketResponse, MatterDTO } from '../../../hall/api/dto';
import { useLocalName } from '../../shared/i18n/names';
import { useLocale, useT } from '../../shared/i18n';
import { withLocale } from '../../shared/i18n/address-locale';
import { waitRangePhrase } from '../../shared/format/wait';
import { formatHm } from '../../shared/format/time';
import { ArrowDownIcon, WarningIcon } from '../../shared/components/Icons';
import { printFaultMessage } from '../outcomes';
import { QrCode, absoluteUrl } from './QrCode';

export interface TicketScreenProps {
  issued: IssueTicketResponse;
  counters: CounterSummaryDTO[];
  seconds: number;
  onDone: () => void;
  /** A line above the number, e.g. the check-in outcome (on time / late). */
  notice?: ReactNode;
  /** The hall's matters: the matter's name in the visitor's language. */
  matters?: MatterDTO[];
}

/** Touches in the first moments are the tail of the tap that issued the ticket: ignore them. */
const TOUCH_GRACE_MS = 1500;

export function areasServing(queueId: string, counters: CounterSummaryDTO[]): string[] {
  const areas = new Set<string>();
  for (const c of counters) if (c.queueIds.includes(queueId) && c.area.trim()) areas.add(c.area.trim());
  return [...areas];
}

export function TicketScreen({ issued, counters, seconds, onDone, notice, matters }: TicketScreenProps) {
  const t = useT();
  const locale = useLocale();
  const localName = useLocalName();
  const { ticket, print } = issued;
  const fault = printFaultMessage(print);
  // A visitor who must photograph the number gets twice the time.
  const total = fault ? seconds * 2 : seconds;
  const [left, setLeft] = useState(total);
  const shownAt = useRef(0);
  const onDoneRef = useRef(onDone);

  useEffect(() => {
    onDoneRef.current = onDone;
  });

  useEffect(() => {
    // Monotonic clock: a wall-clock correction (NTP, a terminal resyncing) must not end the screen early.
    shownAt.current = performance.now();
    const started = performance.now();
    const timer = setInterval(() => {
      const remaining = total - Math.floor((performance.now() - started) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) {
        clearInterval(timer);
        onDoneRef.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [total, ticket.id]);

  const touch = () => {
    if (performance.now() - shownAt.current >= TOUCH_GRACE_MS) onDone();
  };

  const wait = waitRangePhrase(ticket.estimate);
  const areas = areasServing(ticket.queueId, counters);
  const green = ticket.ticketClass === 'green';

  return (
    <main
      className={`kiosk-screen kiosk-ticket ${fault ? 'kiosk-ticket-fault' : ''}`}
      onClick={touch}
      data-testid="ticket-screen"
      data-ticket-id={ticket.id}
      data-print-status={print.status}
    >
      {notice}
      <p className="kiosk-ticket-label">{t('kiosk.ticket.yourNumber')}</p>
      <p className="kiosk-ticket-number number" data-testid="ticket-number">
        {ticket.number}
      </p>
      {ticket.ticketClass === 'appointment' ? (
        <p className="kiosk-badge kiosk-badge-appointment" data-testid="ticket-appointment">
          {t('ticketClass.appointment')}
        </p>
      ) : null}
      {green ? (
        <p className="kiosk-badge kiosk-badge-green" data-testid="ticket-green">
          {ticket.greenCategoryLabel ? t('ticketClass.greenWithCategory', { category: ticket.greenCategoryLabel }) : t('ticketClass.green')}
        </p>
      ) : null}
      <dl className="kiosk-ticket-facts">
        {ticket.maskedIdentity ? (
          <div>
            <dt>{t('kiosk.ticket.identity')}</dt>
            <dd className="number" data-testid="ticket-identity">
              {ticket.maskedIdentity}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('kiosk.ticket.matter')}</dt>
          <dd data-testid="ticket-matter">{localName(ticket.matterName, matters?.find((m) => m.id === ticket.matterId)?.names)}</dd>
        </div>
        <div className="kiosk-ticket-ahead">
          <dd data-testid="ticket-people-ahead" data-count={ticket.peopleAhead}>
            {t('wait.peopleAhead', { count: ticket.peopleAhead })}
          </dd>
        </div>
        <div>
          <dt>{t('kiosk.ticket.estimate')}</dt>
          <dd data-testid="ticket-wait">{t(wait.key, wait.params)}</dd>
        </div>
        <div>
          <dt>{t('kiosk.ticket.issuedAt')}</dt>
          <dd className="number" data-testid="ticket-issued-at">
            {formatHm(ticket.issuedAt)}
          </dd>
        </div>
        {areas.length ? (
          <div>
            <dt>{t('kiosk.ticket.area')}</dt>
            <dd data-testid="ticket-area">{areas.join('、')}</dd>
          </div>
        ) : null}
      </dl>

      {fault ? (
        <div className="kiosk-print-fault" role="alert" data-testid="ticket-print-fault">
          <WarningIcon />
          <p>{t(fault)}</p>
        </div>
      ) : null}

      <div className="kiosk-ticket-bottom">
        <QrCode url={absoluteUrl(withLocale(ticket.progressUrl, locale), window.location.origin)} label={t('kiosk.ticket.qr')} className="kiosk-ticket-qr" />
        {fault ? (
          <p className="kiosk-ticket-listen">{t('kiosk.ticket.listen')}</p>
        ) : (
          <div className="kiosk-take-ticket" data-testid="ticket-take">
            <p className="kiosk-take-ticket-main">{t(print.status === 'sending' ? 'kiosk.ticket.printing' : 'kiosk.ticket.takeIt')}</p>
            <p>{t('kiosk.ticket.paperWhere')}</p>
            <ArrowDownIcon className="kiosk-take-arrow" />
          </div>
        )}
      </div>
      <p className="kiosk-ticket-back" data-testid="ticket-countdown">
        {t('kiosk.ticket.backIn', { seconds: left })}
      </p>
    </main>
  );
}
