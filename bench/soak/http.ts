// Small HTTP client for the soak: one fresh connection per request (no keep-alive pool),
// so a request never rides a socket of a hall process that was killed, and a bounded wait.
import http from 'node:http';

export interface Reply {
  status: number;
  body: unknown;
}

export interface RequestOptions {
  token?: string;
  session?: string;
  body?: unknown;
  timeoutMs?: number;
}

/** Rejects on connection errors (refused, reset, timeout): the caller decides what that means. */
export function request(base: string, method: string, route: string, opts: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.session) headers['x-staff-session'] = opts.session;
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${route}`, { method, headers, agent: false, timeout: opts.timeoutMs ?? 5_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('error', reject);
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** The error code of an API refusal ({ error: { code } }), or null. */
export function errorCode(reply: Reply): string | null {
  const body = reply.body as { error?: { code?: unknown } } | null;
  return typeof body?.error?.code === 'string' ? body.error.code : null;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
