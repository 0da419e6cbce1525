// Appointment routes for the admin page (list, create, import, cancel), the
// manager's queue warnings and kiosk faults, and — through checkInRoute — the
// kiosk's check-in. mountAppointments() is the one call the service wiring
// makes: it owns the AppointmentStore, purges old personal data at start and
// at each day close, and starts the kiosk fault log.
// Contract: admin routes need the admin terminal and a staff session (declared in
// hall/api/contract.ts, enforced by the Router); an import changes nothing unless every row is valid (400 import_invalid with
// one { path: "line N", message } per bad row).
// Personal data: request bodies may carry a name and an ID number in clear;
// they are never logged, the store keeps them masked / as a blind index.
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import { MAX_IMPORT_BYTES } from '../requests.js';
import type { Db } from '../../store/db.js';
import { AppointmentStore, type BlindIndexer } from '../../appointments/store.js';
import { appointmentInputSchema, parseCsvRows, parseJsonRows } from '../../appointments/rows.js';
import { AppointmentError } from '../../appointments/types.js';
import { appointmentDto } from '../../appointments/views.js';
import { bookingProblem } from '../../domain/booking-calendar.js';
import { KioskFaultLog, kioskFaults, queueWarnings } from '../kiosk-views.js';
import { checkInRoute } from './kiosk.js';
import type { ApiDeps } from './deps.js';

/** Imports up to this many bytes (a few thousand rows). */
export { MAX_IMPORT_BYTES };

function apiErrorOf(err: AppointmentError): ApiError {
  const status = err.code === 'not_found' ? 404 : err.code === 'invalid_appointment' || err.code === 'import_invalid' ? 400 : 409;
  return new ApiError(status, err.code, err.message, err.problems.map((p) => ({ path: p.line > 0 ? `line ${p.line}` : '(file)', message: p.message })));
}

function rethrow(err: unknown): never {
  if (err instanceof AppointmentError) throw apiErrorOf(err);
  throw err;
}

export interface MountedAppointments {
  store: AppointmentStore;
  faults: KioskFaultLog;
  /** Stops feeding device health to the fault log: call before the devices close (closing is not a fault). */
  unwatchFaults(): void;
}

export interface AppointmentRouteDeps extends ApiDeps {
  db: Db;
  /** Blind index of ID numbers (never stored in clear). */
  sealer: BlindIndexer;
}

export function mountAppointments(router: Router, deps: AppointmentRouteDeps): MountedAppointments {
  const { db, sealer } = deps;
  const { config, runtime } = deps;
  const { calendar, dayRule } = runtime.setup;
  const slotProblem = (matterId: string, slotStart: number, localText: string) => bookingProblem(calendar, dayRule, matterId, slotStart, localText);
  const store = new AppointmentStore(db, sealer, { dayRule, matters: config.matters, now: deps.now, slotProblem });
  const purge = () => store.purge(deps.now(), config.realName.retentionDays);
  purge();
  runtime.onEvents((events) => {
    if (events.some((e) => e.type === 'service_day_closed')) purge();
  });

  const faults = new KioskFaultLog(config, runtime);
  faults.observe(deps.devices.list());
  const unwatchFaults = deps.devices.onChange((list) => faults.observe(list));

  const matterName = new Map(config.matters.map((m) => [m.id, m.name]));
  const viewDeps = {
    matterName: (id: string) => matterName.get(id) ?? id,
    ticketNumber: (ticketId: string) => (runtime.state.tickets.get(ticketId) ?? deps.ticketFromStore(ticketId))?.number ?? null,
    utcOffsetMinutes: config.hall.utcOffsetMinutes,
  };
  const dto = (a: Parameters<typeof appointmentDto>[0]) => appointmentDto(a, viewDeps);

  router.route('appointments', (ctx) => {
    const day = ctx.url.searchParams.get('day') ?? runtime.state.serviceDay;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new ApiError(400, 'invalid_request', 'day must be a date YYYY-MM-DD', [{ path: 'day', message: 'not a date' }]);
    return store.listDay(day).map(dto);
  });

  router.route('createAppointment', async (ctx) => {
    const body = await ctx.body();
    const parsed = appointmentInputSchema.safeParse(body);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
      throw new ApiError(400, 'invalid_appointment', `appointment is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
    }
    try {
      return dto(store.create(parsed.data));
    } catch (err) {
      rethrow(err);
    }
  });

  // The body limit is MAX_IMPORT_BYTES (hall/api/requests.ts), not the usual 64 KiB.
  router.route('importAppointments', async (ctx) => {
    const body = await ctx.body();
    const rows = body.format === 'json' ? parseJsonRows(body.text) : parseCsvRows(body.text);
    try {
      const created = store.importRows(rows.rows, rows.problems);
      return { imported: created.length, appointments: created.map(dto) };
    } catch (err) {
      rethrow(err);
    }
  });

  router.route('cancelAppointment', async (ctx) => {
    await ctx.body();
    try {
      return dto(store.cancel(ctx.params.id));
    } catch (err) {
      rethrow(err);
    }
  });

  router.route('queueWarnings', () => queueWarnings(config, runtime, deps.views));

  router.route('kioskFaults', () => kioskFaults(runtime, faults));

  checkInRoute(router, { ...deps, appointments: store });
  return { store, faults, unwatchFaults };
}
