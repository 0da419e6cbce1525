// The emulated printer's fault switches on the admin page. The API reports health, not the
// switches, so their first position is read from the health code; after that the page
// remembers what it set.
import type { DeviceDTO } from '../../../hall/api/dto';

export type PrinterFlag = 'paperOut' | 'paperNearEnd' | 'coverOpen' | 'offline';
export type PrinterFlags = Record<PrinterFlag, boolean>;

export function printerFlagsFromHealth(health: DeviceDTO['health']): PrinterFlags {
  const code = (health.code ?? '').toLowerCase();
  return {
    paperOut: code === 'paper_out' || code === 'no_paper' || code === 'paper_empty',
    paperNearEnd: code.includes('near_end') || code.includes('low_paper') || code === 'paper_low',
    coverOpen: code.includes('cover'),
    offline: code === 'offline',
  };
}
