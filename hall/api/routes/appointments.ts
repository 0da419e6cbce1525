// Appointment routes for the admin page (list, create, import, cancel), the
// manager's queue warnings and kiosk faults, and — through checkInRoute — the
// kiosk's check-in. mountAppointments() is the one call the service wiring
// makes: it owns the AppointmentStore, purges old personal data at start and
// at each day close, and starts the kiosk fault log.
// Contract: admin routes need the admin terminal and a staff session; an
// import changes nothing unless every row is valid (400 import_invalid with
// one { path: "line N", message } per bad row).
// Personal data: request bodies may carry a name and an ID number in clear;
// they are never logged, the store keeps them masked / as a blind index.
import { z } from 'zod';
import { ApiError, readBody, type RequestContext, type Router } from '../http.js';
import { staffSessionOf, terminalOf } from '../access.js';
import type { AppointmentDTO, ImportAppointmentsResponse, KioskFaultsDTO, QueueWarningDTO } from '../dto.js';
import type { Db } from '../../store/db.js';
import { AppointmentStore, type BlindIndexer } from '../../appointments/store.js';
import { appointmentInputSchema, parseCsvRows, parseJsonRows } from '../../appointments/rows.js';
import { AppointmentError } from '../../appointments/types.js';
import { appointmentDto } from '../../appointments/views.js';
import { KioskFaultLog, kioskFaults, queueWarnings } from '../kiosk-views.js';
import { checkInRoute } from './kiosk.js';
import type { ApiDeps } from './deps.js';

/** Imports up to this many bytes (a few thousand rows). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const createSchema = z
  .object({
    matterId: z.string().min(1).max(40),
    date: z.string().min(1).max(10),
    start: z.string().min(1).max(5),
    end: z.string().min(1).max(5),
    name: z.string().max(30).optional(),
    idNumber: z.string().max(18).optional(),
  })
  .strict();

const importSchema = z.object({ format: z.enum(['json', 'csv']), text: z.string().min(1) }).strict();

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

export function mountAppointments(router: Router, deps: ApiDeps, db: Db, sealer: BlindIndexer): MountedAppointments {
  const { config, runtime } = deps;
  const store = new AppointmentStore(db, sealer, { dayRule: runtime.setup.dayRule, matters: config.matters, now: deps.now });
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
  const admin = (ctx: RequestContext) => staffSessionOf(deps, ctx, terminalOf(deps, ctx, 'admin'));

  router.add('GET', '/api/v1/admin/appointments', (ctx): AppointmentDTO[] => {
    admin(ctx);
    const day = ctx.url.searchParams.get('day') ?? runtime.state.serviceDay;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new ApiError(400, 'invalid_request', 'day must be a date YYYY-MM-DD', [{ path: 'day', message: 'not a date' }]);
    return store.listDay(day).map(dto);
  });

  router.add(
    'POST',
    '/api/v1/admin/appointments',
    async (ctx): Promise<AppointmentDTO> => {
      admin(ctx);
      const body = await readBody(ctx.req, createSchema);
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
    },
    201,
  );

  router.add(
    'POST',
    '/api/v1/admin/appointments/import',
    async (ctx): Promise<ImportAppointmentsResponse> => {
      admin(ctx);
      const body = await readBody(ctx.req, importSchema, MAX_IMPORT_BYTES);
      const rows = body.format === 'json' ? parseJsonRows(body.text) : parseCsvRows(body.text);
      try {
        const created = store.importRows(rows.rows, rows.problems);
        return { imported: created.length, appointments: created.map(dto) };
      } catch (err) {
        rethrow(err);
      }
    },
    201,
  );

  router.add('POST', '/api/v1/admin/appointments/:id/cancel', async (ctx): Promise<AppointmentDTO> => {
    admin(ctx);
    await readBody(ctx.req, z.object({}).strict());
    try {
      return dto(store.cancel(ctx.params.id!));
    } catch (err) {
      rethrow(err);
    }
  });

  router.add('GET', '/api/v1/admin/queue-warnings', (ctx): QueueWarningDTO[] => {
    admin(ctx);
    return queueWarnings(config, runtime, deps.views);
  });

  router.add('GET', '/api/v1/admin/kiosk-faults', (ctx): KioskFaultsDTO => {
    admin(ctx);
    return kioskFaults(runtime, faults);
  });

  checkInRoute(router, deps, store);
  return { store, faults, unwatchFaults };
}
