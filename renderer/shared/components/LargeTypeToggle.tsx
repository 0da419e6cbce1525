import { useT } from '../i18n';
import { useLargeType } from '../i18n/largeType';
import { TextSizeIcon } from './Icons';

/**
 * 大字: always one touch away on visitor-facing pages. A toggle button: its visible words are
 * its accessible name (WCAG 2.5.3, no separate aria-label), and aria-pressed says whether it is on.
 */
export function LargeTypeToggle({ className }: { className?: string }) {
  const t = useT();
  const [on, setOn] = useLargeType();
  return (
    <button
      type="button"
      className={`large-type-toggle ${className ?? ''}`}
      aria-pressed={on}
      onClick={() => setOn(!on)}
      data-testid="large-type-toggle"
    >
      <TextSizeIcon width="1.3em" height="1.3em" />
      {t('app.largeType.on')}
    </button>
  );
}
