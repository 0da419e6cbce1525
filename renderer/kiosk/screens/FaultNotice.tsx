// A fault of this kiosk's own printer or card reader, said to the visitor in plain words
// (a 24-hour-zone kiosk has nobody to ask), and that the hall already knows about it.
import type { DeviceDTO } from '../../../hall/api/dto';
import { WarningIcon } from '../../shared/components/Icons';
import { ownDevice, ownPrinterInFault } from '../../shared/devices/devices';
import { useRulesT } from '../rulesText';

export function FaultNotice({ devices, terminalId }: { devices: readonly DeviceDTO[]; terminalId: string | null }) {
  const rt = useRulesT();
  const reader = ownDevice(devices, terminalId, 'id_reader');
  const printerDown = ownPrinterInFault(devices, terminalId);
  const readerDown = reader?.health.state === 'fault';
  if (!printerDown && !readerDown) return null;
  return (
    <div className="kiosk-fault-notice" role="alert" data-testid="kiosk-fault-notice" data-printer={String(printerDown)} data-reader={String(readerDown)}>
      <WarningIcon />
      <div>
        {printerDown ? <p>{rt('kioskRules.fault.printer')}</p> : null}
        {readerDown ? <p>{rt('kioskRules.fault.reader')}</p> : null}
        <p className="kiosk-fault-reported">{rt('kioskRules.fault.reported')}</p>
      </div>
    </div>
  );
}
