// Exports of a report: CSV (UTF-8 with a BOM so Excel opens the Chinese right) and XLSX
// (exceljs, a maintained library — no hand-written XML). Both carry the same table: one line
// per group and the total, then the ratings and the 差评 cases in XLSX's other sheets.
// Contract: the cells are the report's numbers as computed (hall-report.ts); durations in
// minutes with one decimal; empty cell for "nothing measured". The export test reads the XLSX
// back with exceljs and compares every cell with the report.
import ExcelJS from 'exceljs';
import type { DurationStatsDTO, HallReportDTO, ReportRowDTO } from '../api/reports-dto.js';

const DIMENSION_NAMES: Record<HallReportDTO['by'], string> = { queue: '队列', matter: '事项', counter: '窗口', staff: '工作人员', day: '日期', hour: '取号时段', half_hour: '取号半小时' };
const LEVEL_NAMES = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'];

const minutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 6) / 10);
const stats = (s: DurationStatsDTO) => [minutes(s.mean), minutes(s.p50), minutes(s.p90), minutes(s.max)];

/** The header of the main table, by the report's dimension. */
export function reportHeader(report: HallReportDTO): string[] {
  return [
    DIMENSION_NAMES[report.by],
    '取号数',
    '办结数',
    '过号数',
    '转窗数',
    '挂起数',
    '平均等候(分)',
    '等候中位数(分)',
    '等候P90(分)',
    '最长等候(分)',
    '超目标等候人数',
    '等候目标(分)',
    '平均办理(分)',
    '办理中位数(分)',
    '办理P90(分)',
    '最长办理(分)',
  ];
}

/** One line of the main table. */
export function reportLine(r: ReportRowDTO): (string | number | null)[] {
  return [r.name, r.tickets, r.served, r.noShows, r.transfers, r.suspensions, ...stats(r.wait), r.waitsOverTarget, r.waitTargetMinutes, ...stats(r.service)];
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function reportCsv(report: HallReportDTO): string {
  const lines = [
    [`${report.hallName} 服务报表`, `${report.from} 至 ${report.to}`],
    reportHeader(report),
    ...report.rows.map(reportLine),
    reportLine(report.total),
  ];
  return '\ufeff' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function reportXlsx(report: HallReportDTO): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'ServiceHall';
  book.created = new Date(report.at);
  const main = book.addWorksheet('服务报表');
  main.addRow([`${report.hallName} 服务报表`, `${report.from} 至 ${report.to}`]);
  main.addRow(reportHeader(report)).font = { bold: true };
  for (const r of report.rows) main.addRow(reportLine(r));
  main.addRow(reportLine(report.total)).font = { bold: true };
  main.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 12));
  const ratings = book.addWorksheet('满意度');
  ratings.addRow(['对象', '评价数', ...LEVEL_NAMES, '未评价', '满意率']).font = { bold: true };
  for (const r of [report.ratings.hall, ...report.ratings.counters, ...report.ratings.matters]) {
    ratings.addRow([r.name, r.rated, ...r.levels, r.notRated, r.satisfaction]);
  }
  const cases = book.addWorksheet('差评整改');
  const c = report.cases;
  cases.addRow(['差评件数', '待回访', '已回访', '已整改', '已说明', '申诉中', '已办结', '回访按时', '回访超时', '整改按时', '整改超时', '按时办结率']).font = { bold: true };
  cases.addRow([c.total, c.byStatus.opened ?? 0, c.byStatus.revisited ?? 0, c.byStatus.rectified ?? 0, c.byStatus.explained ?? 0, c.byStatus.appealed ?? 0, c.byStatus.closed ?? 0, c.revisit.onTime, c.revisit.late, c.rectify.onTime, c.rectify.late, c.onTimeRate]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
