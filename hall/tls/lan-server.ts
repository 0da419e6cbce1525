// The hall's LAN listener: plain HTTP (the demo, TLS off) or HTTPS with the
// hall's certificate (lan.tls.enabled). WebSocket upgrades arrive on the same
// server either way, so ws:// becomes wss:// with nothing else changed.
// Contract: TLS 1.2 at least; a client that fails the handshake (wrong
// certificate pinned, plain HTTP sent to the TLS port) is dropped by Node's
// default 'tlsClientError' handling and never reaches a route.
// No plain-HTTP redirect listener: a redirect answers only after the client has
// sent its request — PIN, token and all — in clear (docs/security-tls.md).
import http from 'node:http';
import https from 'node:https';
import type { HallTls } from './hall-tls.js';

export function createLanServer(tls: HallTls | null, onRequest: http.RequestListener): http.Server {
  if (!tls) return http.createServer(onRequest);
  return https.createServer({ cert: tls.certPem, key: tls.keyPem, minVersion: 'TLSv1.2' }, onRequest);
}

/** The scheme of the pages and API ("https" with TLS on); WebSocket URLs swap http for ws. */
export function lanScheme(tls: HallTls | null): 'http' | 'https' {
  return tls ? 'https' : 'http';
}
