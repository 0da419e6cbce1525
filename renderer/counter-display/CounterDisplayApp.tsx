// 窗口屏: the small screen above a counter. Counter number, a neutral silhouette (never a
// real photo), staff name, post and staff number (001 第二十九条), the number being
// served; when the counter asks for a rating, the five levels as big buttons with faces
// and words (colour is never the only cue), then thanks. The prompt disappears when the
// rating times out.
import { useRef, useState } from 'react';
import type { CounterDisplayDTO, HallInfoDTO, RatingDTO, RatingLevel } from '../../hall/api/dto';
import { useT, type MessageKey } from '../shared/i18n';
import { ApiError, describeError, isUnreachable } from '../shared/api/errors';
import { createSubmitGuard } from '../shared/guard/submitGuard';
import { useHallView, useLiveStatus } from '../shared/hooks/useHallView';
import { useHallClockSync } from '../shared/hooks/useHallClockSync';
import { hallNow, useHallNow } from '../shared/hooks/hallClock';
import type { PageConnection } from '../shared/page/connection';
import { ConnectionBanner } from '../shared/components/ConnectionBanner';
import { ErrorMessage } from '../shared/components/ErrorMessage';
import { RatingFace, StaffSilhouette } from '../shared/components/Icons';
import { useDevices } from '../shared/devices/useDevices';
import { workingRatingPad } from '../shared/devices/devices';
import { RatingReasons } from './RatingReasons';
import '../shared/styles/service-desk.css';

export const RATING_LEVELS: readonly RatingLevel[] = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'];

/** How long the thanks (or "closed") screen stays. */
const AFTER_MS = 5_000;

type After = { kind: 'thanks'; ratingId: string; level: RatingLevel; until: number } | { kind: 'closed'; ratingId: string; until: number };

export function CounterDisplayApp({ connection, counterId }: { connection: PageConnection; counterId: string | null }) {
  const t = useT();
  const { client, live } = connection;
  const liveStatus = useLiveStatus(live);
  const now = useHallNow();
  const [after, setAfter] = useState<After | null>(null);
  const [sendError, setSendError] = useState<MessageKey | null>(null);
  const [sending, setSending] = useState(false);
  const guard = useRef(createSubmitGuard({ cooldownMs: 2_000 }));
  useHallClockSync(client);

  const view = useHallView<CounterDisplayDTO>((signal) => client.call('counterDisplay', { params: { counterId: counterId ?? '' }, signal }), {
    live,
    key: counterId ?? '',
    enabled: connection.token !== null && counterId !== null,
    minIntervalMs: 300,
  });

  // Devices come with /hall and the `devices` live message: is there a working rating pad here?
  const hallView = useHallView<HallInfoDTO>((signal) => client.call('hall', { signal }), {
    live,
    key: 'hall-devices',
    enabled: connection.token !== null && counterId !== null,
    accept: (n) => n.kind === 'resync',
    pollMs: 60_000,
  });
  const devices = useDevices(live, hallView.data?.devices);
  const pad = workingRatingPad(devices, counterId);

  if (!connection.token) return <Fatal message="error.noToken" />;
  if (!counterId) return <Fatal message="error.noCounter" />;

  const data = view.data;
  if (!data) {
    return (
      <div className="cd">
        <ConnectionBanner show={liveStatus === 'offline' || isUnreachable(view.error)} />
        {view.error ? <ErrorMessage message={describeError(view.error)} onRetry={view.reload} /> : <p className="loading">{t('app.loading')}</p>}
      </div>
    );
  }

  const rate = async (rating: RatingDTO, level: RatingLevel) => {
    if (!guard.current.tryBegin('rate')) return;
    setSending(true);
    setSendError(null);
    try {
      await client.call('rate', { params: { ratingId: rating.id }, body: { level } });
      setAfter({ kind: 'thanks', ratingId: rating.id, level, until: hallNow() + AFTER_MS });
      view.reload();
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'rating_closed' || err.code === 'already_rated')) {
        setAfter({ kind: 'closed', ratingId: rating.id, until: hallNow() + AFTER_MS });
        view.reload();
      } else {
        setSendError(err instanceof ApiError ? 'counterDisplay.rateFailed' : describeError(err));
      }
    } finally {
      guard.current.finish('rate');
      setSending(false);
    }
  };

  const { counter } = data;
  const pending = data.pendingRating;
  const afterShown = after && after.until > now ? after : null;
  const prompt = pending && pending.expiresAt > now && pending.id !== afterShown?.ratingId ? pending : null;
  const staff = counter.staff;

  return (
    <div className="cd" data-testid="counter-display" data-counter-id={counter.id}>
      <ConnectionBanner show={liveStatus === 'offline' || isUnreachable(view.error)} />
      <section className="cd-counter">
        <p className="cd-counter-number" data-testid="cd-counter-number">
          {t('counter.numbered', { number: counter.number })}
        </p>
        <p className="cd-counter-name">{counter.name}</p>
      </section>
      <section className="cd-staff">
        <StaffSilhouette className="cd-photo" role="img" aria-label={t('counterDisplay.photo')} />
        {staff ? (
          <div className="cd-staff-text">
            <p className="cd-staff-name" data-testid="cd-staff-name">
              {staff.name}
            </p>
            <p className="cd-staff-post" data-testid="cd-staff-post">
              {staff.post}
            </p>
            <p className="cd-staff-no" data-testid="cd-staff-no">
              {t('counterDisplay.staffNo', { staffNo: staff.staffNo })}
            </p>
            <ContactLine contact={data.contact} />
          </div>
        ) : (
          <p className="cd-staff-none">{t('counterDisplay.noStaff')}</p>
        )}
      </section>
      <section className="cd-serving" data-testid="cd-serving" data-status={counter.status}>
        {counter.currentTicketNumber ? (
          <>
            <p className="cd-serving-label">{t('counterDisplay.serving')}</p>
            <p className="cd-serving-number number" data-testid="cd-serving-number">
              {counter.currentTicketNumber}
            </p>
          </>
        ) : (
          <p className="cd-serving-state">
            {counter.status === 'paused' ? t('counterDisplay.paused') : counter.status === 'signed_out' ? t('counterDisplay.closed') : t('counterDisplay.welcome')}
          </p>
        )}
      </section>

      {prompt ? (
        <div className="cd-rating" role="dialog" aria-modal="true" aria-labelledby="cd-rating-title" data-testid="rating-prompt" data-rating-id={prompt.id}>
          <div className="cd-rating-head">
            <h1 id="cd-rating-title">{t('counterDisplay.rateTitle')}</h1>
            <p>
              {t('counterDisplay.rateTicket', { number: prompt.ticketNumber, matter: prompt.matterName })} ·{' '}
              <span data-testid="rating-countdown">{t('counterDisplay.rateTimeLeft', { seconds: Math.max(0, Math.ceil((prompt.expiresAt - now) / 1000)) })}</span>
            </p>
          </div>
          {pad ? (
            <div className="cd-rating-pad" data-testid="rating-use-pad" data-device-id={pad.id}>
              <p className="cd-rating-pad-main">{t('counterDisplay.usePad')}</p>
              <p className="cd-rating-pad-hint">{t('counterDisplay.usePadHint')}</p>
            </div>
          ) : (
            <div className="cd-rating-buttons">
              {RATING_LEVELS.map((level) => (
                <button
                  key={level}
                  type="button"
                  className={`cd-rating-button cd-rating-${level}`}
                  disabled={sending}
                  onClick={() => void rate(prompt, level)}
                  data-testid={`rating-${level}`}
                  data-level={level}
                >
                  <RatingFace level={level} className="cd-rating-face" />
                  <span>{t(`rating.${level}`)}</span>
                </button>
              ))}
            </div>
          )}
          <p className="cd-rating-foot">
            {sending ? t('counterDisplay.sending') : sendError ? <span className="cd-rating-error" role="alert">{t(sendError)}</span> : t('counterDisplay.rateConfidential')}
          </p>
        </div>
      ) : null}

      {afterShown ? (
        <div className="cd-rating cd-after" role="status" data-testid={afterShown.kind === 'thanks' ? 'rating-thanks' : 'rating-closed'}>
          {afterShown.kind === 'thanks' ? (
            <>
              <RatingFace level={afterShown.level} className="cd-after-face" />
              <h1>{t('counterDisplay.thanks')}</h1>
              <p>{t('counterDisplay.thanksLevel', { level: t(`rating.${afterShown.level}`) })}</p>
            </>
          ) : (
            <h1>{t('counterDisplay.rateClosed')}</h1>
          )}
        </div>
      ) : null}
      <RatingReasons client={client} pendingId={pending?.id ?? null} />
    </div>
  );
}

/** 亮明身份 (001 第二十九条): the published contact, the staff member's own or the hall's. */
function ContactLine({ contact }: { contact: CounterDisplayDTO['contact'] }) {
  const t = useT();
  if (!contact) return null;
  return (
    <p className="cd-contact" data-testid="cd-contact">
      {contact.label ? t('counterDisplay.contactLabelled', { label: contact.label, value: contact.value }) : t('counterDisplay.contact', { value: contact.value })}
    </p>
  );
}

function Fatal({ message }: { message: MessageKey }) {
  return (
    <div className="cd cd-fatal">
      <ErrorMessage message={message} testId="cd-fatal" />
    </div>
  );
}
