// 办不成事登记 at the unresolved-issue counter (or a general counter, which takes those cases
// where the hall has none): what the visitor could not get done, which matter, the ticket; the
// hall records it and reports it at once to the leader on duty on site (004 第三十三条), whose
// name the staff member sees. Other counter kinds do not show the button (the hall refuses too).
import { useState } from 'react';
import type { CounterViewDTO, HallInfoDTO } from '../../hall/api/dto';
import type { PageConnection } from '../shared/page/connection';
import { useT } from '../shared/i18n';
import { ApiError } from '../shared/api/errors';
import { CounterFormButton, type Outcome } from './CounterFormButton';

const CASE_KINDS = ['unresolved', 'general'];

export function UnresolvedCaseButton({ client, counterId, data }: { client: PageConnection['client']; counterId: string; data: CounterViewDTO }) {
  const t = useT();
  const [matters, setMatters] = useState<HallInfoDTO['matters']>([]);
  const [summary, setSummary] = useState('');
  const [matterId, setMatterId] = useState('');
  const [number, setNumber] = useState('');
  if (!CASE_KINDS.includes(data.counter.kind)) return null;

  const start = async () => {
    setNumber(data.current?.number ?? '');
    setMatterId(data.current?.matterId ?? '');
    setSummary('');
    try {
      setMatters((await client.call('hall', {})).matters);
    } catch {
      setMatters([]);
    }
  };

  const submit = async (): Promise<Outcome> => {
    try {
      const recorded = await client.call('recordUnresolvedCase', { params: { counterId }, body: { summary, matterId: matterId || null, ticketNumber: number.trim() || null } });
      return { ok: true, text: recorded.escalatedTo ? t('unresolved.done', { leader: `${recorded.escalatedTo.name}（${recorded.escalatedTo.post}）` }) : t('unresolved.doneNoLeader') };
    } catch (err) {
      return { ok: false, text: t('unresolved.failed', { message: err instanceof ApiError ? err.message : String(err) }) };
    }
  };

  return (
    <CounterFormButton testId="unresolved" label={t('unresolved.record')} title={t('unresolved.title')} submitLabel={t('unresolved.submit')} onOpen={() => void start()} submit={submit}>
      <label>
        {t('unresolved.summary')}
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={3} maxLength={300} required data-testid="unresolved-summary" />
      </label>
      <label>
        {t('unresolved.matter')}
        <select value={matterId} onChange={(e) => setMatterId(e.target.value)} data-testid="unresolved-matter">
          <option value="">{t('unresolved.matter.none')}</option>
          {matters.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('unresolved.ticket')}
        <input value={number} onChange={(e) => setNumber(e.target.value)} maxLength={12} data-testid="unresolved-ticket" />
      </label>
    </CounterFormButton>
  );
}
