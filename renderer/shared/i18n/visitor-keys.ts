// Which keys a visitor reads: the kiosk, the hall display and what they share. Every locale
// offered to visitors (en, mn-Mong) must translate all of them — tests/unit/renderer/
// i18n-locales.test.ts fails on a missing one. Staff pages (counter, admin, technician) stay
// in Chinese and fall back to zh-CN.
export const VISITOR_KEY_PREFIXES = [
  'app.',
  'clock.',
  'connection.',
  'error.',
  'action.',
  'wait.',
  'ticketClass.',
  'counterStatus.',
  'counter.',
  'signIn.',
  'kiosk.',
  'kioskRules.',
  'display.',
  'capOffer.',
  'publication.',
  'phone.',
  'remoteTicket.',
] as const;

export function isVisitorKey(key: string): boolean {
  return VISITOR_KEY_PREFIXES.some((p) => key.startsWith(p));
}
