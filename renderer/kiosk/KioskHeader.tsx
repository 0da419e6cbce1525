import { Clock } from '../shared/components/Clock';
import { LargeTypeToggle } from '../shared/components/LargeTypeToggle';
import { LanguageSwitch } from '../shared/components/LanguageSwitch';
import type { ReactNode } from 'react';

/** `tools`: the kiosk's own buttons beside the language and large-type switches (呼叫工作人员, 朗读). */
export function KioskHeader({ hallName, tools }: { hallName: string; tools?: ReactNode }) {
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
      {tools ? <div className="kiosk-access-tools">{tools}</div> : null}
    </header>
  );
}
