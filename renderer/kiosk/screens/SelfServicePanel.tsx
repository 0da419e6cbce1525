// A self-service matter at a terminal of the 24-hour zone, ending on the rating screen
// (standards.md: a self-service terminal jumps to the rating when a matter is finished;
// 001 第三十六、三十七条). The visitor does the matter by the terminal's own steps, touches
// "我已办完，去评价": the hall records the transaction and opens its one rating, answered here.
// Leaving without answering (返回, idle) leaves the rating to the hall's timer: not rated.
import { useState } from 'react';
import type { MatterDTO, SelfServiceDTO } from '../../../hall/api/dto';
import type { ApiClient } from '../../shared/api/client';
import { describeError } from '../../shared/api/errors';
import { ErrorMessage } from '../../shared/components/ErrorMessage';
import { RatingChoice } from '../../shared/rating/RatingChoice';
import { useT, type MessageKey } from '../../shared/i18n';
import { useIdle } from '../useIdle';
import './self-service.css';

export interface SelfServicePanelProps {
  client: ApiClient;
  matter: MatterDTO;
  idleSeconds: number;
  onDone(): void;
}

export function SelfServicePanel({ client, matter, idleSeconds, onDone }: SelfServicePanelProps) {
  const t = useT();
  const [service, setService] = useState<SelfServiceDTO | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  useIdle(idleSeconds, true, onDone);

  async function finish(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setService(await client.call('finishSelfService', { body: { matterId: matter.id } }));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="kiosk-self-service" data-testid="self-service" data-matter-id={matter.id} data-step={service ? 'rating' : 'doing'}>
      <h2>{service ? t('selfService.rateTitle', { matter: service.matterName }) : t('selfService.title', { matter: matter.name })}</h2>
      {service ? (
        <RatingChoice rating={service.rating} submit={(level) => client.call('rateSelfService', { params: { id: service.serviceId }, body: { level } })} />
      ) : (
        <>
          <p>{t('selfService.steps')}</p>
          <button type="button" className="kiosk-self-service-done" disabled={busy} onClick={() => void finish()} data-testid="self-service-done">
            {t('selfService.done')}
          </button>
          {error ? <ErrorMessage message={error} /> : null}
        </>
      )}
      <button type="button" className="kiosk-self-service-home" onClick={onDone} data-testid="self-service-home">
        {t('selfService.home')}
      </button>
    </section>
  );
}
