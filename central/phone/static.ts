// The phone pages on central (docs/phone.md "The phone pages"): the built renderer's `phone`
// entry (dist/renderer/phone/index.html) at /m/ and the hashed files it loads at /assets/….
//   GET /m            → 301 /m/ (query kept)
//   GET /m/…          → phone/index.html (one page app: ?hall=…&id=…&key=… picks the screen)
//   GET /assets/<f>   → dist/renderer/assets/<f> (hashed names: cached for a year)
// Contract: only files directly in the assets folder are served (no path traversal, no other
// renderer folder); HTML is never cached; JS, CSS and SVG go gzip-compressed to a client that
// accepts it (a phone on 3G: bench/phone-3g.ts), compressed once per file and kept in memory.
// A missing build answers 503 phone_pages_missing with the command that makes it, never a blank
// page. The CSP is the hall pages' policy: own origin only, no inline script.
// Dangers: public. Nothing here reads a request body or the database.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { ApiError, type Router } from '../http.js';

/** dist/renderer of this checkout: what `npm run build:renderer` writes. */
export const DEFAULT_PAGES_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Cached {
  mtimeMs: number;
  size: number;
  raw: Buffer;
  gzip: Buffer | null;
}

export function registerPhonePages(router: Router, pagesDir: string = DEFAULT_PAGES_DIR): void {
  const root = path.resolve(pagesDir);
  const assets = path.join(root, 'assets');
  const cache = new Map<string, Cached>();

  const read = (file: string): Cached | null => {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const held = cache.get(file);
    if (held && held.mtimeMs === st.mtimeMs && held.size === st.size) return held;
    const raw = fs.readFileSync(file);
    const entry = { mtimeMs: st.mtimeMs, size: st.size, raw, gzip: COMPRESSIBLE.has(path.extname(file)) ? zlib.gzipSync(raw, { level: 9 }) : null };
    cache.set(file, entry);
    return entry;
  };

  const send = (res: ServerResponse, file: string, f: Cached, acceptEncoding: string | undefined, head: boolean, immutable: boolean) => {
    const ext = path.extname(file);
    const gzip = f.gzip !== null && /\bgzip\b/.test(acceptEncoding ?? '');
    const body = gzip ? f.gzip! : f.raw;
    res.writeHead(200, {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      ...(ext === '.html' ? { 'Content-Security-Policy': CSP, 'Referrer-Policy': 'no-referrer' } : {}),
    });
    res.end(head ? undefined : body);
  };

  const page = (ctx: Parameters<Parameters<Router['add']>[2]>[0]) => {
    const file = path.join(root, 'phone', 'index.html');
    const f = read(file);
    if (!f) throw new ApiError(503, 'phone_pages_missing', `the phone pages are not built (${file} is missing): run "npm run build:renderer", or point PHONE_PAGES_DIR at a built dist/renderer`);
    send(ctx.res, file, f, ctx.req.headers['accept-encoding'], ctx.req.method === 'HEAD', false);
    return undefined;
  };

  for (const method of ['GET', 'HEAD']) {
    router.add(method, '/m', (ctx) => {
      ctx.res.writeHead(301, { Location: `/m/${ctx.url.search}` }).end();
      return undefined;
    });
    router.add(method, '/m/', page);
    router.add(method, '/m/:rest', page);
    router.add(method, '/assets/:file', (ctx) => {
      const name = ctx.params.file!;
      // One file name, no separators or dot-dot: the assets folder only.
      if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) throw new ApiError(404, 'not_found', 'no such file');
      const file = path.join(assets, name);
      const f = read(file);
      if (!f) throw new ApiError(404, 'not_found', 'no such file');
      send(ctx.res, file, f, ctx.req.headers['accept-encoding'], ctx.req.method === 'HEAD', true);
      return undefined;
    });
  }
}
