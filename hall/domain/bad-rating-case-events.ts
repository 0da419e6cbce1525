// 差评 follow-up events (issue 15, docs/bad-rating-cases.md): every step of a bad-rating case,
// recorded by hall/cases/ with the case's row in one transaction, in the same outbox as the
// engine's events (to terminals and to central, which accepts them: protocol/central/events.ts).
// The engine never emits them.
// Contract: payloads never carry identity data nor free text (the visitor's contact, what the
// visitor said at the 回访, the 整改 measures and the review notes stay in the hall's table);
// reason tags are indicator codes from the published list.
// Danger: central checks these fields; renaming or removing one makes old events unreadable there.
import type { CounterId, MatterId, StaffId, TicketId } from './types.js';

export type BadRatingLevel = 'dissatisfied' | 'very_dissatisfied';
/** Where a case stands (opened → revisited → rectified | explained → closed; appealed from opened or revisited). */
export type BadRatingCaseStatus = 'opened' | 'revisited' | 'rectified' | 'explained' | 'appealed' | 'closed';
/** The two legal deadlines: 回访核实 and 整改 (closure by the manager ends the second). */
export type BadRatingStage = 'revisit' | 'rectify';
export type RevisitMethod = 'phone' | 'sms' | 'in_person' | 'visit';

export type BadRatingCaseEvent =
  | {
      type: 'bad_rating_case_opened';
      caseId: string;
      code: string;
      ratingId: string;
      ticketId: TicketId;
      number: string | null;
      matterId: MatterId;
      counterId: CounterId;
      staffId: StaffId | null;
      level: BadRatingLevel;
      ratedAt: number;
      realName: boolean;
      reasonTags: string[];
      revisitDueAt: number;
      rectifyDueAt: number;
    }
  /** The visitor's reason tags, given after the rating (pad or screen). */
  | { type: 'bad_rating_case_tagged'; caseId: string; ratingId: string; reasonTags: string[] }
  /** The manager names who does the 回访 (the only one shown the visitor's contact). */
  | { type: 'bad_rating_case_assigned'; caseId: string; staffId: StaffId; assignedBy: StaffId }
  | { type: 'bad_rating_case_revisited'; caseId: string; staffId: StaffId; method: RevisitMethod; late: boolean }
  | { type: 'bad_rating_case_resolved'; caseId: string; staffId: StaffId; resolution: 'rectified' | 'explained' }
  /** The manager did not accept the 整改 or 解释说明: back to revisited. */
  | { type: 'bad_rating_case_returned'; caseId: string; staffId: StaffId }
  | { type: 'bad_rating_case_appealed'; caseId: string; counterId: CounterId; staffId: StaffId | null }
  | { type: 'bad_rating_case_appeal_decided'; caseId: string; staffId: StaffId; upheld: boolean }
  | { type: 'bad_rating_case_closed'; caseId: string; ratingId: string; staffId: StaffId; outcome: 'resolved' | 'appeal_upheld'; late: boolean }
  | { type: 'bad_rating_case_warned'; caseId: string; stage: BadRatingStage; dueAt: number }
  | { type: 'bad_rating_case_escalated'; caseId: string; stage: BadRatingStage; dueAt: number };

export type BadRatingCaseEventType = BadRatingCaseEvent['type'];
