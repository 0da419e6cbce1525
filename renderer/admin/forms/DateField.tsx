// A Chinese date picker for the admin page's forms: the chosen day reads "2026年12月7日 星期一"
// whatever the browser's own locale (a native <input type="date"> shows the OS's format, often
// 12/07/2026), and a month calendar, weeks from Monday, opens under it. The value is the API's
// "YYYY-MM-DD". Keyboard: Tab to the button, Enter opens, Tab through the days, Esc closes.
import { useId, useState } from 'react';
import { useT, type MessageKey } from '../../shared/i18n';
import { dayInRange, dayOfInstant, monthGrid, parseDay, shiftMonth } from '../../shared/format/calendar-day';
import { hallNow } from '../../shared/hooks/hallClock';
import { FieldError } from './FieldError';
import './forms.css';

const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** "2026年12月7日 星期一" for "2026-12-07"; the text itself when it is not a date. */
export function useChineseDate(): (day: string) => string {
  const t = useT();
  return (day) => {
    const d = parseDay(day);
    return d ? t('forms.date', { year: d.year, month: d.month, day: d.day, weekday: t(`clock.weekday.${d.weekday}` as MessageKey) }) : day;
  };
}

export interface DateFieldProps {
  label: string;
  value: string;
  onValue: (day: string) => void;
  testId: string;
  min?: string;
  max?: string;
  error?: string | null;
}

export function DateField({ label, value, onValue, testId, min, max, error }: DateFieldProps) {
  const t = useT();
  const chinese = useChineseDate();
  const id = useId();
  const [open, setOpen] = useState(false);
  const chosen = parseDay(value);
  const [shown, setShown] = useState(() => {
    const d = chosen ?? parseDay(dayOfInstant(hallNow()))!;
    return { year: d.year, month: d.month };
  });
  const toggle = () => {
    if (!open && chosen) setShown({ year: chosen.year, month: chosen.month });
    setOpen(!open);
  };
  return (
    <div className="admin-field" data-testid={testId} data-value={value}>
      <span className="admin-field-label" id={`${id}-label`}>
        {label}
      </span>
      <button
        type="button"
        className="admin-date-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-labelledby={`${id}-label ${id}-value`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onClick={toggle}
        data-testid={`${testId}-open`}
      >
        <span id={`${id}-value`} data-testid={`${testId}-text`}>
          {chosen ? chinese(value) : t('forms.pickDate')}
        </span>
        <span aria-hidden="true" className="admin-date-icon">
          ▾
        </span>
      </button>
      {open ? (
        <div
          className="admin-calendar"
          role="dialog"
          aria-label={label}
          data-testid={`${testId}-calendar`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <div className="admin-calendar-head">
            <button type="button" className="admin-button admin-button-small" onClick={() => setShown(shiftMonth(shown.year, shown.month, -1))} data-testid={`${testId}-prev`}>
              {t('forms.prevMonth')}
            </button>
            <strong aria-live="polite" data-testid={`${testId}-month`}>
              {t('forms.month', { year: shown.year, month: shown.month })}
            </strong>
            <button type="button" className="admin-button admin-button-small" onClick={() => setShown(shiftMonth(shown.year, shown.month, 1))} data-testid={`${testId}-next`}>
              {t('forms.nextMonth')}
            </button>
          </div>
          <table className="admin-calendar-grid">
            <thead>
              <tr>
                {WEEK.map((w) => (
                  <th key={w} scope="col" abbr={t(`clock.weekday.${w}` as MessageKey)}>
                    {t(`forms.weekHead.${w}` as MessageKey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthGrid(shown.year, shown.month).map((week, i) => (
                <tr key={i}>
                  {week.map((day, j) => (
                    <td key={j}>
                      {day ? (
                        <button
                          type="button"
                          className={day === value ? 'is-chosen' : ''}
                          aria-pressed={day === value}
                          aria-label={chinese(day)}
                          disabled={!dayInRange(day, min, max)}
                          onClick={() => {
                            onValue(day);
                            setOpen(false);
                          }}
                          data-date={day}
                        >
                          {Number(day.slice(8))}
                        </button>
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="admin-button admin-button-small" onClick={() => setOpen(false)}>
            {t('forms.closeCalendar')}
          </button>
        </div>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
