// 预告暂停: the counter's staff announce their own pause in advance (000 第十七条) — a reason
// category from the hall's list, when it starts and how long it lasts. The hall display and the
// kiosks show it from now on, with the time service resumes. The pause itself is still the
// 暂停 action when the time comes.
import { useState } from 'react';
import type { PageConnection } from '../shared/page/connection';
import { useT } from '../shared/i18n';
import { ApiError } from '../shared/api/errors';
import { hallNow } from '../shared/hooks/hallClock';
import { formatHm } from '../shared/format/time';
import { PauseNoticeFields, noticeTimes, type PauseNoticeValues } from '../shared/components/PauseNoticeFields';
import { CounterFormButton, type Outcome } from './CounterFormButton';

export function PauseNoticeButton({ client, counterId }: { client: PageConnection['client']; counterId: string }) {
  const t = useT();
  const [reasons, setReasons] = useState<{ id: string; label: string }[]>([]);
  const [values, setValues] = useState<PauseNoticeValues>({ reasonId: '', inMinutes: 15, minutes: 30 });

  const loadReasons = async () => {
    try {
      const list = (await client.call('serviceNotices', {})).reasons;
      setReasons(list);
      setValues((v) => ({ ...v, reasonId: v.reasonId || (list[0]?.id ?? '') }));
    } catch {
      setReasons([]);
    }
  };

  const submit = async (): Promise<Outcome> => {
    try {
      const notice = await client.call('announceCounterPause', { params: { counterId }, body: { reasonId: values.reasonId, ...noticeTimes(values, hallNow()) } });
      return { ok: true, text: t('pauseNotice.done', { starts: formatHm(notice.startsAt), resumes: formatHm(notice.resumesAt), reason: notice.reasonLabel }) };
    } catch (err) {
      return { ok: false, text: t('pauseNotice.failed', { message: err instanceof ApiError ? err.message : String(err) }) };
    }
  };

  return (
    <CounterFormButton testId="pause-notice" label={t('pauseNotice.open')} title={t('pauseNotice.title')} submitLabel={t('pauseNotice.submit')} onOpen={() => void loadReasons()} submit={submit}>
      <PauseNoticeFields reasons={reasons} values={values} onChange={setValues} testId="pause-notice" />
    </CounterFormButton>
  );
}
