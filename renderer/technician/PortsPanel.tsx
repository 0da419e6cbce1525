// What this machine offers to plug a device into: serial ports (with USB vendor/product
// ids), USB printers and HID devices, plus each source that could not be read and why.
// "用于设备" puts the port into the assign form.
import type { MachinePorts } from '../../agent/technician/api-types';
import { useT } from '../shared/i18n';

const hex = (n: number) => n.toString(16).padStart(4, '0');

interface Props {
  ports: MachinePorts | null;
  loading: boolean;
  error: string | null;
  onRefresh(): void;
  onPick(source: 'serial' | 'usb_lp' | 'hid', path: string): void;
}

export function PortsPanel({ ports, loading, error, onRefresh, onPick }: Props) {
  const t = useT();
  const pick = (source: 'serial' | 'usb_lp' | 'hid', path: string) => (
    <button type="button" className="tech-button small" onClick={() => onPick(source, path)} data-testid="tech-pick-port">
      {t('technician.ports.use')}
    </button>
  );
  return (
    <section className="tech-card" aria-labelledby="tech-ports-title" data-testid="tech-ports" aria-busy={loading}>
      <div className="tech-card-head">
        <h2 id="tech-ports-title">{t('technician.ports')}</h2>
        <button type="button" className="tech-button secondary" onClick={onRefresh} disabled={loading}>
          {t(loading ? 'technician.ports.loading' : 'technician.ports.refresh')}
        </button>
      </div>
      {error ? <p className="tech-bad" role="alert">{t('technician.ports.failed', { message: error })}</p> : null}
      {ports ? (
        <>
          <h3>{t('technician.ports.serial')}</h3>
          {ports.serial.length === 0 ? <p className="tech-muted">{t('technician.ports.none')}</p> : null}
          <ul className="tech-port-list">
            {ports.serial.map((p) => (
              <li key={p.path} data-testid="tech-port" data-source="serial">
                <span className="tech-mono">{p.path}</span>
                {p.manufacturer ? <span> {p.manufacturer}</span> : null}
                {p.vendorId || p.productId ? <span className="tech-muted tech-mono"> {t('technician.ports.usbIds', { vendor: p.vendorId ?? '?', product: p.productId ?? '?' })}</span> : null} {pick('serial', p.path)}
              </li>
            ))}
          </ul>
          <h3>{t('technician.ports.usbPrinters')}</h3>
          {ports.usbPrinters.length === 0 ? <p className="tech-muted">{t('technician.ports.none')}</p> : null}
          <ul className="tech-port-list">
            {ports.usbPrinters.map((p) => (
              <li key={p.path} data-testid="tech-port" data-source="usb_lp">
                <span className="tech-mono">{p.path}</span> {pick('usb_lp', p.path)}
              </li>
            ))}
          </ul>
          <h3>{t('technician.ports.hid')}</h3>
          {ports.hid.length === 0 ? <p className="tech-muted">{t('technician.ports.none')}</p> : null}
          <ul className="tech-port-list">
            {ports.hid.map((p, i) => (
              <li key={`${p.path ?? ''}-${i}`} data-testid="tech-port" data-source="hid">
                <span>{[p.manufacturer, p.product].filter(Boolean).join(' ') || t('technician.ports.unnamed')}</span>
                <span className="tech-muted tech-mono"> {t('technician.ports.usbIds', { vendor: hex(p.vendorId), product: hex(p.productId) })}</span>
                {p.path ? <span className="tech-mono"> {p.path}</span> : null} {p.path ? pick('hid', p.path) : null}
              </li>
            ))}
          </ul>
          {ports.errors.length ? (
            <div className="tech-note" data-testid="tech-port-errors">
              <p>{t('technician.ports.someUnreadable')}</p>
              <ul>
                {ports.errors.map((e) => (
                  <li key={e.source}>
                    <strong>{t(e.source === 'serial' ? 'technician.ports.serial' : e.source === 'usb_lp' ? 'technician.ports.usbPrinters' : 'technician.ports.hid')}</strong>
                    <span className="tech-mono"> {e.message}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
