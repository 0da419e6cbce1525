// The figures of the hall wall dashboard (大厅综合监管屏, docs/wall.md) that GET /api/v1/hall does
// not carry: served today, today's satisfaction (the 评价公示's one computation) and the 差评
// cases still open, with those past a deadline (hall/cases/query.ts's reading of deadlines).
// Contract: SELECTs only; no personal data (counts).
import type { Db } from '../store/db.js';
import type { WallSummaryDTO } from '../api/reports-dto.js';
import { ratingPublication, type PublicationNames } from '../ratings/publication.js';
import { badRatingCasesBetween } from '../cases/query.js';

export function wallSummary(db: Db, names: PublicationNames, serviceDay: string, now: number): WallSummaryDTO {
  const served = db.prepare("SELECT COUNT(*) FROM tickets WHERE service_day = ? AND status = 'finished'").pluck().get(serviceDay) as number;
  const hall = ratingPublication(db, names, serviceDay, serviceDay, now).hall;
  const open = badRatingCasesBetween(db, '0000-01-01', serviceDay).filter((c) => c.status !== 'closed');
  const overdue = open.filter((c) => (c.revisitedAt === null && now > c.revisitDueAt) || now > c.rectifyDueAt);
  return { serviceDay, served, satisfaction: hall.satisfaction, rated: hall.rated, openCases: open.length, overdueCases: overdue.length, at: now };
}
