// The address a visitor's phone opens from a ticket's QR code. Contract: an
// absolute http(s) origin, never taken from a request's Host header (a kiosk
// that reached the hall as "localhost" would print a code no phone can open).
//   1. hall.publicUrl from the configuration, when set;
//   2. else the listening address — and when that is every interface (0.0.0.0 / ::),
//      this machine's first non-internal IPv4 address.
import os from 'node:os';
import type { AddressInfo } from 'node:net';

export function publicBaseUrl(configured: string | undefined, scheme: 'http' | 'https', address: AddressInfo): string {
  if (configured) return configured.replace(/\/+$/, '');
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? (lanAddress() ?? '127.0.0.1') : address.address;
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}
