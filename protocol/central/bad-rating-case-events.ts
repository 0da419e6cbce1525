// What central checks in the hall's 差评 follow-up events (hall/domain/bad-rating-case-events.ts),
// joined into schema version 1 by ./events.ts. Tolerant readers, as there: required fields are
// the ones central reads (ids, levels, deadlines, outcomes); others pass through.
import { z } from 'zod';

const id = z.string().min(1).max(200);
const optionalId = id.nullable().optional();
const epochMs = z.number().int().nonnegative();
const stage = z.enum(['revisit', 'rectify']);

export const badRatingCaseSchemas: Record<string, z.ZodType<Record<string, unknown>>> = {
  bad_rating_case_opened: z.looseObject({
    caseId: id,
    code: id,
    ratingId: id,
    ticketId: id,
    number: z.string().nullable().optional(),
    matterId: id,
    counterId: id,
    staffId: optionalId,
    level: z.enum(['dissatisfied', 'very_dissatisfied']),
    ratedAt: epochMs,
    realName: z.boolean(),
    reasonTags: z.array(z.string().max(60)).max(20),
    revisitDueAt: epochMs,
    rectifyDueAt: epochMs,
  }),
  bad_rating_case_tagged: z.looseObject({ caseId: id, ratingId: id, reasonTags: z.array(z.string().max(60)).max(20) }),
  bad_rating_case_assigned: z.looseObject({ caseId: id, staffId: id, assignedBy: id }),
  bad_rating_case_revisited: z.looseObject({ caseId: id, staffId: id, method: z.enum(['phone', 'sms', 'in_person', 'visit']), late: z.boolean() }),
  bad_rating_case_resolved: z.looseObject({ caseId: id, staffId: id, resolution: z.enum(['rectified', 'explained']) }),
  bad_rating_case_returned: z.looseObject({ caseId: id, staffId: id }),
  bad_rating_case_appealed: z.looseObject({ caseId: id, counterId: id, staffId: optionalId }),
  bad_rating_case_appeal_decided: z.looseObject({ caseId: id, staffId: id, upheld: z.boolean() }),
  bad_rating_case_closed: z.looseObject({ caseId: id, ratingId: id, staffId: id, outcome: z.enum(['resolved', 'appeal_upheld']), late: z.boolean() }),
  bad_rating_case_warned: z.looseObject({ caseId: id, stage, dueAt: epochMs }),
  bad_rating_case_escalated: z.looseObject({ caseId: id, stage, dueAt: epochMs }),
};
