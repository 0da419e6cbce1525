// The address a ticket's QR code opens (printed and on the kiosk's screen): the phone page on the
// central platform when the hall has one and its `phone` section is enabled — a visitor's phone
// on the mobile network reaches central, not the hall's LAN — else the hall's own LAN page
// /ticket/ (halls without central, docs/phone.md).
//   central: <phone.publicUrl or sync.centralUrl>/m/?hall=<hallId>&id=<ticketId>&key=<key>
//   LAN:     /ticket/?id=<ticketId>&key=<key>  (relative: made absolute with the hall's public address)
// Contract: the key is the ticket's progress key (HallViews.progressKey); central knows only its
// sha256 (the board's keyHash), so the same key opens both pages.
import type { HallConfig } from '../config/schema.js';

/** Central's public base URL for phones, or null when tickets keep the LAN page. */
export function phoneBaseUrl(config: Pick<HallConfig, 'sync' | 'phone' | 'hall'>): string | null {
  const central = config.sync.centralUrl;
  if (!central || !config.phone.enabled) return null;
  return (config.phone.publicUrl ?? central).replace(/\/+$/, '');
}

export function ticketProgressUrl(config: Pick<HallConfig, 'sync' | 'phone' | 'hall'>, ticketId: string, key: string): string {
  const base = phoneBaseUrl(config);
  const id = encodeURIComponent(ticketId);
  if (!base) return `/ticket/?id=${id}&key=${key}`;
  const hallId = encodeURIComponent(config.sync.hallId ?? config.hall.id);
  return `${base}/m/?hall=${hallId}&id=${id}&key=${key}`;
}
