// Central's small HTTP toolkit: routing with ":name" path segments, JSON
// bodies with a size limit validated with zod, and errors in the protocol's
// error shape `{ error: { code, message, details? } }` (docs/sync-protocol.md;
// the hall's sync client reads this shape and the flat `{ error, message }`).
// Central's own: the hall's LAN API has its router in hall/api/http.ts, and
// central must not import the hall (eslint.config.js).
// Contract: no handler throws past Router.handle(): an ApiError answers its
// status and code; anything else is 500 "internal" and is logged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { formatPath, HttpProblem, parseJsonBody, sendJson } from '../protocol/http-json.js';

export { formatPath, sendJson };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Validation issues (400), sent as `error.details`. */
    readonly details?: readonly { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<unknown> | unknown;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  /** Path patterns use ":name" segments, e.g. "/v1/halls/:hallId/events". */
  add(method: string, path: string, handler: Handler): void {
    const keys: string[] = [];
    const pattern = new RegExp('^' + path.replace(/:([a-zA-Z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)')) + '$');
    this.routes.push({ method, pattern, keys, handler });
  }

  /** False when no route matches the path (the server answers 404). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const matching = this.routes.filter((r) => r.pattern.test(url.pathname));
    if (matching.length === 0) return false;
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      sendError(res, new ApiError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`));
      return true;
    }
    const m = route.pattern.exec(url.pathname)!;
    const params: Record<string, string> = {};
    try {
      route.keys.forEach((k, i) => (params[k] = decodeSegment(m[i + 1]!)));
      const body = await route.handler({ req, res, url, params });
      if (!res.headersSent) sendJson(res, 200, body ?? { ok: true });
    } catch (err) {
      sendError(res, err);
    }
    return true;
  }
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'bad_path', `the path has malformed percent-encoding: ${JSON.stringify(raw.slice(0, 80))}`);
  }
}


export function sendError(res: ServerResponse, err: unknown): void {
  let e: ApiError;
  if (err instanceof ApiError) e = err;
  else {
    console.error('central: internal error while handling a request:', err);
    e = new ApiError(500, 'internal', 'internal error; the request changed nothing');
  }
  const body = { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
  if (!res.headersSent) sendJson(res, e.status, body);
}


/** Reads and parses a JSON body of at most maxBytes, then validates it (400 with details when invalid). */
export async function readBody<T>(req: IncomingMessage, schema: z.ZodType<T>, maxBytes: number): Promise<T> {
  try {
    return await parseJsonBody(req, schema, maxBytes);
  } catch (err) {
    throw err instanceof HttpProblem ? new ApiError(err.status, err.code, err.message, err.details) : err;
  }
}
