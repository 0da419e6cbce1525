// 模拟: the calling-policy simulator for hall managers, on the LAN API.
//   GET  /api/v1/admin/simulate/policies  the policies a simulation may name
//   POST /api/v1/admin/simulate           { seed, policyA, policyB, scale?, day?, behaviour? } → comparison
//     behaviour: visitor rates over DEFAULT_BEHAVIOUR (no-shows, recalls, transfers, suspensions, walking)
// Access: an admin terminal with a staff session (hall/api/contract.ts, enforced by the Router).
// Contract: a simulation never changes the hall — it runs on a copy of the
// setup in a fresh in-memory engine. It runs in slices (runDayInSlices) so
// counters' calls are not held up, one simulation at a time (429 "busy"
// otherwise), and at most MAX_SIMULATED_TICKETS visitors (413 "too_much_work").
import type { CallingPolicy, HallSetup } from '../../domain/index.js';
import { compareResults, resultOf } from '../../simulator/compare.js';
import { generateDay } from '../../simulator/generate.js';
import { DEFAULT_BEHAVIOUR, behaviourProblems, withBehaviour } from '../../simulator/behaviour.js';
import { PolicyRefError, policyCatalog, resolvePolicy } from '../../simulator/policies.js';
import { runDayInSlices } from '../../simulator/run.js';
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import type { SimulateResponseDTO } from '../dto.js';
import type { PolicySummaryDTO, SimulateRequest as SimulateBody } from '../contract.js';
import { MAX_SIMULATION_SCALE, simulateSchema } from '../requests.js';

/** Visitors one request may simulate (both policies run over them). */
export const MAX_SIMULATED_TICKETS = 3_000;
export const MAX_SCALE = MAX_SIMULATION_SCALE;

export { simulateSchema };
export type SimulateRequest = SimulateBody;
export type PolicySummary = PolicySummaryDTO;
export type SimulateResponse = SimulateResponseDTO;

export interface SimulatorDeps {
  runtime: { readonly setup: HallSetup };
  /** Default MAX_SIMULATED_TICKETS; lower only in tests, to reach the limit with a small hall. */
  maxTickets?: number;
}

export function simulatorRoutes(router: Router, deps: SimulatorDeps): void {
  const maxTickets = deps.maxTickets ?? MAX_SIMULATED_TICKETS;
  let running = false;

  router.route('simulatePolicies', () => {
    return [...policyCatalog(deps.runtime.setup).values()].map((p) => ({ id: p.id, name: p.name, mode: p.mode, classOrder: p.classOrder, ratio: p.ratio, maxWaitMinutes: p.maxWaitMinutes, queueOrder: p.queueOrder }));
  });

  router.route('simulate', async (ctx) => {
    const body = await ctx.body();
    if (running) throw new ApiError(429, 'busy', 'another simulation is running; try again when it has finished');
    const setup = deps.runtime.setup;
    const catalog = policyCatalog(setup);
    let a: CallingPolicy;
    let b: CallingPolicy;
    try {
      a = resolvePolicy(body.policyA, catalog, 'policyA');
      b = resolvePolicy(body.policyB, catalog, 'policyB');
    } catch (err) {
      if (err instanceof PolicyRefError) throw new ApiError(400, 'invalid_policy', err.message);
      throw err;
    }
    const rates = { ...DEFAULT_BEHAVIOUR, ...body.behaviour };
    const problems = behaviourProblems(rates);
    if (problems.length) throw new ApiError(400, 'invalid_behaviour', `behaviour rates are not valid: ${problems.join('; ')}`);
    const day = withBehaviour(generateDay(setup, body.seed, { scale: body.scale, ...(body.day ? { serviceDay: body.day } : {}) }), setup, rates, body.behaviour && Object.keys(body.behaviour).length ? 'set' : 'default');
    if (day.arrivals.length > maxTickets) {
      throw new ApiError(413, 'too_much_work', `a simulation may cover at most ${maxTickets} visitors; this one would have ${day.arrivals.length}: lower the scale`);
    }
    running = true;
    try {
      const runA = await runDayInSlices(day, setup, a);
      const runB = await runDayInSlices(day, setup, b);
      return { ...compareResults(day, resultOf(runA, setup), resultOf(runB, setup)), limits: { maxTickets, maxScale: MAX_SCALE } };
    } finally {
      running = false;
    }
  });
}
