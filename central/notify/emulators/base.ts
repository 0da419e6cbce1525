// What both notification emulators share: a real HTTP server that can be taken down (connections
// refused) and brought up again on the same port, an answer delay (slow), and JSON helpers.
// Test tool only: in memory, no TLS.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export abstract class EmulatorServer {
  private server: http.Server | null = null;
  private port = 0;
  private host = '127.0.0.1';
  url = '';
  /** Answers wait this long (ms) after the request is taken — what a slow provider does. */
  delayMs = 0;

  protected abstract handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> | void;

  async listen(host = '127.0.0.1', port = 0): Promise<string> {
    this.host = host;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void Promise.resolve(this.handle(req, res, Buffer.concat(chunks).toString('utf8'))).catch((err: unknown) => {
          if (!res.headersSent) json(res, 500, { code: 'EMULATOR_ERROR', message: (err as Error).message });
        });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.url = `http://${host}:${this.port}`;
    return this.url;
  }

  /** Down: the port refuses connections until up(). */
  async down(): Promise<void> {
    await this.close();
  }

  /** Up again on the same port. */
  async up(): Promise<void> {
    if (!this.server) await this.listen(this.host, this.port);
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = null;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  protected async slow(): Promise<void> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
  }
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
