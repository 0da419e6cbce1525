// Validation schemas for request bodies. Shapes match hall/api/dto.ts.
import { z } from 'zod';

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
