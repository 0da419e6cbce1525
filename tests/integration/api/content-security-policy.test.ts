// The hall's one CSP (hall/api/content-security-policy.ts), enforced by real headless
// Chromium on a page served by the hall's own static file server: the page may talk
// to its own origin, HTTP and WebSocket, and to nothing else; inline code does not run.
// Mutations checked: with the previous policy (`connect-src 'self' ws: wss:`) the
// foreign WebSocket opens and the first test fails; with `style-src 'self' 'unsafe-inline'`
// the inline style applies and the second test fails.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../hall/api/static-files.js';
import { HALL_CONTENT_SECURITY_POLICY } from '../../../hall/api/content-security-policy.js';
import { launchChromium } from '../../helpers/browser.js';

const pageScript = `
const probe = (url) => new Promise((resolve) => {
  let socket;
  try { socket = new WebSocket(url); } catch (error) { resolve('refused'); return; }
  socket.onopen = () => { socket.close(); resolve('open'); };
  socket.onerror = () => resolve('refused');
});
const foreign = new URLSearchParams(location.search).get('foreign');
window.results = Promise.all([
  probe('ws://' + location.host + '/api/v1/live'),
  probe('ws://' + foreign + '/'),
  fetch('/hello.txt').then((r) => r.text(), () => 'refused'),
  fetch('http://' + foreign + '/').then(() => 'fetched', () => 'refused'),
]).then(([sameSocket, foreignSocket, sameFetch, foreignFetch]) => {
  const cssom = document.getElementById('cssom');
  cssom.style.color = 'rgb(1, 2, 3)';
  return {
    sameSocket, foreignSocket, sameFetch, foreignFetch,
    inlineScriptRan: window.inlineRan === true,
    inlineStyleColor: getComputedStyle(document.getElementById('inline')).color,
    cssomColor: getComputedStyle(cssom).color,
  };
});
`;

const pageHtml = `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/app.js"></script></head>
<body><p id="inline" style="color: rgb(200, 0, 0)">inline</p><p id="cssom">cssom</p><script>window.inlineRan = true</script></body></html>`;

let root: string;
let browser: Browser;
const servers: http.Server[] = [];

async function listen(server: http.Server): Promise<string> {
  servers.push(server);
  new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-csp-'));
  fs.writeFileSync(path.join(root, 'index.html'), pageHtml);
  fs.writeFileSync(path.join(root, 'app.js'), pageScript);
  fs.writeFileSync(path.join(root, 'hello.txt'), 'hello');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the hall CSP in Chromium', () => {
  it('is the header of every hall page, and lets a page reach only its own origin, WebSocket included', async () => {
    const hall = await listen(http.createServer((req, res) => serveStatic(root, req, res, new URL(req.url ?? '/', 'http://hall'))));
    // Another origin on the same machine, answering anyone (CORS open): only CSP can stop the page.
    const foreign = await listen(http.createServer((_req, res) => res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('x')));

    const head = await fetch(`http://${hall}/`);
    expect(head.headers.get('content-security-policy')).toBe(HALL_CONTENT_SECURITY_POLICY);

    const page = await browser.newPage();
    await page.goto(`http://${hall}/?foreign=${foreign}`);
    const results = await page.evaluate(() => (window as unknown as { results: Promise<Record<string, unknown>> }).results);
    await page.close();
    expect(results).toMatchObject({ sameSocket: 'open', sameFetch: 'hello', foreignSocket: 'refused', foreignFetch: 'refused' });
  });

  it('runs no inline script or style attribute, while styles set through the CSSOM (React) still apply', async () => {
    const hall = await listen(http.createServer((req, res) => serveStatic(root, req, res, new URL(req.url ?? '/', 'http://hall'))));
    const page = await browser.newPage();
    await page.goto(`http://${hall}/?foreign=${hall}`);
    const results = await page.evaluate(() => (window as unknown as { results: Promise<Record<string, unknown>> }).results);
    await page.close();
    expect(results).toMatchObject({ inlineScriptRan: false, inlineStyleColor: 'rgb(0, 0, 0)', cssomColor: 'rgb(1, 2, 3)' });
  });
});
