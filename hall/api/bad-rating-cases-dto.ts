// Replies and request bodies of the 差评 case routes (hall/api/routes/bad-rating-cases.ts,
// docs/bad-rating-cases.md). Loaded by the browser: types only.
import type { BadRatingCaseStatus, BadRatingLevel, RevisitMethod } from '../domain/bad-rating-case-events.js';

/** A stage's deadline at `now`: running (ok, warning, overdue) or finished (done, done_late). */
export type StageStateDTO = 'ok' | 'warning' | 'overdue' | 'done' | 'done_late';

/** One step of the hall's own record of the service, for 申诉复核. */
export interface EvidenceItemDTO {
  what: 'issued' | 'called' | 'recalled' | 'started' | 'transferred' | 'finished' | 'rating_requested' | 'rated';
  at: number;
  counterId: string | null;
  detail: string | null;
}

export interface BadRatingCaseDTO {
  id: string;
  code: string;
  ratingId: string;
  ticketId: string;
  ticketNumber: string | null;
  serviceDay: string;
  matterId: string;
  matterName: string;
  counterId: string;
  counterNumber: number | null;
  staffId: string | null;
  staffName: string | null;
  level: BadRatingLevel;
  source: string;
  ratedAt: number;
  realName: boolean;
  /** Tag codes and their labels. */
  reasonTags: { code: string; label: string }[];
  status: BadRatingCaseStatus;
  revisitDueAt: number;
  rectifyDueAt: number;
  revisitState: StageStateDTO;
  rectifyState: StageStateDTO;
  /** Who does the 回访 (the only one shown the contact). */
  assigneeStaffId: string | null;
  assigneeName: string | null;
  /** Whether a contact is on file; the contact itself only through caseContact, for the assignee. */
  hasContact: boolean;
  revisit: { staffId: string; staffName: string | null; method: RevisitMethod; visitorSaid: string; at: number } | null;
  resolution: { kind: 'rectified' | 'explained'; note: string; staffId: string; at: number } | null;
  appeal: { reason: string; counterId: string; staffId: string | null; at: number; evidence: EvidenceItemDTO[]; decisionNote: string | null } | null;
  closure: { outcome: 'resolved' | 'appeal_upheld'; note: string; staffId: string; at: number } | null;
  escalated: { revisit: boolean; rectify: boolean };
}

export interface BadRatingCasesDTO {
  now: number;
  warnBeforeHours: number;
  cases: BadRatingCaseDTO[];
  /** Staff the manager may name for a 回访. */
  staff: { id: string; name: string }[];
}

export interface ReasonTagsDTO {
  /** Null when no bad rating of this service awaits tags (not bad, not rated yet, or the window passed). */
  ratingId: string | null;
  tags: { code: string; label: string }[];
  /** Whether the screen may ask for a phone number for the 回访. */
  askContact: boolean;
}

export interface ReasonTagsRequest {
  tags: string[];
  /** The visitor's phone for the 回访, optional; sealed at once. */
  phone?: string;
}

export interface AssignCaseRequest {
  staffId: string;
  /** A phone for the 回访 when the visitor gave none (e.g. from the appointment); sealed at once. */
  phone?: string;
}

export interface RecordRevisitRequest {
  method: RevisitMethod;
  /** What the visitor said. */
  visitorSaid: string;
}

export interface ResolveCaseRequest {
  kind: 'rectified' | 'explained';
  /** The 整改 measures, or the documented 解释说明 of an unreasonable claim. */
  note: string;
}

export interface ReviewCaseRequest {
  approve: boolean;
  note: string;
}

export interface AppealCaseRequest {
  reason: string;
}

export interface DecideAppealRequest {
  upheld: boolean;
  note: string;
}

export interface CaseContactDTO {
  phone: string;
}
