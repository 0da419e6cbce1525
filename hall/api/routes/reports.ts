// The manager's reports (docs/reports.md), on the LAN API:
//   GET /api/v1/admin/reports?from=&to=&by=            the report as JSON (HallReportDTO)
//   GET /api/v1/admin/reports/export?from=&to=&by=&format=csv|xlsx   the same report as a file
//   GET /api/v1/wall   the hall wall dashboard's figures (hall display terminal or admin; docs/wall.md)
// from/to: service days YYYY-MM-DD (default: this month so far); by: queue (default), matter,
// counter, staff, day, hour. A period covers at most 366 days.
// Access: an admin terminal with a staff session (contract.ts, enforced by the Router).
// Contract: SELECTs only; never changes the hall.
import { REPORT_DIMENSIONS, type ReportDimension } from '../reports-dto.js';
import { hallReport, type ReportQuery } from '../../reports/hall-report.js';
import { reportNamesOf } from '../../reports/names.js';
import { reportCsv, reportXlsx } from '../../reports/export.js';
import { wallSummary } from '../../reports/wall-summary.js';
import { MAX_PUBLICATION_DAYS } from '../../ratings/publication.js';
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import type { ApiDeps } from './deps.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function queryOf(url: URL, today: string): ReportQuery {
  const from = url.searchParams.get('from') ?? `${today.slice(0, 8)}01`;
  const to = url.searchParams.get('to') ?? today;
  const by = (url.searchParams.get('by') ?? 'queue') as ReportDimension;
  if (!DAY.test(from) || !DAY.test(to) || Number.isNaN(Date.parse(`${from}T00:00:00Z`)) || Number.isNaN(Date.parse(`${to}T00:00:00Z`))) {
    throw new ApiError(400, 'invalid_request', 'from and to are service days, YYYY-MM-DD');
  }
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (!(days >= 1 && days <= MAX_PUBLICATION_DAYS)) throw new ApiError(400, 'invalid_request', `from must not be after to, and a report covers at most ${MAX_PUBLICATION_DAYS} days`);
  if (!REPORT_DIMENSIONS.includes(by)) throw new ApiError(400, 'invalid_request', `by must be one of ${REPORT_DIMENSIONS.join(', ')}`);
  return { from, to, by };
}

export function reportRoutes(router: Router, deps: Pick<ApiDeps, 'config' | 'runtime' | 'now'>): void {
  const names = reportNamesOf(deps.config);
  const report = (url: URL) => hallReport(deps.runtime.db, names, queryOf(url, deps.runtime.state.serviceDay), deps.now());
  router.route('hallReport', (ctx) => report(ctx.url));
  router.route('wallSummary', () => wallSummary(deps.runtime.db, names, deps.runtime.state.serviceDay, deps.now()));
  router.route('hallReportExport', async (ctx) => {
    const format = ctx.url.searchParams.get('format') ?? 'xlsx';
    if (format !== 'csv' && format !== 'xlsx') throw new ApiError(400, 'invalid_request', 'format must be csv or xlsx');
    const r = report(ctx.url);
    const body = format === 'csv' ? Buffer.from(reportCsv(r), 'utf8') : await reportXlsx(r);
    const file = `report-${r.from}-${r.to}-${r.by}.${format}`;
    ctx.res.writeHead(200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${file}"`,
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    ctx.res.end(body);
    return { ok: true };
  });
}
