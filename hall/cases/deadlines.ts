// Deadlines of a 差评 case (docs/bad-rating-cases.md), pure. Both run from the rating's time:
//   - 回访核实: `revisit.hours` after the rating, or — for a real-name rating, when the
//     jurisdiction sets `revisit.realNameWorkingDays` — the close of the Nth working day after
//     the rating's date (002 第三十二条 "一个工作日内");
//   - 整改: the close of the Nth natural day after the rating's date, or of the Nth working day
//     (hall calendar: holidays and 调休 make-up days), the rating's own day never counted.
// Each stage is warned `warnBeforeHours` before its deadline and escalated at it, once each.
import type { DayRule } from '../domain/index.js';
import type { HallCalendar } from '../domain/calendar/index.js';
import { promisedDueAt, workingDaysDeadline, limitState, type LimitState } from '../domain/service-deadlines.js';
import type { BadRatingCasesConfig } from '../config/bad-rating-cases-schema.js';

export interface CaseDeadlines {
  revisitDueAt: number;
  rectifyDueAt: number;
}

export function caseDeadlines(ratedAt: number, realName: boolean, settings: Pick<BadRatingCasesConfig, 'revisit' | 'rectify'>, calendar: HallCalendar | null, rule: DayRule): CaseDeadlines {
  const { revisit, rectify } = settings;
  const revisitDueAt =
    realName && revisit.realNameWorkingDays !== null ? workingDaysDeadline(ratedAt, revisit.realNameWorkingDays, calendar, rule) : ratedAt + revisit.hours * 3_600_000;
  return { revisitDueAt, rectifyDueAt: promisedDueAt({ value: rectify.value, unit: rectify.unit }, ratedAt, calendar, rule) };
}

/** A stage still running (not yet done) is ok, warning or overdue at `now`; a finished one is `done`. */
export function stageState(dueAt: number, doneAt: number | null, now: number, warnBeforeMs: number): LimitState | 'done' | 'done_late' {
  if (doneAt !== null) return doneAt <= dueAt ? 'done' : 'done_late';
  return limitState(dueAt, now, warnBeforeMs);
}
