// The manager's reports (hall/reports/): the reply of GET /api/v1/admin/reports, shared with
// the renderer through hall/api/contract.ts. Plain types only (loaded by the browser).
// Times are in seconds; null when nothing was measured.

/** What a report's rows are grouped by. */
export type ReportDimension = 'queue' | 'matter' | 'counter' | 'staff' | 'day' | 'hour' | 'half_hour';
export const REPORT_DIMENSIONS: readonly ReportDimension[] = ['queue', 'matter', 'counter', 'staff', 'day', 'hour', 'half_hour'];

export interface DurationStatsDTO {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  max: number | null;
}

export interface ReportRowDTO {
  /** The group's id (queue, matter, counter, staff id, day "YYYY-MM-DD", hour "09" or half hour "09:30" of issue); "" for "none" (never called). */
  key: string;
  name: string;
  tickets: number;
  served: number;
  noShows: number;
  transfers: number;
  suspensions: number;
  /** Issue to the ticket's (last) call, over called tickets: measured, never an estimate. */
  wait: DurationStatsDTO;
  /** Start (or call) to finish, over served tickets. */
  service: DurationStatsDTO;
  /** The queue's waitTargetMinutes (queue rows only; the hall's strictest target on other rows: null). */
  waitTargetMinutes: number | null;
  /** Mean measured wait over the target; null when there is no target or no measured wait. */
  overTarget: boolean | null;
  /** Called tickets whose measured wait was over their own queue's target. */
  waitsOverTarget: number;
}

export interface ReportRatingsRowDTO {
  id: string;
  name: string;
  rated: number;
  /** 非常满意, 满意, 基本满意, 不满意, 非常不满意. */
  levels: number[];
  notRated: number;
  satisfaction: number | null;
}

export interface ReportCasesDTO {
  total: number;
  byStatus: Record<string, number>;
  revisit: { onTime: number; late: number; pending: number };
  rectify: { onTime: number; late: number; pending: number };
  onTimeRate: number | null;
}

export interface HallReportDTO {
  hallName: string;
  from: string;
  to: string;
  by: ReportDimension;
  /** When it was computed (ms). */
  at: number;
  rows: ReportRowDTO[];
  total: ReportRowDTO;
  /** From the 评价公示's one computation (hall/ratings/publication.ts): the hall, per counter, per matter. */
  ratings: { hall: ReportRatingsRowDTO; counters: ReportRatingsRowDTO[]; matters: ReportRatingsRowDTO[] };
  /** Satisfaction per service day of the period, each from the same computation (the ratings trend). */
  ratingTrend: { day: string; rated: number; satisfaction: number | null; bad: number; notRated: number }[];
  /** The queues' wait targets (minutes), for charts drawn against them. */
  waitTargets: { queueId: string; name: string; minutes: number }[];
  /** 差评 cases of the period (hall/cases/query.ts). */
  cases: ReportCasesDTO;
}

/** The hall wall dashboard's figures beyond GET /api/v1/hall (GET /api/v1/wall; docs/wall.md). */
export interface WallSummaryDTO {
  serviceDay: string;
  /** Tickets finished today. */
  served: number;
  /** Today's satisfaction from the 评价公示's computation (null: nobody rated yet). */
  satisfaction: number | null;
  rated: number;
  /** 差评 cases not closed (any day), and those of them past a deadline. */
  openCases: number;
  overdueCases: number;
  at: number;
}
