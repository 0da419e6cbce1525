// A small HTTP toolkit for the LAN API: JSON bodies with a size limit,
// validation with zod, and errors as ApiErrorBody (routing is hall/api/router.ts,
// over the route table hall/api/contract.ts). Contract: every response is JSON
// with a stable error code on failure; unknown errors become 500 "internal"
// with nothing changed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { DomainError } from '../domain/index.js';
import type { ApiErrorBody, RefusalErrorBody, RefusalFactsDTO, ValidationIssueDTO } from './dto.js';
import { logger } from '../../drivers/log/logger.js';
import { HttpProblem, parseJsonBody, sendJson } from '../../protocol/http-json.js';

export { sendJson };

const log = logger('api');

export const MAX_BODY_BYTES = 64 * 1024;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Validation issues (400) or the facts of a domain refusal (409), sent as `error.details`. */
    readonly details?: ValidationIssueDTO[] | RefusalFactsDTO,
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

/**
 * The request target as a URL, or null when it cannot be parsed (`GET http://a:99999/`).
 * Contract: never throws. Both the HTTP handler and the WebSocket upgrade use it, so a
 * malformed request line is a 400, never an uncaught TypeError that ends the process.
 * An absolute-form target (`GET http://x/api/v1/hall`) keeps its path; its host is ignored.
 */
export function parseRequestUrl(target: string | undefined): URL | null {
  try {
    const url = new URL(target ?? '/', 'http://hall');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** One path parameter, percent-decoded; malformed encoding (`%ZZ`) is a 400, not a 500. */
export function decodePathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'bad_path', `the path has malformed percent-encoding: ${JSON.stringify(raw.slice(0, 80))}`);
  }
}

/** The answer to a request whose target cannot be parsed. */
export function sendBadTarget(res: ServerResponse): void {
  sendError(res, new ApiError(400, 'bad_request_target', 'the request target is not a valid URL'));
}


export function sendError(res: ServerResponse, err: unknown): void {
  let apiError: ApiError;
  if (err instanceof ApiError) apiError = err;
  // A refusal carries its facts (e.g. { readyAt }) so the screen can explain it; never personal data.
  else if (err instanceof DomainError) apiError = new ApiError(409, err.code, err.message, err.details && Object.keys(err.details).length ? err.details : undefined);
  else {
    log.error('internal error while handling a request', { err });
    apiError = new ApiError(500, 'internal', 'internal error; the request changed nothing');
  }
  const { code, message, details } = apiError;
  const body: ApiErrorBody | RefusalErrorBody =
    details === undefined ? { error: { code, message } } : Array.isArray(details) ? { error: { code, message, details } } : { error: { code, message, details } };
  if (!res.headersSent) sendJson(res, apiError.status, body);
}

/** Reads and parses a JSON body (≤ maxBytes, default 64 KiB), then validates it (protocol/http-json.ts). */
export async function readBody<T>(req: IncomingMessage, schema: z.ZodType<T>, maxBytes = MAX_BODY_BYTES): Promise<T> {
  try {
    return await parseJsonBody(req, schema, maxBytes);
  } catch (err) {
    throw err instanceof HttpProblem ? new ApiError(err.status, err.code, err.message, err.details) : err;
  }
}
