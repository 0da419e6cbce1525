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

export const transferSchema = z.object({ toQueueId: shortText(40) }).strict();

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
