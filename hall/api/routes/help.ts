// 呼叫工作人员 routes (docs/api.md): a kiosk asks for staff, the admin page lists and
// acknowledges. Every change goes to every terminal as a live `help` message: the admin page
// shows it at once, the kiosk that asked sees "staff on the way". Access is declared in
// hall/api/contract.ts (kiosk; admin with a staff session).
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import type { HallConfig } from '../../config/schema.js';
import type { LiveMessage } from '../dto.js';
import { HelpDesk, HelpError } from '../../help/help-desk.js';

export interface HelpRouteDeps {
  config: HallConfig;
  now(): number;
  live: { broadcastMessage(msg: LiveMessage): void };
}

/** Mounts the routes; returns the function that stops forwarding changes to the live feed. */
export function mountHelpRoutes(router: Router, deps: HelpRouteDeps): () => void {
  const desk = new HelpDesk();
  const off = desk.onChange((request) => deps.live.broadcastMessage({ type: 'help', request }));

  router.route('helpRequest', async (ctx) => {
    await ctx.body();
    const terminal = deps.config.terminals.find((t) => t.id === ctx.terminal.id);
    return desk.request(ctx.terminal.id, terminal?.name ?? ctx.terminal.id, deps.now());
  });

  router.route('helpRequests', () => desk.list(deps.now()));

  router.route('acknowledgeHelp', async (ctx) => {
    await ctx.body();
    const staff = deps.config.staff.find((s) => s.id === ctx.staff.staffId);
    try {
      return desk.acknowledge(ctx.params.id, staff?.name ?? ctx.staff.staffId, deps.now());
    } catch (err) {
      if (err instanceof HelpError) throw new ApiError(404, err.code, err.message);
      throw err;
    }
  });

  return off;
}
