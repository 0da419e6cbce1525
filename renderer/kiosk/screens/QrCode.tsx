// QR code rendered in the browser (the `qrcode` package's SVG output): no network, crisp
// at any size. The progress URL may come relative; a phone needs it absolute.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function absoluteUrl(url: string, origin: string): string {
  try {
    return new URL(url, origin).toString();
  } catch {
    return url;
  }
}

export function QrCode({ url, label, className, testId = 'ticket-qr' }: { url: string; label: string; className?: string; testId?: string }) {
  const [svg, setSvg] = useState<{ url: string; dataUrl: string } | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } })
      .then((text) => {
        if (!cancelled) setSvg({ url, dataUrl: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}` });
      })
      .catch(() => {
        // no QR code: the number on screen and on paper is what matters
      });
    return () => {
      cancelled = true;
    };
  }, [url]);
  return (
    <figure className={`qr-code ${className ?? ''}`} data-testid={testId} data-url={url}>
      {svg && svg.url === url ? <img src={svg.dataUrl} alt={label} /> : <div className="qr-placeholder" />}
      <figcaption>{label}</figcaption>
    </figure>
  );
}
