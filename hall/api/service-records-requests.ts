// Request schemas of the service-record routes (hall/api/routes/service-records.ts); shapes
// match hall/api/service-records-dto.ts, checked by requests.ts's requestBodies.
import { z } from 'zod';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const matterId = z.string().min(1).max(40);

export const openCaseSchema = z.object({ question: text(2, 300), matterId: matterId.optional(), withCurrentTicket: z.boolean().optional() }).strict();

export const handOverCaseSchema = z.object({ toCounterId: z.string().min(1).max(40), note: text(2, 200) }).strict();

export const acceptPendingSchema = z
  .object({
    /** Each missing material by name, 1–20 of them. */
    missing: z.array(text(2, 80)).min(1, 'name at least one missing material').max(20),
    workingDays: z.number().int().min(1).max(60).optional(),
    printAt: z.string().min(1).max(40).optional(),
  })
  .strict();

export const complaintSchema = z
  .object({
    category: z.enum(['attitude', 'efficiency', 'refused', 'environment', 'other']),
    content: text(5, 1000),
    contact: z.object({ name: text(1, 30).optional(), phone: z.string().regex(/^[0-9 -]{5,20}$/, 'a phone number is digits').optional() }).strict().optional(),
  })
  .strict();

export const complaintReplySchema = z.object({ reply: text(5, 1000) }).strict();

export const homeVisitSchema = z
  .object({
    matterId,
    reason: text(2, 300),
    contact: z.object({ name: text(1, 30), phone: z.string().regex(/^[0-9 -]{5,20}$/, 'a phone number is digits'), address: text(4, 200) }).strict(),
  })
  .strict();

export const homeVisitActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('schedule'), at: z.number().int().positive(), staffId: z.string().min(1).max(40) }).strict(),
  z.object({ action: z.literal('complete'), outcome: text(2, 300) }).strict(),
  z.object({ action: z.literal('cancel'), outcome: text(2, 300) }).strict(),
]);

export const assistSchema = z
  .object({
    staffNo: z.string().min(1).max(16),
    pin: z.string().min(1).max(32),
    matterId: matterId.optional(),
    number: z.string().trim().regex(/^[A-Za-z]{1,4}\s*\d{1,5}$/, 'a ticket number is a prefix and digits, e.g. A012').optional(),
    proxy: z.enum(['proxy_auth', 'proxy_handle']).optional(),
  })
  .strict()
  .refine((b) => b.matterId === undefined || b.number === undefined, { message: 'give matterId (take a ticket for it) or number (hold the visitor’s ticket), not both; neither: a ticket for the help-and-agency counter' });

export const counterAssistSchema = z.object({ kind: z.enum(['proxy_auth', 'proxy_handle']) }).strict();

const spec = <S extends z.ZodType>(schema: S): { schema: S } => ({ schema });
const empty = z.object({}).strict();

/** Joined into requests.ts's requestBodies (one line there). */
export const serviceRecordBodies = {
  caseOpen: spec(openCaseSchema),
  caseHandOver: spec(handOverCaseSchema),
  caseAcceptPending: spec(acceptPendingSchema),
  caseSupplied: spec(empty),
  caseAccept: spec(empty),
  caseComplete: spec(empty),
  kioskComplaint: spec(complaintSchema),
  counterComplaint: spec(complaintSchema),
  replyComplaint: spec(complaintReplySchema),
  kioskHomeVisit: spec(homeVisitSchema),
  counterHomeVisit: spec(homeVisitSchema),
  homeVisitAction: spec(homeVisitActionSchema),
  guideAssist: spec(assistSchema),
  counterAssist: spec(counterAssistSchema),
} as const;
