// A 24-hour time picker: "09 时 30 分" from two labelled lists (a native <input type="time">
// follows the browser's locale and may show 09:30 AM). Minutes in steps of 5; a value off the
// step (an imported 09:07) is kept and listed. The value is the API's "HH:MM".
import { useId } from 'react';
import { useT } from '../../shared/i18n';
import { FieldError } from './FieldError';
import './forms.css';

const two = (n: number) => String(n).padStart(2, '0');
const HOURS = Array.from({ length: 24 }, (_, h) => two(h));
const MINUTES = Array.from({ length: 12 }, (_, i) => two(i * 5));

export interface TimeFieldProps {
  label: string;
  value: string;
  onValue: (hm: string) => void;
  testId: string;
  error?: string | null;
}

export function TimeField({ label, value, onValue, testId, error }: TimeFieldProps) {
  const t = useT();
  const id = useId();
  const [hour = '09', minute = '00'] = /^\d{2}:\d{2}$/.test(value) ? value.split(':') : [];
  const minutes = MINUTES.includes(minute) ? MINUTES : [...MINUTES, minute].sort();
  return (
    <div className="admin-field" role="group" aria-labelledby={`${id}-label`} data-testid={testId} data-value={value}>
      <span className="admin-field-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="admin-time">
        <label>
          <select value={hour} onChange={(e) => onValue(`${e.target.value}:${minute}`)} aria-invalid={error ? true : undefined} data-testid={`${testId}-hour`}>
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>{' '}
          {t('forms.hour')}
        </label>
        <label>
          <select value={minute} onChange={(e) => onValue(`${hour}:${e.target.value}`)} aria-invalid={error ? true : undefined} data-testid={`${testId}-minute`}>
            {minutes.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>{' '}
          {t('forms.minute')}
        </label>
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
