// A local HTTP server (port 0) for browser tests of the announcer:
//   /voice/...          renderer/public/voice as checked in
//   /broken-voice/...   the same clips, but digit-3.wav answers 404 (a half-deployed display)
//   /announcer/<name>   renderer/shared/announcer/<name>.ts, transpiled by TypeScript to an ES module
//   /                   a blank page exposing the announcer module as window.voice
// The browser resolves './plan' against /announcer/index, so extensionless imports just work.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ts from 'typescript';

const repo = path.resolve(import.meta.dirname, '../../..');
export const voiceRoot = path.join(repo, 'renderer/public/voice');
const announcerRoot = path.join(repo, 'renderer/shared/announcer');
export const MISSING_CLIP = 'digit-3.wav';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>announcer</title></head><body>
<script type="module">import * as voice from '/announcer/index'; window.voice = voice; window.voiceReady = true;</script>
</body></html>`;

export interface VoiceServer {
  url: string;
  close(): Promise<void>;
}

function transpile(name: string): string | null {
  if (!/^[a-z-]+$/.test(name)) return null;
  const file = path.join(announcerRoot, `${name}.ts`);
  if (!fs.existsSync(file)) return null;
  return ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
    fileName: file,
  }).outputText;
}

function voiceFile(relative: string): Buffer | null {
  const file = path.resolve(voiceRoot, relative);
  if (!file.startsWith(voiceRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  return fs.readFileSync(file);
}

function route(pathname: string): { type: string; body: string | Buffer } | null {
  if (pathname === '/') return { type: 'text/html; charset=utf-8', body: PAGE };
  if (pathname.startsWith('/announcer/')) {
    const code = transpile(pathname.slice('/announcer/'.length));
    return code === null ? null : { type: 'text/javascript; charset=utf-8', body: code };
  }
  const voice = /^\/(voice|broken-voice)\/(.+)$/.exec(pathname);
  if (!voice) return null;
  const [, tree, relative = ''] = voice;
  if (tree === 'broken-voice' && path.basename(relative) === MISSING_CLIP) return null;
  const body = voiceFile(decodeURIComponent(relative));
  if (!body) return null;
  return { type: relative.endsWith('.json') ? 'application/json' : 'audio/wav', body };
}

export async function startVoiceServer(): Promise<VoiceServer> {
  const server = http.createServer((req, res) => {
    const found = route(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' }).end(found.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
