// The LAN API's router, generic over the route table (hall/api/contract.ts). A handler is
// mounted by the route's name; its path parameters, body and reply are the declared ones.
// Contract:
//   - only declared routes can be mounted, each once (mounting twice throws at start);
//   - the declared terminal access is enforced here, before the handler runs: no token or an
//     unknown one → 401 unauthenticated, another role → 403 forbidden, and with
//     `staff: 'session'` no staff session opened on this terminal → 401 (hall/api/access.ts);
//   - checks that come before access (`before`, e.g. 404 for an unknown counter) keep the
//     order of answers docs/api.md describes;
//   - ctx.body() reads and validates the body with the route's schema (hall/api/requests.ts);
//   - every answer is JSON, except a route declared `answers: 'file'`, whose handler writes the
//     file itself; errors are ApiErrorBody (http.ts sendError); nothing throws past handle().
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { routes, type ParamsOf, type ReplyOf, type RouteName, type Routes } from './contract.js';
import { decodePathSegment, readBody, sendError, sendJson, ApiError, type RequestContext } from './http.js';
import { staffSessionOf, terminalOf, type AccessDeps } from './access.js';
import { requestBodies } from './requests.js';
import type { StaffSession, TerminalIdentity } from '../auth/tokens.js';

type AccessOf<K extends RouteName> = Routes[K]['access'];
type Specs = typeof requestBodies;
/**
 * The body a handler gets: the route's schema output (defaults filled in), which the compiler
 * checked is the declared body (requests.ts). Routes whose handler validates the body: never.
 */
export type ParsedBodyOf<K extends RouteName> = K extends keyof Specs ? (Specs[K] extends { schema: infer S extends z.ZodType } ? z.output<S> : never) : never;

/** What a handler of route K gets: the request, its typed parameters, the checked terminal and session. */
export interface RouteContext<K extends RouteName> extends RequestContext {
  params: ParamsOf<K>;
  /** The terminal that asked, already checked against the declared access; null on public routes. */
  terminal: AccessOf<K> extends 'public' ? null : TerminalIdentity;
  /** The staff session the router checked (`staff: 'session'`); null otherwise. */
  staff: AccessOf<K> extends { staff: 'session' } ? StaffSession : null;
  /** Reads and validates the declared body (400/413/415 as http.ts readBody). */
  body(): Promise<ParsedBodyOf<K>>;
}

export type RouteHandler<K extends RouteName> = (ctx: RouteContext<K>) => ReplyOf<K> | Promise<ReplyOf<K>>;

export interface MountOptions<K extends RouteName> {
  /** Runs before the access check (e.g. 404 for an unknown counter): only for answers docs/api.md orders so. */
  before?(params: ParamsOf<K>, ctx: RequestContext): void;
}

interface Mounted {
  name: RouteName;
  method: string;
  pattern: RegExp;
  keys: string[];
  run(ctx: RequestContext): Promise<unknown>;
  status: number;
  answers: 'json' | 'file';
}

export class Router {
  private readonly mounted: Mounted[] = [];

  constructor(private readonly access: AccessDeps) {}

  /** Mounts the handler of a declared route. */
  route<K extends RouteName>(name: K, handler: RouteHandler<K>, options: MountOptions<K> = {}): void {
    const decl = routes[name];
    if (!decl) throw new Error(`route "${String(name)}" is not declared in hall/api/contract.ts`);
    if (this.mounted.some((m) => m.name === name)) throw new Error(`route "${name}" is mounted twice`);
    const keys: string[] = [];
    const pattern = new RegExp('^' + decl.path.replace(/:([a-zA-Z]+)/g, (_, k: string) => (keys.push(k), '([^/]+)')) + '$');
    const spec = (requestBodies as Partial<Record<RouteName, unknown>>)[name];
    const run = async (base: RequestContext): Promise<unknown> => {
      const params = base.params as ParamsOf<K>;
      options.before?.(params, base);
      let terminal: TerminalIdentity | null = null;
      let staff: StaffSession | null = null;
      const access = decl.access as Routes[RouteName]['access'];
      if (access !== 'public') {
        terminal = terminalOf(this.access, base, ...(access.terminals === 'any' ? [] : access.terminals));
        if ('staff' in access && access.staff === 'session') staff = staffSessionOf(this.access, base, terminal);
      }
      const body = async (): Promise<ParsedBodyOf<K>> => {
        if (!spec || spec === 'handler') throw new Error(`route "${name}" declares no body schema`);
        const { schema, maxBytes } = spec as { schema: Parameters<typeof readBody>[1]; maxBytes?: number };
        return (await readBody(base.req, schema, maxBytes)) as ParsedBodyOf<K>;
      };
      return handler({ ...base, params, terminal, staff, body } as RouteContext<K>);
    };
    this.mounted.push({ name, method: decl.method, pattern, keys, run, status: decl.status, answers: decl.answers });
  }

  /** The names of the mounted routes, in mounting order. */
  names(): RouteName[] {
    return this.mounted.map((m) => m.name);
  }

  /** Returns false when no route matches the path (so static files can be tried). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const matching = this.mounted.filter((r) => r.pattern.test(url.pathname));
    if (matching.length === 0) return false;
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      sendError(res, new ApiError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`));
      return true;
    }
    const m = route.pattern.exec(url.pathname)!;
    const params: Record<string, string> = {};
    try {
      route.keys.forEach((k, i) => (params[k] = decodePathSegment(m[i + 1]!)));
      const body = await route.run({ req, res, url, params });
      if (!res.headersSent) {
        if (route.answers === 'file') throw new Error(`route "${route.name}" is declared to answer a file and wrote none`);
        sendJson(res, route.status, body ?? { ok: true });
      }
    } catch (err) {
      sendError(res, err);
    }
    return true;
  }
}
