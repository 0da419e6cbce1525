// JSON over HTTP, the part the hall's LAN API and central's server share:
// writing a JSON answer, reading a JSON body under a size limit, and turning a
// zod failure into the `{ path, message }` issues both send as `error.details`.
// Contract: readJsonBody and parseJsonBody throw HttpProblem (status, code,
// message, details?) and nothing else for bad input; each server turns it into
// its own error type. Node only; no hall or central imports (eslint.config.js).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

/** A zod issue path as "a.b[2].c". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a JSON body of at most maxBytes and validates it: 413 too_large, 415, 400 bad_json, 400 invalid_request with issues. */
export async function parseJsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>, maxBytes: number): Promise<T> {
  const type = req.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpProblem(413, 'too_large', `request body is over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let raw: unknown = {};
  if (text.trim() !== '') {
    if (!type.includes('application/json')) throw new HttpProblem(415, 'unsupported_media_type', 'send the body as application/json');
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new HttpProblem(400, 'bad_json', `request body is not valid JSON: ${(err as Error).message}`);
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const details = result.error.issues.map((i) => ({ path: formatPath(i.path) || '(body)', message: i.message }));
    throw new HttpProblem(400, 'invalid_request', `request body is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
  }
  return result.data;
}
