// The one Content-Security-Policy of every hall page. The hall sends it with each
// HTML document (static-files.ts); the Electron shell enforces it as well on every
// document its windows load (electron/security.ts), so a terminal gets it even
// from a hall that sends something looser: browsers enforce every policy a
// response carries, so adding one can only tighten.
//   - scripts, styles, fonts, media and connections only from the hall's own
//     origin; `connect-src 'self'` also admits ws:/wss: of that same host and port
//     (CSP Level 3 — checked in Chromium by tests/integration/api/content-security-policy.test.ts)
//     and nothing else: no other host, no other port;
//   - no inline scripts or <style>/style="" attributes (React's style prop writes
//     through the CSSOM, which CSP does not restrict);
//   - images also from data:/blob: (QR codes and device pictures are data: SVGs),
//     audio also from blob:;
//   - no plugins, frames, <base>, foreign form targets, and no framing by others.
// Danger: every source added here is added for every role, kiosks included.
export const HALL_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
