// The fields of a pause notice (000 第十七条), shared by the admin page and the counter page: the
// reason category from the hall's list, in how many minutes it starts, and how long it lasts.
import { useT } from '../i18n';

export interface PauseNoticeValues {
  reasonId: string;
  inMinutes: number;
  minutes: number;
}

export function PauseNoticeFields({ reasons, values, onChange, testId }: { reasons: { id: string; label: string }[]; values: PauseNoticeValues; onChange: (next: PauseNoticeValues) => void; testId: string }) {
  const t = useT();
  return (
    <>
      <label>
        {t('admin.serviceDesk.noticeReason')}
        <select value={values.reasonId} onChange={(e) => onChange({ ...values, reasonId: e.target.value })} data-testid={`${testId}-reason`}>
          {reasons.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.serviceDesk.noticeStarts')}
        <input type="number" min={0} max={4320} value={values.inMinutes} onChange={(e) => onChange({ ...values, inMinutes: Number(e.target.value) })} data-testid={`${testId}-in`} />
      </label>
      <label>
        {t('admin.serviceDesk.noticeMinutes')}
        <input type="number" min={1} max={4320} value={values.minutes} onChange={(e) => onChange({ ...values, minutes: Number(e.target.value) })} data-testid={`${testId}-minutes`} />
      </label>
    </>
  );
}

/** The notice's instants (whole ms, as the hall requires) from the form's values, from the hall time `now` (may be fractional: a synced estimate). */
export function noticeTimes(values: PauseNoticeValues, now: number): { startsAt: number; resumesAt: number } {
  const startsAt = Math.round(now + values.inMinutes * 60_000);
  return { startsAt, resumesAt: startsAt + values.minutes * 60_000 };
}
