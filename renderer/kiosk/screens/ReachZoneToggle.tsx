// 低位操作 on the start screen, at its foot where a visitor in a wheelchair can reach it: moves
// every action into the lower half of the screen (reachZone.ts) until the kiosk goes idle.
import { useT } from '../../shared/i18n';
import { WheelchairIcon } from '../../shared/components/Icons';
import { useReachZone } from '../reachZone';

export function ReachZoneToggle() {
  const t = useT();
  const [on, setOn] = useReachZone();
  return (
    <button type="button" className="kiosk-reach-toggle" aria-pressed={on} onClick={() => setOn(!on)} data-testid="kiosk-reach-toggle">
      <WheelchairIcon className="kiosk-reach-icon" />
      <span className="kiosk-reach-label">{t('kiosk.reach.on')}</span>
      <span className="kiosk-reach-hint">{t('kiosk.reach.hint')}</span>
    </button>
  );
}
