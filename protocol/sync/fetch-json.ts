// A small fetch wrapper for the destinations: JSON in/out, a per-request
// timeout, and failures sorted into "never left" (retry safely) and "may have
// arrived" (outcome unknown: check before re-sending).
// Contract: never throws; returns a tagged result. The timeout is real time
// (network I/O), set per destination; the worker's schedule uses injected timers.
// Danger: callers must not put secrets or personal data in error texts.

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type HttpResult =
  | { kind: 'response'; status: number; headers: Headers; body: unknown }
  /** The request may have reached the server (timeout, connection dropped). */
  | { kind: 'unknown'; reason: string }
  /** The request cannot have reached the server (refused, DNS, no route). */
  | { kind: 'unreached'; reason: string };

const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL']);

export async function requestJson(
  fetchFn: FetchLike,
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown },
  timeoutMs: number,
): Promise<HttpResult> {
  try {
    const res = await fetchFn(url, {
      method: init.method,
      headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { raw: text.slice(0, 200) };
    }
    return { kind: 'response', status: res.status, headers: res.headers, body };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { kind: 'unknown', reason: `no answer within ${timeoutMs} ms` };
    const code = e.cause?.code ?? (e as { code?: string }).code;
    if (code && NEVER_SENT.has(code)) return { kind: 'unreached', reason: `cannot reach ${new URL(url).host}: ${code}` };
    return { kind: 'unknown', reason: `connection failed: ${code ?? e.message}` };
  }
}

/** Retry-After in ms: delta-seconds or an HTTP date (relative to `now`). */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The error message of a JSON error body, in either `{error, message}` or `{error: {code, message}}` shape. */
export function errorText(body: unknown): { code: string; message: string } {
  const b = (body ?? {}) as Record<string, unknown>;
  const nested = typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>) : null;
  const code = String(nested?.code ?? b.error ?? b.code ?? 'unknown');
  const message = String(nested?.message ?? b.message ?? b.msg ?? '');
  return { code, message };
}
