// Request schemas of the service desk's routes (hall/api/routes/service-desk.ts); joined into
// requestBodies (hall/api/requests.ts), where the compiler checks each against the declared body.
import { z } from 'zod';

const idText = z.string().min(1).max(40);
const epochMs = z.number().int().nonnegative();

export const takeCapOfferSchema = z.object({ matterId: idText, offer: z.enum(['unresolved_counter', 'next_day_booking', 'guide_help']) }).strict();

export const postServiceNoticeSchema = z
  .object({ counterId: idText.nullable().optional(), queueId: idText.nullable().optional(), reasonId: idText, startsAt: epochMs, resumesAt: epochMs })
  .strict();

/** Staff-written texts: the service desk checks the trimmed length again. */
export const recordUnresolvedCaseSchema = z
  .object({ matterId: idText.nullable().optional(), ticketNumber: z.string().trim().max(12).nullable().optional(), summary: z.string().max(600) })
  .strict();

export const announceCounterPauseSchema = z.object({ reasonId: idText, startsAt: epochMs, resumesAt: epochMs }).strict();

export const answerUnresolvedCaseSchema = z.object({ answer: z.string().max(1000) }).strict();

const emptySchema = z.object({}).strict();

export const serviceDeskBodies = {
  takeCapOffer: { schema: takeCapOfferSchema },
  postServiceNotice: { schema: postServiceNoticeSchema },
  withdrawServiceNotice: { schema: emptySchema },
  announceCounterPause: { schema: announceCounterPauseSchema },
  recordUnresolvedCase: { schema: recordUnresolvedCaseSchema },
  answerUnresolvedCase: { schema: answerUnresolvedCaseSchema },
} as const;
