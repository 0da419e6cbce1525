// When a matter's numbers for today are gone (daily cap, cut-off, a queue closed early), the
// kiosk never stops at a bare "no" (000 第十七条; 003 §二.4): it shows what the hall offers —
// a ticket for the 办不成事/综合 counter, a slot on the next working day printed on the spot,
// or a guide called over — and takes the visitor's choice. Each choice is counted by the hall.
// Contract: reads GET /kiosk/cap-offers for the matter; one choice per visit (the buttons go
// once one is taken); a failure says where to go instead.
import { useEffect, useState } from 'react';
import type { CapOffersDTO, CapOfferDTO, TakeCapOfferResponse } from '../../../hall/api/dto';
import type { PageConnection } from '../../shared/page/connection';
import { useT } from '../../shared/i18n';
import '../../shared/styles/service-desk.css';

/** Refusals the hall answers with offers (hall/service-desk/cap-offers.ts): their matter rows stay touchable. */
export const OFFER_CAUSES: ReadonlySet<string> = new Set(['daily_cap_reached', 'after_cut_off', 'queue_closed_early']);

type State = { kind: 'loading' } | { kind: 'offers'; data: CapOffersDTO } | { kind: 'taking' } | { kind: 'done'; answer: TakeCapOfferResponse; offer: CapOfferDTO } | { kind: 'failed' };

export function CapOfferPanel({ client, matterId }: { client: PageConnection['client']; matterId: string }) {
  const t = useT();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    client
      .call('capOffers', { query: { matterId }, signal: abort.signal })
      .then((data) => setState({ kind: 'offers', data }))
      .catch(() => {
        if (!abort.signal.aborted) setState({ kind: 'failed' });
      });
    return () => abort.abort();
  }, [client, matterId]);

  const take = async (offer: CapOfferDTO) => {
    setState({ kind: 'taking' });
    try {
      const answer = await client.call('takeCapOffer', { body: { matterId, offer: offer.kind } });
      setState({ kind: 'done', answer, offer });
    } catch {
      setState({ kind: 'failed' });
    }
  };

  if (state.kind === 'loading' || state.kind === 'taking') return <p className="loading">{t('app.loading')}</p>;
  if (state.kind === 'failed') return <p className="cap-offer-done" role="alert" data-testid="cap-offer-failed">{t('capOffer.failed')}</p>;
  if (state.kind === 'done') return <Done answer={state.answer} offer={state.offer} />;
  const { data } = state;
  if (!data.cause) return null;
  return (
    <section className="cap-offers" data-testid="cap-offers" data-cause={data.cause}>
      <h2>{t(`capOffer.title.${data.cause}`)}</h2>
      {data.offers.length ? <p>{t('capOffer.lead')}</p> : <p data-testid="cap-offer-none">{t('capOffer.none')}</p>}
      {data.offers.map((offer) => (
        <button key={offer.kind} type="button" className="cap-offer" data-testid={`cap-offer-${offer.kind}`} onClick={() => void take(offer)}>
          {offerText(offer, t)}
        </button>
      ))}
    </section>
  );
}

function offerText(offer: CapOfferDTO, t: ReturnType<typeof useT>): string {
  switch (offer.kind) {
    case 'unresolved_counter':
      return t('capOffer.unresolved_counter', { counters: offer.counterNumbers.join('、'), name: offer.counterName });
    case 'next_day_booking':
      return t('capOffer.next_day_booking', { date: offer.date, start: offer.start, end: offer.end });
    case 'guide_help':
      return t('capOffer.guide_help');
  }
}

function Done({ answer, offer }: { answer: TakeCapOfferResponse; offer: CapOfferDTO }) {
  const t = useT();
  const printFailed = answer.print !== null && (answer.print.status === 'failed' || answer.print.status === 'no_printer' || answer.print.status === 'unknown');
  let text = t('capOffer.done.guide_help');
  if (offer.kind === 'unresolved_counter' && answer.ticket) text = t('capOffer.done.unresolved_counter', { number: answer.ticket.number, counters: offer.counterNumbers.join('、') });
  if (answer.appointment) text = t('capOffer.done.next_day_booking', { ...answer.appointment });
  return (
    <section className="cap-offers" data-testid="cap-offer-done" data-offer={answer.offer}>
      <p className="cap-offer-done" role="status">
        {text}
      </p>
      {answer.appointment && printFailed ? <p role="alert">{t('capOffer.print.failed')}</p> : null}
    </section>
  );
}
