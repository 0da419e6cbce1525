// After a rating at this counter — on the pad or on this screen — the hall is asked whether it
// was a bad one still within its tag window (GET …/reason-tags); if so the visitor may choose
// reasons (the indicators: 服务态度, 服务效率, 服务水平 … 其他) and leave a phone for the 回访, or
// skip. The tags go to the rating's 差评 case and up in its evalDetail (docs/bad-rating-cases.md).
// Contract: asked once per rating, when the rating prompt goes away; the picker closes by itself
// after CLOSE_MS, when sent, or when skipped. No pad profile has reason keys, so this screen asks.
import { useEffect, useRef, useState } from 'react';
import type { ReplyOf } from '../../hall/api/contract';
import type { ApiClient } from '../shared/api/client';
import { useT } from '../shared/i18n';
import './rating-reasons.css';

const CLOSE_MS = 80_000;
const THANKS_MS = 4_000;

export function RatingReasons({ client, pendingId }: { client: ApiClient; pendingId: string | null }) {
  const t = useT();
  const last = useRef<string | null>(null);
  const [offer, setOffer] = useState<ReplyOf<'badRatingTags'> | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [phone, setPhone] = useState('');
  const [thanks, setThanks] = useState(false);

  useEffect(() => {
    if (pendingId !== null) {
      last.current = pendingId;
      return;
    }
    const ratingId = last.current;
    last.current = null;
    if (!ratingId) return;
    let live = true;
    client
      .call('badRatingTags', { params: { ratingId } })
      .then((o) => {
        if (live && o.ratingId) {
          setOffer(o);
          setChosen([]);
          setPhone('');
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, pendingId]);

  useEffect(() => {
    if (!offer && !thanks) return;
    const timer = setTimeout(() => (thanks ? setThanks(false) : setOffer(null)), thanks ? THANKS_MS : CLOSE_MS);
    return () => clearTimeout(timer);
  }, [offer, thanks]);

  if (thanks) {
    return (
      <div className="cd-rating cd-after" role="status" data-testid="reasons-thanks">
        <h1>{t('ratingReasons.thanks')}</h1>
      </div>
    );
  }
  if (!offer?.ratingId) return null;
  const ratingId = offer.ratingId;
  const toggle = (code: string) => setChosen((c) => (c.includes(code) ? c.filter((x) => x !== code) : [...c, code]));
  const send = () => {
    client
      .call('tagBadRating', { params: { ratingId }, body: { tags: chosen, ...(phone.trim() ? { phone: phone.trim() } : {}) } })
      .then(() => setThanks(true))
      .catch(() => undefined)
      .finally(() => setOffer(null));
  };
  return (
    <div className="cd-rating cd-reasons" role="dialog" aria-modal="true" aria-labelledby="cd-reasons-title" data-testid="rating-reasons" data-rating-id={ratingId}>
      <h1 id="cd-reasons-title">{t('ratingReasons.title')}</h1>
      <div className="cd-reasons-tags">
        {offer.tags.map((tag) => (
          <button key={tag.code} type="button" className="cd-reasons-tag" aria-pressed={chosen.includes(tag.code)} onClick={() => toggle(tag.code)} data-testid={`reason-${tag.code}`}>
            {tag.label}
          </button>
        ))}
      </div>
      {offer.askContact ? (
        <label className="cd-reasons-phone">
          {t('ratingReasons.phone')}
          <input value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={20} data-testid="reason-phone" />
        </label>
      ) : null}
      <div className="cd-reasons-actions">
        <button type="button" className="cd-reasons-send" disabled={chosen.length === 0} onClick={send} data-testid="reasons-send">
          {t('ratingReasons.send')}
        </button>
        <button type="button" className="cd-reasons-skip" onClick={() => setOffer(null)} data-testid="reasons-skip">
          {t('ratingReasons.skip')}
        </button>
      </div>
    </div>
  );
}
