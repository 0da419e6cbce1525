import { useT } from '../i18n';
import { useLargeType } from '../i18n/largeType';
import { TextSizeIcon } from './Icons';

/** 大字: always one touch away on visitor-facing pages. */
export function LargeTypeToggle({ className }: { className?: string }) {
  const t = useT();
  const [on, setOn] = useLargeType();
  return (
    <button
      type="button"
      className={`large-type-toggle ${className ?? ''}`}
      aria-pressed={on}
      aria-label={t('app.largeType.label')}
      onClick={() => setOn(!on)}
      data-testid="large-type-toggle"
    >
      <TextSizeIcon width="1.3em" height="1.3em" />
      {on ? t('app.largeType.off') : t('app.largeType.on')}
    </button>
  );
}
