// The 评价公示: satisfaction of a period per counter, per matter, for the self-service
// terminals and for the whole hall, published on the hall display and as a public page
// (002 第三十二条 评价结果应当公开; 004 第二十八条 向社会公布).
// Contract: ONE computation for every place that shows rating results (同源发布, domain.md):
// the public page, the hall display's rotating panel and the manager's reports call
// `ratingPublication`; nobody re-counts ratings elsewhere.
//   - rated: ratings with a level; not_rated (the visitor did not answer) is counted apart and
//     never as a level, so no satisfaction is invented;
//   - satisfaction = (非常满意 + 满意 + 基本满意) / rated; bad = 不满意 + 非常不满意;
//   - a rating belongs to the service day it was asked for (ratings.service_day);
//   - rows with nothing in the period are left out (the hall row is always there).
// Personal data: none (ratings carry no identity; staff are not named — counters are).
import type { Db } from '../store/db.js';
import { RATING_LEVELS, type RatingLevel } from '../domain/index.js';
import type { PublicationRowDTO, RatingPublicationDTO } from '../api/ratings-dto.js';

export interface PublicationNames {
  hallName: string;
  counters: readonly { id: string; number: number; name: string }[];
  matters: readonly { id: string; name: string }[];
}

/** The longest period one publication covers: a year of service days. */
export const MAX_PUBLICATION_DAYS = 366;

interface Tally {
  levels: [number, number, number, number, number];
  notRated: number;
}

const emptyTally = (): Tally => ({ levels: [0, 0, 0, 0, 0], notRated: 0 });

function row(id: string, name: string, t: Tally, counterNumber: number | null = null): PublicationRowDTO {
  const rated = t.levels.reduce((a, b) => a + b, 0);
  const good = t.levels[0] + t.levels[1] + t.levels[2];
  return { id, name, counterNumber, rated, levels: [...t.levels], satisfaction: rated ? good / rated : null, bad: t.levels[3] + t.levels[4], notRated: t.notRated };
}

/** Satisfaction of the service days `from`…`to` (inclusive, YYYY-MM-DD), computed at `at`. */
export function ratingPublication(db: Db, names: PublicationNames, from: string, to: string, at: number): RatingPublicationDTO {
  const rows = db
    .prepare(
      `SELECT counter_id AS place, matter_id AS matter, outcome, COUNT(*) AS n FROM ratings
       WHERE service_day BETWEEN ? AND ? AND outcome IS NOT NULL GROUP BY counter_id, matter_id, outcome`,
    )
    .all(from, to) as { place: string; matter: string; outcome: RatingLevel | 'not_rated'; n: number }[];
  const counterIds = new Set(names.counters.map((c) => c.id));
  const hall = emptyTally();
  const selfService = emptyTally();
  const byCounter = new Map<string, Tally>();
  const byMatter = new Map<string, Tally>();
  const tallyOf = (map: Map<string, Tally>, id: string) => map.get(id) ?? map.set(id, emptyTally()).get(id)!;
  for (const r of rows) {
    // A place that is not a counter is a 24-hour-zone terminal (hall/domain/decide-self-service.ts).
    const targets = [hall, counterIds.has(r.place) ? tallyOf(byCounter, r.place) : selfService, tallyOf(byMatter, r.matter)];
    const level = RATING_LEVELS.indexOf(r.outcome as RatingLevel);
    for (const t of targets) {
      if (level >= 0) t.levels[level as 0 | 1 | 2 | 3 | 4] += r.n;
      else t.notRated += r.n;
    }
  }
  const matterName = new Map(names.matters.map((m) => [m.id, m.name]));
  const selfServiceUsed = selfService.notRated + selfService.levels.reduce((a, b) => a + b, 0) > 0;
  return {
    hallName: names.hallName,
    from,
    to,
    at,
    hall: row('hall', names.hallName, hall),
    counters: [...names.counters]
      .sort((a, b) => a.number - b.number)
      .filter((c) => byCounter.has(c.id))
      .map((c) => row(c.id, c.name, byCounter.get(c.id)!, c.number)),
    matters: [...byMatter.entries()]
      .map(([id, t]) => row(id, matterName.get(id) ?? id, t))
      .sort((a, b) => b.rated - a.rated || a.id.localeCompare(b.id)),
    selfService: selfServiceUsed ? row('self_service', '', selfService) : null,
  };
}
