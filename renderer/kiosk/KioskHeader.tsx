import { Clock } from '../shared/components/Clock';
import { LargeTypeToggle } from '../shared/components/LargeTypeToggle';
import { LanguageSwitch } from '../shared/components/LanguageSwitch';

export function KioskHeader({ hallName }: { hallName: string }) {
  return (
    <header className="kiosk-header">
      <div className="kiosk-hall-name" data-testid="kiosk-hall-name">
        {hallName}
      </div>
      <Clock className="kiosk-clock" />
      <div className="kiosk-header-tools">
        <LanguageSwitch />
        <LargeTypeToggle />
      </div>
    </header>
  );
}
