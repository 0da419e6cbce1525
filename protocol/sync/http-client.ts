// The sync kernel's one HTTP client (uplink, downlink, rating upload, and
// central's forwarder to the province): one request in, status + headers +
// body text out, over node:http/https with keep-alive.
// Contract: resolves with every complete HTTP answer (2xx–5xx alike) and
// rejects only with HttpTransportError — "network" (refused, reset, DNS, an
// answer that broke off …) or "timeout" (no complete answer within
// timeoutMs). `sent` says whether the request may have reached the server:
// false only when the connection was never made (refused, DNS, no route), so
// a retry is safe; true otherwise — the outcome is unknown (failure.ts).
// Dangers: the timeout uses a real timer (it bounds real I/O, not hall time);
// answers larger than maxResponseBytes are cut off with a network error. An
// answer without Content-Length ends when the server closes: a cut-off body
// then looks complete — failure.ts treats an unreadable 2xx as unknown.
import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/** Connection errors that mean the request never left this machine. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

export class HttpTransportError extends Error {
  constructor(
    readonly kind: 'network' | 'timeout',
    message: string,
    /** The request may have reached the server (false: it certainly did not). */
    readonly sent: boolean = true,
  ) {
    super(message);
    this.name = 'HttpTransportError';
  }
}

export interface NodeHttpClient extends HttpClient {
  /** Closes idle keep-alive sockets. */
  close(): void;
}

export function nodeHttpClient(options: { maxResponseBytes?: number } = {}): NodeHttpClient {
  const maxBytes = options.maxResponseBytes ?? 4 * 1024 * 1024;
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 4 }), https: new https.Agent({ keepAlive: true, maxSockets: 4 }) };
  const client = ((request: HttpRequest) =>
    new Promise<HttpResponse>((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        reject(new HttpTransportError('network', `not a valid URL: ${request.url}`, false));
        return;
      }
      const secure = url.protocol === 'https:';
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      const headers: Record<string, string | number> = { ...request.headers };
      if (body) headers['content-length'] = body.length;
      let settled = false;
      const fail = (err: HttpTransportError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      };
      const req = (secure ? https : http).request(url, { method: request.method, headers, agent: secure ? agents.https : agents.http }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            res.destroy();
            fail(new HttpTransportError('network', `answer from ${url.host} is over ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (err) => fail(new HttpTransportError('network', `answer from ${url.host} broke off: ${err.message}`)));
        res.on('aborted', () => fail(new HttpTransportError('network', `answer from ${url.host} broke off`)));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      const timer = setTimeout(() => {
        fail(new HttpTransportError('timeout', `no answer from ${url.host} within ${request.timeoutMs} ms`));
        req.destroy();
      }, request.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        const never = err.code !== undefined && NEVER_SENT.has(err.code);
        fail(new HttpTransportError('network', `${never ? 'cannot reach' : 'connection to'} ${url.host}${never ? '' : ' lost'}: ${err.code ?? err.message}`, !never));
      });
      req.end(body);
    })) as NodeHttpClient;
  client.close = () => {
    agents.http.destroy();
    agents.https.destroy();
  };
  return client;
}
