// 好差评 by QR code through central (issue 16): the five levels and, for 差评, the hall's reason
// tags; sent to central, which relays it to the hall (protocol/central/phone-rating.ts). The hall
// alone decides: the page shows "pending" until the hall's answer arrives in the ticket view, then
// 感谢评价 — or, when another channel answered first, which one ("已在窗口评价器评价"), or 评价已结束.
// One service, one rating (一次一评): the same path as the pad, the counter screen and the LAN page.
// Contract: never shows a level the hall did not record as recorded; a refusal is shown in words.
import { useState } from 'react';
import type { PublicTicketView } from '../../protocol/central/phone';
import type { PhoneRatingRefusal } from '../../protocol/central/phone-rating';
import type { RatingLevel } from '../../hall/api/dto';
import { useT, type MessageKey } from '../shared/i18n';
import { RatingFace } from '../shared/components/Icons';
import { RATING_LEVELS } from '../shared/rating/RatingChoice';
import { formatHm } from '../shared/format/time';
import { CentralError, Unreachable } from './central-api';
import '../shared/rating/rating-choice.css';

const BAD: readonly RatingLevel[] = ['dissatisfied', 'very_dissatisfied'];
type Source = NonNullable<NonNullable<PublicTicketView['ticket']['rating']>['source']>;

export interface PhoneRatingProps {
  view: PublicTicketView;
  send(level: RatingLevel, tags: string[]): Promise<unknown>;
  /** After a send (or a refusal that says the board moved on): read the ticket view again. */
  onSent(): void;
}

/** What to say when the service's rating is closed and not by this phone. */
function closedBy(source: Source | null | undefined, outcome: string | null | undefined): { key: MessageKey; channel?: Source } {
  if (!outcome || outcome === 'not_rated' || !source || source === 'timeout') return { key: 'phone.rating.ended' };
  return { key: 'phone.rating.byChannel', channel: source };
}

const refusalWords: Record<PhoneRatingRefusal, MessageKey> = {
  already_rated: 'phone.rating.byChannel',
  rating_closed: 'phone.rating.ended',
  not_rateable: 'phone.rating.notYet',
  unknown_ticket: 'phone.rating.refused',
  unknown_tag: 'phone.rating.refused',
};

export function PhoneRating({ view, send, onSent }: PhoneRatingProps) {
  const t = useT();
  const [chosen, setChosen] = useState<RatingLevel | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const rating = view.ticket.rating;
  const mine = view.phoneRating;
  const channel = (source: Source) => t(`phone.channel.${source === 'timeout' ? 'phone' : source}`);

  if (mine?.state === 'applied') {
    return (
      <section className="rc rc-closed ph-rating" role="status" data-testid="phone-rating" data-state="applied">
        <p className="rc-note">{t('phone.rating.thanks')}</p>
        <p data-testid="phone-rating-recorded">{t('ratingChannel.recorded', { level: t(`phone.level.${mine.level}`) })}</p>
      </section>
    );
  }
  if (mine?.state === 'pending') {
    return (
      <section className="rc rc-closed ph-rating" role="status" data-testid="phone-rating" data-state="pending">
        <p className="rc-note">{t('phone.rating.pending')}</p>
        <p>{t('ratingChannel.recorded', { level: t(`phone.level.${mine.level}`) })}</p>
      </section>
    );
  }
  if (!rating) return null;
  if (!rating.open || (mine?.state === 'refused' && mine.reason !== 'unknown_tag')) {
    // Closed by another channel (or the time ran out); a refusal of the phone's own rating says why.
    const said = mine?.state === 'refused' ? (refusalWords[mine.reason as PhoneRatingRefusal] ?? 'phone.rating.refused') : closedBy(rating.source, rating.outcome).key;
    const by = said === 'phone.rating.byChannel' && rating.source ? channel(rating.source) : '';
    return (
      <section className="rc rc-closed ph-rating" role="status" data-testid="phone-rating" data-state="closed" data-reason={mine?.reason ?? ''} data-source={rating.source ?? ''}>
        <p className="rc-note" data-testid="phone-rating-note">{said === 'phone.rating.byChannel' && !by ? t('phone.rating.ended') : t(said, { channel: by })}</p>
        {rating.outcome && rating.outcome !== 'not_rated' && said === 'phone.rating.byChannel' ? <p>{t('ratingChannel.recorded', { level: t(`phone.level.${rating.outcome}`) })}</p> : null}
      </section>
    );
  }

  const submit = async (level: RatingLevel, withTags: string[]) => {
    setSending(true);
    setProblem(null);
    try {
      await send(level, withTags);
      onSent();
    } catch (err) {
      if (err instanceof CentralError && (err.code === 'rating_closed' || err.code === 'already_sent' || err.code === 'not_rateable')) onSent();
      else setProblem(err instanceof CentralError && err.status === 429 ? 'phone.rating.tooMany' : err instanceof Unreachable ? 'ratingChannel.failed' : err instanceof CentralError ? 'phone.rating.refused' : 'ratingChannel.failed');
    } finally {
      setSending(false);
    }
  };
  const choose = (level: RatingLevel) => {
    if (BAD.includes(level)) {
      setChosen(level);
      setTags([]);
      return;
    }
    void submit(level, []);
  };
  const offered = view.reasonTags ?? [];

  return (
    <section className="rc ph-rating" data-testid="phone-rating" data-state="open">
      <h2 className="rc-title">{t('ratingChannel.prompt')}</h2>
      <p className="rc-hint">{t('ratingChannel.hint')}</p>
      {chosen === null ? (
        <div className="rc-buttons">
          {RATING_LEVELS.map((level) => (
            <button key={level} type="button" className={`rc-button rc-${level}`} disabled={sending} onClick={() => choose(level)} data-testid={`phone-rate-${level}`}>
              <RatingFace level={level} className="rc-face" />
              <span>{t(`phone.level.${level}`)}</span>
            </button>
          ))}
        </div>
      ) : (
        <div className="ph-tags" data-testid="phone-rating-tags">
          <p className="ph-chosen">
            <RatingFace level={chosen} className="rc-face" /> {t(`phone.level.${chosen}`)}
          </p>
          {offered.length > 0 ? (
            <>
              <p>{t('phone.rating.tagsPrompt')}</p>
              <div className="ph-tag-list">
                {offered.map((tag) => (
                  <button
                    key={tag.code}
                    type="button"
                    className="ph-tag"
                    aria-pressed={tags.includes(tag.code)}
                    onClick={() => setTags((now) => (now.includes(tag.code) ? now.filter((c) => c !== tag.code) : [...now, tag.code]))}
                    data-testid={`phone-tag-${tag.code}`}
                  >
                    {tag.label}
                  </button>
                ))}
              </div>
            </>
          ) : null}
          <div className="ph-actions">
            <button type="button" className="ph-primary" disabled={sending} onClick={() => void submit(chosen, tags)} data-testid="phone-rating-submit">
              {t('phone.rating.submit')}
            </button>
            <button type="button" className="ph-secondary" disabled={sending} onClick={() => setChosen(null)}>
              {t('phone.rating.change')}
            </button>
          </div>
        </div>
      )}
      <p className="rc-foot">{problem ? <span role="alert" data-testid="phone-rating-problem">{t(problem)}</span> : t('ratingChannel.until', { time: formatHm(rating.expiresAt) })}</p>
    </section>
  );
}
