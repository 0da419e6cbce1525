import { useT } from '../i18n';
import type { MessageKey } from '../i18n';
import { useHallNow } from '../hooks/hallClock';
import { formatHm, wallClock } from '../format/time';

export function Clock({ showDate = true, className }: { showDate?: boolean; className?: string }) {
  const t = useT();
  const now = useHallNow();
  const w = wallClock(now);
  return (
    <div className={`clock ${className ?? ''}`} data-testid="clock">
      <span className="clock-time number">{formatHm(now)}</span>
      {showDate ? (
        <span className="clock-date">
          {t('clock.date', { month: w.month, day: w.day, weekday: t(`clock.weekday.${w.weekday}` as MessageKey) })}
        </span>
      ) : null}
    </div>
  );
}
