// The five 好差评 levels for a visitor's own device or a self-service terminal (the QR page, the
// 24-hour zone's terminals). One rating per service: the hall takes the first answer from any
// channel; a later one comes back 409 rating_closed and is shown as "already rated".
// The component never invents a level: a closed rating shows what the hall recorded.
import { useState } from 'react';
import type { RatingLevel, TicketRatingDTO } from '../../../hall/api/dto';
import { ApiError } from '../api/errors';
import { RatingFace } from '../components/Icons';
import { useT, type MessageKey } from '../i18n';
import { formatHm } from '../format/time';
import './rating-choice.css';

export const RATING_LEVELS: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'];

export interface RatingChoiceProps {
  rating: TicketRatingDTO;
  /** Sends the level; resolves with the hall's record of the rating. */
  submit(level: RatingLevel): Promise<TicketRatingDTO>;
  /** Called with the hall's answer (a recorded rating, or the closed one after a refusal). */
  onRated?(rating: TicketRatingDTO | null): void;
}

export function RatingChoice({ rating, submit, onRated }: RatingChoiceProps) {
  const t = useT();
  const [sending, setSending] = useState(false);
  const [note, setNote] = useState<MessageKey | null>(null);
  const [recorded, setRecorded] = useState<TicketRatingDTO | null>(null);
  const shown = recorded ?? rating;

  async function choose(level: RatingLevel): Promise<void> {
    setSending(true);
    setNote(null);
    try {
      const r = await submit(level);
      setRecorded(r);
      setNote('ratingChannel.thanks');
      onRated?.(r);
    } catch (err) {
      const closed = err instanceof ApiError && err.code === 'rating_closed';
      setNote(closed ? 'ratingChannel.closed' : 'ratingChannel.failed');
      if (closed) onRated?.(null);
    } finally {
      setSending(false);
    }
  }

  if (!shown.open || note === 'ratingChannel.closed') {
    return (
      <section className="rc rc-closed" role="status" data-testid="rating-choice" data-state="closed" data-outcome={shown.outcome ?? ''}>
        {note ? <p className="rc-note" data-testid="rating-choice-note">{t(note)}</p> : null}
        {shown.outcome === 'not_rated' ? (
          <p>{t('ratingChannel.notRated')}</p>
        ) : shown.outcome ? (
          <p data-testid="rating-choice-recorded">{t('ratingChannel.recorded', { level: t(`rating.${shown.outcome}`) })}</p>
        ) : null}
      </section>
    );
  }
  return (
    <section className="rc" data-testid="rating-choice" data-state="open">
      <h2 className="rc-title">{t('ratingChannel.prompt')}</h2>
      <p className="rc-hint">{t('ratingChannel.hint')}</p>
      <div className="rc-buttons">
        {RATING_LEVELS.map((level) => (
          <button key={level} type="button" className={`rc-button rc-${level}`} disabled={sending} onClick={() => void choose(level)} data-testid={`rate-${level}`}>
            <RatingFace level={level} className="rc-face" />
            <span>{t(`rating.${level}`)}</span>
          </button>
        ))}
      </div>
      <p className="rc-foot">{note ? <span role="alert">{t(note)}</span> : t('ratingChannel.until', { time: formatHm(shown.expiresAt) })}</p>
    </section>
  );
}
