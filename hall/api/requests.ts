// Validation schemas for request bodies. Shapes match hall/api/dto.ts.
import { z } from 'zod';
import type { BodyOf, RoutesWithBody } from './contract.js';
import { serviceDeskBodies } from './service-desk-requests.js';
import { serviceRecordBodies } from './service-records-requests.js';
import { badRatingCaseBodies } from './bad-rating-cases-requests.js';
import { ratingChannelBodies } from './ratings-requests.js';
import { behaviourPatchSchema } from '../simulator/behaviour.js';

const shortText = (max: number) => z.string().min(1).max(max);

export const issueTicketSchema = z
  .object({
    matterId: shortText(40),
    greenChannel: z.object({ categoryId: shortText(40), staffNo: shortText(16), pin: shortText(32) }).strict().optional(),
    identity: z
      .discriminatedUnion('source', [z.object({ source: z.literal('card') }).strict(), z.object({ source: z.literal('manual'), idNumber: shortText(18) }).strict()])
      .optional(),
  })
  .strict();

export const signInSchema = z.object({ staffNo: shortText(16), pin: shortText(32) }).strict();

/** 转窗: to a queue, or to one counter (toQueueId null or absent keeps the ticket's queue). */
export const transferSchema = z
  .object({ toQueueId: shortText(40).nullable().optional(), toCounterId: shortText(40).nullable().optional() })
  .strict()
  .refine((b) => Boolean(b.toQueueId) || Boolean(b.toCounterId), { message: 'give toQueueId or toCounterId' });

/** A ticket as the visitor shows it ("A012", "a12") or by id: exactly one of the two. */
const ticketNumber = z.string().trim().min(2).max(12).regex(/^[A-Za-z]{1,4}\s*\d{1,5}$/, 'a ticket number is a prefix and digits, e.g. A012');
const ticketRef = { ticketId: shortText(64).optional(), number: ticketNumber.optional() };
const oneTicket = (b: { ticketId?: string; number?: string }) => (b.ticketId === undefined) !== (b.number === undefined);
const oneTicketMessage = { message: 'give exactly one of ticketId and number' };

/** Staff-written reasons: 2–100 characters after trimming (the engine checks again). */
const staffReason = z.string().max(200);

export const callSpecificSchema = z.object({ ...ticketRef, reason: staffReason }).strict().refine(oneTicket, oneTicketMessage);

export const suspendSchema = z.object({ reason: staffReason, minutes: z.number().int().min(1).max(1440).nullable().optional() }).strict();

export const resumeSuspendedSchema = z.object(ticketRef).strict().refine(oneTicket, oneTicketMessage);

export const rejoinSchema = z.object({ number: ticketNumber }).strict();

export const guideRejoinSchema = z.object({ number: ticketNumber, staffNo: shortText(16), pin: shortText(32) }).strict();

export const rateSchema = z.object({ level: z.enum(['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied']) }).strict();


export const emptySchema = z.object({}).strict();

const level = z.enum(['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied']);

export const emulatorActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('swipe_card'), fixture: shortText(60) }).strict(),
  z.object({ action: z.literal('press'), level }).strict(),
  z
    .object({
      action: z.literal('printer_state'),
      state: z.object({ paperOut: z.boolean(), paperNearEnd: z.boolean(), coverOpen: z.boolean(), offline: z.boolean() }).partial().strict(),
    })
    .strict(),
  z.object({ action: z.literal('unplug') }).strict(),
  z.object({ action: z.literal('replug') }).strict(),
]);

/** 取号 at a kiosk by appointment: a typed code, a scanned QR text, or the card just read. */
export const checkInSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('code'), code: z.string().min(1).max(40) }).strict(),
  z.object({ method: z.literal('qr'), text: z.string().min(1).max(200) }).strict(),
  z.object({ method: z.literal('card') }).strict(),
]);

export const guidePrintSchema = z
  .object({ matterId: z.string().trim().min(1, 'matterId is required').max(40, 'matterId is at most 40 characters') })
  .strict();

export const createAppointmentSchema = z
  .object({
    matterId: z.string().min(1).max(40),
    date: z.string().min(1).max(10),
    start: z.string().min(1).max(5),
    end: z.string().min(1).max(5),
    name: z.string().max(30).optional(),
    idNumber: z.string().max(18).optional(),
  })
  .strict();

export const importAppointmentsSchema = z.object({ format: z.enum(['json', 'csv']), text: z.string().min(1) }).strict();

/** Appointment imports up to this many bytes (a few thousand rows). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export const enrolSchema = z.object({ terminalId: z.string().min(1).max(40), code: z.string().min(1).max(20) }).strict();

export const MAX_SIMULATION_SCALE = 5;
const policyRef = z.union([z.string().min(1).max(40), z.record(z.string(), z.unknown())]);

export const simulateSchema = z
  .object({
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    policyA: policyRef,
    policyB: policyRef,
    /** Multiplies the day's visitors (1 = a normal day for this hall). */
    scale: z.number().positive().max(MAX_SIMULATION_SCALE).default(1),
    /** The service day to simulate; default: a Monday, so the calendar opens the hall. */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional(),
    /** Visitor behaviour over the defaults (hall/simulator/behaviour.ts). */
    behaviour: behaviourPatchSchema.optional(),
  })
  .strict();

// ---- Each declared route's body (hall/api/contract.ts) and the schema the Router checks it with ----

/**
 * How the Router reads a route's body (ctx.body()): its schema and size limit. 'handler': the
 * handler picks the schema itself (a counter action's body depends on the action).
 */
export interface BodySpec<T> {
  schema: z.ZodType<T, unknown>;
  maxBytes?: number;
}

const spec = <S extends z.ZodType>(schema: S, maxBytes?: number): { schema: S; maxBytes?: number } => (maxBytes === undefined ? { schema } : { schema, maxBytes });

/**
 * One entry per route that declares a body. The compiler checks each schema's output is the
 * declared body (what handlers get); RequestsAcceptDeclared below checks the other way (what
 * the client sends is what the schema takes).
 */
export const requestBodies = {
  issueTicket: spec(issueTicketSchema),
  checkIn: spec(checkInSchema),
  remoteCheckIn: spec(checkInSchema),
  clearCard: spec(emptySchema),
  guidePrint: spec(guidePrintSchema),
  counterSignIn: spec(signInSchema),
  counterAction: 'handler',
  counterRejoin: spec(rejoinSchema),
  guideRejoin: spec(guideRejoinSchema),
  rate: spec(rateSchema),
  enrol: spec(enrolSchema),
  adminSignIn: spec(signInSchema),
  testPrint: spec(emptySchema),
  emulator: spec(emulatorActionSchema),
  createAppointment: spec(createAppointmentSchema),
  importAppointments: spec(importAppointmentsSchema, MAX_IMPORT_BYTES),
  cancelAppointment: spec(emptySchema),
  simulate: spec(simulateSchema),
  ...serviceDeskBodies,
  ...serviceRecordBodies,
  ...badRatingCaseBodies,
  ...ratingChannelBodies,
  helpRequest: spec(emptySchema),
  acknowledgeHelp: spec(emptySchema),
} as const satisfies { [K in RoutesWithBody]: BodySpec<BodyOf<K>> | 'handler' };

type AllTrue<T extends Record<string, true>> = T;
type SpecRoutes = { [K in keyof typeof requestBodies]: (typeof requestBodies)[K] extends { schema: z.ZodType } ? K : never }[keyof typeof requestBodies];
/** Compile-time: every declared body is accepted by its schema's input (else the route's name shows up as the error). */
export type RequestsAcceptDeclared = AllTrue<{ [K in SpecRoutes]: BodyOf<K> extends z.input<(typeof requestBodies)[K]['schema']> ? true : K }>;
